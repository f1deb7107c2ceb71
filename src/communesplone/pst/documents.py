"""The PST's reports: the detailed PST, the follow-up table and the progress state.

The templates (written by scripts/make_pst_templates.py) only print, loop and test:
`view` (PSTDocumentHelper) gives them French text, the tree's rows in plan order and the
charts as SVG. Rows come from the catalog, which returns only the nodes the reader may
access, and keep those they may View; a row's indicators and the reason of a fixed
progress are read from the node itself. Progress and budgets are the values the roll-up
stored (tree.refresh), as the plan's pages show them: nothing is computed here but counts
and texts.
"""

from collections import Counter
from collective.documentgenerator.helper import DXDocumentGenerationHelperView
from communesplone import _
from communesplone.core.documents import TEMPLATE_TYPES
from communesplone.pst import charts
from communesplone.pst import listing
from communesplone.pst.content.node import INode
from communesplone.pst.content.plan import plan_of
from communesplone.pst.vocabularies import ENTITIES
from communesplone.pst.vocabularies import FUNDING_SOURCES
from communesplone.pst.vocabularies import HEALTH
from cssselect import GenericTranslator
from cssselect import parse
from cssselect import SelectorError
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from functools import cached_property
from lxml import etree
from pathlib import Path
from plone import api
from zExceptions import Unauthorized
from zope.i18n import translate

import re


TEMPLATES = Path(__file__).parent / "templates"
PST_TEMPLATES = (
    (
        "pst-detaille",
        "PST détaillé",
        TEMPLATES / "pst-detaille.odt",
        ["odt", "pdf"],
        ["StrategicPlan", "StrategicObjective"],
    ),
    (
        "pst-tableau-de-suivi",
        "Tableau de suivi",
        TEMPLATES / "tableau-de-suivi.ods",
        ["ods", "xlsx"],
        ["StrategicPlan"],
    ),
    (
        "pst-etat-avancement",
        "État d'avancement",
        TEMPLATES / "etat-avancement.odt",
        ["odt", "pdf"],
        ["StrategicPlan", "StrategicObjective"],
    ),
    (
        "pst-evaluation",
        "Évaluation du PST",
        TEMPLATES / "evaluation.odt",
        ["odt", "pdf"],
        ["PSTEvaluation"],
    ),
)
ODS_MIMETYPE = TEMPLATE_TYPES[".ods"]

NBSP = "\u00a0"
LEVELS = {
    "StrategicObjective": _("Objectif stratégique"),
    "OperationalObjective": _("Objectif opérationnel"),
    "Action": _("Action"),
    "SubAction": _("Sous-action"),
}
# How the levels are counted in a sentence: (one, several).
LEVEL_COUNTS = {
    "StrategicObjective": (_("objectif stratégique"), _("objectifs stratégiques")),
    "OperationalObjective": (_("objectif opérationnel"), _("objectifs opérationnels")),
    "Action": (_("action"), _("actions")),
    "SubAction": (_("sous-action"), _("sous-actions")),
}
CHILDREN_TITLES = {
    "StrategicPlan": _("Avancement des objectifs stratégiques"),
    "StrategicObjective": _("Avancement des objectifs opérationnels"),
    "OperationalObjective": _("Avancement des actions"),
    "Action": _("Avancement des sous-actions"),
}
# The actions' states in the order of their life.
ACTION_STATES = ("created", "to_be_scheduled", "ongoing", "terminated", "stopped", "abandoned")
ATTENTION = ("blocked", "at_risk")
# Letterheads by entity: the commune's name follows (« Commune de Valmont »).
HEADINGS = {
    "commune": ("Commune de ", "Commune d'"),
    "cpas": ("CPAS de ", "CPAS d'"),
    "shared": ("Commune et CPAS de ", "Commune et CPAS d'"),
}
VOWELS = "aeiouyàâäéèêëîïôöûüAEIOUYÀÂÄÉÈÊËÎÏÔÖÛÜ"


def number(value) -> str:
    """12,5 and 1 200 as a Belgian reads them; 10.0 is 10."""
    if value is None:
        return ""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", "\u202f").replace(".", ",")


def percent(value) -> str:
    return f"{value}{NBSP}%" if value is not None else ""


def _one_line(text) -> str:
    return " ".join((text or "").split())


