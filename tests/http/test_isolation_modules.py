"""Two communes in one Zope, module by module: nothing of Valmont reaches Autreville, and
nothing of Autreville reaches Valmont.

For each module (meetings, mail, urban, PST, directory) both communes get objects whose
titles carry their name (« Valmontium … », « Autrevillium … »); then, over HTTP as the
users and the public of each commune, and through the daily tasks:

(a) a user of one commune is nobody in the other (REST, login form, acquired paths);
(b) a search in one commune (`@search`, `@@search`) never returns the other's objects;
(c) a UID of the other commune gives nothing (`resolveuid`, `@search?UID=`, the public
    minutes, the public PST and its open data);
(d) a document generated in one commune never holds the other's data;
(e) the daily tasks of one commune never touch the other's objects, and its
    notifications only reach its own users, even a user with the same id in both.

The data is built once for the file (one storage stacked over the two-commune layer for
the whole module) and committed; the tests then only read, except the daily and
notification tests, which only add to what they check.
"""

from communesplone.core.tenants.sites import on_site
from communesplone.testing import TENANTS_FUNCTIONAL_TESTING
from datetime import date
from datetime import datetime
from datetime import timedelta
from httphelpers import browser_login
from httphelpers import rest
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.dexterity.utils import createContentInContainer
from plone.namedfile.file import NamedBlobFile
from zope.component.hooks import setSite
from zope.interface import implementer
from zope.sendmail.interfaces import IMailer

import io
import pytest
import requests
import transaction
import zipfile


A, B = "valmont", "autreville"
MARK = {A: "Valmontium", B: "Autrevillium"}
DOMAIN = {A: "valmont.example", B: "autreville.example"}
OPERATOR = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
DEMO = "demodemo"
# Autreville's users: (id, password, site roles, groups). `secretariat` is also the id of
# Valmont's clerk: same id, another person, another password, another address.
AUTREVILLE_USERS = (
    ("admin.autreville", "autreville-admin", ("Site Administrator",), ()),
    ("greffier.autreville", "autreville-greffe", (), ("meeting_managers",)),
    ("agent.autreville", "autreville-agent", (), ("secretariat_agents",)),
    ("secretariat", "autreville-secretariat", (), ("secretariat_managers",)),
    ("courrier.autreville", "autreville-courrier", (), ("mail_registrars",)),
    ("urba.autreville", "autreville-urba", (), ("urban_managers",)),
    ("dg.autreville", "autreville-dg", (), ("direction", "pst_managers")),
)
PASSWORDS = {userid: password for userid, password, _roles, _groups in AUTREVILLE_USERS}
# Who works in each module, in each commune, and the module's folder.
MODULE_USERS = {
    "meetings": ({A: "secretariat", B: "greffier.autreville"}, "college"),
    "mail": ({A: "courrier", B: "courrier.autreville"}, "courrier"),
    "urban": ({A: "agent.urbanisme", B: "urba.autreville"}, "urbanisme"),
    "pst": ({A: "dg", B: "dg.autreville"}, "pst"),
    "directory": ({A: "admin", B: "admin.autreville"}, "annuaire"),
}
MODULES = tuple(MODULE_USERS)
STALE_DAYS = 120
BUILDER = "constructeur"  # a Manager of each site's own user folder, who builds the data
CATEGORY = "Administration générale"
TEMPLATES = ("ordre-du-jour", "fiche-commune")


def auth(site_id: str, userid: str):
    return (userid, DEMO if site_id == A else PASSWORDS[userid])


def other(site_id: str) -> str:
    return B if site_id == A else A


class Communes:
    """The two sites, their address, and what each module built in them."""

    def __init__(self, layer):
        self.layer = layer
        self.app = layer["app"]
        self.base = f"http://{layer['host']}:{layer['port']}"
        self.built = {}

    def site(self, site_id):
        return self.app[site_id]

    def url(self, site_id, path=""):
        return f"{self.base}/{site_id}/{path}".rstrip("/")

    def build(self, module, builder):
        """Build a module's objects in both sites once, as each site's Manager, and commit.

        Not as the operator: Valmont's demo has its own `admin`, and code that looks the
        current user up by id (`api.user.get_roles`) would find that one."""
        if module not in self.built:
            self.built[module] = {}
            for site_id in (A, B):
                with on_site(self.site(site_id)) as site:
                    login(site, BUILDER)
                    try:
                        self.built[module][site_id] = builder(site_id, MARK[site_id])
                    finally:
                        logout()
            transaction.commit()
        return self.built[module]

    def sync(self):
        """See what the server committed."""
        self.app._p_jar.sync()


