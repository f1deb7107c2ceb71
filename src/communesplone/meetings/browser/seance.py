"""The séance cockpit (« Conduite de la séance »): one page for the clerk in session.

The current item with its neighbours, its attendance (one click per member, for the
whole séance or for this item only), the quorum, the decision buttons and the votes.
Everything the page changes goes through POST with the token (`@@conduite-action`), and
the same rules as the REST services (attendance.py, votes.py).
"""

from communesplone import _
from communesplone.core.browser.actions import PostOnlyView
from communesplone.core.params import form_text
from communesplone.meetings import agenda
from communesplone.meetings import attendance
from communesplone.meetings import votes
from communesplone.meetings.browser.meeting import MANAGE_AGENDA
from functools import cached_property
from plone import api
from Products.CMFCore.WorkflowCore import WorkflowException
from Products.Five.browser import BrowserView
from zExceptions import Unauthorized

import transaction


DECISIONS = ("accept", "accept_amended", "refuse", "postpone", "withdraw")
ACCESS_KEYS = {
    "accept": "a",
    "accept_amended": "m",
    "refuse": "r",
    "postpone": "o",
    "withdraw": "w",
}


STATUS_TITLES = (
    ("present", _("présent")),
    ("excused", _("excusé")),
    ("absent", _("absent")),
)
POLL_TITLES = {
    "freehand": _("À main levée"),
    "out_loud": _("À voix haute"),
    "secret": _("Secret (comptes seulement)"),
}
VOTE_TITLES = (("yes", _("oui")), ("no", _("non")), ("abstain", _("abstention")))


def _require_clerk(meeting):
    if not api.user.has_permission(MANAGE_AGENDA, obj=meeting):
        raise Unauthorized("La conduite de la séance est réservée à son secrétariat.")


class SeanceView(BrowserView):
    def __call__(self):
        _require_clerk(self.context)
        form_text(self.request, "point")  # refused (400) before the page starts
        return self.index()

    @cached_property
    def brains(self):
        return agenda.agenda_brains(self.context)

    @cached_property
    def position(self) -> int:
        """The current item's index: the one asked for, else the first undecided."""
        asked = form_text(self.request, "point")
        if asked.isdigit() and 1 <= int(asked) <= len(self.brains):
            return int(asked) - 1
        for index, brain in enumerate(self.brains):
            if brain.review_state == "frozen":
                return index
        return 0

    def rows(self) -> list[dict]:
        return [
            {
                "number": self.context.number_of(brain.UID),
                "title": brain.Title,
                "state": brain.review_state,
                "current": index == self.position,
                "url": f"{self.context.absolute_url()}/@@conduite?point={index + 1}",
            }
            for index, brain in enumerate(self.brains)
        ]

    @cached_property
    def item(self):
        return self.brains[self.position].getObject() if self.brains else None

    def current_state(self) -> str | None:
        return api.content.get_state(self.item, default=None) if self.item is not None else None

    def neighbour(self, step: int) -> str | None:
        index = self.position + step
        if 0 <= index < len(self.brains):
            return f"{self.context.absolute_url()}/@@conduite?point={index + 1}"
        return None

    def in_session(self) -> bool:
        return api.content.get_state(self.context) == "in_session"

    def meeting_attendance(self) -> list[dict]:
        return attendance.meeting_attendance(self.context)

    @cached_property
    def _item_entries(self) -> list[dict]:
        """The current item's attendance, read once for the page's four uses."""
        return attendance.item_attendance(self.item) if self.item is not None else []

    def item_attendance(self) -> list[dict]:
        return self._item_entries

    def quorum(self) -> dict:
        return attendance.quorum(self._item_entries or self.meeting_attendance())

    def decisions(self) -> list[dict]:
        if self.item is None:
            return []
        workflow = api.portal.get_tool("portal_workflow")
        return [
            {
                "id": transition["id"],
                "title": api.portal.translate(transition["title"], "plone"),
                "key": ACCESS_KEYS.get(transition["id"], ""),
            }
            for transition in workflow.getTransitionsFor(self.item)
            if transition["id"] in DECISIONS
        ]

    def voters(self) -> list[dict]:
        return list(votes.voters(self.item, self._item_entries).values()) if self.item else []

    def votes(self) -> list[dict]:
        return votes.summaries(self.item, self._item_entries) if self.item is not None else []

    def status_options(self) -> list[dict]:
        return [
            {"value": value, "title": api.portal.translate(title)} for value, title in STATUS_TITLES
        ]

    def poll_options(self) -> list[dict]:
        return [{"value": value, "title": self.poll_title(value)} for value in POLL_TITLES]

    def poll_title(self, poll_type: str) -> str:
        return api.portal.translate(POLL_TITLES.get(poll_type, poll_type))

    def vote_options(self) -> list[dict]:
        return [
            {"value": value, "title": api.portal.translate(title)} for value, title in VOTE_TITLES
        ]

    def state_title(self, state: str) -> str:
        workflow = api.portal.get_tool("portal_workflow")
        return api.portal.translate(workflow.getTitleForStateOnType(state, "MeetingItem"), "plone")


