"""What an anonymous visitor may read of a published PST: its page and its open data.

Plans and nodes never grant View to Anonymous (DESIGN §7): this is a dedicated, explicit
reading. The catalog is asked without the visitor's rights, so every condition is written
here and tested:

- only a plan in the state `published`;
- only the nodes under that plan whose `public` is set, and none under a node whose
  `public` is unset (its whole subtree stays internal);
- of each node only the fields listed in `_row` (no health, comments, observations,
  override reason, agent, administrative responsible, annexes, linked items), and the
  spent amounts only when the plan says `public_spent`.

The tree comes from one catalog query (metadata only); the only node ever woken up is
the one shown in detail, for its indicators. Figures (progress, budgets) are the stored
roll-ups: the totals the Collège adopted, which count every node, public or not.

The open data (`@@pst-public.json?plan=UID`) has this shape::

    {
      "plan": {
        "uid": "…", "title": "…", "description": "…",
        "legislature_start": 2024, "legislature_end": 2030,
        "entity": "commune", "entity_title": "Commune",
        "college_adoption": "2025-05-12", "council_acknowledgement": null,
        "progress": 28, "planned": 50000.0, "spent": 22000.0,
        "budget_by_year": {"2025": {"planned": 40000.0, "spent": 22000.0}},
        "url": "…/@@pst-public?plan=…"
      },
      "elements": [
        {
          "uid": "…", "reference": "A.1.1.1", "level": "action",
          "level_title": "Action", "title": "…", "description": "…",
          "state": "ongoing", "state_title": "En cours", "progress": 20,
          "planned": 40000.0, "spent": 12000.0, "alderman": "Marie Dupont",
          "services": ["Travaux"], "planned_start": "2025-01-01",
          "planned_end": "2025-06-30", "parent_reference": "OO.1.1",
          "url": "…/@@pst-public?plan=…&element=…"
        }
      ]
    }

`spent` (and the `spent` of `budget_by_year`) is there only when the plan publishes its
spent amounts; dates are ISO 8601 or null; `level` is `strategic_objective`,
`operational_objective`, `action` or `sub_action`; elements come in plan order, parents
before their children.
"""

from communesplone import _
from communesplone.pst import listing
from communesplone.pst.rollup import latest_value
from communesplone.pst.vocabularies import ENTITIES
from plone import api
from urllib.parse import urlencode
from zope.i18n import translate

import json


PUBLISHED = "published"
PLAN_WORKFLOW = "communesplone_pst_plan_workflow"
LEVELS = {
    "StrategicObjective": ("strategic_objective", _("Objectif stratégique")),
    "OperationalObjective": ("operational_objective", _("Objectif opérationnel")),
    "Action": ("action", _("Action")),
    "SubAction": ("sub_action", _("Sous-action")),
}
# (key of a row, column title, with spent only)
CSV_COLUMNS = (
    ("reference", _("Référence"), False),
    ("level_title", _("Niveau"), False),
    ("title", _("Intitulé"), False),
    ("description", _("Description"), False),
    ("state_title", _("État"), False),
    ("progress", _("Avancement (%)"), False),
    ("planned", _("Budget prévu (€)"), False),
    ("spent", _("Budget dépensé (€)"), True),
    ("alderman", _("Mandataire responsable"), False),
    ("services", _("Services gestionnaires"), False),
    ("planned_start", _("Début prévu"), False),
    ("planned_end", _("Fin prévue"), False),
    ("parent_reference", _("Référence du parent"), False),
    ("url", _("Page publique"), False),
)
JSON_ELEMENT_KEYS = (
    "uid",
    "reference",
    "level",
    "level_title",
    "title",
    "description",
    "state",
    "state_title",
    "progress",
    "planned",
    "spent",
    "alderman",
    "services",
    "planned_start",
    "planned_end",
    "parent_reference",
    "url",
)
JSON_PLAN_KEYS = (
    "uid",
    "title",
    "description",
    "legislature_start",
    "legislature_end",
    "entity",
    "entity_title",
    "college_adoption",
    "council_acknowledgement",
    "progress",
    "planned",
    "spent",
    "budget_by_year",
    "url",
)


def _catalog():
    return api.portal.get_tool("portal_catalog")