def _period(start, end) -> str:
    """« du 01/01/2025 au 31/12/2026 », « à partir du … », « jusqu'au … »."""
    start, end = listing.french_day(start), listing.french_day(end)
    if start and end:
        return f"du {start} au {end}"
    if start:
        return f"à partir du {start}"
    if end:
        return f"jusqu'au {end}"
    return ""


def progress_text(progress, source, reason="") -> str:
    """« 45 % », « 60 % (fixé : raison) » for a progress set by hand."""
    if progress is None:
        return ""
    text = percent(progress)
    if source == "override":
        reason = _one_line(reason)
        text += f" (fixé{NBSP}: {reason})" if reason else " (fixé manuellement)"
    return text


def indicator_lines(indicators, measurements) -> list[str]:
    """One line per indicator: its latest value, its year and its target."""
    latest = {}
    for row in measurements or ():
        label, year, value = row.get("indicator"), row.get("year"), row.get("value")
        if label is None or year is None or value is None:
            continue
        if label not in latest or year >= latest[label][0]:
            latest[label] = (year, value)
    lines = []
    for indicator in indicators or ():
        label = indicator.get("label") or ""
        unit = (indicator.get("unit") or "").strip()
        suffix = f" {unit}" if unit else ""
        if label in latest:
            year, value = latest[label]
            text = f"{label}{NBSP}: {number(value)}{suffix} en {year}"
        else:
            text = f"{label}{NBSP}: pas encore de valeur"
        reference = []
        if indicator.get("baseline"):
            reference.append(f"départ{NBSP}: {number(indicator['baseline'])}{suffix}")
        if indicator.get("target") is not None:
            reference.append(f"cible{NBSP}: {number(indicator['target'])}{suffix}")
        if reference:
            text += f" ({', '.join(reference)})"
        lines.append(text)
    return lines


# Charts for LibreOffice -----------------------------------------------------------

SVG_NS = "http://www.w3.org/2000/svg"
CSS_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
RGBA = re.compile(r"rgba\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*\)")


def _on_white(match) -> str:
    """rgba(0, 0, 255, 0.1) as the colour it gives on the page: rgb(230, 230, 255)."""
    *channels, alpha = (float(value) for value in match.groups())
    return "rgb({}, {}, {})".format(*(round(c * alpha + 255 * (1 - alpha)) for c in channels))


def _declarations(body: str) -> tuple[dict, dict]:
    """(normal, !important) declarations of a CSS block, without browsers' own ones."""
    normal, important = {}, {}
    for declaration in body.split(";"):
        name, _colon, value = declaration.partition(":")
        name, value = name.strip(), RGBA.sub(_on_white, value.strip())
        if not name or not value or name.startswith("-") or name.startswith("transition"):
            continue
        if value.endswith("!important"):
            important[name] = value.removesuffix("!important").strip()
        else:
            normal[name] = "none" if value == "transparent" else value
    return normal, important


def office_svg(svg: str) -> str:
    """A chart's SVG with its style sheet written on each element it styles.

    pygal styles its charts with CSS (child selectors, rgba colours) that LibreOffice's
    SVG import does not apply: a chart in a document would come out grey. Each element
    gets the declarations of the rules that match it (by specificity, then order, the
    element's own style and `!important` last), semi-transparent colours are mixed with
    the white page, and the style sheet and the browser's script go.
    """
    root = etree.fromstring(svg.replace(f'xmlns="{SVG_NS}"', "", 1).encode("utf-8"))
    css = ""
    for element in root.xpath("//style | //script"):
        if element.tag == "style":
            css += element.text or ""
        element.getparent().remove(element)
    translator = GenericTranslator()
    rules = []  # ((important, specificity, order), xpath, declarations)
    for order, (selectors, body) in enumerate(CSS_RULE.findall(css)):
        normal, important = _declarations(body)
        for selector in selectors.split(","):
            try:
                specificity = parse(selector)[0].specificity()
                xpath = translator.css_to_xpath(selector)
            except SelectorError:
                continue
            if normal:
                rules.append(((0, specificity, order), xpath, normal))
            if important:
                rules.append(((2, specificity, order), xpath, important))
    styles = {}
    for element in root.iter(etree.Element):
        own = element.get("style")
        if own:
            # The element's own style comes after the rules, before what is important.
            rules.append(((1, (0, 0, 0), 0), element, _declarations(own)[0]))
    for _key, target, declarations in sorted(rules, key=lambda rule: rule[0]):
        elements = [target] if isinstance(target, etree._Element) else root.xpath(target)
        for element in elements:
            styles.setdefault(element, {}).update(declarations)
    for element, declarations in styles.items():
        element.set("style", ";".join(f"{name}:{value}" for name, value in declarations.items()))
    text = etree.tostring(root, encoding="unicode")
    return text.replace("<svg", f'<svg xmlns="{SVG_NS}"', 1)


