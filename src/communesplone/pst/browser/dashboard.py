"""The follow-up dashboard of a plan (« Tableau de suivi du PST »): lists of actions and
sub-actions with counts, filters and an export as CSV or ODS.

Every list is one catalog query read as the user (who finds only what the workflows and
the local roles let them see) and rendered from metadata through `listing.rows`: no
action is woken up per row. The tabs keep the filters, so a tab's count is the number of
actions its list shows.
"""

from communesplone import _
from communesplone.core.groups import user_service_codes
from communesplone.core.spreadsheet import export_response
from communesplone.core.structure import service_options
from communesplone.pst import listing
from communesplone.pst import reminders
from communesplone.pst.vocabularies import HEALTH
from datetime import date
from datetime import timedelta
from plone import api
from Products.Five.browser import BrowserView
from urllib.parse import urlencode
from zope.i18nmessageid import Message


ACTION_WORKFLOW = "communesplone_pst_action_workflow"
OPEN_STATES = ("created", "to_be_scheduled", "ongoing")
NOT_STARTED_STATES = ("created", "to_be_scheduled")
LISTS = (
    ("mine", _("Mes actions")),
    ("late", _("En retard")),
    ("late_start", _("Démarrage tardif")),
    ("stale", _("Sans mise à jour")),
    ("alderman", _("Par mandataire")),
    ("service", _("Par service")),
    ("health", _("Par santé")),
)
GROUPED = ("alderman", "service", "health")
UNKNOWN_ALDERMAN = _("Mandataire inconnu")
FILTERS = ("service", "alderman", "health", "state", "type")
TYPES = (("Action", _("Actions")), ("SubAction", _("Sous-actions")))
NO_GROUP = {
    "alderman": _("Sans mandataire"),
    "service": _("Sans service"),
    "health": _("Santé non renseignée"),
}


class PSTDashboard(BrowserView):
    """@@suivi on a strategic plan."""

    def __init__(self, context, request):
        super().__init__(context, request)
        self._brains_cache = {}

    # The lists

    def current_list(self) -> str:
        wanted = self.request.form.get("list")
        return wanted if isinstance(wanted, str) and wanted in dict(LISTS) else "mine"

    def is_grouped(self) -> bool:
        return self.current_list() in GROUPED

    def lists(self) -> list[dict]:
        current = self.current_list()
        return [
            {
                "id": key,
                "title": title,
                "count": len(self.brains(key)),
                "current": key == current,
                "url": self.url(list=key),
            }
            for key, title in LISTS
        ]

    def _list_query(self, key: str) -> dict:
        yesterday = date.today() - timedelta(days=1)
        query = {"portal_type": list(listing.ACTION_TYPES)}
        if key == "late":
            query["review_state"] = list(OPEN_STATES)
            query["pst_planned_end"] = {"query": yesterday, "range": "max"}
        elif key == "late_start":
            query["review_state"] = list(NOT_STARTED_STATES)
            query["pst_planned_start"] = {"query": yesterday, "range": "max"}
        elif key == "stale":
            query.update(reminders.stale_query(self.stale_days()))
        return query

    def stale_days(self) -> int:
        """The plan's reminder period; a plan without reminders still has the list."""
        return self.context.reminder_days or reminders.DEFAULT_DAYS

    def is_stale_list(self) -> bool:
        return self.current_list() == "stale"

    def _filters(self) -> dict | None:
        """The form's filters as catalog criteria; None when a value can match nothing."""
        form = self.request.form
        allowed = {
            "health": dict(HEALTH),
            "state": self.state_ids(),
            "type": listing.ACTION_TYPES,
        }
        indexes = {
            "service": "pst_services",
            "alderman": "pst_alderman",
            "health": "pst_health",
            "state": "review_state",
            "type": "portal_type",
        }
        query = {}
        for name in FILTERS:
            value = form.get(name)
            if value in (None, ""):
                continue
            if not isinstance(value, str) or (name in allowed and value not in allowed[name]):
                return None
            query[indexes[name]] = value
        return query

    def _query(self, key: str) -> dict | None:
        query = self._list_query(key)
        filters = self._filters()
        if filters is None:
            return None
        for index, value in filters.items():
            # The list narrows to states or types: the filter's must be among them.
            if isinstance(query.get(index), list) and value not in query[index]:
                return None
            query[index] = value
        return query

    def brains(self, key: str) -> list:
        """The list's brains in plan order, with the filters (one catalog query)."""
        if key not in self._brains_cache:
            query = self._query(key)
            brains = [] if query is None else listing.find(self.context, **query)
            if key == "mine":
                userid = api.user.get_current().getId()
                services = set(user_service_codes(kinds=("agents", "managers")))
                brains = [
                    brain
                    for brain in brains
                    if (userid and brain.pst_agent == userid)
                    or services.intersection(brain.pst_services or ())
                ]
            elif key == "late":
                brains = [brain for brain in brains if listing.is_late(brain)]
            elif key == "late_start":
                brains = [brain for brain in brains if listing.is_late_start(brain)]
            self._brains_cache[key] = brains
        return self._brains_cache[key]

    def rows(self, key: str | None = None) -> list[dict]:
        today = date.today()
        result = listing.rows(self.brains(key or self.current_list()), today)
        for row in result:
            row["modified_text"] = listing.french_day(row["modified"])
            row["stale_days"] = (today - row["modified"]).days if row["modified"] else None
            row["progress_text"] = "" if row["progress"] is None else f"{row['progress']} %"
            row["planned_end_text"] = listing.french_day(row["planned_end"])
            row["planned_text"] = listing.euros(row["planned"])
            row["spent_text"] = listing.euros(row["spent"])
            row["services_text"] = ", ".join(row["services"])
        return result

    def groups(self, key: str | None = None) -> list[dict]:
        """The list's rows, by échevin, service or health; a flat list is one group."""
        key = key or self.current_list()
        rows = self.rows(key)
        if key not in GROUPED:
            return [{"id": key, "title": None, "count": len(rows), "rows": rows}]
        groups = {}
        if key == "service":
            titles = {option["code"]: option["title"] for option in service_options()}
            wanted = self.request.form.get("service")
            for row in rows:
                for code in row["service_codes"] or [""]:
                    if wanted and code != wanted:
                        continue
                    groups.setdefault(code, []).append(row)
            order = sorted(groups, key=lambda code: (not code, titles.get(code, code).lower()))
        elif key == "alderman":
            titles = {}
            for row in rows:
                groups.setdefault(row["alderman_uid"], []).append(row)
                # A person the user may not read in the directory keeps a name of sorts.
                titles[row["alderman_uid"]] = row["alderman"] or UNKNOWN_ALDERMAN
            order = sorted(groups, key=lambda uid: (not uid, _text(titles[uid]).lower()))
        else:
            titles = dict(HEALTH)
            for row in rows:
                health = row["health"] if row["health"] in titles else ""
                groups.setdefault(health, []).append(row)
            ranks = {value: rank for rank, value in enumerate([*titles, ""])}
            order = sorted(groups, key=ranks.get)
        return [
            {
                "id": group or "none",
                "title": (titles.get(group) or group) if group else NO_GROUP[key],
                "count": len(groups[group]),
                "rows": groups[group],
            }
            for group in order
        ]

    def total(self) -> int:
        return len(self.brains(self.current_list()))

    # The filters' options

    def state_ids(self) -> list[str]:
        workflow = api.portal.get_tool("portal_workflow").getWorkflowById(ACTION_WORKFLOW)
        return list(workflow.states.objectIds()) if workflow is not None else []

    def states(self) -> list[dict]:
        titles = listing.state_titles()
        return [
            {"id": state, "title": titles.get(("Action", state), state)}
            for state in self.state_ids()
        ]

    def services(self) -> list[dict]:
        return service_options()

    def aldermen(self) -> list[dict]:
        """The échevins responsible for an action of the plan, by name."""
        brains = listing.find(self.context, portal_type=list(listing.ACTION_TYPES))
        titles = listing.person_titles(brain.pst_alderman for brain in brains)
        return [
            {"uid": uid, "title": title}
            for uid, title in sorted(titles.items(), key=lambda item: item[1].lower())
        ]

    def healths(self) -> list[dict]:
        return [{"value": value, "title": title} for value, title in HEALTH]

    def types(self) -> list[dict]:
        return [{"value": value, "title": title} for value, title in TYPES]

    def selected(self, name: str, value) -> bool:
        return self.request.form.get(name) == value

    # Addresses that keep the filters

    def _params(self, **changes) -> dict:
        params = {"list": self.current_list()}
        for name in FILTERS:
            value = self.request.form.get(name)
            if isinstance(value, str) and value:
                params[name] = value
        params.update(changes)
        return params

    def url(self, view: str = "suivi", **changes) -> str:
        return f"{self.context.absolute_url()}/@@{view}?{urlencode(self._params(**changes))}"

    def export_url(self, fmt: str = "csv") -> str:
        return self.url("suivi-export", format=fmt)


