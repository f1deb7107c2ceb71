"""Views that only the test layers register (see testing.zcml)."""

from BTrees.OOBTree import OOBTree
from communesplone.core import numbering
from plone.protect.interfaces import IDisableCSRFProtection
from Products.Five.browser import BrowserView
from zExceptions import BadRequest
from zope.annotation.interfaces import IAnnotations
from zope.interface import alsoProvides

import time


class TakeNumber(BrowserView):
    """POST: take the next number of a series, as a creating request would."""

    def __call__(self):
        if self.request.method != "POST":
            raise BadRequest("POST only")
        # A real creating form carries a CSRF token; this test client does not.
        alsoProvides(self.request, IDisableCSRFProtection)
        series = self.request.form.get("series", "test")
        number = numbering.next_number(series)
        annotations = IAnnotations(self.context)
        taken = annotations.setdefault("communesplone.testing.taken", OOBTree())
        taken[(series, number)] = self.request.form.get("client", "")
        # Widen the window in which two requests overlap.
        time.sleep(float(self.request.form.get("pause", 0)))
        if self.request.form.get("fail"):
            raise BadRequest("fail on purpose after taking a number")
        return str(number)
