"""Vocabularies of mail: services, and the agents of the mail's service."""

from communesplone.core import groups
from communesplone.core.vocabularies import people
from plone import api
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory


@provider(IVocabularyFactory)
def agents(context):
    """Agents and managers of the mail's service (all services' while none is chosen)."""
    stored = getattr(context, "__dict__", {})
    code = stored.get("treating_service") or stored.get("sender_service")
    codes = [code] if code else [b.service_code for b in api.content.find(portal_type="Service")]
    userids = {stored.get("assigned_agent") or stored.get("sender_agent")} - {None}
    for service in codes:
        for kind in ("agents", "managers"):
            userids |= groups.members(groups.service_group_id(service, kind))
    return people(userids)
