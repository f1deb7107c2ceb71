"""« Mes points »: the user's work lists as tabs, their export, their batch transitions,
and their counts on « Mon tableau de bord ». Reading writes nothing; acting is a POST with
the token.
"""

from communesplone import _
from communesplone.core.browser.actions import PostOnlyView
from communesplone.core.browser.export import export_rows
from communesplone.core.browser.export import export_url
from communesplone.core.params import form_text
from communesplone.meetings import worklists
from plone import api
from plone.app.layout.viewlets.common import ViewletBase
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from urllib.parse import urlencode
from zExceptions import Unauthorized

import transaction


PAGE_VIEW = "mes-points"
EXPORT_VIEW = "mes-points-export"


def list_url(root_url: str, key: str) -> str:
    return f"{root_url}/@@{PAGE_VIEW}?{urlencode({'liste': key})}"


class WorklistsView(BrowserView):
    """The tabs, the filters (GET) and the batch form of the current list."""

    def __call__(self):
        self.prepare()
        return self.index()

    def prepare(self):
        if api.user.is_anonymous():
            raise Unauthorized("Connectez-vous pour voir vos points.")
        # Bad parameters are refused (400) before the page starts.
        self.current_list()
        self.filters()
        self.worklists = worklists.Worklists()

    def current_list(self) -> str:
        wanted = form_text(self.request, "liste")
        return wanted if wanted in dict(worklists.LISTS) else worklists.MINE

    def is_item_list(self) -> bool:
        return self.current_list() in worklists.ITEM_LISTS

    def filters(self) -> dict:
        return {name: form_text(self.request, name) for name in ("text", "service", "category")}

    def tabs(self) -> list[dict]:
        counts = self.worklists.counts()
        current = self.current_list()
        root_url = self.context.absolute_url()
        return [
            {
                "id": key,
                "title": title,
                "count": counts[key],
                "current": key == current,
                "url": list_url(root_url, key),
            }
            for key, title in worklists.LISTS
        ]

    def rows(self) -> list[dict]:
        if "_rows" not in self.__dict__:
            self._rows = self.worklists.rows(self.current_list(), **self.filters())
        return self._rows

    def total(self) -> int:
        """The rows of the current list before the filters."""
        return len(self.worklists.brains(self.current_list()))

    def services(self) -> list[dict]:
        return self.worklists.service_options()

    def categories(self) -> list[str]:
        return self.worklists.categories(self.current_list())

    def export_url(self, fmt: str) -> str:
        """The current list with its filters, as CSV or ODS."""
        params = {"liste": self.current_list(), **self.filters()}
        return export_url(self.context.absolute_url(), EXPORT_VIEW, params, fmt)

    def transitions(self) -> list[dict]:
        titles = worklists.transition_titles()
        return [
            {"id": transition, "title": titles.get(transition, transition)}
            for transition in worklists.BATCH_TRANSITIONS.get(self.current_list(), ())
        ]


class WorklistsExport(WorklistsView):
    """@@mes-points-export: the rows of the current tab with its filters, CSV or ODS."""

    ITEM_COLUMNS = (
        ("title", _("Titre")),
        ("service_title", _("Service")),
        ("category", _("Catégorie")),
        ("state_title", _("État")),
        ("meeting", _("Séance")),
    )
    MEETING_COLUMNS = (
        ("title", _("Séance")),
        ("start", _("Début")),
        ("state_title", _("État")),
    )

    def __call__(self):
        self.prepare()
        key = self.current_list()
        name, title = f"mes-points-{key}", dict(worklists.LISTS)[key]
        if not self.is_item_list():
            return export_rows(self, name, self.MEETING_COLUMNS, self.rows(), title)
        wished = api.portal.translate(_("(souhaitée)"))
        rows = [
            {
                **row,
                "meeting": f"{row['meeting_title']} {wished}"
                if row["meeting_title"] and not row["presented"]
                else row["meeting_title"],
            }
            for row in self.rows()
        ]
        return export_rows(self, name, self.ITEM_COLUMNS, rows, title)


class WorklistsAction(PostOnlyView):
    """One transition on the checked items (POST with the token); all or nothing."""

    def handle(self):
        if api.user.is_anonymous():
            raise Unauthorized("Connectez-vous pour agir sur des points.")
        form = self.request.form
        back = form_text(self.request, "liste")
        back = back if back in dict(worklists.LISTS) else worklists.MINE
        transition = form_text(self.request, "transition")
        try:
            count = worklists.transition_many(
                form.get("uids") or [], transition, form_text(self.request, "comment")
            )
        except worklists.WorklistError as exc:
            transaction.abort()
            api.portal.show_message(str(exc), request=self.request, type="error")
        else:
            title = worklists.transition_titles().get(transition, transition)
            api.portal.show_message(
                api.portal.translate(
                    _(
                        "${count} point(s) traité(s) : ${transition}.",
                        mapping={"count": count, "transition": title},
                    )
                ),
                request=self.request,
                type="info",
            )
        self.request.response.redirect(list_url(self.context.absolute_url(), back))
        return ""


class MyWorklistsViewlet(ViewletBase):
    """The counts of the user's lists on « Mon tableau de bord », linked to their tabs."""

    order = 15
    index = ViewPageTemplateFile("templates/worklists_viewlet.pt")

    def update(self):
        super().update()
        self.lists = []
        if api.user.is_anonymous():
            return
        counts = worklists.Worklists().counts()
        self.lists = [
            {
                "id": key,
                "title": title,
                "count": counts[key],
                "url": list_url(self.navigation_root_url, key),
            }
            for key, title in worklists.LISTS
        ]

    @property
    def available(self):
        return any(row["count"] for row in self.lists)
