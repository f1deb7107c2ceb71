"""Handlers of the `communesplone` plone.distribution: a commune profile becomes a site."""

from communesplone.core.tenants.commune import apply_profile
from communesplone.core.tenants.demo_users import create_demo_users
from communesplone.core.tenants.demo_users import join_demo_groups
from communesplone.core.tenants.profile import validate_profile
from plone import api
from plone.distribution.handler import post_handler as plone_post_handler


COMMUNE_FIELDS = ("commune_name", "nis_code", "population", "address", "email")


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
    apply_profile(answers)
    if answers["setup_content"]:
        join_demo_groups()
    return site


def post_handler(distribution, site, answers: dict):
    return plone_post_handler(distribution, site, answers)
