"""« Mettre à jour » on an action: health, progress and this year's indicator values.

The agent's everyday gesture, on the action's page, without the full edit form. Every
value is checked first; one bad value changes nothing and says which.
"""

from communesplone import _
from communesplone.core.browser.actions import PostOnlyView
from communesplone.pst.content.plan import plan_of
from communesplone.pst.vocabularies import HEALTH
from datetime import date
from plone import api
from zExceptions import Unauthorized
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent


HEALTH_VALUES = [value for value, _title in HEALTH]


def _number(text: str) -> float:
    """A figure as typed in Belgium: « 1 250,5 » or « 1250.5 »."""
    return float(text.replace("\u202f", "").replace(" ", "").replace(",", "."))


class UpdateAction(PostOnlyView):
    def handle(self):
        node = self.context
        if not api.user.has_permission("Modify portal content", obj=node):
            raise Unauthorized("Vous ne pouvez pas mettre à jour cette action.")
        try:
            changes = self.read(self.request.form)
        except ValueError as error:
            api.portal.show_message(str(error), request=self.request, type="error")
        else:
            for name, value in changes.items():
                setattr(node, name, value)
            notify(ObjectModifiedEvent(node))
            api.portal.show_message(
                self.t(
                    _(
                        "Action mise à jour ; avancement : ${progress} %.",
                        mapping={"progress": node.progress if node.progress is not None else "—"},
                    )
                ),
                request=self.request,
            )
        self.request.response.redirect(node.absolute_url())
        return ""

    def t(self, message) -> str:
        from zope.i18n import translate

        return translate(message, context=self.request)

    def read(self, form) -> dict:
        """The new values, or ValueError naming the first wrong one."""
        node = self.context
        changes = {}
        health = form.get("health") or ""
        if health:
            if health not in HEALTH_VALUES:
                raise ValueError(
                    self.t(_("Santé inconnue : « ${value} ».", mapping={"value": health}))
                )
            changes["health"] = health
        if "health_comment" in form:
            changes["health_comment"] = (form.get("health_comment") or "").strip() or None
        progress = (form.get("progress_entered") or "").strip()
        if progress:
            if not progress.isdigit() or not 0 <= int(progress) <= 100:
                raise ValueError(
                    self.t(
                        _(
                            "L'avancement est un nombre entier de 0 à 100, pas « ${value} ».",
                            mapping={"value": progress},
                        )
                    )
                )
            changes["progress_entered"] = int(progress)
        plan = plan_of(node)
        years = plan.years() if plan is not None else []
        year_text = (form.get("year") or str(date.today().year)).strip()
        if not year_text.isdigit() or (years and int(year_text) not in years):
            raise ValueError(
                self.t(
                    _("Année « ${value} » hors de la législature.", mapping={"value": year_text})
                )
            )
        year = int(year_text)
        measurements = [dict(row) for row in node.measurements or ()]
        for position, indicator in enumerate(node.indicators or ()):
            text = (form.get(f"indicator-{position}") or "").strip()
            if not text:
                continue
            try:
                value = _number(text)
            except ValueError:
                raise ValueError(
                    self.t(
                        _(
                            "Valeur de « ${name} » : un nombre est attendu, pas « ${value} ».",
                            mapping={"name": indicator.get("label"), "value": text},
                        )
                    )
                ) from None
            label = indicator.get("label")
            measurements = [
                row
                for row in measurements
                if (row.get("indicator"), row.get("year")) != (label, year)
            ]
            measurements.append({"indicator": label, "year": year, "value": value})
        if measurements != list(node.measurements or ()):
            changes["measurements"] = sorted(
                measurements, key=lambda row: (row["indicator"], row["year"])
            )
        return changes