@dataclass(frozen=True)
class Row:
    """One node of the plan as a report prints it (every value is text but the amounts)."""

    uid: str
    portal_type: str
    reference: str
    title: str
    level: str
    depth: int
    description: str = ""
    state: str = ""
    state_key: str = ""
    health: str = ""
    health_key: str = ""
    health_comment: str = ""
    progress: str = ""  # « 45 % (fixé : …) »
    progress_value: int | None = None  # 45, for the spreadsheet
    override_reason: str = ""
    alderman: str = ""
    services: str = ""
    agent: str = ""
    planned_start: str = ""
    planned_end: str = ""
    effective_start: str = ""
    effective_end: str = ""
    planned_period: str = ""
    effective_period: str = ""
    late: str = ""  # « En retard » or ""
    planned: str = ""  # « 3 000,00 € »
    spent: str = ""
    planned_amount: float = 0.0
    spent_amount: float = 0.0
    indicators: tuple = ()
    indicators_text: str = ""
    transversal: str = ""
    observations: str = ""
    facts: tuple = field(default=(), compare=False)  # (label, text) that are not empty


@dataclass(frozen=True)
class Amounts:
    """A line of a budget table: a year or a funding source."""

    label: str
    planned: str
    spent: str
    planned_amount: float
    spent_amount: float


