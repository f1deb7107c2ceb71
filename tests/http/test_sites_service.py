"""The operator's services on the Zope root: an upgrade that reports a failing commune
and commits the others, removal of a commune; and a commune moved whole by export and
import (the demo commune, with every module's content, into a new site)."""

from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.users import system
from Acquisition import aq_base
from apiexamples import record_example
from communesplone.core import notifications
from communesplone.core import numbering
from communesplone.core.tenants import sites
from communesplone.core.tenants import transfer
from communesplone.core.tenants.attributes import carried
from communesplone.core.tenants.attributes import state
from communesplone.testing import second_commune_profile
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.base.interfaces import IPloneSiteRoot
from zope.component.hooks import setSite

import requests
import transaction


OPERATOR = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)


def call(method, url, payload=None, auth=OPERATOR):
    return requests.request(
        method,
        url,
        json=payload,
        auth=auth,
        headers={"Accept": "application/json"},
        timeout=300,
    )


def test_upgrade_reports_a_failing_site_and_commits_the_others(server, tenants, monkeypatch):
    real = sites.upgrade_site

    def upgrade_site(site):
        site.setDescription("Passé par la mise à jour")
        if site.getId() == "autreville":
            raise RuntimeError("étape de mise à jour en échec")
        return real(site)

    monkeypatch.setattr(sites, "upgrade_site", upgrade_site)
    response = call("POST", f"{server}/@commune-sites-upgrade", {"all": True})
    assert response.status_code == 200, response.text
    body = response.json()
    assert sorted(item["id"] for item in body["items"]) == ["plone", "valmont"]
    assert body["failures"] == [
        {"id": "autreville", "error": "RuntimeError : étape de mise à jour en échec"}
    ]
    transaction.begin()  # see what the server committed
    app = tenants["app"]
    assert app["valmont"].Description() == "Passé par la mise à jour"
    assert app["autreville"].Description() != "Passé par la mise à jour"


def test_listing_tells_versions_and_sizes(server):
    response = call("GET", f"{server}/@commune-sites")
    assert response.status_code == 200
    valmont = [item for item in response.json()["items"] if item["id"] == "valmont"][0]
    assert valmont["profiles"]["communesplone.mail:default"]["pending"] == 0
    assert valmont["objects"] > 500
    with_blobs = call("GET", f"{server}/@commune-sites?blobs=1")
    record_example("sites-list", with_blobs)
    with_blobs = with_blobs.json()["items"]
    assert all(item["blobs"]["files"] >= 1 for item in with_blobs if item["id"] != "plone")


def test_operator_removes_a_commune(server, tenants):
    anonymous = call("DELETE", f"{server}/@commune-sites/autreville", auth=None)
    assert anonymous.status_code == 401
    local_admin = call("DELETE", f"{server}/@commune-sites/autreville", auth=("admin", "demodemo"))
    assert local_admin.status_code == 401
    unknown = call("DELETE", f"{server}/@commune-sites/nulle-part")
    assert unknown.status_code == 404
    record_example("sites-delete-unknown", unknown)
    assert unknown.json()["message"] == "Aucun site « nulle-part » dans cette instance."

    removed = call("DELETE", f"{server}/@commune-sites/autreville")
    assert removed.status_code == 204, removed.text
    record_example("sites-delete", removed)
    transaction.begin()
    assert "autreville" not in tenants["app"].objectIds()
    assert "valmont" in tenants["app"].objectIds()


def test_operator_creates_a_commune_then_upgrades_it_and_runs_its_day(server, tenants, mailbox):
    """`mailbox`: whatever the demo commune's reminders send is recorded, never sent."""
    profile = second_commune_profile() | {
        "site_id": "bellecombe",
        "title": "Commune de Bellecombe",
        "commune_name": "Bellecombe",
        "nis_code": "93097",
    }
    refused = call("POST", f"{server}/@commune-sites", profile | {"nis_code": "12"})
    assert refused.status_code == 400
    record_example("sites-create-refused", refused)
    assert refused.json()["errors"] == [
        "« nis_code » (Code INS (NIS)) : le code INS compte exactement cinq chiffres."
    ]
    created = call("POST", f"{server}/@commune-sites", profile)
    assert created.status_code == 201, created.text
    record_example("sites-create", created)
    assert created.headers["Location"] == f"{server}/bellecombe"
    assert (created.json()["id"], created.json()["pending_upgrades"]) == ("bellecombe", 0)

    upgraded = call("POST", f"{server}/@commune-sites-upgrade", {"sites": ["bellecombe"]})
    assert upgraded.status_code == 200, upgraded.text
    record_example("sites-upgrade", upgraded)
    assert [item["id"] for item in upgraded.json()["items"]] == ["bellecombe"]
    assert upgraded.json()["failures"] == []

    daily = call("POST", f"{server}/@commune-sites-daily", {"sites": ["bellecombe"]})
    assert daily.status_code == 200, daily.text
    record_example("sites-daily", daily)
    (done,) = daily.json()["items"]
    assert done["id"] == "bellecombe"
    assert done["tasks"]["communesplone.mail.deadlines"] == "0 rappel(s), 0 escalade(s)"

    mail = call("POST", f"{server}/@commune-mail-daily", {"sites": ["valmont"]})
    assert mail.status_code == 200, mail.text
    record_example("mail-daily", mail)
    (done,) = mail.json()["items"]
    assert done["id"] == "valmont" and done["reminders"] > 0
    assert mail.json()["failures"] == []


