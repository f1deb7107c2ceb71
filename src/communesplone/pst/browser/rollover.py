"""« Nouvelle législature » on a plan: choose what carries over, then create the new plan.

The page shows the proposed years and title, the options and the old plan's tree (from the
catalog, one checkbox per node). Nothing is written on GET; a POST with the token creates
the new plan and leads to it, or shows the form again with the reason and nothing created.
"""

from communesplone import _
from communesplone.pst import listing
from communesplone.pst import rollover
from communesplone.pst import tree
from functools import cached_property
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zExceptions import Unauthorized
from zope.i18n import translate


ADD_PLAN = "communesplone.pst: Add plan"
MANAGE_PLAN = "communesplone.pst: Manage plan"
OPTIONS = (
    (
        "carry_indicators",
        True,
        _("Reprendre les indicateurs (la dernière valeur atteinte devient la valeur de départ)"),
    ),
    (
        "carry_people",
        True,
        _("Reprendre les services gestionnaires, agents et responsables administratifs"),
    ),
    (
        "carry_budget",
        False,
        _("Reprendre les lignes budgétaires des années de la nouvelle législature"),
    ),
    ("carry_closed", False, _("Reprendre aussi les actions terminées, arrêtées ou abandonnées")),
)


def can_roll_over(plan) -> bool:
    """The user manages the plan and may add plans to its folder (the link on the plan)."""
    return api.user.has_permission(MANAGE_PLAN, obj=plan) and api.user.has_permission(
        ADD_PLAN, obj=plan.__parent__
    )


class RolloverView(BrowserView):
    error = ""

    def __call__(self):
        if not can_roll_over(self.context):
            raise Unauthorized("Vous ne pouvez pas créer de programme dans ce dossier.")
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            try:
                new_plan = self.roll_over(self.request.form)
            except rollover.RolloverRefused as error:
                self.error = str(error)
            else:
                api.portal.show_message(
                    self.t(
                        _(
                            "Nouveau programme créé en préparation : ${count} élément(s) "
                            "repris de « ${title} ».",
                            mapping={
                                "count": self.carried_count(new_plan),
                                "title": self.context.title,
                            },
                        )
                    ),
                    request=self.request,
                )
                self.request.response.redirect(new_plan.absolute_url())
                return ""
        return self.index()

    def t(self, message) -> str:
        return translate(message, context=self.request)

    @property
    def posted(self) -> bool:
        return self.request.method == "POST"

    def roll_over(self, form):
        start, end = self._year(form.get("start")), self._year(form.get("end"))
        return rollover.roll_over(
            self.context,
            start=start,
            end=end,
            title=form.get("title") or "",
            keep=set(self._keep(form)),
            **{name: bool(form.get(name)) for name, _default, _title in OPTIONS},
        )

    def _year(self, text) -> int:
        text = (text or "").strip() if isinstance(text, str) else ""
        if not text.isdigit():
            raise rollover.RolloverRefused(
                self.t(_("Année de législature invalide : « ${value} ».", mapping={"value": text}))
            )
        return int(text)

    def _keep(self, form) -> list[str]:
        keep = form.get("keep") or []
        return [keep] if isinstance(keep, str) else list(keep)

    # What the template shows ------------------------------------------------------

    @cached_property
    def proposed(self) -> tuple[int, int]:
        return rollover.proposed_years(self.context)

    def start(self) -> str:
        if self.posted:
            return self.request.form.get("start") or ""
        return str(self.proposed[0])

    def end(self) -> str:
        if self.posted:
            return self.request.form.get("end") or ""
        return str(self.proposed[1])

    def new_title(self) -> str:
        if self.posted:
            return self.request.form.get("title") or ""
        return rollover.proposed_title(self.context, *self.proposed)

    def options(self) -> list[dict]:
        form = self.request.form
        return [
            {
                "name": name,
                "title": self.t(title),
                "checked": bool(form.get(name)) if self.posted else default,
            }
            for name, default, title in OPTIONS
        ]

    @cached_property
    def rows(self) -> list[dict]:
        """The old plan's nodes, each checked unless it is a closed action (or unchecked)."""
        kept = set(self._keep(self.request.form)) if self.posted else None
        rows = []
        for row in listing.rows(listing.find(self.context)):
            closed = row["portal_type"] in listing.ACTION_TYPES and row["state"] in (
                listing.CLOSED_STATES
            )
            rows.append(
                {
                    **row,
                    "closed": closed,
                    "checked": row["uid"] in kept if kept is not None else not closed,
                    "indent": f"padding-left: {(row['depth'] - 1) * 1.5:g}rem",
                }
            )
        return rows

    def carried_count(self, new_plan) -> int:
        return sum(1 for _node in tree.walk(new_plan))
