"""The daily work lists of services, advisers and clerks (« Mes points »).

Each list is one catalog query read as the user, so the workflows decide what shows, and
is rendered from metadata: no item is woken up per row. Service titles come from one more
query, meeting titles from one more (only when a row names a meeting). Batch transitions
are all or nothing: every checked item must offer the transition to the user now, and a
refusal by the workflow itself (a missing comment, a missing mandatory advice) undoes the
items already moved.
"""

from communesplone import _
from communesplone.core.groups import user_service_codes
from communesplone.meetings import advices
from DateTime import DateTime
from datetime import date
from plone import api
from Products.CMFCore.WorkflowCore import WorkflowException

import transaction
import unicodedata


ITEM_WORKFLOW = "communesplone_item_workflow"
MEETING_WORKFLOW = "communesplone_meeting_workflow"
UNDECIDED_STATES = ("draft", "proposed", "validated", "presented", "frozen")
# Who reviews every proposed item, whatever its service.
REVIEW_ALL_GROUPS = ("direction", "meeting_managers")

MINE = "mes-points"
TO_VALIDATE = "a-valider"
TO_PRESENT = "a-presenter"
ADVICES = "avis-a-donner"
MEETINGS = "prochaines-seances"
LISTS = (
    (MINE, _("Mes points")),
    (TO_VALIDATE, _("À valider")),
    (TO_PRESENT, _("À présenter")),
    (ADVICES, _("Avis à donner")),
    (MEETINGS, _("Prochaines séances")),
)
ITEM_LISTS = (MINE, TO_VALIDATE, TO_PRESENT, ADVICES)
# The transitions offered for the checked items of each list (advices are given per item).
BATCH_TRANSITIONS = {
    MINE: ("propose",),
    TO_VALIDATE: ("validate", "send_back"),
    TO_PRESENT: ("present", "send_back"),
    ADVICES: (),
}


class WorklistError(ValueError):
    """A batch is refused, nothing done; the message says why (translated)."""


def _say(message) -> WorklistError:
    return WorklistError(api.portal.translate(message))


