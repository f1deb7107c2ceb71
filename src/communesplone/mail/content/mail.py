"""Incoming and outgoing mail: what the mail office registers and the services treat."""

from AccessControl import ClassSecurityInfo
from AccessControl.class_init import InitializeClass
from communesplone import _
from communesplone.core.groups import current_group_ids
from communesplone.core.groups import service_group_id
from communesplone.core.workflow import roles_here
from plone import api
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

import datetime


def _vocabulary(pairs):
    return SimpleVocabulary([SimpleTerm(value, value, title) for value, title in pairs])


CHANNELS = _vocabulary(
    [
        ("post", _("Courrier postal")),
        ("registered", _("Recommandé")),
        ("email", _("Courriel")),
        ("counter", _("Guichet")),
        ("form", _("Formulaire en ligne")),
    ]
)
MAIL_TYPES = _vocabulary(
    [
        ("letter", _("Courrier")),
        ("invoice", _("Facture")),
        ("complaint", _("Plainte")),
        ("document_request", _("Demande de document")),
        ("form", _("Formulaire")),
        ("invitation", _("Invitation")),
        ("other", _("Autre")),
    ]
)
PRIORITIES = _vocabulary([("normal", _("Normale")), ("high", _("Haute")), ("urgent", _("Urgente"))])
SEND_MODES = _vocabulary(
    [("post", _("Courrier postal")), ("registered", _("Recommandé")), ("email", _("Courriel"))]
)
CONTACTS = {
    "vocabulary": "plone.app.vocabularies.Catalog",
    "pattern_options": {"selectableTypes": ["Person", "Organization"], "basePath": "/"},
}


@provider(IContextAwareDefaultFactory)
def today(context):
    return datetime.date.today()


class IMail(model.Schema):
    """What both directions share."""

    title = schema.TextLine(title=_("Objet"), max_length=500)
    directives.mode(reference="display")
    reference = schema.TextLine(title=_("Numéro d'enregistrement"), required=False, readonly=True)
    original = NamedBlobFile(
        title=_("Original numérisé (PDF)"),
        description=_("Chaque nouvelle version est gardée ; son empreinte SHA-256 aussi."),
        required=False,
    )
    directives.mode(original_sha256="display")
    original_sha256 = schema.ASCIILine(title=_("Empreinte SHA-256"), required=False, readonly=True)
    confidential = schema.Bool(
        title=_("Confidentiel"),
        description=_("Seuls le service traitant et la direction générale le lisent."),
        required=False,
        default=False,
    )
    linked_mails = schema.List(
        title=_("Courriers liés"), value_type=schema.ASCIILine(), required=False, default=[]
    )
    directives.widget(
        "linked_mails",
        RelatedItemsFieldWidget,
        vocabulary="plone.app.vocabularies.Catalog",
        pattern_options={"selectableTypes": ["IncomingMail", "OutgoingMail"], "basePath": "/"},
    )


class IIncomingMail(IMail):
    reception_date = schema.Date(title=_("Date de réception"), defaultFactory=today)
    original_date = schema.Date(title=_("Date du courrier"), required=False)
    channel = schema.Choice(title=_("Canal"), vocabulary=CHANNELS, required=False, default="post")
    mail_type = schema.Choice(
        title=_("Type de courrier"), vocabulary=MAIL_TYPES, required=False, default="letter"
    )
    sender = schema.ASCIILine(title=_("Expéditeur"), required=False)
    directives.widget("sender", RelatedItemsFieldWidget, **CONTACTS)
    treating_service = schema.Choice(
        title=_("Service traitant"), vocabulary="communesplone.core.Services", required=False
    )
    assigned_agent = schema.Choice(
        title=_("Agent traitant"), vocabulary="communesplone.mail.Agents", required=False
    )
    copy_services = schema.List(
        title=_("Services en copie"),
        description=_("Ils lisent le courrier, sans le modifier."),
        value_type=schema.Choice(vocabulary="communesplone.core.Services"),
        required=False,
        default=[],
    )
    due_date = schema.Date(title=_("Échéance"), required=False)
    priority = schema.Choice(
        title=_("Priorité"), vocabulary=PRIORITIES, required=False, default="normal"
    )


class IOutgoingMail(IMail):
    mail_date = schema.Date(title=_("Date"), defaultFactory=today)
    recipients = schema.List(
        title=_("Destinataires"), value_type=schema.ASCIILine(), required=False, default=[]
    )
    directives.widget("recipients", RelatedItemsFieldWidget, **CONTACTS)
    sender_service = schema.Choice(
        title=_("Service expéditeur"), vocabulary="communesplone.core.Services", required=False
    )
    sender_agent = schema.Choice(
        title=_("Agent"), vocabulary="communesplone.mail.Agents", required=False
    )
    in_reply_to = schema.List(
        title=_("En réponse à"), value_type=schema.ASCIILine(), required=False, default=[]
    )
    directives.widget(
        "in_reply_to",
        RelatedItemsFieldWidget,
        vocabulary="plone.app.vocabularies.Catalog",
        pattern_options={"selectableTypes": ["IncomingMail"], "basePath": "/"},
    )
    send_mode = schema.Choice(
        title=_("Mode d'envoi"), vocabulary=SEND_MODES, required=False, default="post"
    )


class Mail(Container):
    reference = None
    original_sha256 = None
    sender_title = None  # kept by events.py for the listings
    # Local roles on the `courrier` folder (registrars, every service's agents, who may
    # add mail there) must not reach the mails: a mail's readers come from its own
    # services only (localroles.py), which is what keeps confidential mail confidential.
    __ac_local_roles_block__ = True

    # The field naming the service whose groups hold roles on the mail (localroles.py).
    service_field = "treating_service"

    def service_code(self):
        return getattr(self, self.service_field, None)

    def _roles_here(self) -> set:
        """Asked of the user itself: the Zope root's operator is no user of the site."""
        return roles_here(self)

    def _is_service_manager(self) -> bool:
        """The current user is a manager (chef) of the mail's service."""
        code = self.service_code()
        if not code:
            return False
        return service_group_id(code, "managers") in current_group_ids()


@implementer(IIncomingMail)
class IncomingMail(Mail):
    # Workflow guard expressions call these (restricted Python).
    security = ClassSecurityInfo()
    security.declarePublic("may_assign")
    security.declarePublic("may_reopen")

    def may_assign(self):
        """The DG dispatches when its review is switched on; else the mail office may too."""
        roles = self._roles_here()
        if roles & {"Manager", "MailDirector"}:
            return True
        review = api.portal.get_registry_record("communesplone.mail.dg_review", default=False)
        return "MailRegistrar" in roles and not review

    def may_reopen(self):
        """Reopening a closed mail is the treating service's managers' or the DG's call."""
        if self._roles_here() & {"Manager", "MailDirector"}:
            return True
        return self._is_service_manager()


InitializeClass(IncomingMail)


@implementer(IOutgoingMail)
class OutgoingMail(Mail):
    # Workflow guard expressions call these (restricted Python).
    security = ClassSecurityInfo()
    security.declarePublic("validation_required")
    security.declarePublic("may_validate")

    service_field = "sender_service"

    def validation_required(self):
        """Whether drafts go to the service's manager before signature (a site setting)."""
        return bool(
            api.portal.get_registry_record("communesplone.mail.outgoing_validation", default=True)
        )

    def may_validate(self):
        """The sender service's managers and the DG validate and send back."""
        if self._roles_here() & {"Manager", "MailDirector"}:
            return True
        return self._is_service_manager()


InitializeClass(OutgoingMail)
