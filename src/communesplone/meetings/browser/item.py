"""An item's page: where it stands, its texts and its annexes."""

from communesplone.core.groups import user_service_codes
from communesplone.meetings import advices
from communesplone.meetings import followup
from communesplone.meetings.content.annex import ANNEX_TYPES
from communesplone.meetings.content.item import LIST_TYPES
from communesplone.meetings.content.item import PRIVACY
from datetime import date
from plone import api
from Products.Five.browser import BrowserView


class ItemView(BrowserView):
    def state_title(self):
        workflow = api.portal.get_tool("portal_workflow")
        return workflow.getTitleForStateOnType(api.content.get_state(self.context), "MeetingItem")

    def facts(self):
        context = self.context
        code = context.stored_service
        service = api.content.find(portal_type="Service", service_code=code) if code else []
        meeting = context.meeting()
        can_see_meeting = meeting is not None and api.user.has_permission("View", obj=meeting)
        return {
            "service": service[0].Title if service else (code or ""),
            "category": context.category or "",
            "privacy": PRIVACY.getTerm(context.privacy).title if context.privacy else "",
            "late": context.list_type == "late" and LIST_TYPES["late"] or "",
            "meeting": meeting.Title() if can_see_meeting else "",
            "meeting_url": meeting.absolute_url() if can_see_meeting else "",
            "number": meeting.number_of(context.UID()) if can_see_meeting else None,
            "deliberation_url": (
                f"{context.absolute_url()}/@@download/deliberation_file"
                if context.deliberation_file
                else ""
            ),
            "deliberation_sha256": context.deliberation_sha256 or "",
        }

    def annexes(self):
        titles = {term.value: term.title for term in ANNEX_TYPES}
        return [
            {
                "title": brain.Title,
                "url": f"{brain.getURL()}/@@download/file",
                "type": titles.get(brain.annex_type, ""),
            }
            for brain in api.content.find(context=self.context, portal_type="Annex", depth=1)
        ]

    def linked(self):
        """Linked items the reader may see (one query; others are not even named)."""
        uids = [uid for uid in (self.context.linked_items or []) if uid]
        if not uids:
            return []
        return [
            {"title": brain.Title, "url": brain.getURL(), "state": brain.review_state}
            for brain in api.content.find(UID=uids, portal_type=["MeetingItem", "Permit"])
        ]

    def can_add_annex(self):
        return api.user.has_permission("Add portal content", obj=self.context)

    def source_mail(self):
        """The incoming mail the item was made from, if the reader may see it."""
        from communesplone.mail.links import source_of

        return source_of(self.context)

    def advices(self) -> list[dict]:
        """The advices asked on the item; `may_give` where the reader's service may answer."""
        rows = advices.rows(self.context)
        if not rows:
            return []
        may = api.content.get_state(self.context) in advices.ASKING_STATES and (
            api.user.has_permission("communesplone.meetings: Give advice", obj=self.context)
        )
        mine = set(user_service_codes(advices.ADVISER_GROUPS)) if may else set()
        for row in rows:
            row["may_give"] = row["service"] in mine
            row["due_text"] = date.fromisoformat(row["due"]).strftime("%d/%m/%Y")
        return rows

    def advice_types(self) -> list[dict]:
        return [{"value": key, "title": title} for key, title in advices.ADVICE_TYPES.items()]

    def follow_up(self):
        """The « Suivi de la décision » block: who executes, by when, and what was reported;
        None when the item names neither an executing service nor a due date."""
        context = self.context
        code, due, done = context.execution_service, context.execution_due, context.execution_done
        if not (code or due):
            return None
        service = api.content.find(portal_type="Service", service_code=code) if code else []
        today = date.today()
        return {
            "service": service[0].Title if service else (code or ""),
            "due": due.strftime("%d/%m/%Y") if due else "",
            "late": followup.is_late(due, done, today),
            "done": done.strftime("%d/%m/%Y") if done else "",
            "note": context.execution_note or "",
            "may_report": followup.may_report(context),
            "done_value": (done or today).isoformat(),
            "today": today.isoformat(),
        }