def folded(text: str) -> str:
    """Lower case without accents, so « ECOLE » finds « École »."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def state_titles(workflow_id: str) -> dict:
    """{state id: translated title} of one workflow, translated once per list."""
    definition = api.portal.get_tool("portal_workflow").getWorkflowById(workflow_id)
    if definition is None:
        return {}
    return {
        state.getId(): api.portal.translate(state.title or state.getId(), "plone")
        for state in definition.states.objectValues()
    }


def transition_titles(workflow_id: str = ITEM_WORKFLOW) -> dict:
    definition = api.portal.get_tool("portal_workflow").getWorkflowById(workflow_id)
    if definition is None:
        return {}
    return {
        transition.getId(): api.portal.translate(transition.title or transition.getId(), "plone")
        for transition in definition.transitions.objectValues()
    }


def _format_start(value) -> str:
    if value is None:
        return ""
    if isinstance(value, DateTime):
        value = value.asdatetime()
    return value.strftime("%d/%m/%Y %H:%M")


class Worklists:
    """The lists of the current user; each query runs once per instance (per request)."""

    def __init__(self):
        user = api.user.get_current()
        self.userid = user.getId()
        self.groups = set(user.getGroups()) if hasattr(user, "getGroups") else set()
        self.is_site_manager = api.user.has_permission("Manage portal", obj=api.portal.get())
        self._brains = {}
        self._service_titles = None

    # Who the user is, as the lists need it

    def services(self) -> list[str]:
        """The services the user works in (agents, managers): their advices to give."""
        return user_service_codes(kinds=advices.ADVISER_GROUPS)

    def managed_services(self) -> list[str]:
        return user_service_codes(kinds=("managers",))

    def reviews_all(self) -> bool:
        return self.is_site_manager or bool(self.groups & set(REVIEW_ALL_GROUPS))

    def is_meeting_manager(self) -> bool:
        return self.is_site_manager or "meeting_managers" in self.groups

    # The queries

    def query(self, key: str) -> dict | None:
        """The catalog query of a list, or None when the list is empty for this user."""
        items = {"portal_type": "MeetingItem", "sort_on": "modified", "sort_order": "descending"}
        if key == MINE:
            return {**items, "Creator": self.userid, "review_state": list(UNDECIDED_STATES)}
        if key == TO_VALIDATE:
            if self.reviews_all():
                return {**items, "review_state": "proposed"}
            managed = self.managed_services()
            if not managed:
                return None
            return {**items, "review_state": "proposed", "proposing_service": managed}
        if key == TO_PRESENT:
            return {**items, "review_state": "validated"} if self.is_meeting_manager() else None
        if key == ADVICES:
            services = self.services()
            if not services:
                return None
            return {
                **items,
                "advices_pending": services,
                "review_state": list(advices.ASKING_STATES),
            }
        if key == MEETINGS:
            today = DateTime(date.today().isoformat())
            return {
                "portal_type": "Meeting",
                "start": {"query": today, "range": "min"},
                "sort_on": "start",
            }
        raise KeyError(key)

    def brains(self, key: str):
        if key not in self._brains:
            query = self.query(key)
            if query is None or not self.userid:
                self._brains[key] = []
            else:
                self._brains[key] = list(api.portal.get_tool("portal_catalog")(**query))
        return self._brains[key]

    def counts(self) -> dict:
        """How many rows each list holds, before the filters."""
        return {key: len(self.brains(key)) for key, _title in LISTS}

    def service_titles(self) -> dict:
        if self._service_titles is None:
            self._service_titles = advices.service_titles()
        return self._service_titles

    def service_options(self) -> list[dict]:
        titles = self.service_titles()
        return [
            {"code": code, "title": titles[code]}
            for code in sorted(titles, key=lambda code: folded(titles[code]))
        ]

    def categories(self, key: str) -> list[str]:
        """The categories found in a list, for its category filter (from metadata)."""
        if key not in ITEM_LISTS:
            return []
        found = {brain.item_category for brain in self.brains(key) if brain.item_category}
        return sorted(found, key=folded)

    # The rows

    def rows(self, key: str, text: str = "", service: str = "", category: str = "") -> list[dict]:
        """The rows of a list, filtered by title text, service and category."""
        if key == MEETINGS:
            return self.meeting_rows(text)
        wanted = folded(text.strip())
        brains = [
            brain
            for brain in self.brains(key)
            if (not wanted or wanted in folded(brain.Title))
            and (not service or brain.proposing_service == service)
            and (not category or brain.item_category == category)
        ]
        states = state_titles(ITEM_WORKFLOW)
        services = self.service_titles()
        meetings = self._meeting_titles(
            {brain.meeting_uid or brain.preferred_meeting for brain in brains}
        )
        return [
            {
                "uid": brain.UID,
                "title": brain.Title,
                "url": brain.getURL(),
                "service": brain.proposing_service or "",
                "service_title": services.get(brain.proposing_service, brain.proposing_service)
                or "",
                "category": brain.item_category or "",
                "state": brain.review_state,
                "state_title": states.get(brain.review_state, brain.review_state),
                "meeting_title": meetings.get(brain.meeting_uid or brain.preferred_meeting, ""),
                "presented": bool(brain.meeting_uid),
            }
            for brain in brains
        ]

    def meeting_rows(self, text: str = "") -> list[dict]:
        wanted = folded(text.strip())
        states = state_titles(MEETING_WORKFLOW)
        return [
            {
                "uid": brain.UID,
                "title": brain.Title,
                "url": brain.getURL(),
                "start": _format_start(brain.start),
                "state": brain.review_state,
                "state_title": states.get(brain.review_state, brain.review_state),
            }
            for brain in self.brains(MEETINGS)
            if not wanted or wanted in folded(brain.Title)
        ]

    def _meeting_titles(self, uids) -> dict:
        """Titles of the meetings the rows name, in one query.

        Unrestricted like the « Séance souhaitée » vocabulary: a service names a meeting
        before its members may read it, and only its title (assembly and date) shows.
        """
        uids = sorted(uid for uid in uids if uid)
        if not uids:
            return {}
        catalog = api.portal.get_tool("portal_catalog")
        return {
            brain.UID: brain.Title
            for brain in catalog.unrestrictedSearchResults(portal_type="Meeting", UID=uids)
        }


def transition_many(uids, transition: str, comment: str = "") -> int:
    """Take one transition on several items, all or nothing; return how many.

    Every item must offer the transition to the user now, or nothing is done and the
    error names the refused items. A refusal by the workflow itself (send_back without a
    comment, a mandatory advice missing) rolls the items already moved back to a
    savepoint; the caller aborts the transaction to drop their queued notifications too.
    """
    uids = list(dict.fromkeys([uids] if isinstance(uids, str) else (uids or [])))
    if not transition:
        raise _say(_("Choisissez une action."))
    if not uids:
        raise _say(_("Cochez au moins un point."))
    if api.user.is_anonymous():
        raise _say(_("Connectez-vous pour agir sur des points."))
    catalog = api.portal.get_tool("portal_catalog")
    workflow_tool = api.portal.get_tool("portal_workflow")
    brains = {brain.UID: brain for brain in catalog(UID=uids, portal_type="MeetingItem")}
    items, refused = [], []
    for uid in uids:
        brain = brains.get(uid)
        item = brain.getObject() if brain is not None else None
        if item is None:
            refused.append(api.portal.translate(_("un point qui ne vous est pas accessible")))
        elif transition not in {t["id"] for t in workflow_tool.getTransitionsFor(item)}:
            refused.append(f"« {brain.Title} »")
        else:
            items.append(item)
    if refused:
        title = transition_titles().get(transition, transition)
        raise _say(
            _(
                "Action « ${transition} » impossible pour ${items} : rien n'a été fait.",
                mapping={"transition": title, "items": ", ".join(refused)},
            )
        )
    savepoint = transaction.savepoint()
    for item in items:
        try:
            workflow_tool.doActionFor(item, transition, comment=(comment or "").strip())
        except WorkflowException as exc:
            savepoint.rollback()
            raise _say(
                _(
                    "« ${title} » : ${reason} Rien n'a été fait.",
                    mapping={"title": item.Title(), "reason": str(exc)},
                )
            ) from exc
    return len(items)
