"""Document templates are code: only the operator adds or changes them.

appy evaluates the expressions of a template with plain `eval`, so whoever adds or edits a
template (its file, its fields) runs Python on the server that hosts every commune. The
permission and the template workflow give that right to the role Manager, but a Manager
made in a commune's own user folder is a Manager too: the guard also asks where the user
comes from. The operator is a Manager of the Zope root's user folder (or the Zope's
system user, as the command line runs); the templates the suite ships are written by its
own code (`shipped_code`), whoever installs or upgrades the site.

The same holds for what runs beside the templates: the document engine's search and
replace (it rewrites template files without any event), its control panel, and the
office settings (`uno_path` names the program the engine starts).
"""

from AccessControl import getSecurityManager
from AccessControl.users import system
from Acquisition import aq_base
from Acquisition import aq_inner
from Acquisition import aq_parent
from collective.documentgenerator.content.pod_template import IPODTemplate
from collective.documentgenerator.content.style_template import IStyleTemplate
from communesplone import _
from contextlib import contextmanager
from z3c.form.interfaces import IForm
from zExceptions import Unauthorized
from zope.component.hooks import getSite
from zope.globalrequest import getRequest
from zope.i18n import translate

import threading


# IPODTemplate covers PODTemplate, ConfigurablePODTemplate, SubTemplate and
# MailingLoopTemplate; StyleTemplate has its own schema.
TEMPLATE_INTERFACES = (IPODTemplate, IStyleTemplate)
TEMPLATE_TYPES = (
    "ConfigurablePODTemplate",
    "PODTemplate",
    "SubTemplate",
    "MailingLoopTemplate",
    "StyleTemplate",
)
# The document engine's own pages that write templates or its settings.
ENGINE_PAGES = (
    "collective.documentgenerator-controlpanel",
    "collective.documentgenerator-searchreplacepanel",
)
OFFICE_RECORDS = frozenset(
    f"collective.documentgenerator.browser.controlpanel.IDocumentGeneratorControlPanelSchema.{name}"
    for name in ("uno_path", "oo_server", "oo_port_list")
)

_shipped = threading.local()


@contextmanager
def shipped_code():
    """The suite's own code writes templates from its package files, or the office
    settings from the instance's environment: not a user's input, whoever runs it."""
    depth = getattr(_shipped, "depth", 0)
    _shipped.depth = depth + 1
    try:
        yield
    finally:
        _shipped.depth = depth


def in_shipped_code() -> bool:
    return getattr(_shipped, "depth", 0) > 0


def is_template(obj) -> bool:
    return any(interface.providedBy(obj) for interface in TEMPLATE_INTERFACES)


def is_operator(context=None, user=None) -> bool:
    """Is the user a Manager of the Zope root's user folder (not of a commune's)?

    A user is acquisition-wrapped in the user folder that authenticated them; a commune's
    users, its Site Administrators and Managers included, come from the site's.
    """
    user = getSecurityManager().getUser() if user is None else user
    if user is None:
        return False
    if aq_base(user) is system:
        return True
    context = context if context is not None else getSite()
    if context is None:
        return False
    root_users = aq_base(getattr(aq_base(context.getPhysicalRoot()), "acl_users", None))
    source = aq_parent(aq_inner(user))
    if root_users is None or source is None or aq_base(source) is not root_users:
        return False
    return "Manager" in user.getRoles()


def refusal() -> Unauthorized:
    message = _(
        "Seul l'opérateur de l'hébergement peut ajouter ou modifier les modèles de "
        "documents et les réglages du moteur de documents."
    )
    return Unauthorized(translate(message, context=getRequest()))


def check(context) -> None:
    """Refuse unless the suite's own code or the operator is writing."""
    if not in_shipped_code() and not is_operator(context):
        raise refusal()


def template_will_be_added(obj, event) -> None:
    """A template added by any way (add form, REST, copy and paste, import)."""
    parent = event.newParent if event.newParent is not None else getSite()
    check(parent)


def template_modified(obj, event) -> None:
    """A template changed by any way that says so (edit form, REST, WebDAV)."""
    check(obj)


def office_record_modified(event) -> None:
    """The program the engine starts and the server it talks to are the instance's."""
    record = event.record
    if getattr(record, "__name__", None) not in OFFICE_RECORDS:
        return
    if event.oldValue == event.newValue:
        return
    check(getSite())


def _form_of(published):
    """The z3c form behind a published view (a plone.z3cform wrapper holds it)."""
    form = getattr(published, "form_instance", published)
    return form if IForm.providedBy(form) else None


def refuse_template_forms(event) -> None:
    """Refuse the add and edit forms of templates, and the engine's pages, before they
    show: a commune's Manager would otherwise fill a form that fails on saving."""
    request = event.request
    published = request.get("PUBLISHED")
    if published is None:
        return
    if getattr(published, "__name__", None) in ENGINE_PAGES:
        check(getattr(published, "context", None))
        return
    form = _form_of(published)
    if form is None:
        return
    context = aq_inner(getattr(form, "context", None))
    if getattr(form, "portal_type", None) in TEMPLATE_TYPES or is_template(context):
        check(context)
