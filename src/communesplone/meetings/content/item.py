"""A meeting item (point de l'ordre du jour), drafted by a service, decided in a meeting."""

from AccessControl import ClassSecurityInfo
from AccessControl.class_init import InitializeClass
from communesplone import _
from communesplone.core.persistence import stored
from plone.app.textfield import RichText
from plone.app.z3cform.widgets.relateditems import RelatedItemsFieldWidget
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.namedfile.field import NamedBlobFile
from plone.supermodel import model
from zope import schema
from zope.interface import implementer
from zope.interface import provider
from zope.schema.interfaces import IContextAwareDefaultFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


PRIVACY = SimpleVocabulary(
    [
        SimpleTerm("public", "public", _("Séance publique")),
        SimpleTerm("secret", "secret", _("Huis clos")),
    ]
)

LIST_TYPES = {"normal": _("Point normal"), "late": _("Point supplémentaire")}


@provider(IContextAwareDefaultFactory)
def default_service(context):
    """The first service of the creator, so most items need no choice."""
    from communesplone.meetings.vocabularies import user_services

    terms = list(user_services(context))
    return terms[0].value if terms else None


class IMeetingItem(model.Schema):
    title = schema.TextLine(title=_("Titre"), max_length=500)
    proposing_service = schema.Choice(
        title=_("Service proposant"),
        vocabulary="communesplone.meetings.UserServices",
        defaultFactory=default_service,
    )
    category = schema.Choice(
        title=_("Catégorie"),
        vocabulary="communesplone.meetings.Categories",
        required=False,
    )
    privacy = schema.Choice(title=_("Publicité"), vocabulary=PRIVACY, default="public")
    preferred_meeting = schema.Choice(
        title=_("Séance souhaitée"),
        vocabulary="communesplone.meetings.OpenMeetings",
        required=False,
    )
    motivation = RichText(title=_("Motivation (« Considérant… »)"), required=False)
    decision = RichText(title=_("Décision (« DÉCIDE : »)"), required=False)
    linked_items = schema.List(
        title=_("Points liés"),
        description=_("Autres points sur le même sujet (décisions antérieures, suites…)."),
        value_type=schema.ASCIILine(),
        required=False,
        default=[],
    )
    directives.widget(
        "linked_items",
        RelatedItemsFieldWidget,
        vocabulary="plone.app.vocabularies.Catalog",
        pattern_options={"selectableTypes": ["MeetingItem"], "basePath": "/"},
    )
    to_council = schema.Bool(
        title=_("À transmettre au Conseil après décision"), default=False, required=False
    )

    advice_services = schema.List(
        title=_("Avis demandés"),
        description=_("Les services dont l'avis est demandé sur ce point (ex. Finances)."),
        value_type=schema.Choice(vocabulary="communesplone.core.Services"),
        required=False,
        default=[],
    )
    execution_service = schema.Choice(
        title=_("Service chargé de l'exécution"),
        description=_("Qui exécute la décision une fois prise (suivi des décisions)."),
        vocabulary="communesplone.core.Services",
        required=False,
    )
    execution_due = schema.Date(title=_("Échéance d'exécution"), required=False)
    # Reported by the executing service (followup.py), not entered in the item's form.
    directives.omitted("execution_done", "execution_note")
    execution_done = schema.Date(title=_("Exécutée le"), required=False, readonly=True)
    execution_note = schema.Text(title=_("Compte rendu d'exécution"), required=False, readonly=True)

    # The signed copy of the decision, made from the « Délibération » template once the
    # item is decided (deliberations.py), never entered: read-only everywhere.
    directives.omitted("deliberation_file", "deliberation_sha256")
    deliberation_file = NamedBlobFile(title=_("Délibération (PDF)"), required=False, readonly=True)
    deliberation_sha256 = schema.ASCIILine(
        title=_("Empreinte SHA-256 de la délibération"), required=False, readonly=True
    )

    directives.omitted("list_type")
    list_type = schema.Choice(
        title=_("Type de point"),
        values=list(LIST_TYPES),
        default="normal",
        required=False,
    )


@implementer(IMeetingItem)
class MeetingItem(Container):
    meeting_uid = None
    list_type = "normal"
    # Workflow guard expressions call these (restricted Python).
    security = ClassSecurityInfo()
    security.declarePublic("may_send_back")
    security.declarePublic("meeting_state")

    @property
    def stored_service(self):
        """The proposing service as stored: never a default computed for the reader."""
        return stored(self, "proposing_service")

    def meeting(self):
        """The meeting the item is presented to (or None)."""
        from communesplone.core.lookup import object_of

        return object_of(self.meeting_uid)

    def may_send_back(self):
        """Validators send back what they review; clerks, what reached them validated."""
        from communesplone.core.workflow import roles_here
        from plone import api

        roles = roles_here(self)  # the Zope root's operator is no user of the site
        if "Manager" in roles or "ItemValidator" in roles:
            return True
        return "MeetingManager" in roles and api.content.get_state(self) == "validated"

    def meeting_state(self):
        """The state of the item's meeting (workflow guards ask it)."""
        from communesplone.meetings.agenda import meeting_state

        return meeting_state(self.meeting())


InitializeClass(MeetingItem)