class SeanceAction(PostOnlyView):
    """Attendance, a decision or a vote on the current item; refused ones change nothing."""

    def handle(self):
        _require_clerk(self.context)
        form = self.request.form
        uid = form.get("item") or ""
        item = None
        if uid in self.context.agenda:
            found = agenda.agenda_brains(self.context)
            item = next((brain.getObject() for brain in found if uid == brain.UID), None)
        point = self.context.number_of(uid) if item is not None else None
        try:
            message = self.act(form, item)
        except (attendance.AttendanceError, votes.VoteError, WorkflowException) as exc:
            transaction.abort()
            api.portal.show_message(str(exc), request=self.request, type="error")
        else:
            api.portal.show_message(message, request=self.request, type="info")
            if point and form.get("action") == "decide" and point < len(self.context.agenda):
                point += 1  # decided: on to the next item
        url = f"{self.context.absolute_url()}/@@conduite"
        self.request.response.redirect(f"{url}?point={point}" if point else url)
        return ""

    def act(self, form, item) -> str:
        action = form.get("action")
        if action == "attendance":
            scope_item = item if form.get("scope") == "item" else None
            entries = (
                attendance.item_attendance(item)
                if scope_item is not None
                else attendance.meeting_attendance(self.context)
            )
            changes = [
                {"person": entry["person"], "status": form.get(f"status-{entry['person']}")}
                for entry in entries
                if form.get(f"status-{entry['person']}") not in (None, entry["status"])
            ]
            if scope_item is not None:
                attendance.update_item(scope_item, changes)
            else:
                attendance.update_meeting(self.context, changes)
            return api.portal.translate(
                _(
                    "Présences enregistrées (${count} changement(s)).",
                    mapping={"count": len(changes)},
                )
            )
        if item is None:
            raise votes.VoteError("Ce point n'est pas à l'ordre du jour de cette séance.")
        if action == "decide":
            transition = form.get("transition")
            if transition not in DECISIONS:
                raise WorkflowException("Décision inconnue.")
            api.content.transition(obj=item, transition=transition)
            return api.portal.translate(_("Décision enregistrée."))
        if action == "vote":
            data = {"label": form.get("label"), "poll_type": form.get("poll_type")}
            if data["poll_type"] == "secret":
                try:
                    data["counts"] = {
                        key: int(form.get(f"count-{key}") or 0) for key in votes.VALUES
                    }
                except ValueError:
                    raise votes.VoteError(
                        "Les comptes d'un vote secret sont des nombres."
                    ) from None
            else:
                data["votes"] = {
                    person: form.get(f"vote-{person}")
                    for person in votes.voters(item)
                    if form.get(f"vote-{person}")
                }
            votes.record(item, data)
            return api.portal.translate(_("Vote enregistré."))
        raise votes.VoteError("Aucune action demandée.")
