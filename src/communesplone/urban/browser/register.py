"""The public register of urbanism (anonymous): ongoing inquiries and recent permits.

Permits grant View to nobody outside the administration (DESIGN §7): this view reads
the catalog without the reader's rights and shows only public facts, chosen here one by
one: reference, subject, procedure, place of the works, inquiry dates and where to
object, decision date. Never an applicant's name.
"""

from communesplone.core.calendar import french_date
from communesplone.core.feeds import add_event
from communesplone.core.feeds import ics_response
from communesplone.core.feeds import new_calendar
from communesplone.urban.procedures import procedures
from datetime import date
from datetime import timedelta
from plone import api
from Products.Five.browser import BrowserView


CLAIMS = (
    "Les réclamations et observations sont adressées par écrit au Collège communal "
    "(par courrier ou par courriel) au plus tard le dernier jour, ou formulées oralement "
    "à l'administration communale pendant l'enquête."
)
PUBLICITY_TITLES = {"inquiry": "Enquête publique", "announcement": "Annonce de projet"}


def _french(iso):
    return french_date(date.fromisoformat(iso)) if iso else ""


class PublicRegister(BrowserView):
    def _search(self, **query):
        catalog = api.portal.get_tool("portal_catalog")
        return catalog.unrestrictedSearchResults(portal_type="Permit", **query)

    def _base(self, brain) -> dict:
        titles = {pid: info["title"] for pid, info in procedures().items()}
        return {
            "uid": brain.UID,
            "reference": brain.permit_reference,
            "title": brain.Title,
            "procedure": titles.get(brain.permit_procedure, ""),
            "locations": " ; ".join(brain.permit_locations or []),
        }

    def inquiries(self):
        today = date.today().isoformat()
        rows = []
        for brain in self._search(
            permit_inquiry_end={"query": today, "range": "min"}, sort_on="permit_inquiry_end"
        ):
            publicity = brain.permit_publicity or {}
            rows.append(
                {
                    **self._base(brain),
                    "kind": PUBLICITY_TITLES.get(publicity.get("kind"), ""),
                    "start": _french(publicity.get("start")),
                    "end": _french(publicity.get("end")),
                    "first_day": publicity.get("start"),
                    "last_day": publicity.get("end"),
                    "place": publicity.get("place", ""),
                }
            )
        return rows

    def granted(self):
        since = (date.today() - timedelta(days=365)).isoformat()
        return [
            {**self._base(brain), "decided_on": _french(brain.permit_decided_on)}
            for brain in self._search(
                review_state="granted",
                permit_decided_on={"query": since, "range": "min"},
                sort_on="permit_decided_on",
                sort_order="descending",
            )
        ]

    def claims(self):
        return CLAIMS


class InquiriesCalendar(PublicRegister):
    """`@@registre-urbanisme.ics`: the ongoing inquiries and announcements as whole-day
    events, from their first to their last day, for anyone to subscribe to."""

    def __call__(self):
        portal = api.portal.get()
        page = f"{portal.absolute_url()}/@@registre-urbanisme"
        calendar = new_calendar(f"Enquêtes publiques – {portal.Title()}", "Enquêtes publiques")
        for row in self.inquiries():
            if not row["first_day"] or not row["last_day"]:
                continue
            details = [
                f"{row['procedure']} {row['reference']}".strip(),
                f"Consultation du dossier : {row['place']}" if row["place"] else "",
                CLAIMS,
                page,
            ]
            add_event(
                calendar,
                f"enquete-{row['uid']}@communesplone",
                f"{row['kind']} — {row['title']}",
                date.fromisoformat(row["first_day"]),
                date.fromisoformat(row["last_day"]) + timedelta(days=1),
                location=row["locations"],
                url=page,
                description="\n".join(line for line in details if line),
            )
        return ics_response(self.request, calendar, "enquetes-publiques.ics")
