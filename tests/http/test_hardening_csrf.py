"""CSRF audit of the suite's browser views, over the live server of the demo commune.

Every view our packages register is found in the component registry. Those that change
something on POST are in CASES: a POST without `_authenticator` must be refused (403)
and commit nothing; the same POST with the token must then do its work (a transaction is
committed), which proves the body would otherwise have succeeded. Read-only views are in
READ_ONLY, with why. A new view in neither list fails the audit.
"""

from communesplone.core.browser.actions import PostOnlyView
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from email.message import EmailMessage
from httphelpers import browser_login
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.rest.service import Service
from plone.z3cform.layout import FormWrapper
from z3c.form.interfaces import IForm
from zope.component import getGlobalSiteManager
from zope.component.hooks import setSite
from zope.interface import Interface
from zope.publisher.interfaces.browser import IBrowserPage
from zope.publisher.interfaces.browser import IBrowserRequest

import base64
import inspect
import pytest
import re
import requests
import transaction


PASSWORD = "demodemo"
# The Zope root's Manager, by basic authentication (no demo user manages the portal).
MANAGER = "zope-manager"

# Views that only read (or only show a form whose POST goes to another view of CASES).
READ_ONLY = {
    # core
    "annuaire": "the directory's listing and filters (GET)",
    "annuaire-export": "its CSV/ODS export",
    "document_generation_helper_view": "what document templates read of a context",
    "mes-notifications": "the form; saving is @@mes-notifications-enregistrer",
    "organigramme": "the organisation chart",
    "personne": "a person's page",
    "tableau-de-bord": "« Mon tableau de bord »",
    # meetings
    "conduite": "the séance cockpit; acting is @@conduite-action",
    "decisions-a-executer": "the follow-up dashboard; reporting is @@suivi-execution",
    "decisions-a-executer-export": "its CSV/ODS export",
    "decisions-publiques": "the public decisions",
    "decisions-publiques.rss": "their RSS feed",
    "ordre-du-jour-public": "a meeting's public agenda (HTML)",
    "seances-publiques.ics": "the public meetings' calendar",
    "@oparl": "OParl 1.1, read-only JSON (any other method is a 405)",
    "deliberation": "one decision online",
    "deliberations": "the list; making them is @@deliberations-generer",
    "deliberations.zip": "a download",
    "meetings.ics": "the calendar feed",
    "mes-points": "the work lists; acting is @@mes-points-action",
    "mes-points-export": "the current list's CSV/ODS export",
    "nouveau-point": "the templates; creating is @@nouveau-point-creer",
    "point": "an item's page",
    "proces-verbal": "the minutes online",
    "proces-verbal-public": "the public minutes (PDF)",
    "seance": "a meeting's page; acting is @@agenda-actions and @@ordre-du-jour-lu",
    "statistiques-presences": "attendance statistics",
    "statistiques-presences.ods": "their spreadsheet",
    # mail
    "ancien-original": "a download of a replaced original",
    "courriel-capture": "a panel; creating the sender is @@creer-expediteur",
    "courrier": "a mail's page",
    "courrier-lu-script": "a panel; marking read is @@courrier-lu",
    "courrier-reglages": "the settings form; saving is @@courrier-reglages-enregistrer",
    "courriers": "the dashboards; batch actions are @@courriers-actions",
    "courriers-en-retard": "late mail per service",
    "courriers-en-retard-export": "its CSV/ODS export",
    "courriers-export": "CSV/ODS export",
    "etiquette": "the sticker (PDF)",
    "suggestion-attribution": "a panel; applying is @@appliquer-suggestion",
    # pst
    "comparer": "two evaluations side by side",
    "evaluation": "an evaluation's page",
    "fiche": "a node's page; updating is @@pst-mise-a-jour",
    "plan": "the plan's page",
    "plans": "the PST folder",
    "pst-macros": "template macros",
    "pst-public": "the public page",
    "pst-public.csv": "open data",
    "pst-public.json": "open data",
    "suivi": "the PST dashboard (its form is a GET filter)",
    "suivi-export": "its export",
    # urban
    "dossier": "a permit's page",
    "dossiers": "the permits dashboard",
    "dossiers-export": "one of its lists as CSV/ODS",
    "registre-urbanisme": "the public register",
    "registre-urbanisme.ics": "its inquiries' calendar",
    "statistiques": "urbanism statistics",
    "statistiques-export": "their table as CSV/ODS",
    # test layer only: a view that lifts the CSRF check on purpose, never in production
    "test-take-number": "registered by testing.zcml for the numbering tests",
}