def _stored(site) -> dict:
    """Every catalogued object's stored attributes, by path in the site."""
    prefix = len("/".join(site.getPhysicalPath()))
    found = {}
    for brain in site.portal_catalog.unrestrictedSearchResults(
        path="/".join(site.getPhysicalPath())
    ):
        obj = brain._unrestrictedGetObject()
        if IPloneSiteRoot.providedBy(obj):
            continue
        found[brain.getPath()[prefix:]] = (brain.UID, obj)
    return found


def _counted(site, index) -> dict:
    catalog = site.portal_catalog
    path = "/".join(site.getPhysicalPath())
    return {
        value: len(catalog.unrestrictedSearchResults(path=path, **{index: value}))
        for value in catalog.uniqueValuesFor(index)
    }


def _comparable(value):
    """Values compared by content: persistent containers and files by what they hold."""
    if hasattr(value, "getSize") and hasattr(value, "filename"):
        return ("file", value.filename, value.getSize(), value.data)
    if hasattr(value, "items") and not isinstance(value, str):
        return {key: _comparable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)) or type(value).__name__ == "PersistentList":
        return [_comparable(item) for item in value]
    if hasattr(value, "raw") and hasattr(value, "mimeType"):
        return ("rich", value.raw, value.mimeType)
    return value


def test_the_demo_commune_moves_without_loss(tenants, tmp_path):
    app = tenants["app"]
    newSecurityManager(None, system)
    source, target = app["valmont"], app["autreville"]
    setSite(source)
    category = sorted(notifications.CATEGORIES)[0]
    notifications.set_switched_off("dg", [category])

    exported = transfer.export_site(source, tmp_path / "valmont")
    assert exported["lost"] == {}
    transaction.abort()
    report = transfer.import_site(target, tmp_path / "valmont")
    transaction.commit()
    assert report["dropped"] == []
    assert report["lost"] == {}

    setSite(source)
    before, counters = _stored(source), numbering.export_counters()
    setSite(target)
    after = _stored(target)
    assert sorted(after) == sorted(before)
    assert numbering.export_counters() == counters
    differences = []
    for path, (uid, obj) in before.items():
        other_uid, other = after[path]
        if other_uid != uid:
            differences.append(f"{path}: UID")
            continue
        folderish = getattr(aq_base(obj), "isPrincipiaFolderish", False)
        if folderish and list(obj.objectIds()) != list(other.objectIds()):
            differences.append(f"{path}: ordre du contenu")
        mine, theirs = state(obj), state(other)
        for name in sorted(set(mine) | set(theirs)):
            if not carried(name) or name == "__provides__":
                continue
            if name not in theirs or name not in mine:
                differences.append(f"{path}: {name} seulement d'un côté")
            elif _comparable(mine[name]) != _comparable(theirs[name]):
                differences.append(f"{path}: {name}")
    assert differences == [], "\n".join(differences[:40])
    # The catalog answers the same: every object indexed again with what it holds.
    for index in ("portal_type", "review_state", "allowedRolesAndUsers"):
        setSite(source)
        counted = _counted(source, index)
        setSite(target)
        assert _counted(target, index) == counted, index
    users = set(source.acl_users.source_users.getUserIds())
    assert set(target.acl_users.source_users.getUserIds()) == users
    for group_id in source.acl_users.source_groups.getGroupIds():
        members = source.acl_users.source_groups._group_principal_map.get(group_id, ())
        assert set(target.acl_users.source_groups._group_principal_map.get(group_id, ())) == set(
            members
        ), group_id
    assert notifications.switched_off("dg") == {category}
    # Passwords travel as their hash: the users log in with the same password.
    for userid in ("dg", "bourgmestre"):
        assert target.acl_users.authenticate(userid, "demodemo", target.REQUEST) is not None
    assert "communesplone-import" not in target.acl_users.source_users.getUserIds()
    assert aq_base(target).__ac_local_roles__.get("communesplone-import") is None