def _add_user(site, userid, password, roles, groups, domain):
    site.acl_users._doAddUser(userid, password, ("Member",) + tuple(roles), [])
    api.user.get(userid=userid).setMemberProperties(
        {"fullname": userid.capitalize(), "email": f"{userid}@{domain}"}
    )
    for group in groups:
        assert api.group.get(groupname=group) is not None, group
        api.group.add_user(groupname=group, username=userid)


@implementer(IMailer)
class NoMailer:
    """Building the data sends notifications too; the tests that check them record them
    (`mailbox`), the others let them go nowhere."""

    def vote(self, fromaddr, toaddrs, message):
        """Nothing to check."""

    def abort(self):
        """Nothing was sent."""

    def send(self, fromaddr, toaddrs, message):
        """Dropped."""


@pytest.fixture(scope="module")
def communes(tenants_session):
    """The two-commune layer with one storage stacked for this whole file."""
    from Products.MailHost.MailHost import MailBase

    layer = TENANTS_FUNCTIONAL_TESTING
    layer.testSetUp()
    patch = pytest.MonkeyPatch()
    patch.setattr(MailBase, "_makeMailer", lambda self: NoMailer())
    try:
        world = Communes(layer)
        login(world.app, SITE_OWNER_NAME)
        for site_id in (A, B):
            with on_site(world.site(site_id)):
                api.portal.set_registry_record(
                    "plone.email_from_address", f"commune@{DOMAIN[site_id]}"
                )
                api.portal.set_registry_record("plone.email_from_name", site_id.capitalize())
                _add_user(world.site(site_id), BUILDER, BUILDER, ("Manager",), (), DOMAIN[site_id])
                if site_id == B:
                    for userid, password, roles, groups in AUTREVILLE_USERS:
                        _add_user(world.site(B), userid, password, roles, groups, DOMAIN[B])
        transaction.commit()
        logout()
        setSite(None)
        yield world
    finally:
        patch.undo()
        layer.testTearDown()


# Each module's objects, built in each site. -------------------------------------------


def _meetings(site_id, mark):
    from communesplone.meetings import closing
    from communesplone.meetings.tenant import create_assemblies

    portal = api.portal.get()
    if "college" not in portal.objectIds():
        create_assemblies(
            {
                "assemblies": [
                    {"code": "college", "title": "Collège communal", "kind": "college"},
                    {"code": "conseil", "title": "Conseil communal", "kind": "council"},
                ]
            }
        )
    service = "travaux" if site_id == A else "secretariat"
    college, council = portal["college"], portal["conseil"]
    workflow = api.portal.get_tool("portal_workflow")
    start = datetime.now().replace(hour=9, minute=0, second=0, microsecond=0)
    meeting = createContentInContainer(
        college, "Meeting", start=start + timedelta(days=40), place=f"Salle {mark}"
    )

    def item(title, *transitions):
        obj = createContentInContainer(
            college,
            "MeetingItem",
            title=title,
            proposing_service=service,
            category=CATEGORY,
            privacy="public",
            preferred_meeting=meeting.UID(),
        )
        for transition in transitions:
            workflow.doActionFor(obj, transition)
        return obj

    presented = item(f"{mark} : réfection du pont", "propose", "validate", "present")
    validated = item(f"{mark} : point à présenter", "propose", "validate")
    # Written by the commune's `secretariat` (an id both communes have): told when it is
    # presented.
    validated.setCreators(("secretariat",))
    validated.reindexObject(idxs=["Creator"])
    # A council meeting closed with one public decision (and its public minutes).
    decided = createContentInContainer(
        council, "Meeting", checkConstraints=False, start=start - timedelta(days=20)
    )
    decision = createContentInContainer(
        council,
        "MeetingItem",
        title=f"{mark} : budget participatif",
        proposing_service=service,
        category=CATEGORY,
        privacy="public",
        preferred_meeting=decided.UID(),
    )
    for obj, transition in (
        (decision, "propose"),
        (decision, "validate"),
        (decision, "present"),
        (decided, "freeze"),
        (decided, "start_session"),
        (decision, "accept"),
        (decided, "decide"),
    ):
        workflow.doActionFor(obj, transition)
    closing.close_unarchived(decided, "données de test")
    decided.minutes_public_file = NamedBlobFile(
        data=b"%PDF-1.4 " + mark.encode(), contentType="application/pdf", filename="pv.pdf"
    )
    return {
        "meeting": meeting,
        "presented": presented,
        "validated": validated,
        "closed": decided,
        "main": presented,
        "titles": [presented.Title(), validated.Title(), decision.Title()],
        "uids": [meeting.UID(), presented.UID(), validated.UID(), decided.UID()],
        "types": ["Meeting", "MeetingItem"],
    }


