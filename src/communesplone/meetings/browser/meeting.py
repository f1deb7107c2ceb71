"""A meeting's page: date, place, the agenda the reader may see and the clerk's actions."""

from communesplone import _
from communesplone.core.browser.actions import PostOnlyView
from communesplone.core.workflow import available_transitions
from communesplone.meetings import agenda
from communesplone.meetings import deliberations
from communesplone.meetings import visits
from communesplone.meetings.content.assembly import assembly_of
from communesplone.meetings.content.meeting import convocation_deadline
from communesplone.meetings.services.agenda import agenda_items
from DateTime import DateTime
from datetime import date
from plone import api
from Products.CMFCore.WorkflowCore import WorkflowException
from Products.Five.browser import BrowserView

import transaction


MANAGE_AGENDA = "communesplone.meetings: Manage agenda"


def _path(obj) -> str:
    return "/".join(obj.getPhysicalPath())


class MeetingView(BrowserView):
    def items(self):
        rows = agenda_items(self.context)
        public = [row for row in rows if row["privacy"] != "secret"]
        secret = [row for row in rows if row["privacy"] == "secret"]
        return {"public": public, "secret": secret}

    def convocation(self):
        """« Convocation à envoyer au plus tard le … » for the council (CDLD)."""
        deadline = convocation_deadline(self.context)
        if deadline is None:
            return None
        return {
            "date": deadline.strftime("%d/%m/%Y"),
            "late": deadline < date.today() and api.content.get_state(self.context) == "created",
        }

    def static_url(self):
        return f"{api.portal.get().absolute_url()}/++resource++communesplone.meetings"

    def can_manage_agenda(self):
        return api.user.has_permission(MANAGE_AGENDA, obj=self.context)

    def can_conduct(self):
        """The cockpit, for the clerk, once the agenda is frozen and during the séance."""
        state = api.content.get_state(self.context)
        return state in ("frozen", "in_session") and self.can_manage_agenda()

    def is_member(self):
        """A member of the meeting's assembly (who reads the agenda to sit in it)."""
        user = api.user.get_current()
        assembly = assembly_of(self.context)
        groups = set(user.getGroups()) if hasattr(user, "getGroups") else set()
        return assembly is not None and assembly.member_group in groups

    def changed(self, row) -> bool:
        """For a member: is the item new or changed since they last marked the agenda read?"""
        if not self.is_member():
            return False
        if not hasattr(self, "_visit"):
            self._visit = visits.last_visit(self.context, api.user.get_current().getId())
        return visits.changed_since(DateTime(row["modified"]), self._visit)

    def has_minutes(self):
        return api.content.get_state(self.context) in ("in_session", "decided", "closed")

    def has_deliberations(self):
        return api.content.get_state(self.context) in deliberations.READY_MEETING_STATES

    def archive(self):
        """A closed meeting's archived minutes: links, size and fingerprint."""
        if api.content.get_state(self.context) != "closed":
            return None
        full = self.context.minutes_file
        public = self.context.minutes_public_file
        url = self.context.absolute_url()
        return {
            "full_url": f"{url}/@@download/minutes_file" if full else None,
            "full_size": f"{full.getSize() / 1024:.0f}" if full else "",
            "sha256": self.context.minutes_sha256 or "",
            "public_url": f"{url}/@@download/minutes_public_file" if public else None,
        }

    def is_open(self):
        return api.content.get_state(self.context) in agenda.OPEN_STATES

    def transitions(self):
        """The transitions the user may take now, as buttons."""
        return available_transitions(self.context)

    def candidates(self):
        """Validated items of the assembly the clerk may present to this meeting.

        Three queries whatever the number of items: items, open meetings, services.
        """
        if not (self.is_open() and self.can_manage_agenda()):
            return []
        catalog = api.portal.get_tool("portal_catalog")
        assembly = assembly_of(self.context)
        brains = catalog(
            path=_path(assembly),
            portal_type="MeetingItem",
            review_state="validated",
            sort_on="created",
        )
        if not brains:
            return []
        meetings = {
            b.UID: b.Title
            for b in catalog(
                path=_path(assembly), portal_type="Meeting", review_state=list(agenda.OPEN_STATES)
            )
        }
        services = {b.service_code: b.Title for b in catalog(portal_type="Service")}
        own = self.context.UID()
        rows = []
        for brain in brains:
            preferred = brain.preferred_meeting or None
            rows.append(
                {
                    "UID": brain.UID,
                    "title": brain.Title,
                    "url": brain.getURL(),
                    "service": services.get(brain.proposing_service, brain.proposing_service),
                    "category": brain.item_category or "",
                    "privacy": brain.item_privacy,
                    "preferred_here": preferred == own,
                    "preferred_title": meetings.get(preferred, "") if preferred != own else "",
                }
            )
        # Items meant for this meeting first, then those meant for no meeting in particular.
        rows.sort(key=lambda row: (not row["preferred_here"], bool(row["preferred_title"])))
        return rows


