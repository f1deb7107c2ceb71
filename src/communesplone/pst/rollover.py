"""A plan rolled over to the next legislature: the chosen part of its tree, started afresh.

A new legislature rarely starts from a blank page: objectives and actions still under way
carry on. What is carried is what the new Collège will build on (titles, classifications,
services, indicators and their targets); what belongs to the old legislature stays there
(states, progress, dates, measurements, spending, comments, decisions, annexes, and the
échevins: a new legislature has a new Collège). The old plan is only read.
"""

from communesplone import _
from communesplone.pst import tree
from communesplone.pst.content.node import IAction
from communesplone.pst.content.plan import IStrategicPlan
from communesplone.pst.listing import ACTION_TYPES
from communesplone.pst.listing import CLOSED_STATES
from communesplone.pst.rollup import latest_value
from plone import api
from plone.dexterity.utils import createContentInContainer

import re


LEGISLATURE_YEARS = 6  # a Walloon communal legislature (elections every six years)
FIRST_YEAR, LAST_YEAR = 1990, 2200  # the bounds of the plan's year fields
DESCRIBED = ("title", "description", "volet", "categories", "sector_plans", "sdgs", "priority")
PEOPLE = ("managing_services", "agent", "administrative_responsible")
PLAN_SETTINGS = ("public_spent", "reminder_days")


class RolloverRefused(ValueError):
    """The rollover cannot be done as asked; the message is French, and nothing was created."""


def _refused(message) -> RolloverRefused:
    return RolloverRefused(api.portal.translate(message))


def proposed_years(plan) -> tuple[int, int]:
    """The next legislature: it starts the year the old one ends (the election year)."""
    start = plan.legislature_end or (plan.legislature_start or 0) + LEGISLATURE_YEARS
    return start, start + LEGISLATURE_YEARS


def proposed_title(plan, start: int, end: int) -> str:
    """The old title with the new years in place of the old ones, or the years appended."""
    title = (plan.title or "").strip()
    pattern = rf"\b{plan.legislature_start}(\s*[-–/]\s*){plan.legislature_end}\b"
    if plan.legislature_start and plan.legislature_end and re.search(pattern, title):
        return re.sub(pattern, lambda match: f"{start}{match.group(1)}{end}", title, count=1)
    return f"{title} {start}-{end}".strip()


def is_closed(node) -> bool:
    """A terminated, stopped or abandoned action or sub-action (objectives never are)."""
    if node.portal_type not in ACTION_TYPES:
        return False
    return api.content.get_state(node, default=None) in CLOSED_STATES


def check(plan, start, end, title: str) -> None:
    """Raise RolloverRefused, with the reason, when the new plan cannot be made."""
    for year in (start, end):
        if not isinstance(year, int) or not FIRST_YEAR <= year <= LAST_YEAR:
            raise _refused(
                _(
                    "Année de législature invalide : « ${value} ».",
                    mapping={"value": "" if year is None else year},
                )
            )
    if end < start:
        raise _refused(_("La nouvelle législature finit avant de commencer."))
    if plan.legislature_start and start <= plan.legislature_start:
        raise _refused(
            _(
                "La nouvelle législature doit commencer après ${year}, début de celle du "
                "programme actuel.",
                mapping={"year": plan.legislature_start},
            )
        )
    if not (title or "").strip():
        raise _refused(_("Donnez un titre au nouveau programme."))
    folder = plan.__parent__
    for other in folder.objectValues():
        if (
            IStrategicPlan.providedBy(other)
            and other.entity == plan.entity
            and other.legislature_start == start
        ):
            raise _refused(
                _(
                    "Un programme pour cette entité commence déjà en ${year} : « ${title} ».",
                    mapping={"year": start, "title": other.title},
                )
            )


def _indicators(node) -> list[dict]:
    """The definitions; the latest measured value becomes the new baseline."""
    measurements = list(getattr(node, "measurements", None) or ())
    rows = []
    for indicator in getattr(node, "indicators", None) or ():
        label = indicator.get("label")
        _year, latest = latest_value(label, measurements)
        baseline = indicator.get("baseline") if latest is None else latest
        rows.append(
            {
                "label": label,
                "unit": indicator.get("unit"),
                "baseline": baseline,
                "target": indicator.get("target"),
            }
        )
    return rows