def _mail(site_id, mark):
    portal = api.portal.get()
    service, agent = ("travaux", "agent.travaux") if site_id == A else ("secretariat", None)
    mail = createContentInContainer(
        portal["courrier"],
        "IncomingMail",
        title=f"{mark} : plainte pour tapage",
        treating_service=service,
        assigned_agent=agent or "agent.autreville",
        due_date=date.today() - timedelta(days=5),
    )
    api.content.transition(mail, transition="assign")
    return {
        "mail": mail,
        "main": mail,
        "titles": [mail.Title()],
        "uids": [mail.UID()],
        "types": ["IncomingMail"],
    }


def _urban(site_id, mark):
    portal = api.portal.get()
    today = date.today()
    permit = createContentInContainer(
        portal["urbanisme"],
        "Permit",
        title=f"{mark} : lotissement des Soupirs",
        procedure="pu",
        work_locations=[f"Rue {mark}, 1"],
    )

    def event(event_type, day, **fields):
        createContentInContainer(permit, "PermitEvent", event_type=event_type, date=day, **fields)

    event("deposit", today - timedelta(days=30))
    event("acknowledgement", today - timedelta(days=15), publicity="inquiry")
    event("inquiry", today - timedelta(days=2), start=today - timedelta(days=2), place=mark)
    return {
        "permit": permit,
        "main": permit,
        "titles": [permit.Title()],
        "uids": [permit.UID()],
        "types": ["Permit"],
    }


def _pst(site_id, mark):
    from DateTime import DateTime

    portal = api.portal.get()
    agent, service = ("dg", "travaux") if site_id == A else ("dg.autreville", "secretariat")
    plan = createContentInContainer(
        portal["pst"],
        "StrategicPlan",
        title=f"{mark} : PST 2024-2030",
        legislature_start=2024,
        legislature_end=2030,
        entity="commune",
    )
    objective = createContentInContainer(
        plan, "StrategicObjective", title=f"{mark} : une commune propre"
    )
    operational = createContentInContainer(
        objective, "OperationalObjective", title=f"{mark} : moins de dépôts"
    )
    action = createContentInContainer(
        operational,
        "Action",
        title=f"{mark} : installer des caméras",
        agent=agent,
        managing_services=[service],
    )
    api.content.transition(obj=plan, transition="adopt")
    api.content.transition(obj=plan, transition="publish")
    # Nobody has updated the action for months: the daily pass reminds its agent.
    action.setModificationDate(DateTime() - STALE_DAYS)
    action.reindexObject(idxs=["modified"])
    return {
        "plan": plan,
        "action": action,
        "main": action,
        "titles": [node.Title() for node in (plan, objective, operational, action)],
        "uids": [plan.UID(), objective.UID(), operational.UID(), action.UID()],
        "types": ["StrategicPlan", "StrategicObjective", "OperationalObjective", "Action"],
    }


def _directory(site_id, mark):
    from communesplone.core import structure

    person = createContentInContainer(
        structure.directory(), "Person", firstname="Jeanne", lastname=mark
    )
    return {
        "person": person,
        "main": person,
        "titles": [person.Title()],
        "uids": [person.UID()],
        "types": ["Person"],
    }


