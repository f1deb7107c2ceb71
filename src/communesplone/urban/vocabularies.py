"""Vocabularies of permits: services to share a file with, agents who may handle it."""

from communesplone.core import groups
from communesplone.core.vocabularies import people
from communesplone.urban.content.folder import IPermitFolder
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


def _folder(context):
    while context is not None and not IPermitFolder.providedBy(context):
        context = getattr(context, "__parent__", None)
    return context


@provider(IVocabularyFactory)
def folder_managers(context):
    """The agents and managers of the urbanism service, by name."""
    folder = _folder(context)
    code = folder.service if folder is not None else "urbanisme"
    stored = getattr(context, "__dict__", {}).get("folder_manager")
    userids = {stored} if stored else set()
    for kind in ("agents", "managers"):
        userids |= groups.members(groups.service_group_id(code, kind))
    return people(userids)


@provider(IVocabularyFactory)
def checklist(context):
    """The documents the file's procedure requires, under the law of its deposit."""
    from communesplone.urban.clock import ruleset_for
    from communesplone.urban.content.permit import IPermit
    from datetime import date

    permit = context
    while permit is not None and not IPermit.providedBy(permit):
        permit = getattr(permit, "__parent__", None)
    if permit is None:
        return SimpleVocabulary([])
    deposits = [e.date for e in permit.events() if e.event_type == "deposit"]
    ruleset = ruleset_for(min(deposits) if deposits else date.today())
    items = ruleset.checklist.get(permit.procedure, [])
    return SimpleVocabulary([SimpleTerm(item["id"], item["id"], item["label"]) for item in items])
