"""The `communesplone` CLI, offline and against a running instance."""

from clihelpers import cli
from clihelpers import served
from communesplone.core.instance import Instance
from communesplone.testing import second_commune_profile
from ports import free_port

import json
import pytest
import requests


PASSWORD = "operateur-de-test"


def write_profile(folder, site_id, **changes):
    profile = second_commune_profile() | {"site_id": site_id} | changes
    path = folder / f"{site_id}.json"
    path.write_text(json.dumps(profile), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    return tmp_path_factory.mktemp("cli")


@pytest.fixture(scope="module")
def home(workdir):
    return workdir / "instance"


class TestOffline:
    def test_bad_profile_is_refused_before_touching_the_database(self, workdir, home):
        profile = write_profile(workdir, "refusee", nis_code="ABCDE")
        result = cli(home, "sites", "create", "refusee", "--profile", str(profile))
        assert result.returncode == 2
        assert "Le profil de commune est refusé" in result.stderr
        assert "le code INS compte exactement cinq chiffres" in result.stderr
        assert not (home / "filestorage" / "Data.fs").exists()

    def test_list_without_database(self, home):
        result = cli(home, "sites", "list")
        assert result.returncode == 1
        assert "aucune base de données" in result.stderr

    def test_create_then_list(self, workdir, home):
        profile = write_profile(workdir, "premiere")
        result = cli(home, "sites", "create", "premiere", "--profile", str(profile))
        assert result.returncode == 0, result.stderr
        assert "1/3 Vérification du profil" in result.stdout
        assert "Site « premiere » créé" in result.stdout
        listing = cli(home, "sites", "list", "--json")
        assert listing.returncode == 0, listing.stderr
        items = json.loads(listing.stdout)
        assert [(i["id"], i["nis_code"], i["installed"]) for i in items] == [
            ("premiere", "93098", True)
        ]

    def test_same_id_twice_is_refused(self, workdir, home):
        profile = write_profile(workdir, "premiere")
        result = cli(home, "sites", "create", "premiere", "--profile", str(profile))
        assert result.returncode == 2
        assert "un site « premiere » existe déjà" in result.stderr

    def test_upgrade_needs_a_target(self, home):
        result = cli(home, "sites", "upgrade")
        assert result.returncode == 1
        assert "indiquez soit des identifiants de sites, soit --all" in result.stderr

    def test_daily_offline(self, home):
        result = cli(home, "sites", "daily", "premiere")
        assert result.returncode == 0, result.stderr
        assert "premiere: communesplone.core.assembly-groups" in result.stdout

    def test_upgrade_all_offline(self, home):
        result = cli(home, "sites", "upgrade", "--all")
        assert result.returncode == 0, result.stderr
        assert "premiere: communesplone:default 20261128001 → 20261128001" in result.stdout


@pytest.fixture(scope="module")
def running(home):
    """The instance of TestOffline, served by a real Zope process."""
    with served(Instance(home=home, port=free_port()), PASSWORD) as instance:
        yield instance


class TestAgainstRunningInstance:
    def test_instance_holds_the_lock(self, running):
        assert running.is_locked()

    def test_list_reads_beside_the_running_instance(self, running):
        result = cli(running.home, "sites", "list")
        assert result.returncode == 0, result.stderr
        assert "premiere" in result.stdout and "INS 93098" in result.stdout

    def test_writing_without_credentials_says_what_to_set(self, workdir, running):
        profile = write_profile(workdir, "seconde")
        result = cli(running.home, "sites", "create", "seconde", "--profile", str(profile))
        assert result.returncode == 1
        assert "COMMUNESPLONE_ADMIN_PASSWORD" in result.stderr

    def test_wrong_credentials(self, workdir, running):
        profile = write_profile(workdir, "seconde")
        env = {"COMMUNESPLONE_ADMIN_PASSWORD": "faux", "COMMUNESPLONE_URL": running.url}
        result = cli(running.home, "sites", "create", "seconde", "--profile", str(profile), env=env)
        assert result.returncode == 1
        assert "identifiants de l'opérateur refusés" in result.stderr

    def test_create_through_the_instance(self, workdir, running):
        profile = write_profile(workdir, "seconde", nis_code="93096")
        env = {"COMMUNESPLONE_ADMIN_PASSWORD": PASSWORD, "COMMUNESPLONE_URL": running.url}
        result = cli(running.home, "sites", "create", "seconde", "--profile", str(profile), env=env)
        assert result.returncode == 0, result.stderr
        assert f"L'instance tourne : création par {running.url}" in result.stdout
        page = requests.get(f"{running.url}/seconde", timeout=30)
        assert page.status_code == 200
        assert "Commune d&#x27;Autreville" in page.text or "Commune d'Autreville" in page.text

    def test_upgrade_through_the_instance(self, running):
        env = {"COMMUNESPLONE_ADMIN_PASSWORD": PASSWORD, "COMMUNESPLONE_URL": running.url}
        result = cli(running.home, "sites", "upgrade", "--all", env=env)
        assert result.returncode == 0, result.stderr
        assert "2 site(s) mis à jour." in result.stdout
        unknown = cli(running.home, "sites", "upgrade", "nulle-part", env=env)
        assert unknown.returncode == 1
        assert "Aucun site « nulle-part »" in unknown.stderr


def test_daily_tasks_through_the_instance(running):
    env = {"COMMUNESPLONE_ADMIN_PASSWORD": PASSWORD, "COMMUNESPLONE_URL": running.url}
    result = cli(running.home, "sites", "daily", "--all", env=env)
    assert result.returncode == 0, result.stderr
    assert "premiere: communesplone.core.assembly-groups: college: 0, council: 0" in result.stdout
    assert "2 site(s) traité(s)." in result.stdout