def _budget_lines(node, start: int, end: int) -> list[dict]:
    """The lines planned for the new legislature's years; nothing is spent yet."""
    return [
        {
            "year": row["year"],
            "source": row.get("source"),
            "planned": row.get("planned") or 0.0,
            "spent": 0.0,
            "article": row.get("article"),
        }
        for row in getattr(node, "budget_lines", None) or ()
        if row.get("year") is not None and start <= row["year"] <= end
    ]


def _fields(node, options: dict) -> dict:
    fields = {name: getattr(node, name, None) for name in DESCRIBED}
    for name in ("categories", "sector_plans", "sdgs"):
        fields[name] = list(fields[name] or ())
    fields["public"] = getattr(node, "public", True) is not False
    if options["carry_people"]:
        fields["managing_services"] = list(getattr(node, "managing_services", None) or ())
        fields["agent"] = getattr(node, "agent", None)
        fields["administrative_responsible"] = getattr(node, "administrative_responsible", None)
    if options["carry_indicators"]:
        fields["indicators"] = _indicators(node)
    if options["carry_budget"]:
        fields["budget_lines"] = _budget_lines(node, options["start"], options["end"])
    return {name: value for name, value in fields.items() if value is not None}


def _carry(old_parent, new_parent, keep, options, carried: dict) -> None:
    """Copy the kept children of `old_parent` under `new_parent`, and theirs, in order."""
    for node in tree.children(old_parent):
        uid = tree._uid(node)
        if keep is not None and uid not in keep:
            continue
        if not options["carry_closed"] and is_closed(node):
            continue
        copy = createContentInContainer(
            new_parent,
            node.portal_type,
            checkConstraints=False,
            carried_from=uid,
            **_fields(node, options),
        )
        carried[uid] = (node, copy)
        _carry(node, copy, keep, options, carried)


def _remap_transversal(carried: dict) -> None:
    """A transversal action keeps the objectives that came along; their shares go home."""
    for node, copy in carried.values():
        if not IAction.providedBy(node):
            continue
        rows = []
        for row in node.transversal or ():
            other = carried.get(row.get("objective"))
            if other is not None:
                rows.append({"objective": tree._uid(other[1]), "share": row.get("share")})
        copy.own_share = 100 - sum(row["share"] or 0 for row in rows)
        copy.transversal = rows
        if rows:
            copy.reindexObject(idxs=["pst_serves"])


def roll_over(
    plan,
    *,
    start: int,
    end: int,
    title: str,
    keep: set[str] | None,
    carry_closed: bool = False,
    carry_indicators: bool = True,
    carry_people: bool = True,
    carry_budget: bool = False,
):
    """A new draft plan for `start`-`end` in the same folder, with the kept nodes.

    `keep` holds the UIDs of the nodes to carry (None: all); a node whose parent is not
    carried is not either. Raises RolloverRefused before creating anything.
    """
    check(plan, start, end, title)
    options = {
        "start": start,
        "end": end,
        "carry_closed": carry_closed,
        "carry_indicators": carry_indicators,
        "carry_people": carry_people,
        "carry_budget": carry_budget,
    }
    keep = set(keep) if keep is not None else None
    settings = {name: getattr(plan, name) for name in PLAN_SETTINGS if hasattr(plan, name)}
    carried = {}
    with tree.suspended():
        new_plan = createContentInContainer(
            plan.__parent__,
            "StrategicPlan",
            checkConstraints=False,
            title=title.strip(),
            legislature_start=start,
            legislature_end=end,
            entity=plan.entity,
            categories=list(plan.categories or ()),
            previous_plan=tree._uid(plan),
            **settings,
        )
        _carry(plan, new_plan, keep, options, carried)
        _remap_transversal(carried)
    tree.refresh(new_plan)
    return new_plan