class MarkRead(PostOnlyView):
    """« J'ai lu l'ordre du jour »: what changes after this is marked for the member."""

    def handle(self):
        userid = api.user.get_current().getId()
        if userid:
            visits.record_visit(self.context, userid)
            api.portal.show_message(
                api.portal.translate(_("Ordre du jour marqué comme lu.")), request=self.request
            )
        self.request.response.redirect(self.context.absolute_url())
        return ""


class AgendaActions(PostOnlyView):
    """The clerk's buttons on the meeting page: present, re-sort, meeting transitions.

    POST only, with the CSRF token; a refused request changes nothing and says why.
    """

    def handle(self):
        request = self.request
        try:
            if request.form.get("present"):
                message = self.present(request.form.get("uids") or [])
            elif request.form.get("sort"):
                message = self.sort()
            elif request.form.get("transition"):
                message = self.transition(request.form["transition"])
            else:
                raise agenda.AgendaError(_("Aucune action demandée."))
        except (agenda.AgendaError, WorkflowException) as exc:
            transaction.abort()
            api.portal.show_message(str(exc), request=request, type="error")
        else:
            api.portal.show_message(message, request=request, type="info")
        request.response.redirect(self.context.absolute_url())
        return ""

    def _require_agenda_rights(self):
        if not api.user.has_permission(MANAGE_AGENDA, obj=self.context):
            raise agenda.AgendaError(
                api.portal.translate(
                    _("Vous ne pouvez pas modifier l'ordre du jour de cette séance.")
                )
            )
        if api.content.get_state(self.context) not in agenda.OPEN_STATES:
            raise agenda.AgendaError(
                api.portal.translate(_("Cette séance n'accepte plus de points."))
            )

    def present(self, uids):
        self._require_agenda_rights()
        if isinstance(uids, str):
            uids = [uids]
        if not uids:
            raise agenda.AgendaError(
                api.portal.translate(_("Cochez au moins un point à présenter."))
            )
        catalog = api.portal.get_tool("portal_catalog")
        workflow_tool = api.portal.get_tool("portal_workflow")
        brains = {
            b.UID: b
            for b in catalog(
                UID=list(uids), portal_type="MeetingItem", path=_path(assembly_of(self.context))
            )
        }
        items = []
        for uid in uids:
            brain = brains.get(uid)
            item = brain.getObject() if brain is not None else None
            allowed = item is not None and "present" in {
                t["id"] for t in workflow_tool.getTransitionsFor(item)
            }
            if not allowed:
                title = brain.Title if brain is not None else uid
                raise agenda.AgendaError(
                    api.portal.translate(
                        _(
                            "Le point « ${title} » ne peut pas être présenté : rien n'a été fait.",
                            mapping={"title": title},
                        )
                    )
                )
            items.append(item)
        for item in items:
            # The clerk chose this meeting: presenting follows the preferred meeting.
            item.preferred_meeting = self.context.UID()
            api.content.transition(obj=item, transition="present")
        return api.portal.translate(
            _("${count} point(s) présenté(s).", mapping={"count": len(items)})
        )

    def sort(self):
        self._require_agenda_rights()
        agenda.sort_by_rules(self.context)
        return api.portal.translate(_("Ordre du jour reclassé selon les règles de l'assemblée."))

    def transition(self, transition_id):
        workflow_tool = api.portal.get_tool("portal_workflow")
        available = {t["id"]: t for t in workflow_tool.getTransitionsFor(self.context)}
        if transition_id not in available:
            raise agenda.AgendaError(
                api.portal.translate(_("Cette action n'est pas possible sur cette séance."))
            )
        api.content.transition(obj=self.context, transition=transition_id)
        state = api.content.get_state(self.context)
        title = workflow_tool.getTitleForStateOnType(state, "Meeting")
        return api.portal.translate(
            _(
                "La séance est maintenant : ${state}.",
                mapping={"state": api.portal.translate(title, "plone")},
            )
        )