# Enumeration ---------------------------------------------------------------------------


def _registries():
    """The global registry and its bases: test layers stack registries on the global one."""
    seen, todo = [], [getGlobalSiteManager()]
    while todo:
        registry = todo.pop()
        if any(registry is known for known in seen):
            continue
        seen.append(registry)
        todo.extend(registry.__bases__)
    return seen


def _our_classes(factory) -> list:
    return [
        klass
        for klass in getattr(factory, "__mro__", ())
        if klass.__module__.startswith("communesplone.")
    ]


def _our_template(factory) -> bool:
    index = getattr(factory, "index", None)
    filename = getattr(index, "filename", "") or ""
    return "/communesplone/" in filename.replace("\\", "/")


def registered_views() -> dict[str, list]:
    """{view name: [factory, …]} of the browser views our packages register."""
    views: dict[str, list] = {}
    for registry in _registries():
        for registration in registry.registeredAdapters():
            provided = registration.provided
            if not (provided is Interface or provided.isOrExtends(IBrowserPage)):
                continue
            required = registration.required
            if len(required) < 2 or not required[1].isOrExtends(IBrowserRequest):
                continue
            factory = registration.factory
            if not (_our_classes(factory) or _our_template(factory)):
                continue
            views.setdefault(registration.name, []).append(factory)
    return views


def is_rest_service(factory) -> bool:
    """plone.rest services: dispatched only on `Accept: application/json`, authenticated
    like every REST call (plone.restapi's pattern, DESIGN §7), not browser views."""
    return isinstance(factory, type) and issubclass(factory, Service)


def handles_post(factory) -> bool:
    """Whether a view acts on POST: our POST base, an explicit token check, a form."""
    if not isinstance(factory, type):
        return False
    if issubclass(factory, PostOnlyView | FormWrapper) or IForm.implementedBy(factory):
        return True
    for klass in _our_classes(factory):
        source = inspect.getsource(klass)
        if "CheckAuthenticator" in source or ".method ==" in source:
            return True
    return False


# The table ----------------------------------------------------------------------------


@dataclass
class Case:
    """A view that acts on POST: who acts, on what, with which body."""

    view: str
    user: str
    # site → (the context, the form fields), run as Manager before the POSTs
    prepare: object
    # Where the view is reached when not as `{context}/@@{view}` (add forms).
    path: str = ""
    # Why the POST with the token is not replayed (None: it is).
    no_control: str | None = None
    files: dict = field(default_factory=dict)


def _one(site, **query):
    brains = api.content.find(context=site, **query)
    assert brains, f"nothing in the demo commune for {query}"
    return brains[0].getObject()


def _college_meeting(site, state):
    return _one(site["college"], portal_type="Meeting", review_state=state)


def _notifications(site):
    from communesplone.core import notifications

    return site, {"on": sorted(notifications.CATEGORIES)[:1]}


def _import_csv(site):
    raw = b"prenom;nom;email\nJeanne;Audit;jeanne.audit@example.org\n"
    return site["annuaire"], {
        "form.buttons.confirm": "Importer",
        "data": base64.b64encode(raw).decode("ascii"),
    }


def _closing_days(site):
    return site, {
        "form.widgets.closing_days.count": "1",
        "form.widgets.closing_days.0": f"{date.today().year}-12-26",
        "form.buttons.save": "Enregistrer",
    }


def _present(site):
    item = _one(site["college"], portal_type="MeetingItem", review_state="validated")
    return _college_meeting(site, "created"), {"present": "1", "uids": item.UID()}


def _mark_agenda_read(site):
    return _college_meeting(site, "frozen"), {}


