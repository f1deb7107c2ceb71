"""Document templates over HTTP: a commune's Site Administrator and its own Managers can
neither add nor change a template (REST, add and edit forms, the engine's pages); the
operator, a Manager of the Zope root, can."""

from communesplone.core import documents
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from zope.component.hooks import setSite

import base64
import pytest
import re
import requests
import transaction


OPERATOR = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
SITE_ADMIN = ("admin", "demodemo")  # Valmont's own « admin », a Site Administrator
SITE_MANAGER = ("gestionnaire", "gestionnaire-secret")  # a Manager of Valmont's user folder
REFUSED = (302, 401, 403)
TEMPLATE = "modeles/fiche-commune"
UNO_PATH = documents.SETTINGS + "uno_path"


@pytest.fixture
def valmont(tenants):
    """Valmont's address, with a Manager in Valmont's own user folder."""
    app = tenants["app"]
    site = app["valmont"]
    login(app, SITE_OWNER_NAME)
    try:
        setSite(site)
        site.acl_users._doAddUser(SITE_MANAGER[0], SITE_MANAGER[1], ["Member", "Manager"], [])
        transaction.commit()
    finally:
        logout()
    return f"http://{tenants['host']}:{tenants['port']}/valmont"


def send(method, url, auth, **kwargs):
    return requests.request(
        method,
        url,
        auth=auth,
        headers={"Accept": "application/json"},
        timeout=60,
        allow_redirects=False,
        **kwargs,
    )


def new_template(template_id="injecte"):
    odt = documents.CORE_TEMPLATES[0][2]
    return {
        "@type": "ConfigurablePODTemplate",
        "id": template_id,
        "title": "Modèle injecté",
        # Fields the engine fills itself, yet required when REST validates all fields.
        "initial_md5": "-",
        "style_modification_md5": "-",
        "odt_file": {
            "data": base64.b64encode(odt.read_bytes()).decode("ascii"),
            "encoding": "base64",
            "filename": "injecte.odt",
            "content-type": documents.TEMPLATE_TYPES[".odt"],
        },
    }


def read(url, path=""):
    """What the server holds, read by the operator."""
    response = send("GET", f"{url}/{path}".rstrip("/"), OPERATOR)
    return response.json() if response.status_code == 200 else None


def template_ids(url):
    return [item["@id"].rsplit("/", 1)[-1] for item in read(url, "modeles")["items"]]


def page(url, auth):
    return requests.get(url, auth=auth, timeout=60, allow_redirects=False)


@pytest.mark.parametrize("who", [SITE_ADMIN, SITE_MANAGER], ids=["site-admin", "site-manager"])
def test_the_commune_adds_no_template_through_rest(valmont, who):
    response = send("POST", f"{valmont}/modeles", who, json=new_template())
    assert response.status_code in (401, 403)
    assert "injecte" not in template_ids(valmont)


@pytest.mark.parametrize("who", [SITE_ADMIN, SITE_MANAGER], ids=["site-admin", "site-manager"])
def test_the_commune_changes_no_template_through_rest(valmont, who):
    response = send("PATCH", f"{valmont}/{TEMPLATE}", who, json={"title": "Modèle piégé"})
    assert response.status_code == 401
    assert read(valmont, TEMPLATE)["title"] == "Fiche de la commune"


def test_the_operator_adds_and_changes_templates_through_rest(valmont):
    response = send("POST", f"{valmont}/modeles", OPERATOR, json=new_template())
    assert response.status_code == 201, response.text
    response = send("PATCH", f"{valmont}/{TEMPLATE}", OPERATOR, json={"title": "Fiche"})
    assert response.status_code == 204
    assert read(valmont, "modeles/injecte")["@type"] == "ConfigurablePODTemplate"
    assert read(valmont, TEMPLATE)["title"] == "Fiche"


@pytest.mark.parametrize("who", [SITE_ADMIN, SITE_MANAGER], ids=["site-admin", "site-manager"])
@pytest.mark.parametrize(
    "path",
    [
        "modeles/++add++ConfigurablePODTemplate",
        "modeles/++add++StyleTemplate",
        f"{TEMPLATE}/edit",
        "@@collective.documentgenerator-searchreplacepanel",
        "@@collective.documentgenerator-controlpanel",
    ],
)
def test_the_commune_gets_no_template_form(valmont, who, path):
    assert page(f"{valmont}/{path}", who).status_code in REFUSED


@pytest.mark.parametrize(
    "path, marker",
    [
        ("modeles/++add++ConfigurablePODTemplate", "form-widgets-odt_file"),
        (f"{TEMPLATE}/edit", "form-widgets-odt_file"),
        ("@@collective.documentgenerator-searchreplacepanel", "form-buttons-"),
        ("@@collective.documentgenerator-controlpanel", "uno_path"),
    ],
)
def test_the_operator_gets_the_forms(valmont, path, marker):
    response = page(f"{valmont}/{path}", OPERATOR)
    assert response.status_code == 200
    assert marker in response.text


def test_a_posted_edit_form_changes_nothing(valmont):
    """Even with a valid token (from any page of the site), the form refuses to run."""
    session = requests.Session()
    session.auth = SITE_MANAGER
    home = session.get(f"{valmont}/@@personal-information", timeout=60)
    token = re.search(r'name="_authenticator" value="([^"]+)"', home.text).group(1)
    response = session.post(
        f"{valmont}/{TEMPLATE}/edit",
        data={
            "_authenticator": token,
            "form.widgets.title": "Modèle piégé",
            "form.buttons.save": "Enregistrer",
        },
        timeout=60,
        allow_redirects=False,
    )
    assert response.status_code in REFUSED
    assert read(valmont, TEMPLATE)["title"] == "Fiche de la commune"


def test_the_commune_does_not_choose_the_program_the_engine_starts(valmont):
    before = read(valmont, f"@registry/{UNO_PATH}")
    response = send("PATCH", f"{valmont}/@registry", SITE_ADMIN, json={UNO_PATH: "/bin/sh"})
    assert response.status_code == 401
    assert read(valmont, f"@registry/{UNO_PATH}") == before
    response = send("PATCH", f"{valmont}/@registry", OPERATOR, json={UNO_PATH: "/bin/true"})
    assert response.status_code == 204
    assert read(valmont, f"@registry/{UNO_PATH}") == "/bin/true"
