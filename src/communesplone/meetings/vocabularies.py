"""Vocabularies of items: the user's services, the assembly's categories, open meetings."""

from communesplone.core import groups
from communesplone.core.lookup import unrestricted_search
from communesplone.core.persistence import stored
from communesplone.meetings.agenda import OPEN_STATES
from communesplone.meetings.content.assembly import assembly_of
from plone import api
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


ADD_ITEM = "communesplone.meetings: Add item"


@provider(IVocabularyFactory)
def user_services(context):
    """Services the user drafts for (agents, managers); every service for clerks.

    Asked for each new item (its default service): the services are read without
    indexing the item being created first. Only codes and titles of the user's own
    services, or of all for those who may see all, are given.
    """
    if api.user.is_anonymous():
        return SimpleVocabulary([])
    brains = unrestricted_search("Service", sort_on="sortable_title")
    user_groups = groups.current_group_ids()
    everything = "meeting_managers" in user_groups or "direction" in user_groups
    everything = everything or api.user.has_permission("Manage portal", obj=api.portal.get())
    # Read the stored value only: asking the attribute would compute its default, which
    # asks this vocabulary again.
    stored_code = stored(context, "proposing_service")
    terms = []
    for brain in brains:
        code = brain.service_code
        mine = {
            groups.service_group_id(code, "agents"),
            groups.service_group_id(code, "managers"),
        } & user_groups
        current = stored_code == code
        if everything or mine or current:
            terms.append(SimpleTerm(code, code, brain.Title))
    return SimpleVocabulary(terms)


@provider(IVocabularyFactory)
def categories(context):
    assembly = assembly_of(context)
    titles = assembly.category_titles() if assembly is not None else []
    return SimpleVocabulary(
        [SimpleTerm(title, str(index), title) for index, title in enumerate(titles)]
    )


@provider(IVocabularyFactory)
def open_meetings(context):
    """Meetings of the item's assembly that still take items, soonest first.

    Whoever may add items to the assembly may name a meeting for them, before its
    members may read it: only the titles (assembly and date) are shown here.
    """
    assembly = assembly_of(context)
    if assembly is None or not api.user.has_permission(ADD_ITEM, obj=assembly):
        return SimpleVocabulary([])
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        path="/".join(assembly.getPhysicalPath()),
        portal_type="Meeting",
        review_state=list(OPEN_STATES),
        sort_on="start",
    )
    return SimpleVocabulary([SimpleTerm(b.UID, b.UID, b.Title) for b in brains])


@provider(IVocabularyFactory)
def other_assemblies(context):
    """The site's other assemblies (by id), for where decided items go next."""
    own = assembly_of(context)
    brains = api.content.find(portal_type="Assembly", sort_on="sortable_title")
    return SimpleVocabulary(
        [
            SimpleTerm(brain.getId, brain.getId, brain.Title)
            for brain in brains
            if own is None or brain.getId != own.getId()
        ]
    )


@provider(IVocabularyFactory)
def signatories(context):
    """People who may sign minutes: mandates in force in the Collège, the Conseil's
    presidency and the administration (DG, DF), by person UID."""
    from communesplone.core.mandates import mandates_in_force

    roles = ("bourgmestre", "echevin", "president", "directeur_general", "directeur_financier")
    by_uid = {}
    for brain in mandates_in_force(mandate_role=list(roles)):
        person = brain.getObject().__parent__
        by_uid[person.UID()] = person.Title()
    for uid in stored(context, "signatories") or ():
        if uid not in by_uid:
            found = api.content.find(UID=uid)
            by_uid[uid] = found[0].Title if found else uid
    terms = [SimpleTerm(uid, uid, title) for uid, title in by_uid.items()]
    return SimpleVocabulary(sorted(terms, key=lambda term: term.title.lower()))