class PSTDocumentHelper(DXDocumentGenerationHelperView):
    """`view` in the PST's reports, on a plan or on one of its objectives."""

    def _t(self, message) -> str:
        return translate(message, context=self.request) if message else ""

    # The plan ---------------------------------------------------------------------

    @cached_property
    def plan(self):
        return plan_of(self.real_context)

    def is_plan(self) -> bool:
        return self.real_context is self.plan

    def plan_title(self) -> str:
        return self.plan.title or ""

    def plan_description(self) -> str:
        return (self.plan.description or "").strip()

    def legislature(self) -> str:
        start, end = self.plan.legislature_start, self.plan.legislature_end
        return f"{start}-{end}" if start and end else ""

    def entity(self) -> str:
        value = self.plan.entity
        if value not in ENTITIES:
            return ""
        return self._t(ENTITIES.getTerm(value).title)

    def college_adoption(self) -> str:
        return listing.french_day(self.plan.college_adoption)

    def council_acknowledgement(self) -> str:
        return listing.french_day(self.plan.council_acknowledgement)

    def commune_name(self) -> str:
        return api.portal.get_registry_record("communesplone.commune.commune_name", default="")

    def letterhead(self) -> str:
        """« Commune de Valmont », « CPAS d'Andenne »; the administration if unnamed."""
        name = self.commune_name()
        consonant, vowel = HEADINGS.get(self.plan.entity, HEADINGS["commune"])
        if not name:
            return "Administration communale"
        return f"{vowel if name[0] in VOWELS else consonant}{name}"

    def today(self) -> str:
        return listing.french_day(date.today())

    # What the report is about: the plan or one objective --------------------------

    def scope_title(self) -> str:
        """The plan's title, or « OS.1 Être une commune propre »."""
        if self.is_plan():
            return self.plan_title()
        return f"{self.real_context.reference} {self.real_context.title}".strip()

    def progress(self) -> str:
        context = self.real_context
        return progress_text(
            context.progress,
            context.progress_source,
            getattr(context, "progress_override_reason", ""),
        )

    @cached_property
    def _budget(self) -> dict:
        return self.real_context.budget or {}

    def budget_planned(self) -> str:
        return listing.euros(self._budget.get("planned", 0.0))

    def budget_spent(self) -> str:
        return listing.euros(self._budget.get("spent", 0.0))

    def planned_amount(self) -> float:
        return float(self._budget.get("planned", 0.0))

    def spent_amount(self) -> float:
        return float(self._budget.get("spent", 0.0))

    def spent_rate(self) -> str:
        """Share of the planned budget spent: « 25 % » ("" without a planned budget)."""
        planned = self._budget.get("planned")
        if not planned:
            return ""
        return percent(round(self._budget.get("spent", 0.0) / planned * 100))

    def budget_years(self) -> list[Amounts]:
        return [
            self._amounts(str(year), values)
            for year, values in sorted(self._budget.get("by_year", {}).items())
        ]

    def budget_sources(self) -> list[Amounts]:
        titles = dict(FUNDING_SOURCES)
        order = [key for key, _title in FUNDING_SOURCES]
        by_source = self._budget.get("by_source", {})
        keys = sorted(by_source, key=lambda key: order.index(key) if key in order else 99)
        return [self._amounts(self._t(titles.get(key, key)), by_source[key]) for key in keys]

    def _amounts(self, label, values) -> Amounts:
        planned, spent = values.get("planned", 0.0), values.get("spent", 0.0)
        return Amounts(label, listing.euros(planned), listing.euros(spent), planned, spent)

    def has_budget(self) -> bool:
        return bool(self._budget.get("by_year"))

    # The tree ---------------------------------------------------------------------

    @cached_property
    def _rows(self) -> list[Row]:
        """The context's nodes the reader may see, in plan order (one catalog query).

        The catalog keeps what the reader may « access » (Plone filters searches by
        « Access contents information »); a report prints only what they may View.
        """
        objects = {}
        for brain in listing.find(self.real_context):
            try:
                node = brain.getObject()
            except Unauthorized:
                continue
            if api.user.has_permission("View", obj=node):
                objects[brain.UID] = (brain, node)
        rows = listing.rows(brain for brain, _node in objects.values())
        references = {row["uid"]: f"{row['reference']} {row['title']}" for row in rows}
        own = self.real_context.UID() if INode.providedBy(self.real_context) else None
        return [
            self._row(row, objects[row["uid"]][1], references) for row in rows if row["uid"] != own
        ]

    def _row(self, row: dict, node, references: dict) -> Row:
        reason = _one_line(getattr(node, "progress_override_reason", ""))
        indicators = indicator_lines(node.indicators, node.measurements)
        values = {
            "uid": row["uid"],
            "portal_type": row["portal_type"],
            "reference": row["reference"],
            "title": row["title"],
            "level": self._t(LEVELS.get(row["portal_type"], "")),
            "depth": row["depth"],
            "description": (node.description or "").strip(),
            "state": self._state_title(row["state"], row["portal_type"]),
            "state_key": row["state"],
            "health": self._t(row["health_title"]),
            "health_key": row["health"],
            "health_comment": _one_line(node.health_comment),
            "progress": progress_text(row["progress"], node.progress_source, reason),
            "progress_value": row["progress"],
            "override_reason": reason if node.progress_source == "override" else "",
            "alderman": row["alderman"],
            "services": ", ".join(row["services"]),
            "agent": row["agent"],
            "planned_start": listing.french_day(node.planned_start),
            "planned_end": listing.french_day(node.planned_end),
            "effective_start": listing.french_day(node.effective_start),
            "effective_end": listing.french_day(node.effective_end),
            "planned_period": _period(node.planned_start, node.planned_end),
            "effective_period": _period(node.effective_start, node.effective_end),
            "late": "En retard" if row["late"] else "",
            "planned": listing.euros(row["planned"]),
            "spent": listing.euros(row["spent"]),
            "planned_amount": float(row["planned"] or 0.0),
            "spent_amount": float(row["spent"] or 0.0),
            "indicators": tuple(indicators),
            "indicators_text": " ; ".join(indicators),
            "transversal": self._transversal(node, references),
            "observations": (node.observations or "").strip(),
        }
        values["facts"] = self._facts(values)
        return Row(**values)

    @cached_property
    def _state_titles(self) -> dict:
        return listing.state_titles()

    def _state_title(self, state: str, portal_type: str) -> str:
        """The state's title in the node's own workflow (« Créé » objective, « Créée » action)."""
        return self._state_titles.get((portal_type, state), "")

    def _transversal(self, node, references: dict) -> str:
        """« 70 % pour OO.1.1 … ; 30 % pour OO.2.1 … » for an action serving other objectives."""
        others = [
            (references[line["objective"]], line.get("share") or 0)
            for line in getattr(node, "transversal", None) or ()
            if line.get("objective") in references
        ]
        if not others:
            return ""
        parent = node.__parent__
        own = references.get(parent.UID(), f"{parent.reference} {parent.title}")
        shares = [(own, node.own_share or 100), *others]
        return " ; ".join(f"{share}{NBSP}% pour {title}" for title, share in shares)

    @staticmethod
    def _facts(values: dict) -> tuple:
        """What the detailed PST prints under a node's title, in this order, when known."""
        budget = ""
        if values["planned_amount"] or values["spent_amount"]:
            budget = f"prévu {values['planned']}, dépensé {values['spent']}"
        health = values["health"]
        if health and values["health_comment"]:
            health = f"{health} ({values['health_comment']})"
        facts = (
            ("État", values["state"]),
            ("Avancement", values["progress"]),
            ("Santé", health),
            ("Mandataire responsable", values["alderman"]),
            ("Services gestionnaires", values["services"]),
            ("Agent en charge", values["agent"]),
            ("Période prévue", values["planned_period"]),
            ("Période effective", values["effective_period"]),
            ("Échéance", values["late"]),
            ("Budget", budget),
            ("Transversalité", values["transversal"]),
        )
        return tuple((label, text) for label, text in facts if text)

    def rows(self) -> list[Row]:
        return list(self._rows)

    def has_rows(self) -> bool:
        return bool(self._rows)

    def _depth(self) -> int:
        if self.is_plan():
            return 0
        return len(listing.reference_key(self.real_context.reference))

    def children_rows(self) -> list[Row]:
        """The context's own children (the plan's strategic objectives, say)."""
        depth = self._depth() + 1
        return [row for row in self._rows if row.depth == depth]

    def children_title(self) -> str:
        return self._t(CHILDREN_TITLES.get(self.real_context.portal_type, ""))

    def _actions(self) -> list[Row]:
        return [row for row in self._rows if row.portal_type == "Action"]

    def count_text(self) -> str:
        """« 2 objectifs stratégiques, 3 objectifs opérationnels et 5 actions »."""
        counts = Counter(row.portal_type for row in self._rows)
        parts = []
        for portal_type, (one, several) in LEVEL_COUNTS.items():
            count = counts.get(portal_type)
            if count:
                parts.append(f"{count} {self._t(one if count == 1 else several)}")
        if not parts:
            return "aucun élément"
        return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} et {parts[-1]}"

    def action_states(self) -> list[tuple[str, int]]:
        """(state title, number of actions), in the order of an action's life."""
        counts = Counter(row.state_key for row in self._actions())
        titles = {row.state_key: row.state for row in self._actions()}
        return [(titles[state], counts[state]) for state in ACTION_STATES if counts[state]]

    def late_actions(self) -> list[Row]:
        """Actions and sub-actions whose planned end passed without being finished."""
        return [row for row in self._rows if row.late and row.portal_type in listing.ACTION_TYPES]

    def attention_actions(self) -> list[Row]:
        """Blocked actions first, then those at risk."""
        rows = [row for row in self._actions() if row.health_key in ATTENTION]
        return sorted(rows, key=lambda row: ATTENTION.index(row.health_key))

    def health_counts(self) -> list[tuple[str, int]]:
        counts = self._health_counts()
        return [(self._t(title), counts.get(key, 0)) for key, title in HEALTH if counts.get(key)]

    def _health_counts(self) -> dict:
        return dict(Counter(row.health_key for row in self._actions() if row.health_key))

    def has_actions(self) -> bool:
        return bool(self._actions())

    # Charts (SVG) ------------------------------------------------------------------

    def progress_chart(self) -> str:
        bars = [
            (f"{row.reference} {row.title}"[:60], row.progress_value)
            for row in self.children_rows()
        ]
        return office_svg(charts.progress_chart(self.children_title(), bars))

    def budget_chart(self) -> str:
        return office_svg(
            charts.budget_chart(
                self._t(_("Budget prévu et dépensé par année")), self._budget.get("by_year", {})
            )
        )

    def health_chart(self) -> str:
        return office_svg(
            charts.health_chart(self._t(_("Santé des actions")), self._health_counts())
        )
