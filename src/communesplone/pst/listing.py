"""Rows of PST nodes for pages, dashboards and exports: one catalog query, metadata only.

Titles of services, échevins and agents are looked up once per listing, never per row.
"""

from communesplone.pst.vocabularies import HEALTH
from datetime import date
from plone import api

import re


NODE_TYPES = ("StrategicObjective", "OperationalObjective", "Action", "SubAction")
ACTION_TYPES = ("Action", "SubAction")
CLOSED_STATES = ("terminated", "stopped", "abandoned")
HEALTH_TITLES = dict(HEALTH)
HEALTH_BADGES = {
    "good": "bg-success",
    "at_risk": "bg-warning text-dark",
    "blocked": "bg-danger",
    "paused": "bg-secondary",
}


def reference_key(reference: str | None) -> tuple:
    """OS.2 < OS.10: references sort by their numbers, level by level."""
    return tuple(int(number) for number in re.findall(r"\d+", reference or "")) or (10**9,)


WORKFLOWS = {
    "StrategicObjective": "communesplone_pst_objective_workflow",
    "OperationalObjective": "communesplone_pst_objective_workflow",
    "Action": "communesplone_pst_action_workflow",
    "SubAction": "communesplone_pst_action_workflow",
}


def state_titles() -> dict:
    """{(portal type, state): title}: objectives are « Créé », actions « Créée »."""
    tool = api.portal.get_tool("portal_workflow")
    titles = {}
    for portal_type, workflow_id in WORKFLOWS.items():
        workflow = tool.getWorkflowById(workflow_id)
        if workflow is not None:
            for state in workflow.states.values():
                titles[portal_type, state.getId()] = state.title
    return titles


def service_titles() -> dict:
    return {brain.service_code: brain.Title for brain in api.content.find(portal_type="Service")}


def person_titles(uids) -> dict:
    uids = sorted(set(uids) - {None, ""})
    if not uids:
        return {}
    return {brain.UID: brain.Title for brain in api.content.find(UID=uids)}


def user_names(userids) -> dict:
    names = {}
    for userid in set(userids) - {None, ""}:
        user = api.user.get(userid=userid)
        names[userid] = (user.getProperty("fullname") if user else "") or userid
    return names


def find(plan, **query):
    """Brains of the plan's nodes (all levels unless `portal_type` says), in plan order."""
    query.setdefault("portal_type", list(NODE_TYPES))
    query.setdefault("path", "/".join(plan.getPhysicalPath()))
    brains = api.portal.get_tool("portal_catalog")(**query)
    return sorted(brains, key=lambda brain: reference_key(brain.pst_reference))


def is_late(brain, today: date | None = None) -> bool:
    """Planned end passed and not terminated (nor stopped or abandoned)."""
    today = today or date.today()
    end = brain.pst_planned_end
    return bool(end and end < today and brain.review_state not in CLOSED_STATES)


def is_late_start(brain, today: date | None = None) -> bool:
    """Planned start passed and not started (no effective start, still to begin)."""
    today = today or date.today()
    start = brain.pst_planned_start
    return bool(
        start
        and start < today
        and not brain.pst_effective_start
        and brain.review_state in ("created", "to_be_scheduled")
    )


def rows(brains, today: date | None = None) -> list[dict]:
    """Plain dicts for templates and exports."""
    today = today or date.today()
    brains = list(brains)
    states = state_titles()
    services = service_titles()
    people = person_titles(brain.pst_alderman for brain in brains)
    agents = user_names(brain.pst_agent for brain in brains)
    result = []
    for brain in brains:
        budget = brain.pst_budget or {}
        result.append(
            {
                "uid": brain.UID,
                "url": brain.getURL(),
                "portal_type": brain.portal_type,
                "reference": brain.pst_reference or "",
                "title": brain.Title,
                "depth": len(reference_key(brain.pst_reference)),
                "state": brain.review_state,
                "state_title": states.get(
                    (brain.portal_type, brain.review_state), brain.review_state or ""
                ),
                "health": brain.pst_health or "",
                "health_title": HEALTH_TITLES.get(brain.pst_health, ""),
                "health_class": HEALTH_BADGES.get(brain.pst_health, "bg-light text-dark"),
                "progress": brain.pst_progress,
                "override": bool(brain.pst_override),
                "planned_start": brain.pst_planned_start,
                "planned_end": brain.pst_planned_end,
                "effective_start": brain.pst_effective_start,
                "effective_end": brain.pst_effective_end,
                "planned": budget.get("planned", 0.0),
                "spent": budget.get("spent", 0.0),
                "services": [services.get(code, code) for code in brain.pst_services or ()],
                "service_codes": list(brain.pst_services or ()),
                "alderman": people.get(brain.pst_alderman, ""),
                "alderman_uid": brain.pst_alderman or "",
                "agent": agents.get(brain.pst_agent, ""),
                "agent_id": brain.pst_agent or "",
                "late": is_late(brain, today),
                "late_start": is_late_start(brain, today),
                # The last update (any edit; not the roll-up), as a local day.
                "modified": date.fromtimestamp(brain.modified.timeTime())
                if brain.modified
                else None,
            }
        )
    return result


def euros(value) -> str:
    """12 345,67 € as a Belgian reads it."""
    text = f"{value or 0:,.2f}".replace(",", "\u202f").replace(".", ",")
    return f"{text} €"


def french_day(value) -> str:
    return value.strftime("%d/%m/%Y") if value else ""
