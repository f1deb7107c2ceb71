"""A dated step of a permit file; its title is computed from its type and date."""

from communesplone import _
from communesplone.core.calendar import french_date
from communesplone.urban.clock import ClockEvent
from plone.autoform import directives
from plone.dexterity.content import Item
from plone.supermodel import model
from z3c.form.browser.checkbox import CheckBoxFieldWidget
from zope import schema
from zope.interface import implementer
from zope.interface import Invalid
from zope.interface import invariant
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


EVENT_TYPES = {
    "deposit": _("Dépôt de la demande"),
    "incomplete": _("Dossier incomplet"),
    "complements": _("Compléments reçus"),
    "acknowledgement": _("Accusé de réception"),
    "announcement": _("Annonce de projet"),
    "inquiry": _("Enquête publique"),
    "opinion_request": _("Demande d'avis"),
    "opinion": _("Avis reçu"),
    "fd_opinion_request": _("Demande d'avis au fonctionnaire délégué"),
    "fd_opinion": _("Avis du fonctionnaire délégué"),
    "extension": _("Prorogation du délai"),
    "decision": _("Décision du Collège"),
    "notification": _("Notification de la décision"),
    # Recorded by the system when the decision deadline passes (tracking.py).
    "fd_seizure": _("Saisine du fonctionnaire délégué"),
}
PUBLICITY = SimpleVocabulary(
    [
        SimpleTerm("none", "none", _("Aucune")),
        SimpleTerm("announcement", "announcement", _("Annonce de projet")),
        SimpleTerm("inquiry", "inquiry", _("Enquête publique")),
    ]
)
OUTCOMES = SimpleVocabulary(
    [
        SimpleTerm("granted", "granted", _("Octroi")),
        SimpleTerm("refused", "refused", _("Refus")),
    ]
)
OPINIONS = SimpleVocabulary(
    [
        SimpleTerm("favourable", "favourable", _("Favorable")),
        SimpleTerm("conditional", "conditional", _("Favorable sous conditions")),
        SimpleTerm("unfavourable", "unfavourable", _("Défavorable")),
    ]
)
EVENT_VOCABULARY = SimpleVocabulary(
    [SimpleTerm(key, key, title) for key, title in EVENT_TYPES.items()]
)


class IPermitEvent(model.Schema):
    event_type = schema.Choice(title=_("Étape"), vocabulary=EVENT_VOCABULARY)
    date = schema.Date(title=_("Date"))
    # Dossier incomplet: the missing documents, from the procedure's checklist.
    directives.widget("missing_documents", CheckBoxFieldWidget)
    missing_documents = schema.List(
        title=_("Pièces manquantes"),
        value_type=schema.Choice(vocabulary="communesplone.urban.Checklist"),
        required=False,
        default=[],
    )
    # Accusé de réception: it fixes the procedure.
    publicity = schema.Choice(title=_("Mesures de publicité"), vocabulary=PUBLICITY, required=False)
    opinions_requested = schema.Bool(
        title=_("Avis d'instances à demander"), required=False, default=False
    )
    fd_opinion_required = schema.Bool(
        title=_("Avis du fonctionnaire délégué obligatoire"), required=False, default=False
    )
    # Enquête publique ou annonce de projet.
    start = schema.Date(title=_("Début"), required=False)
    place = schema.TextLine(title=_("Où consulter le dossier et réclamer"), required=False)
    claims = schema.Int(title=_("Nombre de réclamations"), required=False, min=0)
    claimants = schema.Text(title=_("Réclamants"), required=False)
    # Demande d'avis, avis.
    body = schema.TextLine(title=_("Instance consultée"), required=False)
    opinion = schema.Choice(title=_("Avis"), vocabulary=OPINIONS, required=False)
    # Décision.
    outcome = schema.Choice(title=_("Décision"), vocabulary=OUTCOMES, required=False)
    comment = schema.Text(title=_("Remarques"), required=False)

    @invariant
    def fields_of_the_type(data):
        kind = getattr(data, "event_type", None)
        if kind == "decision" and not getattr(data, "outcome", None):
            raise Invalid(_("Une décision est un octroi ou un refus : indiquez-le."))
        if kind in ("opinion_request", "opinion") and not getattr(data, "body", None):
            raise Invalid(_("Indiquez l'instance consultée."))


@implementer(IPermitEvent)
class PermitEvent(Item):
    def Title(self):
        # Stored and indexed in French, the commune's language (as meeting titles are).
        label = str(EVENT_TYPES.get(self.event_type, self.event_type or ""))
        return f"{label} du {french_date(self.date)}" if self.date else label

    @property
    def title(self):
        return self.Title()

    @title.setter
    def title(self, value):
        """Computed: whatever is given is ignored."""

    def clock_event(self) -> ClockEvent | None:
        """The event as the legal clock reads it (None for the system's own records)."""
        if self.event_type == "fd_seizure":
            return None
        return ClockEvent(
            id=self.getId(),
            event_type=self.event_type,
            date=self.date,
            publicity=self.publicity,
            opinions_requested=bool(self.opinions_requested),
            fd_opinion_required=bool(self.fd_opinion_required),
            start=self.start,
            body=self.body or "",
            outcome=self.outcome,
        )