BUILDERS = {
    "meetings": _meetings,
    "mail": _mail,
    "urban": _urban,
    "pst": _pst,
    "directory": _directory,
}


def built(communes, module):
    return communes.build(module, BUILDERS[module])


@pytest.fixture(scope="module")
def everything(communes):
    for module in MODULES:
        built(communes, module)
    return communes


# Helpers ------------------------------------------------------------------------------


def titles(response) -> list[str]:
    return [item["title"] for item in response.json()["items"]]


def get(url, who=None, **kwargs):
    return requests.get(url, auth=who, timeout=60, allow_redirects=False, **kwargs)


def odt_text(data: bytes) -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read("content.xml").decode("utf-8")


def path_in_site(obj) -> str:
    return "/".join(obj.getPhysicalPath()[2:])


# (a) A user of one commune is nobody in the other. ------------------------------------


@pytest.mark.parametrize("module", MODULES)
@pytest.mark.parametrize("home", [A, B])
def test_a_user_is_nobody_in_the_other_commune(everything, module, home):
    users, folder = MODULE_USERS[module]
    who = auth(home, users[home])
    away = other(home)
    # At home, the module's folder opens…
    assert rest(everything.url(home), folder, auth=who).status_code == 200
    # …in the other commune the same credentials are nobody's: REST and the login form.
    assert rest(everything.url(away), folder, auth=who).status_code == 401
    session = browser_login(everything.url(away), *who)
    assert "__ac" not in session.cookies
    page = session.get(everything.url(away, "@@personal-information"), allow_redirects=False)
    assert page.status_code in (302, 401)


@pytest.mark.parametrize("module", MODULES)
def test_an_acquired_path_does_not_open_the_other_communes_objects(everything, module):
    """`/valmont/autreville/…` reaches Autreville's object by acquisition, with Valmont's
    user folder on the way: a Valmont user read what Autreville gives to `Authenticated`
    (its directory…) before the fix (core/tenants/isolation.py)."""
    data = built(everything, module)
    users, _folder = MODULE_USERS[module]
    for home in (A, B):
        away = other(home)
        who = auth(home, users[home])
        target = data[away]["main"]
        for path, params in (
            (path_in_site(target), {}),
            (f"{path_in_site(target)}/@@view", {}),
            # A wrong address below it: Plone's « not found » page suggests look-alikes.
            (f"{path_in_site(target)}/@@nulle-part", {}),
            ("", {}),
            ("@search", {"SearchableText": MARK[away]}),
            ("@@search", {"SearchableText": MARK[away]}),
        ):
            for accept in ("application/json", "text/html"):
                response = get(
                    everything.url(home, f"{away}/{path}"),
                    who,
                    params=params,
                    headers={"Accept": accept},
                )
                # Not found; or, for what a role protects, nobody here (REST).
                assert response.status_code in (401, 404), (path, accept, response.status_code)
                assert not any(title in response.text for title in data[away]["titles"])


# (b) A search never returns the other commune's objects. ------------------------------


@pytest.mark.parametrize("module", MODULES)
def test_search_never_returns_the_other_communes_objects(everything, module):
    data = built(everything, module)
    for home in (A, B):
        away = other(home)
        query = {"SearchableText": MARK[away], "portal_type": data[away]["types"]}
        # The operator sees everything of a commune: still nothing of the other one.
        found = rest(everything.url(home), "@search", auth=OPERATOR, params=query)
        assert found.status_code == 200
        assert found.json()["items_total"] == 0, titles(found)
        html = get(everything.url(home, "@@search"), OPERATOR, params=query).text
        assert not any(title in html for title in data[away]["titles"])
        # In its own commune the same searches find them (the searches work).
        own = rest(everything.url(away), "@search", auth=OPERATOR, params=query)
        assert sorted(titles(own)) == sorted(data[away]["titles"])
        own_html = get(everything.url(away, "@@search"), OPERATOR, params=query).text
        assert all(title in own_html for title in data[away]["titles"])


