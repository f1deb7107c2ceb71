"""A permit file's page: facts, legal deadlines with their explanation, events."""

from communesplone import _
from communesplone.core.browser.actions import PostOnlyView
from communesplone.urban.content.event import EVENT_TYPES
from communesplone.urban.deadlines import permit_deadlines
from communesplone.urban.procedures import procedures
from communesplone.urban.tracking import SYSTEM_EVENTS
from plone import api
from Products.Five.browser import BrowserView


STATUS = {
    "open": (_("En cours"), "bg-primary"),
    "met": (_("Respecté"), "bg-success"),
    "missed": (_("Dépassé"), "bg-danger"),
    "not_applicable": (_("Sans objet"), "bg-secondary"),
}


class PermitView(BrowserView):
    def state_title(self):
        workflow = api.portal.get_tool("portal_workflow")
        return workflow.getTitleForStateOnType(api.content.get_state(self.context), "Permit")

    def facts(self):
        context = self.context
        contacts = self._contact_titles()
        manager = api.user.get(userid=context.folder_manager) if context.folder_manager else None
        return {
            "procedure": procedures().get(context.procedure, {}).get("title", context.procedure),
            "applicants": [contacts.get(uid, "") for uid in context.applicants or ()],
            "owners": [contacts.get(uid, "") for uid in context.owners or ()],
            "architect": contacts.get(context.architect, "") if context.architect else "",
            "locations": list(context.work_locations or []),
            "parcels": list(context.parcels or []),
            "manager": (manager.getProperty("fullname") or manager.getId()) if manager else "",
        }

    def _contact_titles(self) -> dict:
        """Titles of every contact named on the file, in one query (as the reader)."""
        context = self.context
        uids = [*(context.applicants or ()), *(context.owners or ())]
        if context.architect:
            uids.append(context.architect)
        if not uids:
            return {}
        return {brain.UID: brain.Title for brain in api.content.find(UID=uids)}

    def source_mail(self):
        """The incoming mail the permit was made from, if the reader may see it."""
        from communesplone.mail.links import source_of

        return source_of(self.context)

    def deadlines(self):
        rows = []
        for deadline in permit_deadlines(self.context):
            label, css = STATUS[deadline.status]
            rows.append(
                {
                    "id": deadline.id,
                    "title": deadline.title,
                    "due": deadline.due.strftime("%d/%m/%Y") if deadline.due else "—",
                    "status": label,
                    "css": css,
                    "explanation": deadline.explanation,
                }
            )
        return rows

    def events(self):
        return [
            {"title": event.Title(), "url": event.absolute_url(), "comment": event.comment or ""}
            for event in self.context.events()
        ]

    def college(self):
        """The Collège item of the file, or whether one may be prepared now."""
        from communesplone.meetings.content.assembly import site_college
        from communesplone.urban.college import ADD_ITEM

        uid = self.context.college_item
        if uid:
            found = api.content.find(UID=uid)
            return {"item": found[0] if found else None, "can_prepare": False}
        assembly = site_college()
        can = (
            api.content.get_state(self.context) == "instruction"
            and assembly is not None
            and api.user.has_permission(ADD_ITEM, obj=assembly)
        )
        return {"item": None, "can_prepare": can}

    def event_types(self):
        """Buttons to record the next step, when the reader may."""
        if not api.user.has_permission("communesplone.urban: Add event", obj=self.context):
            return []
        base = f"{self.context.absolute_url()}/++add++PermitEvent"
        return [
            {"id": key, "title": title, "url": f"{base}?event_type={key}"}
            for key, title in EVENT_TYPES.items()
            if key not in SYSTEM_EVENTS
        ]


class CollegeItemAction(PostOnlyView):
    """POST from the file's page: prepare its Collège item (CSRF-protected)."""

    def handle(self):
        from communesplone.urban.college import CollegeError
        from communesplone.urban.college import create_college_item

        try:
            item = create_college_item(self.context, self.request.form.get("outcome", ""))
        except CollegeError as exc:
            api.portal.show_message(str(exc), request=self.request, type="error")
            self.request.response.redirect(self.context.absolute_url())
            return ""
        api.portal.show_message(
            api.portal.translate(_("Point au Collège préparé : relisez-le et proposez-le.")),
            request=self.request,
        )
        self.request.response.redirect(item.absolute_url())
        return ""
