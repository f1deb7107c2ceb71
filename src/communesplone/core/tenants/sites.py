"""Commune sites in one Zope: list, create and upgrade them (shared by the CLI and REST)."""

from communesplone.core import documents
from communesplone.core.tenants.attributes import state
from communesplone.core.tenants.profile import DISTRIBUTION_NAME
from communesplone.core.tenants.profile import validate_profile
from contextlib import contextmanager
from persistent.list import PersistentList
from persistent.mapping import PersistentMapping
from plone.base.interfaces import IPloneSiteRoot
from plone.distribution.api import distribution as distribution_api
from plone.distribution.api import site as site_api
from plone.namedfile.interfaces import IBlobby
from Products.CMFCore.indexing import processQueue
from ZODB.POSException import ConflictError
from zope.component.hooks import getSite
from zope.component.hooks import setSite
from zope.globalrequest import getRequest

import logging
import transaction


logger = logging.getLogger(__name__)


SUITE_PROFILE = "communesplone:default"


def plone_sites(app) -> list:
    """Every Plone site at the root of the Zope, whatever its distribution."""
    return [obj for obj in app.objectValues() if IPloneSiteRoot.providedBy(obj)]


def _our_profiles(site) -> list[str]:
    setup = site.portal_setup
    return [
        info["id"]
        for info in setup.listProfileInfo()
        if info["id"].startswith("communesplone")
        and info["id"].endswith(":default")
        and setup.getLastVersionForProfile(info["id"]) != "unknown"
    ]


def missing_modules(site) -> list[str]:
    """Our module profiles the suite now depends on but the site never installed.

    A site made before a module existed gets it with its next upgrade.
    """
    setup = site.portal_setup
    if setup.getLastVersionForProfile(SUITE_PROFILE) == "unknown":
        return []
    wanted = [
        dependency.removeprefix("profile-")
        for dependency in setup.getDependenciesForProfile(SUITE_PROFILE) or ()
    ]
    return [
        profile_id
        for profile_id in wanted
        if profile_id.startswith("communesplone")
        and setup.getLastVersionForProfile(profile_id) == "unknown"
    ]


def pending_upgrades(site) -> int:
    setup = site.portal_setup
    steps = sum(len(setup.listUpgrades(profile_id)) for profile_id in _our_profiles(site))
    return steps + len(missing_modules(site))


def profile_versions(site) -> dict[str, dict]:
    """Each of our installed profiles: the version the site is at, the code's, steps due.

    What tells the operator which sites a release has not reached yet.
    """
    setup = site.portal_setup
    versions = {}
    # The suite first, then its modules.
    for profile_id in sorted(_our_profiles(site), key=lambda pid: (pid != SUITE_PROFILE, pid)):
        versions[profile_id] = {
            "installed": ".".join(setup.getLastVersionForProfile(profile_id)),
            "available": setup.getVersionForProfile(profile_id),
            "pending": len(setup.listUpgrades(profile_id)),
        }
    for profile_id in missing_modules(site):
        versions[profile_id] = {
            "installed": "",
            "available": setup.getVersionForProfile(profile_id),
            "pending": 1,
        }
    return versions


def _blobs_in(value, depth=0):
    """The blobs an attribute holds: a file field, or files kept in plain lists and
    mappings (the former originals of a mail…), never another content object."""
    if IBlobby.providedBy(value):
        yield value
    elif depth < 3 and isinstance(value, (list, tuple, PersistentList)):
        for item in value:
            yield from _blobs_in(item, depth + 1)
    elif depth < 3 and isinstance(value, (dict, PersistentMapping)):
        for item in value.values():
            yield from _blobs_in(item, depth + 1)


def blob_usage(site) -> dict:
    """Files of the site's content and their total size: every object is loaded, so it
    is asked for explicitly (`sites list --blobs`), never by a plain listing."""
    files = size = 0
    for brain in site.portal_catalog.unrestrictedSearchResults(
        path="/".join(site.getPhysicalPath())
    ):
        try:
            obj = brain._unrestrictedGetObject()
        except (AttributeError, KeyError):
            continue
        for value in list(state(obj).values()):
            for blob in _blobs_in(value):
                files += 1
                size += blob.getSize() or 0
    return {"files": files, "bytes": size}


def forget_request_catalog() -> None:
    """Drop the catalog plone.app.uuid keeps on the request.

    `uuidToObject` and its siblings look the catalog up once per request and keep it on
    the request; a request (or a command) that goes through several sites would resolve
    the UIDs of the next site in the first site's catalog, and get that site's objects.
    """
    request = getRequest()
    if request is not None:
        request.__dict__.pop("_catalog", None)