# (c) A UID of the other commune gives nothing. ----------------------------------------


@pytest.mark.parametrize("module", MODULES)
def test_a_uid_of_the_other_commune_resolves_to_nothing(everything, module):
    data = built(everything, module)
    for home in (A, B):
        away = other(home)
        for uid in data[away]["uids"]:
            assert get(everything.url(home, f"resolveuid/{uid}"), OPERATOR).status_code == 404
            found = rest(everything.url(home), "@search", auth=OPERATOR, params={"UID": uid})
            assert found.json()["items_total"] == 0
            # In its own commune the UID leads to the object.
            assert get(everything.url(away, f"resolveuid/{uid}"), OPERATOR).status_code == 301


def test_one_request_over_both_communes_resolves_uids_in_each_own(everything):
    """plone.app.uuid keeps the catalog on the request: a command or a root service that
    goes through every site in one request (`sites daily --all`, `@commune-sites-daily`)
    resolved Autreville's UIDs in Valmont's catalog, hence got Valmont's objects (seen
    before the fix in `on_site`)."""
    from plone.app.uuid.utils import uuidToObject

    data = built(everything, "meetings")
    theirs, own = data[A]["presented"], data[B]["presented"]
    login(everything.app, SITE_OWNER_NAME)
    try:
        with on_site(everything.site(A)):
            assert uuidToObject(theirs.UID(), unrestricted=True) is not None
        with on_site(everything.site(B)):
            assert uuidToObject(theirs.UID(), unrestricted=True) is None
            assert uuidToObject(own.UID(), unrestricted=True).Title() == own.Title()
            # An item's meeting is found by its UID: the workflow's guards depend on it.
            assert own.meeting().UID() == data[B]["meeting"].UID()
    finally:
        logout()


def test_public_minutes_of_the_other_commune_are_not_found(everything):
    data = built(everything, "meetings")
    for home in (A, B):
        away = other(home)
        theirs = data[away]["closed"].UID()
        response = get(everything.url(home, "@@proces-verbal-public"), params={"seance": theirs})
        assert response.status_code == 404
        assert MARK[away].encode() not in response.content
        own = get(everything.url(away, "@@proces-verbal-public"), params={"seance": theirs})
        assert own.status_code == 200
        assert own.content == b"%PDF-1.4 " + MARK[away].encode()


def test_open_data_of_one_commune_never_holds_the_others(everything):
    data = built(everything, "meetings")
    for home in (A, B):
        away = other(home)
        for path in (
            "@oparl/meetings",
            "@oparl/agendaitems",
            "@oparl/papers",
            "@oparl/persons",
            "@@decisions-publiques.rss",
            "@@seances-publiques.ics",
        ):
            response = get(everything.url(home, path))
            assert response.status_code == 200, path
            assert MARK[away] not in response.text, path
        meetings = get(everything.url(home, "@oparl/meetings")).json()["data"]
        uids = {entry["id"].rsplit("/", 1)[1] for entry in meetings}
        assert data[home]["closed"].UID() in uids
        for uid in uids:  # none of them answers in the other commune
            assert get(everything.url(away, f"@oparl/meeting/{uid}")).status_code == 404
        assert MARK[home] in get(everything.url(home, "@@decisions-publiques.rss")).text


@pytest.mark.parametrize("view", ["@@pst-public", "@@pst-public.csv", "@@pst-public.json"])
def test_the_public_pst_of_the_other_commune_is_not_found(everything, view):
    data = built(everything, "pst")
    for home in (A, B):
        away = other(home)
        theirs = {"plan": data[away]["plan"].UID()}
        response = get(everything.url(home, view), params=theirs)
        assert response.status_code == 404
        assert MARK[away] not in response.text
        own = get(everything.url(away, view), params=theirs)
        assert own.status_code == 200
        assert MARK[away] in own.text


# Each module's pages show only the commune's own objects. -----------------------------