class PSTDashboardExport(PSTDashboard):
    """@@suivi-export: the current list with its filters, as CSV or ODS (`format=ods`)."""

    COLUMNS = (
        ("reference", _("Référence")),
        ("title", _("Intitulé")),
        ("state_title", _("État")),
        ("health_title", _("Santé")),
        ("progress", _("Avancement (%)")),
        ("planned_end", _("Fin prévue")),
        ("planned", _("Budget prévu (€)")),
        ("spent", _("Budget dépensé (€)")),
        ("services", _("Services gestionnaires")),
        ("alderman", _("Mandataire responsable")),
        ("agent", _("Agent en charge")),
    )
    STALE_COLUMNS = (
        ("modified", _("Dernière mise à jour")),
        ("stale_days", _("Jours sans mise à jour")),
    )
    GROUP_COLUMNS = {
        "alderman": _("Groupe : mandataire"),
        "service": _("Groupe : service"),
        "health": _("Groupe : santé"),
    }

    def __call__(self):
        key = self.current_list()
        columns = self.COLUMNS + (self.STALE_COLUMNS if key == "stale" else ())
        header = [title for _name, title in columns]
        if key in GROUPED:
            header.insert(0, self.GROUP_COLUMNS[key])
        lines = []
        for group in self.groups(key):
            for row in group["rows"]:
                line = [self.cell(name, row[name]) for name, _title in columns]
                if key in GROUPED:
                    line.insert(0, _text(group["title"]))
                lines.append(line)
        fmt = self.request.form.get("format")
        return export_response(
            self.request.response,
            f"pst-suivi-{key}",
            [_text(title) for title in header],
            lines,
            fmt if fmt == "ods" else "csv",
            sheet=_text(_("Suivi du PST")),
        )

    def cell(self, name: str, value) -> str:
        if name in ("planned", "spent"):
            return f"{value or 0:.2f}".replace(".", ",")
        if name in ("planned_end", "modified"):
            return listing.french_day(value)
        if name in ("progress", "stale_days"):
            return "" if value is None else str(value)
        if name == "services":
            return ", ".join(value)
        return _text(value) or ""


def _text(value):
    """A message in the user's language; any other text as it is."""
    return api.portal.translate(value) if isinstance(value, Message) else value