def _attendance(site):
    from communesplone.meetings import attendance

    meeting = _college_meeting(site, "frozen")
    person = attendance.meeting_attendance(meeting)[0]["person"]
    return meeting, {"action": "attendance", f"status-{person}": "excused"}


def _make_deliberations(site):
    return _college_meeting(site, "decided"), {}


def _give_advice(site):
    from communesplone.meetings import advices

    item = _one(site["college"], portal_type="MeetingItem", review_state="validated")
    item.advice_services = ["travaux"]
    assert advices.ask(item) == ["travaux"]
    return item, {"service": "travaux", "type": "favorable", "comment": ""}


def _report_execution(site):
    item = _one(site["college"], portal_type="MeetingItem", review_state="accepted")
    item.execution_service = "travaux"
    item.reindexObject()
    item.reindexObjectSecurity()
    return item, {"done": date.today().isoformat(), "note": "Fait."}


def _from_template(site):
    college = site["college"]
    college.item_templates = [{"title": "Modèle de l'audit", "service": "travaux"}]
    return college, {"template": "Modèle de l'audit"}


def _worklist_transition(site):
    for brain in api.content.find(context=site, portal_type="MeetingItem", review_state="draft"):
        item = brain.getObject()
        if item.proposing_service == "urbanisme":
            return site, {"transition": "propose", "uids": item.UID(), "liste": "mine"}
    raise AssertionError("no draft item of Urbanisme in the demo commune")


def _college_item(site):
    return _one(site["urbanisme"], portal_type="Permit", review_state="instruction"), {
        "outcome": "granted"
    }


def _permit_event(site):
    permit = _one(site["urbanisme"], portal_type="Permit", review_state="instruction")
    return permit, {
        "form.widgets.event_type:list": "extension",
        "form.widgets.date": date.today().isoformat(),
        "form.buttons.save": "Enregistrer",
    }


def _mail_settings(site):
    from communesplone.mail.content.mail import MAIL_TYPES

    body = {f"delay_{term.value}": "20" for term in MAIL_TYPES}
    body.update({"reminder_days": "3", "on": ["communesplone.mail.escalate"]})
    return site, body


def _run_reminders(site):
    # A mail due tomorrow, treated by someone: tonight's reminder goes now.
    mail = _one(site["courrier"], portal_type="IncomingMail", review_state="in_treatment")
    mail.assigned_agent = "agent.travaux"
    mail.treating_service = "travaux"
    mail.due_date = date.fromordinal(date.today().toordinal() + 1)
    mail.reindexObject()
    return site, {}


def _registered_mail(site):
    return _one(site["courrier"], portal_type="IncomingMail", review_state="registered")


def _mail_transition(site):
    return _registered_mail(site), {"transition": "assign", "treating_service": "travaux"}


def _batch_assign(site):
    mail = _registered_mail(site)
    return site["courrier"], {
        "action": "assign",
        "uids": mail.UID(),
        "service": "travaux",
        "came_from_list": "to_assign",
    }


def _bulk(site):
    return site["courrier"], {"subjects": "Demande de l'audit", "channel": "post"}


def _treated_by(site, service):
    for brain in api.content.find(
        context=site["courrier"], portal_type="IncomingMail", review_state="in_treatment"
    ):
        mail = brain.getObject()
        if mail.treating_service == service and not mail.confidential:
            return mail
    raise AssertionError(f"no mail in treatment by {service} in the demo commune")


def _reply(site):
    return _treated_by(site, "travaux"), {}


def _eml() -> bytes:
    message = EmailMessage()
    message["From"] = "Jeanne Audit <jeanne.audit@example.org>"
    message["To"] = "courrier@valmont.example"
    message["Subject"] = "Demande d'information (audit)"
    message["Date"] = "Mon, 02 Feb 2026 10:00:00 +0100"
    message.set_content("Bonjour,\n\nPourriez-vous m'informer ?\n")
    return message.as_bytes()


def _import_eml(site):
    return site["courrier"], {}


def _create_sender(site):
    mail = _registered_mail(site)
    mail.sender = None
    mail.reindexObject()
    return mail, {
        "kind": "Person",
        "firstname": "Jeanne",
        "lastname": "Audit",
        "email": "jeanne.audit@example.org",
    }