def _plan_state(plan) -> str | None:
    """Read from the object too: a stale catalog entry must not publish a plan."""
    status = api.portal.get_tool("portal_workflow").getStatusOf(PLAN_WORKFLOW, plan)
    return (status or {}).get("review_state")


def plan_url(base: str, plan_uid: str, element_uid: str | None = None) -> str:
    params = {"plan": plan_uid}
    if element_uid:
        params["element"] = element_uid
    return f"{base}/@@pst-public?{urlencode(params)}"


def entity_title(entity, request) -> str:
    try:
        return translate(ENTITIES.getTerm(entity).title, context=request)
    except LookupError:
        return ""


def published_plans(base: str, request) -> list[dict]:
    """The published plans, newest legislature first: title, legislature, entity."""
    result = []
    for brain in _catalog().unrestrictedSearchResults(
        portal_type="StrategicPlan", review_state=PUBLISHED
    ):
        plan = brain._unrestrictedGetObject()
        if _plan_state(plan) != PUBLISHED:
            continue
        result.append(
            {
                "title": plan.title,
                "description": plan.description or "",
                "legislature_start": plan.legislature_start,
                "legislature_end": plan.legislature_end,
                "entity_title": entity_title(plan.entity, request),
                "url": plan_url(base, brain.UID),
            }
        )
    return sorted(result, key=lambda row: row["legislature_start"] or 0, reverse=True)


def published_plan(uid):
    """The plan of this UID if it is published, else None (unknown, draft, adopted…)."""
    if not uid or not isinstance(uid, str):
        return None
    brains = _catalog().unrestrictedSearchResults(
        UID=uid, portal_type="StrategicPlan", review_state=PUBLISHED
    )
    if not brains:
        return None
    plan = brains[0]._unrestrictedGetObject()
    return plan if _plan_state(plan) == PUBLISHED else None


def shows_spent(plan) -> bool:
    return plan.public_spent is True


def plan_info(plan, base: str, request) -> dict:
    """The plan's public figures (its own roll-up); `spent` only if it publishes it."""
    spent = shows_spent(plan)
    budget = plan.budget or {}
    by_year = {
        str(year): {
            "planned": round(values.get("planned") or 0.0, 2),
            **({"spent": round(values.get("spent") or 0.0, 2)} if spent else {}),
        }
        for year, values in sorted((budget.get("by_year") or {}).items())
    }
    info = {
        "uid": plan.UID(),
        "title": plan.title,
        "description": plan.description or "",
        "legislature_start": plan.legislature_start,
        "legislature_end": plan.legislature_end,
        "entity": plan.entity,
        "entity_title": entity_title(plan.entity, request),
        "college_adoption": plan.college_adoption,
        "council_acknowledgement": plan.council_acknowledgement,
        "progress": plan.progress,
        "planned": round(budget.get("planned") or 0.0, 2),
        "budget_by_year": by_year,
        "url": plan_url(base, plan.UID()),
        "shows_spent": spent,
    }
    if spent:
        info["spent"] = round(budget.get("spent") or 0.0, 2)
    return info


def _public_brains(plan) -> list:
    """The plan's nodes that may be shown: public, and every ancestor public too."""
    plan_path = "/".join(plan.getPhysicalPath())
    brains = _catalog().unrestrictedSearchResults(
        path=plan_path, portal_type=list(listing.NODE_TYPES)
    )
    kept = {plan_path: None}
    result = []
    # Parents before their children: a node is kept only if its parent was.
    for brain in sorted(brains, key=lambda brain: brain.getPath().count("/")):
        path = brain.getPath()
        parent = path.rsplit("/", 1)[0]
        if parent not in kept or brain.pst_public is not True:
            continue
        kept[path] = brain
        result.append((brain, kept[parent]))
    return result


