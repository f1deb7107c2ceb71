"""Keep the groups of the organisation chart in step with its services."""

from communesplone.core import groups
from communesplone.core.content.service import code_problem
from plone import api
from plone.base.interfaces import IPloneSiteRoot
from zExceptions import BadRequest


def service_added(service, event):
    problem = code_problem(service.code)
    if problem:
        raise BadRequest(problem)
    groups.create_service_groups(service.code, service.Title())


def service_modified(service, event):
    groups.retitle_service_groups(service.code, service.Title())


def _site_removed(event) -> bool:
    """The whole commune site goes: its groups go with it, nothing to keep in step."""
    return IPloneSiteRoot.providedBy(getattr(event, "object", None))


def service_will_be_removed(service, event):
    if _site_removed(event):
        return
    children = api.content.find(portal_type="Service", service_parent=service.code)
    if children:
        names = ", ".join(sorted(brain.Title for brain in children))
        raise BadRequest(
            f"Le service « {service.Title()} » a des sous-services ({names}) : "
            "rattachez-les ailleurs avant de le supprimer."
        )


def service_removed(service, event):
    if _site_removed(event):
        return
    groups.remove_service_groups(service.code)