def _apply_suggestion(site):
    from communesplone.mail import routing

    for brain in api.content.find(
        context=site["courrier"], portal_type="IncomingMail", review_state="registered"
    ):
        mail = brain.getObject()
        found = routing.suggestion(mail)
        if found and not routing.is_applied(mail, found):
            return mail, {}
    raise AssertionError("no routing suggestion in the demo commune")


def _mark_read(site):
    from communesplone.mail import copies

    for brain in api.content.find(context=site["courrier"], portal_type="IncomingMail"):
        mail = brain.getObject()
        if "travaux" in (mail.copy_services or ()) and not copies.has_read(mail, "agent.travaux"):
            return mail, {}
    raise AssertionError("no mail in copy to Travaux in the demo commune")


def _create_item(site):
    return _treated_by(site, "travaux"), {}


def _create_permit(site):
    from communesplone.urban.procedures import procedures

    return _treated_by(site, "urbanisme"), {"procedure": sorted(procedures())[0]}


def _update_action(site):
    action = _one(site["pst"], portal_type="Action", review_state="ongoing")
    for brain in api.content.find(context=site["pst"], portal_type="Action"):
        if brain.getObject().agent == "agent.travaux":
            action = brain.getObject()
            break
    return action, {"health": "at_risk", "health_comment": "Livraison en retard."}


def _rollover(site):
    from communesplone.pst import rollover

    plan = _one(site["pst"], portal_type="StrategicPlan")
    start, end = rollover.proposed_years(plan)
    return plan, {
        "start": str(start),
        "end": str(end),
        "title": f"Programme stratégique transversal {start}-{end}",
        "carry_indicators": "on",
    }


CASES = [
    # core
    Case("mes-notifications-enregistrer", "agent.travaux", _notifications),
    Case("importer-csv", "admin", _import_csv),
    # A Manager's page (« Manage portal »): the site's administrator does not have it.
    Case("jours-de-fermeture", MANAGER, _closing_days),
    # meetings
    Case("agenda-actions", "secretariat", _present),
    Case("ordre-du-jour-lu", "bourgmestre", _mark_agenda_read),
    Case("conduite-action", "secretariat", _attendance),
    Case(
        "deliberations-generer",
        "secretariat",
        _make_deliberations,
        no_control="makes PDFs through LibreOffice; its POST check is PostOnlyView's",
    ),
    Case("donner-avis", "chef.travaux", _give_advice),
    Case("suivi-execution", "chef.travaux", _report_execution),
    Case("nouveau-point-creer", "agent.travaux", _from_template),
    Case("mes-points-action", "agent.urbanisme", _worklist_transition),
    # urban
    Case("permit-college-item", "chef.urbanisme", _college_item),
    Case("PermitEvent", "agent.urbanisme", _permit_event, path="++add++PermitEvent"),
    # mail
    Case("courrier-reglages-enregistrer", "admin", _mail_settings),
    Case("courrier-lancer-rappels", "admin", _run_reminders),
    Case("courrier-action", "courrier", _mail_transition),
    Case("courriers-actions", "courrier", _batch_assign),
    Case("enregistrement-en-serie", "courrier", _bulk),
    Case("repondre", "agent.travaux", _reply),
    Case(
        "importer-eml",
        "courrier",
        _import_eml,
        files={"eml": ("demande.eml", _eml(), "message/rfc822")},
    ),
    Case("creer-expediteur", "dg", _create_sender),
    Case("appliquer-suggestion", "courrier", _apply_suggestion),
    Case("courrier-lu", "agent.travaux", _mark_read),
    Case("creer-point", "agent.travaux", _create_item),
    Case("creer-permis", "agent.urbanisme", _create_permit),
    # pst
    Case("pst-mise-a-jour", "agent.travaux", _update_action),
    Case("nouvelle-legislature", "dg", _rollover),
]


# The audit ----------------------------------------------------------------------------


