"""The plan's page and each node's page (« fiche »): the tree, the figures, the charts.

Lists come from the catalog (listing.rows); the node's own values from the node itself.
Nothing is computed or written on read: progress and budgets were stored by tree.refresh.
"""

from collections import Counter
from communesplone import _
from communesplone.core.workflow import available_transitions
from communesplone.pst import charts
from communesplone.pst import listing
from communesplone.pst.content.node import IAction
from communesplone.pst.content.node import INode
from communesplone.pst.content.node import ISubAction
from communesplone.pst.content.plan import is_web_address
from communesplone.pst.content.plan import IStrategicPlan
from communesplone.pst.content.plan import plan_of
from communesplone.pst.vocabularies import FUNDING_SOURCES
from datetime import date
from functools import cached_property
from plone import api
from Products.Five.browser import BrowserView
from zope.component import getUtility
from zope.i18n import translate
from zope.schema.interfaces import IVocabularyFactory


CHILD_TYPES = {
    "StrategicPlan": "StrategicObjective",
    "StrategicObjective": "OperationalObjective",
    "OperationalObjective": "Action",
    "Action": "SubAction",
}
CHILD_TITLES = {
    "StrategicObjective": _("Objectifs stratégiques"),
    "OperationalObjective": _("Objectifs opérationnels"),
    "Action": _("Actions"),
    "SubAction": _("Sous-actions"),
}
ADD_TITLES = {
    "StrategicObjective": _("Ajouter un objectif stratégique"),
    "OperationalObjective": _("Ajouter un objectif opérationnel"),
    "Action": _("Ajouter une action"),
    "SubAction": _("Ajouter une sous-action"),
}
SOURCE_TITLES = dict(FUNDING_SOURCES)
PROGRESS_ORIGINS = {
    "children": _("calculé d'après les éléments qui le composent"),
    "indicators": _("calculé d'après les indicateurs"),
    "entered": _("encodé"),
    "override": _("fixé manuellement"),
}


class PSTPage(BrowserView):
    """What the plan's page and the nodes' pages share."""

    def t(self, message) -> str:
        return translate(message, context=self.request)

    @cached_property
    def plan(self):
        return plan_of(self.context)

    @cached_property
    def below(self) -> list[dict]:
        """Every node below the context the user may see, in plan order (one query)."""
        path = "/".join(self.context.getPhysicalPath())
        return [
            row
            for row in listing.rows(listing.find(self.plan, path=path))
            if row["uid"] != self.context.UID()
        ]

    @cached_property
    def child_type(self):
        return CHILD_TYPES.get(self.context.portal_type)

    @cached_property
    def children(self) -> list[dict]:
        """Direct children, then (for an operational objective) the actions that serve it."""
        depth = 1
        if INode.providedBy(self.context):
            depth = len(listing.reference_key(self.context.reference)) + 1
        own = [row for row in self.below if row["depth"] == depth]
        if self.context.portal_type != "OperationalObjective":
            return own
        serving = listing.rows(
            listing.find(self.plan, portal_type="Action", pst_serves=self.context.UID())
        )
        return own + [{**row, "transversal": True} for row in serving]

    def can_add(self) -> bool:
        """The child type is addable here by this user (its add permission, the state)."""
        if not self.child_type:
            return False
        allowed = [fti.getId() for fti in self.context.allowedContentTypes()]
        return self.child_type in allowed

    def add_url(self) -> str:
        return f"{self.context.absolute_url()}/++add++{self.child_type}"

    def add_title(self) -> str:
        return self.t(ADD_TITLES.get(self.child_type, ""))

    def children_title(self) -> str:
        return self.t(CHILD_TITLES.get(self.child_type, ""))

    def euros(self, value) -> str:
        return listing.euros(value)

    def day(self, value) -> str:
        return listing.french_day(value)

    def budget(self) -> dict:
        return self.context.budget or {"planned": 0.0, "spent": 0.0, "by_year": {}, "by_source": {}}

    def budget_years(self) -> list[dict]:
        return [
            {"year": year, **values}
            for year, values in sorted(self.budget().get("by_year", {}).items())
        ]

    def budget_sources(self) -> list[dict]:
        return [
            {"title": self.t(SOURCE_TITLES.get(source, source)), **values}
            for source, values in self.budget().get("by_source", {}).items()
        ]

    def spent_rate(self) -> int | None:
        budget = self.budget()
        if not budget.get("planned"):
            return None
        return round(budget["spent"] / budget["planned"] * 100)

    def health_counts(self) -> dict:
        actions = [row for row in self.below if row["portal_type"] == "Action"]
        return dict(Counter(row["health"] for row in actions if row["health"]))

    def late_count(self) -> int:
        return sum(
            1 for row in self.below if row["portal_type"] in listing.ACTION_TYPES and row["late"]
        )

    # Charts -----------------------------------------------------------------------

    def progress_svg(self) -> str:
        bars = [
            (f"{row['reference']} {row['title']}"[:60], row["progress"]) for row in self.children
        ]
        if not bars:
            return ""
        return charts.progress_chart(self.t(_("Avancement par élément (%)")), bars)

    def budget_svg(self) -> str:
        by_year = self.budget().get("by_year", {})
        if not by_year:
            return ""
        return charts.budget_chart(self.t(_("Budget prévu et dépensé par année")), by_year)

    def health_svg(self) -> str:
        counts = self.health_counts()
        if not counts:
            return ""
        return charts.health_chart(self.t(_("Santé des actions")), counts)

    def transitions(self) -> list[dict]:
        return available_transitions(self.context)

    def state_title(self) -> str:
        state = api.content.get_state(self.context, default=None)
        return listing.state_titles().get((self.context.portal_type, state), "")


