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


def people(userids) -> SimpleVocabulary:
    """Users by id, titled with their full name, sorted by it."""
    terms = []
    for userid in set(userids) - {None, ""}:
        user = api.user.get(userid=userid)
        name = (user.getProperty("fullname") if user else "") or userid
        terms.append(SimpleTerm(userid, userid, name))
    return SimpleVocabulary(sorted(terms, key=lambda term: term.title.lower()))
