"""Commune sites in one Zope: list, create and upgrade them (shared by the CLI and REST)."""

from communesplone.core import documents
from communesplone.core.tenants.profile import DISTRIBUTION_NAME
from communesplone.core.tenants.profile import validate_profile
from contextlib import contextmanager
from plone.base.interfaces import IPloneSiteRoot
from plone.distribution.api import distribution as distribution_api
from plone.distribution.api import site as site_api
from Products.CMFCore.indexing import processQueue
from zope.component.hooks import getSite
from zope.component.hooks import setSite


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


@contextmanager
def on_site(site):
    """Work inside one site, then index what it queued before leaving it.

    The catalog's indexing queue runs at commit with whatever site is current then;
    code that goes through several sites in one transaction empties it on the way out.
    """
    previous = getSite()
    setSite(site)
    try:
        yield site
        processQueue()
    finally:
        setSite(previous)


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
        }


def list_sites(app) -> list[dict]:
    return [site_info(site) for site in plone_sites(app)]


def create_site(app, answers: dict):
    """Create a commune site and commit; ProfileError (French) on a bad profile."""
    validate_profile(answers, taken_ids=app.objectIds())
    previous = getSite()
    try:
        return site_api.create(app, DISTRIBUTION_NAME, answers)
    finally:
        # A failed creation must not leave the half-made site as the current site.
        setSite(previous)


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