class PlanView(PSTPage):
    """The plan: its adoption, its figures, its charts and its whole tree."""

    def rows(self) -> list[dict]:
        return self.below

    def evaluations(self) -> list[dict]:
        from communesplone.pst.browser.evaluation import day_of
        from communesplone.pst.evaluation import evaluations_of

        return [
            {
                "title": evaluation.Title(),
                "url": evaluation.absolute_url(),
                "day": day_of(evaluation.taken_on),
            }
            for evaluation in reversed(evaluations_of(self.context))
        ]

    def can_evaluate(self) -> bool:
        return api.user.has_permission("communesplone.pst: Add evaluation", obj=self.context)

    def can_roll_over(self) -> bool:
        return api.user.has_permission(
            "communesplone.pst: Manage plan", obj=self.context
        ) and api.user.has_permission("communesplone.pst: Add plan", obj=self.context.__parent__)

    def public_url(self) -> str | None:
        """The public page, once the plan is published."""
        if api.content.get_state(self.context, default=None) != "published":
            return None
        from communesplone.pst.public import plan_url

        return plan_url(api.portal.get().absolute_url(), self.context.UID())

    def publication_url(self) -> str | None:
        """The published version's address, only if it is a web address (the field refuses
        any other since PST II; a plan saved before may still hold one)."""
        url = (self.context.publication_url or "").strip()
        return url if is_web_address(url) else None

    def entity_title(self) -> str:
        factory = getUtility(IVocabularyFactory, "communesplone.pst.Entities")
        try:
            return self.t(factory(self.context).getTerm(self.context.entity).title)
        except LookupError:
            return ""

    def state_title(self) -> str:
        state = api.content.get_state(self.context, default=None)
        workflow = api.portal.get_tool("portal_workflow").getWorkflowById(
            "communesplone_pst_plan_workflow"
        )
        return workflow.states[state].title if state in workflow.states else ""


class PlansView(BrowserView):
    """The PST folder: its plans, newest legislature first."""

    def plans(self) -> list:
        found = [obj for obj in self.context.objectValues() if IStrategicPlan.providedBy(obj)]
        return sorted(found, key=lambda plan: plan.legislature_start or 0, reverse=True)

    def can_add(self) -> bool:
        return "StrategicPlan" in [fti.getId() for fti in self.context.allowedContentTypes()]


