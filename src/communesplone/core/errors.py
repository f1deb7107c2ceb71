"""Internal errors answered as JSON say only that they happened, to whoever does not
manage the site.

plone.rest answers every error of a JSON request (a REST call, or a page asked with
`Accept: application/json`) with `str(exception)`. That is right for the refusals a
service means to say (BadRequest, NotFound, Unauthorized…), not for an internal error,
whose text may hold file paths, template source or data. Plone's HTML error page already
hides them; managers still get the message and the traceback.

Zope forgets the previous request's user only once the request is read: an error while
reading it (a `:int` that is not a number) was answered as to that user, a manager's
traceback shown to an anonymous visitor, in HTML as in JSON. The user is forgotten at
the start of publication instead, and who manages is only asked once traversed.

Plone's error page tells an ordinary user only that something failed; a parameter our
views refuse (params.IBadParameter) is the user's to fix, so its page says which.
"""

from AccessControl import getSecurityManager
from AccessControl.SecurityManagement import noSecurityManager
from AccessControl.unauthorized import Unauthorized
from communesplone import _
from communesplone.core.params import IBadParameter
from plone.rest.errors import ErrorHandling
from plone.rest.events import mark_as_api_request
from plone.rest.interfaces import IAPIRequest
from Products.CMFCore.permissions import ManagePortal
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zExceptions import Forbidden
from zExceptions import HTTPClientError
from zExceptions import HTTPRedirection
from zExceptions import MethodNotAllowed
from zExceptions import NotFound
from zope.component import adapter
from zope.component.hooks import getSite
from zope.i18n import translate
from zope.interface import alsoProvides
from zope.interface import Interface
from zope.interface import noLongerProvides


# Errors whose message is meant for the caller.
MEANT = (HTTPClientError, HTTPRedirection, NotFound, Forbidden, MethodNotAllowed, Unauthorized)


class IHiddenInternalErrors(IAPIRequest):
    """A JSON request whose internal errors are answered without their text."""


def forget_previous_user(event) -> None:
    """At the start of publication, before the request is read (see above)."""
    noSecurityManager()


def mark_api_request(event) -> None:
    """At the start of publication: a request plone.rest answers gets our error view."""
    request = event.request
    if not IAPIRequest.providedBy(request):
        # Whichever of plone.rest's subscriber and this one runs first.
        mark_as_api_request(request, request.getHeader("Accept", "text/html"))
    if IAPIRequest.providedBy(request) and not IHiddenInternalErrors.providedBy(request):
        noLongerProvides(request, IAPIRequest)  # still provided, through ours
        alsoProvides(request, IHiddenInternalErrors)


def manages(request) -> bool:
    """Whether the (authenticated) user manages the site, or the Zope root's object."""
    parents = request.get("PARENTS") or []
    if request.get("PUBLISHED") is None or not parents:
        return False  # not traversed: nobody is authenticated yet
    context = getSite() or parents[0]
    return bool(getSecurityManager().checkPermission(ManagePortal, context))


@adapter(Exception, IHiddenInternalErrors)
class HiddenInternalErrors(ErrorHandling):
    def render_exception(self, exception):
        result = super().render_exception(exception)
        if result is None or manages(self.request):
            return result
        result.pop("traceback", None)
        if not isinstance(exception, MEANT):
            result["message"] = translate(_("Erreur interne du serveur."), context=self.request)
        return result


@adapter(IBadParameter, Interface)
class BadParameterPage(BrowserView):
    """The refusal of a parameter, in the site's page (a JSON request: as the others)."""

    index = ViewPageTemplateFile("browser/templates/bad_parameter.pt")

    def __call__(self):
        if IAPIRequest.providedBy(self.request):
            view = HiddenInternalErrors(self.context, self.request)
            view.__parent__ = self.__parent__
            return view()
        self.message = str(self.context)
        self.request.response.setStatus(400)
        if self.__parent__ is self.context:  # nothing traversed: no place to draw a page in
            self.request.response.setHeader("Content-Type", "text/plain; charset=utf-8")
            return self.message
        # The page is drawn in the place where the parameter was refused.
        self.context = self.__parent__
        self.request.set("disable_border", True)
        return self.index()