def test_meetings_pages_and_feeds(everything):
    data = built(everything, "meetings")
    from communesplone.meetings.worklists import LISTS

    for home in (A, B):
        away = other(home)
        clerk = auth(home, MODULE_USERS["meetings"][0][home])
        meeting = data[home]["meeting"]
        agenda = rest(everything.url(home), f"{path_in_site(meeting)}/@agenda", auth=clerk)
        assert titles(agenda) == [f"{MARK[home]} : réfection du pont"]
        pages = [
            get(everything.url(home, "@@mes-points"), clerk, params={"liste": key})
            for key, _title in LISTS
        ]
        assert all(page.status_code == 200 for page in pages)
        assert any(f"{MARK[home]} : point à présenter" in page.text for page in pages)
        assert not any(MARK[away] in page.text for page in pages)
        feed = get(everything.url(home, "college/meetings.ics"), clerk)
        assert feed.status_code == 200
        assert f"Salle {MARK[home]}" in feed.text and MARK[away] not in feed.text
        public = get(everything.url(home, "@@decisions-publiques"))
        assert f"{MARK[home]} : budget participatif" in public.text
        assert MARK[away] not in public.text


def test_mail_pages(everything):
    built(everything, "mail")
    for home in (A, B):
        away = other(home)
        registrar = auth(home, MODULE_USERS["mail"][0][home])
        late = get(everything.url(home, "@@courriers-en-retard"), registrar)
        assert late.status_code == 200
        assert f"{MARK[home]} : plainte pour tapage" in late.text
        assert MARK[away] not in late.text
        for key in ("to_assign", "service", "late", "outgoing", "all"):
            page = get(
                everything.url(home, "courrier/@@courriers"), registrar, params={"list": key}
            )
            assert page.status_code == 200
            assert MARK[away] not in page.text


def test_urban_pages(everything):
    built(everything, "urban")
    for home in (A, B):
        away = other(home)
        register = get(everything.url(home, "@@registre-urbanisme"))
        assert f"{MARK[home]} : lotissement des Soupirs" in register.text
        assert MARK[away] not in register.text
        manager = auth(home, MODULE_USERS["urban"][0][home])
        dashboard = get(everything.url(home, "urbanisme/@@dossiers"), manager)
        assert dashboard.status_code == 200
        assert MARK[home] in dashboard.text and MARK[away] not in dashboard.text


def test_pst_pages(everything):
    built(everything, "pst")
    for home in (A, B):
        away = other(home)
        public = get(everything.url(home, "@@pst-public"))
        assert f"{MARK[home]} : PST 2024-2030" in public.text
        assert MARK[away] not in public.text
        manager = auth(home, MODULE_USERS["pst"][0][home])
        plans = get(everything.url(home, "pst/@@plans"), manager)
        assert plans.status_code == 200
        assert MARK[home] in plans.text and MARK[away] not in plans.text


def test_directory_pages(everything):
    built(everything, "directory")
    for home in (A, B):
        away = other(home)
        admin = auth(home, MODULE_USERS["directory"][0][home])
        page = get(everything.url(home, "annuaire"), admin)
        assert page.status_code == 200
        assert f"Jeanne {MARK[home]}" in page.text and MARK[away] not in page.text


# (d) A document generated in one commune holds only its own data. ---------------------


@pytest.mark.office
def test_documents_hold_only_the_communes_own_data(everything, office_port):
    from communesplone.core.documents import SETTINGS

    data = built(everything, "meetings")
    login(everything.app, SITE_OWNER_NAME)
    for site_id in (A, B):
        with on_site(everything.site(site_id)):
            api.portal.set_registry_record(SETTINGS + "oo_port_list", str(office_port))
    transaction.commit()
    logout()
    templates = {}
    for site_id in (A, B):
        # In the site: a content's interfaces come from its type's schema, which the
        # site's own registry gives (a cached schema may be gone by now).
        with on_site(everything.site(site_id)):
            folder = everything.site(site_id)["modeles"]
            templates[site_id] = {name: folder[name].UID() for name in TEMPLATES}
    names = {A: ("Valmont", "93099"), B: ("Autreville", "93098")}
    for home in (A, B):
        away = other(home)
        clerk = auth(home, MODULE_USERS["meetings"][0][home])
        meeting_url = everything.url(home, path_in_site(data[home]["meeting"]))
        agenda = get(
            f"{meeting_url}/document-generation",
            clerk,
            params={"template_uid": templates[home]["ordre-du-jour"], "output_format": "odt"},
        )
        assert agenda.status_code == 200
        text = odt_text(agenda.content)
        assert f"{MARK[home]} : réfection du pont" in text
        assert MARK[away] not in text
        card = get(
            everything.url(home, "document-generation"),
            clerk,
            params={"template_uid": templates[home]["fiche-commune"], "output_format": "odt"},
        )
        text = odt_text(card.content)
        assert all(value in text for value in names[home])
        assert not any(value in text for value in names[away])
        # The other commune's template is unknown here (the engine's « template not
        # found » error): no document.
        theirs = get(
            f"{meeting_url}/document-generation",
            clerk,
            params={"template_uid": templates[away]["ordre-du-jour"], "output_format": "odt"},
        )
        assert theirs.status_code >= 400
        assert not theirs.content.startswith(b"PK")


