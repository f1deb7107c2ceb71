"""Back up a FileStorage instance, change it, restore it: the earlier state comes back,
blobs included; a running instance is not restored under its feet."""

from clihelpers import cli
from communesplone.testing import second_commune_profile

import json
import pytest


def write_profile(folder, site_id):
    path = folder / f"{site_id}.json"
    path.write_text(json.dumps(second_commune_profile() | {"site_id": site_id}))
    return path


def site_ids(home) -> list[str]:
    listing = cli(home, "sites", "list", "--json")
    assert listing.returncode == 0, listing.stderr
    return [item["id"] for item in json.loads(listing.stdout)]


def blob_files(home) -> set[str]:
    root = home / "blobstorage"
    return {str(path.relative_to(root)) for path in root.rglob("*.blob")}


@pytest.fixture(scope="module")
def instance_home(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("backup")
    home = workdir / "instance"
    created = cli(
        home, "sites", "create", "avant", "--profile", str(write_profile(workdir, "avant"))
    )
    assert created.returncode == 0, created.stderr
    return workdir, home


def test_backup_change_restore(instance_home):
    workdir, home = instance_home
    backups = workdir / "sauvegardes"
    blobs_before = blob_files(home)
    assert blobs_before  # the site's document templates are blobs

    saved = cli(home, "backup", str(backups))
    assert saved.returncode == 0, saved.stderr
    assert list((backups / "filestorage").glob("*.fsz"))  # repozo's full backup, gzipped
    assert len(list(backups.glob("blobs-*.tar.gz"))) == 1

    changed = cli(
        home, "sites", "create", "apres", "--profile", str(write_profile(workdir, "apres"))
    )
    assert changed.returncode == 0, changed.stderr
    assert site_ids(home) == ["avant", "apres"]
    assert blob_files(home) > blobs_before

    refused = cli(home, "restore", str(backups))  # no --yes, and nobody answers
    assert refused.returncode != 0
    assert site_ids(home) == ["avant", "apres"]

    restored = cli(home, "restore", str(backups), "--yes")
    assert restored.returncode == 0, restored.stderr
    assert site_ids(home) == ["avant"]
    assert blob_files(home) == blobs_before


def test_restore_without_a_backup_changes_nothing(instance_home, tmp_path):
    _workdir, home = instance_home
    before = site_ids(home)
    result = cli(home, "restore", str(tmp_path), "--yes")
    assert result.returncode == 1
    assert "aucune sauvegarde complète" in result.stderr
    assert site_ids(home) == before
