"""Document templates are code (appy evaluates them with `eval`): only the operator, a
Manager of the Zope root, adds or changes them; a commune's Site Administrator or its own
Managers never do, by any way (the HTTP side is in tests/http/test_template_guard_http.py)."""

from AccessControl.users import system
from communesplone.core import documents
from communesplone.core import template_guard
from plone import api
from plone.app.testing import login
from plone.app.testing import setRoles
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import TEST_USER_ID
from plone.namedfile.file import NamedBlobFile
from zExceptions import Unauthorized
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent

import pytest


ODT = documents.CORE_TEMPLATES[0][2]


def odt_file():
    return NamedBlobFile(
        data=ODT.read_bytes(), contentType=documents.TEMPLATE_TYPES[".odt"], filename=ODT.name
    )


def add_template(portal_type="ConfigurablePODTemplate", template_id="injecte"):
    return api.content.create(
        container=documents.templates_folder(),
        type=portal_type,
        id=template_id,
        title="Modèle injecté",
        odt_file=odt_file(),
    )


@pytest.fixture
def operator(portal):
    """The Zope root's Manager, as the hosting operator logs in."""
    login(portal.aq_parent, SITE_OWNER_NAME)
    return portal


def as_commune(portal, *roles):
    """The test user is a user of the commune's own user folder."""
    setRoles(portal, TEST_USER_ID, list(roles))


def test_the_template_types_are_those_of_the_engine(portal):
    types = api.portal.get_tool("portal_types")
    engine_types = {
        fti.getId()
        for fti in types.listTypeInfo()
        if getattr(fti, "klass", "").startswith("collective.documentgenerator.")
    }
    assert engine_types == set(template_guard.TEMPLATE_TYPES)
    for portal_type in template_guard.TEMPLATE_TYPES:
        assert types[portal_type].add_permission == "communesplone.ManageTemplates"


@pytest.mark.parametrize("portal_type", template_guard.TEMPLATE_TYPES)
def test_a_site_administrator_adds_no_template(portal, portal_type):
    as_commune(portal, "Site Administrator")
    with pytest.raises(Unauthorized):
        add_template(portal_type)
    assert "injecte" not in documents.templates_folder().objectIds()


@pytest.mark.parametrize("portal_type", template_guard.TEMPLATE_TYPES)
def test_a_manager_of_the_commune_adds_no_template(portal, portal_type):
    """The role is Manager, but the user folder is the commune's: refused by the guard."""
    as_commune(portal, "Manager")
    assert api.user.has_permission("communesplone: Manage document templates", obj=portal)
    with pytest.raises(Unauthorized, match="Seul l'opérateur"):
        add_template(portal_type)


def test_a_manager_of_the_commune_edits_no_template(portal):
    as_commune(portal, "Manager")
    template = documents.templates_folder()["fiche-commune"]
    template.odt_file = odt_file()
    with pytest.raises(Unauthorized, match="Seul l'opérateur"):
        notify(ObjectModifiedEvent(template))


def test_nor_copies_one_in_place(portal):
    as_commune(portal, "Manager")
    folder = documents.templates_folder()
    with pytest.raises(Unauthorized):
        api.content.copy(source=folder["fiche-commune"], target=folder, id="copie")


def test_roles_adopted_by_code_do_not_make_an_operator(portal):
    as_commune(portal, "Member")
    with api.env.adopt_roles(["Manager"]), pytest.raises(Unauthorized, match="Seul l'opérateur"):
        add_template()


@pytest.mark.parametrize("portal_type", template_guard.TEMPLATE_TYPES)
def test_the_operator_adds_and_edits_templates(operator, portal_type):
    template = add_template(portal_type)
    template.title = "Modèle de l'opérateur"
    notify(ObjectModifiedEvent(template))
    assert documents.templates_folder()["injecte"].Title() == "Modèle de l'opérateur"


def test_who_is_the_operator(portal):
    app = portal.aq_parent
    operator = app.acl_users.getUser(SITE_OWNER_NAME).__of__(app.acl_users)
    assert template_guard.is_operator(portal, operator)
    assert template_guard.is_operator(portal, system)
    as_commune(portal, "Manager")
    assert not template_guard.is_operator(portal)
    app.acl_users.userFolderAddUser("visiteur-racine", "secret", ["Member"], [])
    visitor = app.acl_users.getUser("visiteur-racine").__of__(app.acl_users)
    assert not template_guard.is_operator(portal, visitor)


def test_the_suite_installs_its_own_templates_whoever_upgrades(portal):
    """The shipped files are code of the suite, not a user's input."""
    as_commune(portal, "Manager")
    folder = documents.templates_folder()
    api.content.delete(folder["fiche-commune"])
    (added,) = documents.install_templates()
    assert added.getId() == "fiche-commune"


def test_the_office_settings_are_the_operators(portal):
    """`uno_path` names the program the engine starts: a commune does not choose it."""
    record = documents.SETTINGS + "uno_path"
    before = api.portal.get_registry_record(record)
    as_commune(portal, "Manager")
    with pytest.raises(Unauthorized):
        api.portal.set_registry_record(record, "/bin/sh")
    # The instance's own values, from its environment, are set by whoever upgrades.
    documents.configure_office()
    assert api.portal.get_registry_record(record) == before
    login(portal.aq_parent, SITE_OWNER_NAME)
    api.portal.set_registry_record(record, "/usr/bin/python3")
    assert api.portal.get_registry_record(record) == "/usr/bin/python3"