class NodeView(PSTPage):
    """An objective, an action or a sub-action (« fiche »)."""

    def is_leaf_kind(self) -> bool:
        return IAction.providedBy(self.context) or ISubAction.providedBy(self.context)

    def can_edit(self) -> bool:
        return api.user.has_permission("Modify portal content", obj=self.context)

    def progress_origin(self) -> str:
        return self.t(PROGRESS_ORIGINS.get(self.context.progress_source, ""))

    def timeline_svg(self) -> str:
        """The actions of an objective on a time axis: planned against effective periods."""
        if self.context.portal_type == "OperationalObjective":
            actions = self.children  # its own actions, then the transversal ones serving it
        elif self.context.portal_type == "StrategicObjective":
            actions = self.below
        else:
            return ""
        bars = [
            {
                "label": f"{row['reference']} {row['title']}",
                "url": row["url"],
                "planned_start": row["planned_start"],
                "planned_end": row["planned_end"],
                "effective_start": row["effective_start"],
                "effective_end": row["effective_end"],
                "late": row["late"],
                "state": row["state"],
            }
            for row in actions
            if row["portal_type"] == "Action"
        ]
        return charts.timeline_chart(
            self.t(_("Calendrier des actions : prévu et effectif")),
            bars,
            date.today(),
            t=self.t,
        )

    def terms(self, vocabulary: str, values) -> list[str]:
        factory = getUtility(IVocabularyFactory, vocabulary)
        vocab = factory(self.context)
        titles = []
        for value in values or ():
            try:
                titles.append(self.t(vocab.getTerm(value).title))
            except LookupError:
                titles.append(str(value))
        return titles

    def term(self, vocabulary: str, value) -> str:
        return ", ".join(self.terms(vocabulary, [value] if value else []))

    def people(self) -> list[dict]:
        node = self.context
        services = listing.service_titles()
        names = listing.user_names([node.agent, node.administrative_responsible])
        alderman = listing.person_titles([node.responsible_alderman])
        return [
            {
                "label": self.t(_("Mandataire responsable")),
                "value": alderman.get(node.responsible_alderman, ""),
            },
            {
                "label": self.t(_("Responsable administratif")),
                "value": names.get(node.administrative_responsible, ""),
            },
            {
                "label": self.t(_("Services gestionnaires")),
                "value": ", ".join(
                    services.get(code, code) for code in node.managing_services or ()
                ),
            },
            {"label": self.t(_("Agent en charge")), "value": names.get(node.agent, "")},
        ]

    def indicators(self) -> list[dict]:
        """Each indicator with its values by year and how far it went towards its target."""
        from communesplone.pst.rollup import indicator_progress

        node = self.context
        rows = []
        for indicator in node.indicators or ():
            values = sorted(
                (row["year"], row["value"])
                for row in node.measurements or ()
                if row.get("indicator") == indicator.get("label")
            )
            rows.append(
                {
                    **indicator,
                    "measured": [{"year": year, "value": value} for year, value in values],
                    "reach": indicator_progress([indicator], node.measurements),
                }
            )
        return rows

    def transversal(self) -> list[dict]:
        rows = getattr(self.context, "transversal", None) or ()
        rows = [row for row in rows if row.get("objective")]
        if not rows:
            return []
        found = {
            brain.UID: brain for brain in api.content.find(UID=[row["objective"] for row in rows])
        }
        return [
            {
                "title": f"{found[row['objective']].pst_reference} {found[row['objective']].Title}",
                "url": found[row["objective"]].getURL(),
                "share": row.get("share"),
            }
            for row in rows
            if row["objective"] in found
        ]

    def decisions(self) -> list[dict]:
        """The linked meeting items the user may see (the catalog filters the others out)."""
        uids = list(self.context.linked_items or ())
        if not uids:
            return []
        return [
            {"title": brain.Title, "url": brain.getURL(), "state": brain.review_state}
            for brain in api.content.find(UID=uids)
        ]

    def annexes(self) -> list:
        return [obj for obj in self.context.objectValues() if obj.portal_type == "Annex"]

    def update_years(self) -> list[int]:
        years = self.plan.years() if self.plan is not None else []
        this_year = date.today().year
        return years or [this_year]

    def default_year(self) -> int:
        years = self.update_years()
        this_year = date.today().year
        return this_year if this_year in years else years[-1]

    def health_options(self) -> list[dict]:
        vocab = getUtility(IVocabularyFactory, "communesplone.pst.Health")(self.context)
        return [{"value": term.value, "title": self.t(term.title)} for term in vocab]