@contextmanager
def on_site(site):
    """Work inside one site, then index what it queued before leaving it.

    The catalog's indexing queue runs at commit with whatever site is current then;
    code that goes through several sites in one transaction empties it on the way out.
    UIDs are resolved in the site's own catalog (`forget_request_catalog`).
    """
    previous = getSite()
    setSite(site)
    forget_request_catalog()
    try:
        yield site
        processQueue()
    finally:
        setSite(previous)
        forget_request_catalog()


def site_info(site) -> dict:
    """What an operator wants to know of a site, read without writing anything."""
    with on_site(site):
        report = distribution_api.get_creation_report(site)
        registry = site.portal_registry
        return {
            "id": site.getId(),
            "title": site.Title(),
            "distribution": report.name if report else None,
            "commune_name": registry.get("communesplone.commune.commune_name"),
            "nis_code": registry.get("communesplone.commune.nis_code"),
            "demo": bool(registry.get("communesplone.commune.demo")),
            "installed": SUITE_PROFILE in _our_profiles(site),
            "pending_upgrades": pending_upgrades(site),
            "profiles": profile_versions(site),
            "objects": len(site.portal_catalog),
        }


def list_sites(app, blobs: bool = False) -> list[dict]:
    items = []
    for site in plone_sites(app):
        item = site_info(site)
        if blobs:
            with on_site(site):
                item["blobs"] = blob_usage(site)
        items.append(item)
    return items


def each_site(wanted, action, progress=iter) -> tuple[list[dict], list[dict]]:
    """Run `action` on each site in a transaction of its own, committed when it succeeds.

    A failing site is rolled back and reported (`{"id", "error"}`) and the next sites
    still run: one broken commune must not hold back the upgrade or the nightly tasks of
    all the others. `progress` wraps the iteration (the CLI's progress bar).
    """
    done, failed = [], []
    for site in progress(wanted):
        site_id = site.getId()
        try:
            result = action(site)
            transaction.commit()
        except Exception as exc:
            transaction.abort()
            logger.exception(
                "%s : échec sur le site « %s »", getattr(action, "__name__", ""), site_id
            )
            failed.append({"id": site_id, "error": error_message(exc)})
        else:
            done.append(result)
    return done, failed


def error_message(exc: Exception) -> str:
    """One line for the operator: the exception's kind and its message."""
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    kind = (
        "conflit d'écriture (réessayez)" if isinstance(exc, ConflictError) else type(exc).__name__
    )
    return f"{kind} : {message}" if message else kind


def remove_site(app, site_id: str) -> dict:
    """Delete a commune site from the Zope root (the caller commits).

    Removal events are not dispatched to the site's content: every object would be
    unindexed and its subscribers run against a site on its way out, for nothing, since
    the catalog and all the site's tools go with it. The files' disk space comes back at
    the next pack of the database.
    """
    if site_id not in {site.getId() for site in plone_sites(app)}:
        raise KeyError(site_id)
    info = {"id": site_id, "title": app[site_id].Title()}
    app._delObject(site_id, suppress_events=True)
    return info


def create_site(app, answers: dict):
    """Create a commune site and commit; ProfileError (French) on a bad profile."""
    validate_profile(answers, taken_ids=app.objectIds())
    previous = getSite()
    forget_request_catalog()
    try:
        return site_api.create(app, DISTRIBUTION_NAME, answers)
    finally:
        # A failed creation must not leave the half-made site as the current site.
        setSite(previous)
        forget_request_catalog()


def upgrade_site(site) -> dict:
    """Run our pending upgrade steps and re-read the instance's document settings."""
    with on_site(site):
        setup = site.portal_setup
        ran = {}
        for profile_id in missing_modules(site):
            setup.runAllImportStepsFromProfile(f"profile-{profile_id}")
            ran[profile_id] = {
                "from": "",
                "to": ".".join(setup.getLastVersionForProfile(profile_id)),
            }
        for profile_id in _our_profiles(site):
            if profile_id in ran:
                continue
            before = setup.getLastVersionForProfile(profile_id)
            if setup.listUpgrades(profile_id):
                setup.upgradeProfile(profile_id)
            ran[profile_id] = {
                "from": ".".join(before),
                "to": ".".join(setup.getLastVersionForProfile(profile_id)),
            }
        documents.configure_office()
        return {"id": site.getId(), "profiles": ran}


def run_daily(site) -> dict:
    """The day's tasks of every module on one site."""
    from communesplone.core.daily import run_daily_tasks

    with on_site(site):
        return {"id": site.getId(), "tasks": run_daily_tasks(site)}
