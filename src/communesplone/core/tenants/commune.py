"""Fill a new commune site from its profile: services, people, mandates."""

from communesplone.core import mandates
from communesplone.core import structure
from datetime import date
from plone.dexterity.utils import createContentInContainer
from zope.component import getUtilitiesFor
from zope.interface import Interface


def _date(value):
    return date.fromisoformat(value) if value else None


def create_services(services: list[dict]) -> None:
    chart = structure.orgchart()
    for service in services:
        createContentInContainer(
            chart,
            "Service",
            checkConstraints=False,
            code=service["code"],
            title=service["title"],
            acronym=service.get("acronym"),
            email=service.get("email"),
            parent=service.get("parent"),
        )


def create_directory(answers: dict) -> None:
    directory = structure.directory()
    group_uids = {}
    for group in answers.get("political_groups", []):
        organization = createContentInContainer(
            directory,
            "Organization",
            checkConstraints=False,
            id=group["code"],
            title=group["title"],
            acronym=group.get("acronym"),
            kind="political_group",
        )
        group_uids[group["code"]] = organization.UID()
    people = {}
    for person in answers.get("people", []):
        people[person["id"]] = createContentInContainer(
            directory,
            "Person",
            checkConstraints=False,
            id=person["id"],
            firstname=person["firstname"],
            lastname=person["lastname"],
            gender=person.get("gender"),
            email=person.get("email"),
            phone=person.get("phone"),
            userid=person.get("userid"),
        )
    for mandate in answers.get("mandates", []):
        createContentInContainer(
            people[mandate["person"]],
            "Mandate",
            checkConstraints=False,
            body=mandate["body"],
            role=mandate["role"],
            political_group=group_uids.get(mandate.get("political_group")),
            mandate_start=_date(mandate["start"]),
            mandate_end=_date(mandate.get("end")),
            voting=mandate.get("voting", True),
            rank=mandate.get("rank"),
        )


class ICommuneProfileStep(Interface):
    """What one module makes of a commune profile (named utility, run by name order)."""

    def __call__(answers: dict) -> None:
        """Create the module's part of a new commune site."""


def core_step(answers: dict) -> None:
    create_services(answers.get("services", []))
    create_directory(answers)
    mandates.sync_assembly_groups()


def apply_profile(answers: dict) -> None:
    for _name, step in sorted(getUtilitiesFor(ICommuneProfileStep)):
        step(answers)
