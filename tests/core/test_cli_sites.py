"""The operator's `communesplone sites …`: versions and sizes in the listing, an upgrade
that goes on past a failing commune, removal, export and import of a commune; offline,
then beside a running instance.

Two communes are created once for the module (each creation takes some twenty seconds);
the tests then run in order on them, as an operator would.
"""

from clihelpers import BIN
from clihelpers import cli
from clihelpers import served
from communesplone.core.instance import Instance
from communesplone.testing import second_commune_profile
from ports import free_port

import json
import os
import pytest
import requests
import subprocess
import textwrap


PASSWORD = "operateur-de-test"


# Opens the instance like the CLI does and runs the code read on stdin with `app`.
IN_INSTANCE = """
import sys
from communesplone.core.instance import Instance
from communesplone.core.zopeapp import zope_app

instance = Instance.from_environment(sys.argv[1])
instance.configure()
with zope_app(instance) as app:
    exec(sys.stdin.read())
"""

# The CLI with one upgrade step of the core failing on the site `seconde`, after it
# changed the site's title: the step is the handler the ZCML registered, patched before
# Zope loads it.
FAILING_UPGRADE = """
import sys
from communesplone.core import upgrades

real = upgrades.import_actions


def import_actions(context):
    site = context.aq_parent
    if site.getId() == "seconde":
        site.setTitle("Titre à jeter")
        raise RuntimeError("étape de mise à jour en échec")
    return real(context)


upgrades.import_actions = import_actions

from communesplone.core.cli import main

main(["--instance", sys.argv[1], "sites", "upgrade", "--all"])
"""


def run(*command, stdin=None):
    """A process of the venv in the environment `clihelpers.cli` gives the CLI."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("COMMUNESPLONE_") and key != "INSTANCE_HOME"
    }
    return subprocess.run(
        [str(item) for item in command],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        env=environment,
    )


def in_instance(home, code: str) -> str:
    """Run `code` against the instance's database (offline); return its output."""
    result = run(BIN / "python", "-c", IN_INSTANCE, home, stdin=textwrap.dedent(code))
    assert result.returncode == 0, result.stderr
    return result.stdout


def listing(home) -> dict:
    result = cli(home, "sites", "list", "--json")
    assert result.returncode == 0, result.stderr
    return {item["id"]: item for item in json.loads(result.stdout)}


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    return tmp_path_factory.mktemp("cli-sites")


@pytest.fixture(scope="module")
def home(workdir):
    """An instance with two new, non-demo communes: `premiere` and `seconde`."""
    home = workdir / "instance"
    for site_id, nis_code in (("premiere", "93098"), ("seconde", "93096")):
        profile = workdir / f"{site_id}.json"
        answers = second_commune_profile() | {"site_id": site_id, "nis_code": nis_code}
        profile.write_text(json.dumps(answers), encoding="utf-8")
        result = cli(home, "sites", "create", site_id, "--profile", str(profile))
        assert result.returncode == 0, result.stderr
    return home


def test_list_shows_versions_and_sizes(home):
    items = listing(home)
    premiere = items["premiere"]
    suite = premiere["profiles"]["communesplone:default"]
    assert suite["installed"] == suite["available"]
    assert suite["pending"] == 0
    assert "communesplone.mail:default" in premiere["profiles"]
    assert premiere["objects"] > 10
    assert "blobs" not in premiere

    text = cli(home, "sites", "list", "--blobs")
    assert text.returncode == 0, text.stderr
    assert f"— {premiere['objects']} objet(s), " in text.stdout
    assert " fichier(s), " in text.stdout
    assert f"communesplone {suite['installed']} · core " in text.stdout


def test_export_then_import_into_a_new_site(home, workdir):
    created = in_instance(
        home,
        """
        import datetime
        import transaction
        from plone import api
        from plone.dexterity.utils import createContentInContainer
        from zope.component.hooks import setSite

        site = app["premiere"]
        setSite(site)
        folder = api.content.create(container=site, type="Folder", id="dossier", title="Dossier")
        note = api.content.create(container=folder, type="Document", id="note", title="Note")
        for title in ("Première demande", "Deuxième demande"):
            mail = createContentInContainer(
                site["courrier"], "IncomingMail", checkConstraints=False, title=title,
                reception_date=datetime.date.today(),
            )
        transaction.commit()
        print(note.UID(), mail.getId(), mail.UID(), mail.reference)
        """,
    )
    note_uid, mail_id, mail_uid, reference = created.split()
    assert reference.endswith("/000002")
    export = workdir / "export-premiere"

    exported = cli(home, "sites", "export", "premiere", str(export))
    assert exported.returncode == 0, exported.stderr
    assert f"Site « premiere » exporté dans {export} : " in exported.stdout
    assert "1 compteur(s)" in exported.stdout
    assert (export / "communesplone.json").is_file()
    manifest = json.loads((export / "communesplone.json").read_text(encoding="utf-8"))
    assert list(manifest["counters"].values()) == [2]
    assert manifest["registry"]["communesplone.commune.nis_code"] == "93098"
    assert manifest["lost"] == {}

    imported = cli(home, "sites", "import", "seconde", str(export))
    assert imported.returncode == 0, imported.stderr
    assert "Site « seconde » : " in imported.stdout
    assert "depuis « premiere »" in imported.stdout

    checked = in_instance(
        home,
        f"""
        import datetime
        from plone.dexterity.utils import createContentInContainer
        from zope.component.hooks import setSite

        site = app["seconde"]
        setSite(site)
        mail = site["courrier"]["{mail_id}"]
        print(site["dossier"]["note"].UID(), mail.UID(), mail.reference)
        print(site.portal_registry["communesplone.commune.nis_code"])
        following = createContentInContainer(
            site["courrier"], "IncomingMail", checkConstraints=False, title="Suivante",
            reception_date=datetime.date.today(),
        )
        print(following.reference)
        """,
    )
    same, nis_code, following = checked.strip().splitlines()
    assert same.split() == [note_uid, mail_uid, reference]
    assert nis_code == "93098"
    assert following == reference.replace("/000002", "/000003")


