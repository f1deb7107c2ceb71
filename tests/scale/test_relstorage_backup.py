"""RelStorage: pg_dump backs up the whole database (blobs included), pg_restore brings the
earlier state back."""

from clihelpers import cli
from communesplone.testing import second_commune_profile

import json


def test_backup_change_restore_on_postgresql(postgres, tmp_path):
    env = {"COMMUNESPLONE_STORAGE": "relstorage", "COMMUNESPLONE_RELSTORAGE_DSN": postgres}
    home = tmp_path / "instance"

    def create(site_id):
        profile = tmp_path / f"{site_id}.json"
        profile.write_text(json.dumps(second_commune_profile() | {"site_id": site_id}))
        result = cli(home, "sites", "create", site_id, "--profile", str(profile), env=env)
        assert result.returncode == 0, result.stderr

    def site_ids():
        listing = cli(home, "sites", "list", "--json", env=env)
        assert listing.returncode == 0, listing.stderr
        return {item["id"] for item in json.loads(listing.stdout)}

    create("sauvee")
    before = site_ids()
    saved = cli(home, "backup", str(tmp_path / "sauvegardes"), env=env)
    assert saved.returncode == 0, saved.stderr
    assert len(list((tmp_path / "sauvegardes").glob("relstorage-*.dump"))) == 1
    create("ajoutee")
    assert site_ids() == before | {"ajoutee"}

    restored = cli(home, "restore", str(tmp_path / "sauvegardes"), "--yes", env=env)
    assert restored.returncode == 0, restored.stderr
    assert site_ids() == before
