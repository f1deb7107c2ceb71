"""Vocabularies of the core: services and political groups, read from the catalog."""

from plone import api
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


@provider(IVocabularyFactory)
def services(context):
    """Services by code, titled with their name (and acronym)."""
    brains = api.content.find(portal_type="Service", sort_on="sortable_title")
    return SimpleVocabulary(
        [SimpleTerm(brain.service_code, brain.service_code, brain.Title) for brain in brains]
    )


@provider(IVocabularyFactory)
def political_groups(context):
    brains = api.content.find(
        portal_type="Organization", organization_kind="political_group", sort_on="sortable_title"
    )
    return SimpleVocabulary([SimpleTerm(brain.UID, brain.UID, brain.Title) for brain in brains])