def test_every_view_is_audited(tenants):
    """A view absent from both lists fails: a new view cannot skip the audit."""
    views = registered_views()
    browser_views = {
        name: factories
        for name, factories in views.items()
        if not all(is_rest_service(factory) for factory in factories)
    }
    audited = {case.view for case in CASES}
    assert not audited & set(READ_ONLY), "a view is both audited and read-only"
    missing = sorted(set(browser_views) - audited - set(READ_ONLY))
    assert not missing, f"views neither audited for CSRF nor listed as read-only: {missing}"
    stale = sorted((audited | set(READ_ONLY)) - set(browser_views))
    assert not stale, f"listed views that no longer exist: {stale}"
    acting = sorted(
        name
        for name in READ_ONLY
        if name != "test-take-number" and any(handles_post(f) for f in browser_views[name])
    )
    assert not acting, f"views listed as read-only act on POST: {acting}"
    # Every view that acts on POST is audited (the table is not only what we remembered).
    for name, factories in browser_views.items():
        if any(handles_post(factory) for factory in factories):
            assert name in audited or name == "test-take-number", name


def test_enumeration_finds_the_kinds_of_views(tenants):
    """Pages with a class, template-only pages, add views and REST services are all seen."""
    views = registered_views()
    assert "mes-notifications-enregistrer" in views  # a class
    assert "pst-macros" in views  # a template only
    assert "PermitEvent" in views  # an add view (IBrowserPage, three discriminators)
    rest = [name for name, factories in views.items() if all(map(is_rest_service, factories))]
    assert "POST_application_json_@import-eml" in rest


@pytest.fixture
def valmont(tenants):
    app = tenants["app"]
    site = app["valmont"]
    setSite(site)
    login(app, SITE_OWNER_NAME)
    yield site
    logout()


def _token(session, site_url: str) -> str:
    page = session.get(f"{site_url}/@@mes-notifications", timeout=30)
    assert page.status_code == 200, "the user is not logged in"
    match = re.search(r'name="_authenticator"[^>]*value="([^"]+)"', page.text) or re.search(
        r'value="([^"]+)"[^>]*name="_authenticator"', page.text
    )
    assert match, "no CSRF token in the page"
    return match.group(1)


def _session(site_url: str, user: str) -> requests.Session:
    if user != MANAGER:
        return browser_login(site_url, user, PASSWORD)
    session = requests.Session()
    session.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    return session


def _post(session, url, body, files):
    return session.post(url, data=body, files=files or None, timeout=120, allow_redirects=False)


@pytest.mark.parametrize("case", CASES, ids=[case.view for case in CASES])
def test_post_without_token_changes_nothing(case, valmont, tenants, server, mailbox):
    context, body = case.prepare(valmont)
    transaction.commit()
    url = f"{context.absolute_url()}/{case.path or '@@' + case.view}"
    url = url.replace("http://nohost", server)
    session = _session(f"{server}/valmont", case.user)
    token = _token(session, f"{server}/valmont")
    database = tenants["zodbDB"]

    before = database.lastTransaction()
    refused = _post(session, url, body, case.files)
    assert refused.status_code == 403, (refused.status_code, refused.text[:300])
    assert database.lastTransaction() == before, "a POST without the token committed"

    if case.no_control:
        return
    done = _post(session, url, {**body, "_authenticator": token}, case.files)
    assert done.status_code < 400, (done.status_code, done.text[:300])
    assert database.lastTransaction() != before, (
        "the same POST with the token changed nothing: the body is not a working one "
        f"({done.status_code} {done.headers.get('Location', '')})"
    )


def test_rest_write_service_is_not_reachable_from_a_form(valmont, tenants, server):
    """A cookie session POSTing like a form (no JSON Accept) never reaches a REST write
    service: plone.rest dispatches on the Accept header, which a form cannot set."""
    folder_url = valmont["courrier"].absolute_url().replace("http://nohost", server)
    transaction.commit()
    session = browser_login(f"{server}/valmont", "courrier", PASSWORD)
    database = tenants["zodbDB"]
    before = database.lastTransaction()
    body = {"data": base64.b64encode(_eml()).decode(), "filename": "demande.eml"}
    response = session.post(f"{folder_url}/@import-eml", data=body, timeout=30)
    assert response.status_code == 404
    assert database.lastTransaction() == before