def _row(brain, parent, base, plan_uid, spent, names, request) -> dict:
    """The whitelist: nothing of a node reaches a page or a file unless it is listed here."""
    budget = brain.pst_budget or {}
    level, level_title = LEVELS[brain.portal_type]
    row = {
        "uid": brain.UID,
        "reference": brain.pst_reference or "",
        "level": level,
        "level_title": translate(level_title, context=request),
        "depth": len(listing.reference_key(brain.pst_reference)),
        "title": brain.Title or "",
        "description": brain.Description or "",
        "state": brain.review_state or "",
        "state_title": names["states"].get(
            (brain.portal_type, brain.review_state), brain.review_state or ""
        ),
        "progress": brain.pst_progress if isinstance(brain.pst_progress, int) else None,
        "planned": round(budget.get("planned") or 0.0, 2),
        "alderman": names["people"].get(brain.pst_alderman, ""),
        "services": [names["services"].get(code, code) for code in brain.pst_services or ()],
        "planned_start": brain.pst_planned_start or None,
        "planned_end": brain.pst_planned_end or None,
        "parent_uid": parent.UID if parent is not None else None,
        "parent_reference": (parent.pst_reference or "") if parent is not None else "",
        "url": plan_url(base, plan_uid, brain.UID),
    }
    if spent:
        row["spent"] = round(budget.get("spent") or 0.0, 2)
    return row


def public_rows(plan, base: str, request) -> list[dict]:
    """The plan's public nodes as plain dicts, in plan order (one catalog query)."""
    pairs = _public_brains(plan)
    catalog = _catalog()
    aldermen = sorted(
        {brain.pst_alderman for brain, _parent in pairs if isinstance(brain.pst_alderman, str)}
        - {""}
    )
    names = {
        "states": listing.state_titles(),
        "services": {
            brain.service_code: brain.Title
            for brain in catalog.unrestrictedSearchResults(portal_type="Service")
        },
        "people": {
            brain.UID: brain.Title
            for brain in (catalog.unrestrictedSearchResults(UID=aldermen) if aldermen else ())
        },
    }
    spent = shows_spent(plan)
    plan_uid = plan.UID()
    rows = [_row(brain, parent, base, plan_uid, spent, names, request) for brain, parent in pairs]
    return sorted(rows, key=lambda row: listing.reference_key(row["reference"]))


def _number(value):
    return None if value is None else round(float(value), 2)


def element_indicators(plan, row) -> list[dict]:
    """The indicators of the one node shown in detail, with their latest value.

    The node is found again under the plan's path: a row always comes from public_rows.
    """
    brains = _catalog().unrestrictedSearchResults(
        UID=row["uid"], path="/".join(plan.getPhysicalPath())
    )
    if not brains:
        return []
    node = brains[0]._unrestrictedGetObject()
    result = []
    for indicator in node.indicators or ():
        label = indicator.get("label")
        latest = latest_value(label, node.measurements)
        result.append(
            {
                "label": label or "",
                "unit": indicator.get("unit") or "",
                "baseline": _number(indicator.get("baseline")),
                "target": _number(indicator.get("target")),
                "latest": _number(latest[1]),
                "latest_year": latest[0],
            }
        )
    return result


# Open data ---------------------------------------------------------------------------


def _iso(value):
    return value.isoformat() if value else None


def as_json(info: dict, rows: list[dict]) -> str:
    """{plan: {…}, elements: […]}: the shape in this module's docstring."""
    plan = {key: info[key] for key in JSON_PLAN_KEYS if key in info}
    for key in ("college_adoption", "council_acknowledgement"):
        plan[key] = _iso(plan[key])
    elements = []
    for row in rows:
        element = {key: row[key] for key in JSON_ELEMENT_KEYS if key in row}
        element["planned_start"] = _iso(element["planned_start"])
        element["planned_end"] = _iso(element["planned_end"])
        elements.append(element)
    return json.dumps({"plan": plan, "elements": elements}, ensure_ascii=False, indent=1)


def _cell(key: str, value) -> str:
    """Amounts with a decimal comma and ISO dates: what a Belgian spreadsheet reads."""
    if value is None:
        return ""
    if key in ("planned", "spent"):
        return f"{value:.2f}".replace(".", ",")
    if key in ("planned_start", "planned_end"):
        return value.isoformat()
    if key == "services":
        return ", ".join(value)
    return str(value)


def csv_table(info: dict, rows: list[dict], request) -> tuple[list, list[list]]:
    """The header and one line per public element, for `spreadsheet.export_response`."""
    columns = [
        (key, title)
        for key, title, spent_only in CSV_COLUMNS
        if info["shows_spent"] or not spent_only
    ]
    header = [translate(title, context=request) for _key, title in columns]
    lines = [[_cell(key, row.get(key)) for key, _title in columns] for row in rows]
    return header, lines


def file_name(plan) -> str:
    """The download's name without extension: the plan's id (« pst-2024-2030 »)."""
    return plan.getId()
