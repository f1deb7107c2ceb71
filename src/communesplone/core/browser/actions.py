"""Base of the views behind buttons: POST only, with the CSRF token (DESIGN §7)."""

from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView


class PostOnlyView(BrowserView):
    """A GET is refused (405) and a POST without the token raises; then the subclass's
    `handle()` acts and returns the response body."""

    def __call__(self):
        if self.request.method != "POST":
            self.request.response.setStatus(405)
            return "POST"
        CheckAuthenticator(self.request)
        return self.handle()