def test_import_only_into_a_site_that_gave_no_number(home, workdir):
    again = cli(home, "sites", "import", "seconde", str(workdir / "export-premiere"))
    assert again.returncode == 1
    assert "« seconde » a déjà donné des numéros d'enregistrement" in again.stderr
    not_an_export = cli(home, "sites", "import", "seconde", str(workdir))
    assert not_an_export.returncode == 1
    assert "n'est pas un export de commune" in not_an_export.stderr


def test_upgrade_goes_on_past_a_failing_site(home):
    in_instance(
        home,
        """
        import transaction

        for site_id in ("premiere", "seconde"):
            app[site_id].portal_setup.setLastVersionForProfile(
                "communesplone.core:default", "20261128002"
            )
        transaction.commit()
        """,
    )
    assert listing(home)["seconde"]["pending_upgrades"] == 1

    result = run(BIN / "python", "-c", FAILING_UPGRADE, home)
    assert result.returncode == 1
    assert "premiere: communesplone.core:default 20261128002 → 20261128003" in result.stdout
    assert "1 site(s) mis à jour, 1 en échec :" in result.stderr
    assert "  - seconde : RuntimeError : étape de mise à jour en échec" in result.stderr
    items = listing(home)
    assert items["premiere"]["pending_upgrades"] == 0
    # The failing site's transaction was aborted: its title is back, its step pending.
    assert items["seconde"]["pending_upgrades"] == 1
    assert items["seconde"]["title"] == items["premiere"]["title"]


def test_remove_asks_first(home):
    answered_no = run(
        BIN / "communesplone", "--instance", home, "sites", "remove", "seconde", stdin="n\n"
    )
    assert answered_no.returncode == 1
    assert "Supprimer définitivement le site « seconde » (Commune d'Autreville)" in (
        answered_no.stdout
    )
    assert "Rien n'a été supprimé." in answered_no.stdout
    assert "seconde" in listing(home)


def test_remove_with_yes(home):
    removed = cli(home, "sites", "remove", "seconde", "--yes")
    assert removed.returncode == 0, removed.stderr
    assert "Site « seconde » (Commune d'Autreville) supprimé." in removed.stdout
    assert list(listing(home)) == ["premiere"]


def test_remove_an_unknown_site(home):
    result = cli(home, "sites", "remove", "nulle-part", "--yes")
    assert result.returncode == 1
    assert "aucun site « nulle-part » dans cette instance" in result.stderr


@pytest.fixture(scope="module")
def running(home):
    """The same instance served by a Zope process: the database is its alone."""
    with served(Instance(home=home, port=free_port()), PASSWORD) as instance:
        yield instance


def test_export_beside_the_running_instance(running, workdir):
    export = workdir / "export-running"
    result = cli(running.home, "sites", "export", "premiere", str(export))
    assert result.returncode == 0, result.stderr
    assert (export / "communesplone.json").is_file()


def test_import_waits_for_the_instance_to_stop(running, workdir):
    result = cli(running.home, "sites", "import", "premiere", str(workdir / "export-running"))
    assert result.returncode == 1
    assert "arrêtez l'instance, importez, puis redémarrez-la" in result.stderr


def test_remove_through_the_running_instance(running):
    env = {"COMMUNESPLONE_ADMIN_PASSWORD": PASSWORD, "COMMUNESPLONE_URL": running.url}
    removed = cli(running.home, "sites", "remove", "premiere", "--yes", env=env)
    assert removed.returncode == 0, removed.stderr
    assert "Site « premiere » (Commune d'Autreville) supprimé." in removed.stdout
    assert requests.get(f"{running.url}/premiere", timeout=30).status_code == 404
    assert listing(running.home) == {}
