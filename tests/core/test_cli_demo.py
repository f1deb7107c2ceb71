"""The demo commune made by the command line, offline and where no LibreOffice runs.

The command runs as Zope's system user, whom no workflow guard knows: the demo's
meetings, permits and PST are written by a Manager of the site made for the time of
the creation (core/tenants/distribution.py), and the meetings are closed without their
archived minutes.
"""

from clihelpers import BIN
from clihelpers import cli
from communesplone.core.tenants.profile import demo_profile_path
from ports import free_port

import json
import os
import subprocess


# Reads the new site offline (read-only) and prints what the test checks, as JSON.
READ_DEMO = """
import json
import sys
from communesplone.core.instance import Instance
from communesplone.core.zopeapp import zope_app

instance = Instance.from_environment(sys.argv[1])
instance.configure()
with zope_app(instance, read_only=True) as app:
    site = app["valmont"]
    catalog = site.portal_catalog
    workflow = site.portal_workflow

    def count(**query):
        return len(catalog.unrestrictedSearchResults(**query))

    closed = catalog.unrestrictedSearchResults(portal_type="Meeting", review_state="closed")
    print(json.dumps({
        "meetings": {
            state: count(portal_type="Meeting", review_state=state)
            for state in ("created", "frozen", "decided", "closed")
        },
        "closing_comments": [
            workflow.getInfoFor(brain._unrestrictedGetObject(), "review_history")[-1]["comments"]
            for brain in closed
        ],
        "permits": count(portal_type="Permit"),
        "mails": count(portal_type="IncomingMail"),
        "users": sorted(site.acl_users.source_users.getUserIds()),
        "managers": [
            principal
            for principal, _title in site.acl_users.portal_role_manager.listAssignedPrincipals(
                "Manager"
            )
        ],
    }))
"""


def test_the_demo_commune_is_created_offline_without_libreoffice(tmp_path):
    home = tmp_path / "instance"
    nobody_listens = {"OO_PORT": str(free_port())}

    result = cli(
        home,
        "sites",
        "create",
        "valmont",
        "--profile",
        str(demo_profile_path()),
        env=nobody_listens,
    )

    assert result.returncode == 0, result.stderr[-3000:]
    assert "Site « valmont » créé" in result.stdout
    # The environment the CLI had (clihelpers.cli): no instance named by a variable.
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("COMMUNESPLONE_") and key != "INSTANCE_HOME"
    }
    read = subprocess.run(
        [str(BIN / "python"), "-c", READ_DEMO, str(home)],
        capture_output=True,
        text=True,
        timeout=300,
        env=environment,
    )
    assert read.returncode == 0, read.stderr[-3000:]
    demo = json.loads(read.stdout.strip().splitlines()[-1])
    assert demo["meetings"] == {"created": 2, "frozen": 1, "decided": 1, "closed": 2}
    assert (
        demo["closing_comments"]
        == ["Clôturée sans procès-verbal archivé : données de démonstration"] * 2
    )
    assert demo["permits"] > 0 and demo["mails"] > 0
    # The demo's author is gone; the demo users are there.
    assert "communesplone-demo" not in demo["users"]
    assert {"admin", "secretariat", "courrier"} <= set(demo["users"])
    assert demo["managers"] == ["Administrators"]
