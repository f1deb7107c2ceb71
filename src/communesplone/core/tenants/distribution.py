"""Handlers of the `communesplone` plone.distribution: a commune profile becomes a site."""

from AccessControl.SecurityManagement import getSecurityManager
from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.users import UnrestrictedUser
from Acquisition import aq_base
from communesplone.core.tenants.commune import apply_profile
from communesplone.core.tenants.demo_users import create_demo_users
from communesplone.core.tenants.demo_users import join_demo_groups
from communesplone.core.tenants.profile import validate_profile
from contextlib import contextmanager
from plone import api
from plone.distribution.handler import post_handler as plone_post_handler

import secrets


COMMUNE_FIELDS = ("commune_name", "nis_code", "population", "address", "email")
# Who writes the demo when the command line creates the site (see `_demo_author`).
DEMO_AUTHOR = "communesplone-demo"


def pre_handler(answers: dict) -> dict:
    """Refuse a bad profile before anything is created (French messages)."""
    return validate_profile(answers)


def handler(distribution, site, answers: dict):
    """Apply the suite's profiles, record who the commune is, add the demo if asked."""
    setup_tool = site["portal_setup"]
    for profile_id in distribution.profiles:
        setup_tool.runAllImportStepsFromProfile(f"profile-{profile_id}")
    for name in COMMUNE_FIELDS:
        if answers.get(name) is not None:
            api.portal.set_registry_record(f"communesplone.commune.{name}", answers[name])
    api.portal.set_registry_record("communesplone.commune.demo", bool(answers["setup_content"]))
    if answers["setup_content"]:
        create_demo_users(site)
    with _demo_author(site, answers):
        apply_profile(answers)
    if answers["setup_content"]:
        join_demo_groups()
    return site


@contextmanager
def _demo_author(site, answers: dict):
    """Who writes the demo when the command line creates the site (offline, where no
    LibreOffice need run): not Zope's system user it runs as, whom no workflow guard
    knows (no `Manager` role among its roles in context, no groups), so the demo's
    meetings, permits and PST could not take their transitions. A Manager of the site
    who belongs to no group writes it, removed afterwards (as an import does,
    tenants/transfer.py). A real user (the operator, over HTTP) writes it as themselves.
    """
    previous = getSecurityManager().getUser()
    if not answers["setup_content"] or not isinstance(aq_base(previous), UnrestrictedUser):
        yield
        return
    acl_users = site.acl_users
    acl_users.source_users.addUser(DEMO_AUTHOR, DEMO_AUTHOR, secrets.token_urlsafe(32))
    acl_users.portal_role_manager.assignRoleToPrincipal("Manager", DEMO_AUTHOR)
    newSecurityManager(None, acl_users.getUserById(DEMO_AUTHOR))
    try:
        yield
    finally:
        newSecurityManager(None, previous)
        acl_users.portal_role_manager.removeRoleFromPrincipal("Manager", DEMO_AUTHOR)
        acl_users.source_users.removeUser(DEMO_AUTHOR)


def post_handler(distribution, site, answers: dict):
    return plone_post_handler(distribution, site, answers)
