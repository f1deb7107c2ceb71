"""The directory's listing (searchable, filterable), its export and its CSV import."""

from communesplone import _
from communesplone.core import mandates
from communesplone.core.browser.export import export_rows
from communesplone.core.browser.export import export_url
from communesplone.core.content.directory import BODIES
from communesplone.core.directory_import import import_rows
from communesplone.core.directory_import import parse_csv
from communesplone.core.params import form_text
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.statusmessages.interfaces import IStatusMessage
from zExceptions import BadRequest

import base64


class DirectoryView(BrowserView):
    """People with their mandates in force: two catalog queries, whatever the size."""

    def __call__(self):
        self.filters()  # bad parameters are refused (400) before the page starts
        return self.index()

    def filters(self):
        return {name: form_text(self.request, name) for name in ("q", "body", "group")}

    def bodies(self):
        return [{"value": value, "title": title} for value, title in BODIES]

    def political_groups(self):
        return [
            {"value": brain.UID, "title": brain.Title}
            for brain in api.content.find(
                context=self.context,
                portal_type="Organization",
                organization_kind="political_group",
                sort_on="sortable_title",
            )
        ]

    def people(self):
        filters = self.filters()
        path = "/".join(self.context.getPhysicalPath())
        query = {"portal_type": "Person", "path": path, "sort_on": "person_sortable_name"}
        words = [word for word in filters["q"].replace("*", " ").split() if word]
        if words:
            query["Title"] = " AND ".join(f"{word}*" for word in words)
        mandate_query = {"path": path}
        if filters["body"]:
            mandate_query["mandate_body"] = filters["body"]
        if filters["group"]:
            mandate_query["mandate_political_group"] = filters["group"]
        by_person = {}
        for brain in mandates.mandates_in_force(**mandate_query):
            by_person.setdefault(brain.getPath().rsplit("/", 1)[0], []).append(brain.Title)
        restrict = bool(filters["body"] or filters["group"])
        rows = []
        for brain in api.content.find(**query):
            held = by_person.get(brain.getPath(), [])
            if restrict and not held:
                continue
            rows.append({"title": brain.Title, "url": brain.getURL(), "mandates": held})
        return rows

    def can_import(self):
        return api.user.has_permission("Add portal content", obj=self.context)

    def export_url(self, fmt: str) -> str:
        """The people listed with the current filters, as CSV or ODS."""
        return export_url(self.context.absolute_url(), "annuaire-export", self.filters(), fmt)


class DirectoryExport(DirectoryView):
    """@@annuaire-export: the listing with its filters, as CSV or ODS."""

    COLUMNS = (("title", _("Personne")), ("mandates", _("Mandats en cours")))

    def __call__(self):
        self.filters()  # bad parameters are refused (400) before anything is read
        rows = [{**row, "mandates": ", ".join(row["mandates"])} for row in self.people()]
        return export_rows(self, "annuaire", self.COLUMNS, rows, _("Annuaire"))


class ImportCsvView(BrowserView):
    """Upload a CSV, see which rows will be imported and which are rejected, confirm."""

    preview = None
    data = ""

    def __call__(self):
        if not api.user.has_permission("Add portal content", obj=self.context):
            raise BadRequest("Vous ne pouvez pas ajouter de personnes à l'annuaire.")
        form = self.request.form
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            if form.get("form.buttons.confirm"):
                return self.confirm(form.get("data", ""))
            upload = form.get("csvfile")
            raw = upload.read() if upload and hasattr(upload, "read") else b""
            if not raw:
                IStatusMessage(self.request).add("Choisissez un fichier CSV.", "error")
            else:
                self.preview = parse_csv(raw, self.context)
                self.data = base64.b64encode(raw).decode("ascii")
        return self.index()

    def confirm(self, data):
        try:
            raw = base64.b64decode(data.encode("ascii"), validate=True)
        except ValueError:
            raise BadRequest("Données d'import illisibles : recommencez l'import.")
        preview = parse_csv(raw, self.context)
        created = import_rows(self.context, preview.accepted)
        messages = IStatusMessage(self.request)
        messages.add(f"{len(created)} personne(s) importée(s).", "info")
        if preview.rejected:
            messages.add(
                f"{len(preview.rejected)} ligne(s) rejetée(s), non importée(s).", "warning"
            )
        self.request.response.redirect(self.context.absolute_url())
        return ""