# (e) Daily tasks and notifications stay in their commune. -----------------------------


def _sent_to(mailbox) -> list[str]:
    return [address for mail in mailbox for address in mail["to"]]


def test_the_daily_tasks_of_one_commune_never_touch_the_other(everything, mailbox):
    from AccessControl.SecurityManagement import newSecurityManager
    from AccessControl.SecurityManagement import noSecurityManager
    from AccessControl.users import system
    from communesplone.core.tenants.sites import run_daily

    mail = built(everything, "mail")
    pst = built(everything, "pst")
    everything.sync()
    valmont_objects = (mail[A]["mail"], pst[A]["action"])
    serials = [obj._p_serial for obj in valmont_objects]

    # Autreville's day, as the command line runs it (the system user, one site).
    newSecurityManager(None, system)
    try:
        report = run_daily(everything.site(B))
        transaction.commit()
    finally:
        noSecurityManager()
    assert report["id"] == B
    # Autreville's own stale action and late mail got their messages…
    sent = _sent_to(mailbox)
    assert f"dg.autreville@{DOMAIN[B]}" in sent
    assert f"secretariat@{DOMAIN[B]}" in sent
    # …and only Autreville's people did: not Valmont's `secretariat`, same id.
    assert sent and all(address.endswith(f"@{DOMAIN[B]}") for address in sent), sent
    assert not any(MARK[A] in mail["subject"] + mail["body"] for mail in mailbox)
    # Valmont's objects were not written, nor marked reminded.
    everything.sync()
    assert [obj._p_serial for obj in valmont_objects] == serials
    assert getattr(pst[A]["action"], "stale_reminded_on", None) is None
    assert getattr(mail[A]["mail"], "escalation_sent_for", None) is None

    # Valmont's day reminds Valmont's action to Valmont's agent, and nobody of Autreville.
    del mailbox[:]
    newSecurityManager(None, system)
    try:
        run_daily(everything.site(A))
        transaction.commit()
    finally:
        noSecurityManager()
    sent = _sent_to(mailbox)
    assert f"dg@{DOMAIN[A]}" in sent
    assert all(address.endswith(f"@{DOMAIN[A]}") for address in sent), sent
    assert not any(MARK[B] in mail["subject"] + mail["body"] for mail in mailbox)


def test_a_notification_reaches_only_the_communes_users(everything, mailbox):
    """Presenting an item tells its author: in Autreville, Autreville's `secretariat`,
    never Valmont's user of the same id."""
    data = built(everything, "meetings")
    item = data[B]["validated"]
    clerk = auth(B, MODULE_USERS["meetings"][0][B])
    response = requests.post(
        everything.url(B, f"{path_in_site(item)}/@workflow/present"),
        auth=clerk,
        headers={"Accept": "application/json"},
        json={},
        timeout=60,
    )
    assert response.status_code == 200, response.text
    sent = _sent_to(mailbox)
    assert f"secretariat@{DOMAIN[B]}" in sent
    assert f"secretariat@{DOMAIN[A]}" not in sent
    assert all(address.endswith(f"@{DOMAIN[B]}") for address in sent), sent
    assert all(MARK[B] in mail["subject"] + mail["body"] for mail in mailbox)
