"""« Mon tableau de bord »: the home of a logged-in user.

Each module adds its parts as viewlets of the `communesplone.dashboard` manager
(registered on its own browser layer, with its own permission); a viewlet says whether
it has something for the current user (`available`) and where it stands (`order`).
"""

from communesplone.core import groups as core_groups
from communesplone.core import mandates
from communesplone.core import structure
from plone import api
from plone.app.layout.viewlets.common import ViewletBase
from plone.base.interfaces import IRedirectAfterLogin
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.Five.viewlet.manager import ViewletManagerBase
from zExceptions import Unauthorized
from zope.interface import implementer
from zope.viewlet.interfaces import IViewletManager


DASHBOARD_VIEW = "tableau-de-bord"


class IDashboard(IViewletManager):
    """The parts of « Mon tableau de bord »."""


class DashboardManager(ViewletManagerBase):
    def sort(self, viewlets):
        return sorted(viewlets, key=lambda item: (getattr(item[1], "order", 100), item[0]))

    def update(self):
        """Update every part, then keep those that have something for this user."""
        super().update()
        self.viewlets = [v for v in self.viewlets if getattr(v, "available", True)]


class DashboardView(BrowserView):
    def __call__(self):
        if api.user.is_anonymous():
            raise Unauthorized("Connectez-vous pour voir votre tableau de bord.")
        return self.index()

    def fullname(self):
        user = api.user.get_current()
        return user.getProperty("fullname") or user.getId()


@implementer(IRedirectAfterLogin)
class RedirectToDashboard:
    """After login, go to the dashboard unless the user was heading somewhere."""

    def __init__(self, context, request):
        self.context = context
        self.request = request

    def __call__(self, came_from=None, is_initial_login=False):
        portal_url = api.portal.get().absolute_url()
        if not came_from or came_from.rstrip("/") in (portal_url, f"{portal_url}/login"):
            return f"{portal_url}/{DASHBOARD_VIEW}"
        return came_from


class MyServicesViewlet(ViewletBase):
    """The services the user works in, and as what."""

    order = 10
    index = ViewPageTemplateFile("templates/dashboard_services.pt")

    def update(self):
        super().update()
        user = api.user.get_current()
        group_ids = set(user.getGroups()) if hasattr(user, "getGroups") else set()
        kinds = dict(core_groups.SERVICE_GROUP_KINDS)
        memberships = {}
        for group_id in group_ids:
            code, _sep, kind = group_id.rpartition("_")
            if code and kind in kinds:
                memberships.setdefault(code, []).append(kinds[kind])
        self.services = []
        if memberships:
            for brain in api.content.find(portal_type="Service", service_code=list(memberships)):
                self.services.append(
                    {
                        "title": brain.Title,
                        "url": brain.getURL(),
                        "as": ", ".join(sorted(memberships[brain.service_code])),
                    }
                )
            self.services.sort(key=lambda item: item["title"].lower())

    @property
    def available(self):
        return bool(self.services)


class MyMandatesViewlet(ViewletBase):
    """The mandates in force of the person linked to the user."""

    order = 20
    index = ViewPageTemplateFile("templates/dashboard_mandates.pt")

    def update(self):
        super().update()
        userid = api.user.get_current().getId()
        brains = mandates.mandates_in_force(mandate_userid=userid, sort_on="mandate_start")
        self.mandates = [{"title": brain.Title, "url": brain.getURL()} for brain in brains]

    @property
    def available(self):
        return bool(self.mandates)


class DirectoryViewlet(ViewletBase):
    """A search box into the directory, for everyone who may read it."""

    order = 90
    index = ViewPageTemplateFile("templates/dashboard_directory.pt")

    def update(self):
        super().update()
        portal = api.portal.get()
        directory = portal.get(structure.DIRECTORY_ID)
        self.directory_url = directory.absolute_url() if directory is not None else None
        self.orgchart_url = f"{portal.absolute_url()}/{structure.ORGCHART_ID}"

    @property
    def available(self):
        return self.directory_url is not None
