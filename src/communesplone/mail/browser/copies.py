"""« Lu » for the services in copy: the mail's page POSTs it once opened (copies.py)."""

from communesplone.core.browser.actions import PostOnlyView
from communesplone.mail import copies
from plone import api
from Products.Five.browser import BrowserView

import json


class ReadMarker(BrowserView):
    """On the mail's page of a user in copy who has not read it: a form that the page's
    script posts at once (a button without JavaScript). Empty otherwise."""

    def __call__(self):
        return self.index() if copies.is_unread(self.context) else ""

    def script_url(self):
        return f"{api.portal.get().absolute_url()}/++resource++communesplone.mail.courrier-lu.js"


class MarkRead(PostOnlyView):
    """`@@courrier-lu`: record that the current user, in copy, has read the mail.

    The page's script asks JSON; the button of the form without script comes back to
    the page. Nobody else's reading is recorded.
    """

    def handle(self):
        recorded = copies.mark_read(self.context)
        if "application/json" in (self.request.getHeader("Accept") or ""):
            self.request.response.setHeader("Content-Type", "application/json")
            return json.dumps({"read": recorded})
        self.request.response.redirect(self.context.absolute_url())
        return ""
