"""Mail workflows: who sees, edits and moves incoming and outgoing mail, in every state."""

from plone import api
from plone.app.testing import TEST_USER_NAME
from Products.CMFCore.WorkflowCore import WorkflowException
from zExceptions import Unauthorized
from zope.lifecycleevent import modified

import pytest


READ_PERMISSIONS = (
    "View",
    "Access contents information",
)
EDIT_PERMISSIONS = (
    "Modify portal content",
    "Add portal content",  # annexes
)
USERS = (
    "registrar",
    "directeur",
    "agent",
    "chef",
    "observer",
    "other_agent",
    "other_chef",
    "member",
)
NOTHING = (False, False, [])


def transition(obj, name, comment=None):
    kwargs = {"comment": comment} if comment else {}
    api.portal.get_tool("portal_workflow").doActionFor(obj, name, **kwargs)


def available(obj):
    workflow = api.portal.get_tool("portal_workflow")
    return sorted(t["id"] for t in workflow.getTransitionsFor(obj))


def can(permission, obj):
    return bool(api.user.has_permission(permission, obj=obj))


def found(obj):
    return [b.UID for b in api.content.find(UID=obj.UID())] == [obj.UID()]


def state(obj):
    return api.content.get_state(obj)


def check(world, obj, expected):
    """`expected`: {user: (view, edit, transitions)}; every other user gets nothing."""
    for userid in USERS:
        view, edit, transitions = expected.get(userid, NOTHING)
        world.login(userid)
        for permission in READ_PERMISSIONS:
            assert can(permission, obj) is view, (userid, permission)
        # The catalog's security index agrees with the permission.
        assert found(obj) is view, (userid, "catalog")
        for permission in EDIT_PERMISSIONS:
            assert can(permission, obj) is edit, (userid, permission)
        assert not can("Delete objects", obj), (userid, "Delete objects")
        assert available(obj) == transitions, userid


# --- Incoming mail -------------------------------------------------------------------

INCOMING_STEPS = {
    # state: the (user, transition) steps from `registered`
    "registered": [],
    "assigned": [("registrar", "assign")],
    "in_treatment": [("registrar", "assign"), ("agent", "take")],
    "closed": [("registrar", "assign"), ("agent", "take"), ("agent", "close")],
    "cancelled": [("registrar", "cancel")],
}
READ = (True, False, [])
INCOMING_MATRIX = {
    # Treating service `travaux` (agent, chef, observer), copy service `finances`
    # (other_agent, other_chef); the DG review before assignment is off.
    "registered": {
        "registrar": (True, True, ["assign", "cancel"]),
        "directeur": (True, True, ["assign", "cancel"]),
        "agent": READ,
        "chef": READ,
        "observer": READ,
        "other_agent": READ,
        "other_chef": READ,
    },
    "assigned": {
        "registrar": (True, False, ["cancel"]),
        "directeur": (True, True, ["cancel", "close"]),
        "agent": (True, True, ["close", "refuse", "take"]),
        "chef": (True, True, ["close", "refuse", "take"]),
        "observer": READ,
        "other_agent": READ,
        "other_chef": READ,
    },
    "in_treatment": {
        "registrar": READ,
        "directeur": (True, True, ["close"]),
        "agent": (True, True, ["close"]),
        "chef": (True, True, ["close"]),
        "observer": READ,
        "other_agent": READ,
        "other_chef": READ,
    },
    "closed": {
        "registrar": READ,
        "directeur": (True, False, ["reopen"]),
        "agent": READ,
        "chef": (True, False, ["reopen"]),
        "observer": READ,
        "other_agent": READ,
        "other_chef": READ,
    },
    "cancelled": dict.fromkeys(
        ("registrar", "directeur", "agent", "chef", "observer", "other_agent", "other_chef"), READ
    ),
}


def incoming_in(world, wanted, **fields):
    world.login("registrar")
    fields = {"treating_service": "travaux", "copy_services": ["finances"], **fields}
    mail = world.incoming(**fields)
    for userid, name in INCOMING_STEPS[wanted]:
        world.login(userid)
        transition(mail, name)
    assert state(mail) == wanted
    return mail


@pytest.mark.parametrize("wanted", list(INCOMING_MATRIX))
def test_incoming_permission_matrix(mail, wanted):
    check(mail, incoming_in(mail, wanted), INCOMING_MATRIX[wanted])


def test_a_manager_does_everything_but_deletes_only_as_manager(mail):
    letter = incoming_in(mail, "registered")
    mail.login(TEST_USER_NAME)
    assert can("Delete objects", letter)
    assert available(letter) == ["assign", "cancel"]
    for userid in ("registrar", "directeur", "chef"):
        mail.login(userid)
        with pytest.raises(Unauthorized):
            mail.folder.manage_delObjects([letter.getId()])
    assert letter.getId() in mail.folder.objectIds()


def test_mail_needing_no_action_is_closed_from_assigned(mail):
    letter = incoming_in(mail, "assigned")
    mail.login("chef")
    transition(letter, "close")
    assert state(letter) == "closed"
    mail.login("directeur")
    transition(letter, "reopen")
    assert state(letter) == "in_treatment"


def test_take_makes_the_taker_the_agent_unless_one_is_chosen(mail):
    letter = incoming_in(mail, "assigned")
    mail.login("agent")
    transition(letter, "take")
    assert letter.assigned_agent == "agent"
    assert [b.mail_agent for b in api.content.find(UID=letter.UID())] == ["agent"]
    chosen = incoming_in(mail, "assigned", assigned_agent="agent")
    mail.login("chef")
    transition(chosen, "take")
    assert chosen.assigned_agent == "agent"


def test_assign_needs_a_service(mail):
    mail.login("registrar")
    letter = mail.incoming()
    with pytest.raises(WorkflowException, match="Choisissez d'abord le service traitant"):
        transition(letter, "assign")
    assert state(letter) == "registered"
    assert letter.treating_service is None
    letter.treating_service = "travaux"
    transition(letter, "assign")
    assert state(letter) == "assigned"


def test_refuse_needs_a_reason_and_goes_back_to_dispatch(mail):
    letter = incoming_in(mail, "assigned", assigned_agent="agent")
    mail.login("agent")
    with pytest.raises(WorkflowException, match="Indiquez pourquoi"):
        transition(letter, "refuse")
    with pytest.raises(WorkflowException, match="Indiquez pourquoi"):
        transition(letter, "refuse", comment="   ")
    assert state(letter) == "assigned"
    assert (letter.treating_service, letter.assigned_agent) == ("travaux", "agent")

    transition(letter, "refuse", comment="Ce courrier concerne l'urbanisme.")
    assert state(letter) == "registered"
    assert (letter.treating_service, letter.assigned_agent) == (None, None)
    # The service gave it up: it no longer sees it; the mail office dispatches it again.
    assert not can("View", letter) and not found(letter)
    mail.login("registrar")
    history = api.portal.get_tool("portal_workflow").getInfoFor(letter, "review_history")
    assert history[-1]["comments"] == "Ce courrier concerne l'urbanisme."
    assert available(letter) == ["assign", "cancel"]
    assert [b.mail_service for b in api.content.find(UID=letter.UID())] == [None]


def test_copy_services_read_but_never_modify(mail):
    for wanted in INCOMING_MATRIX:
        letter = incoming_in(mail, wanted)
        for userid in ("other_agent", "other_chef"):
            mail.login(userid)
            assert can("View", letter) and found(letter), (wanted, userid)
            assert not can("Modify portal content", letter), (wanted, userid)
            assert not can("Add portal content", letter), (wanted, userid)
            assert available(letter) == [], (wanted, userid)


def test_the_dg_review_switch(mail):
    letter = incoming_in(mail, "registered")
    api.portal.set_registry_record("communesplone.mail.dg_review", True)
    mail.login("registrar")
    assert available(letter) == ["cancel"]
    with pytest.raises(WorkflowException):
        transition(letter, "assign")
    assert state(letter) == "registered"
    mail.login("directeur")
    assert available(letter) == ["assign", "cancel"]
    api.portal.set_registry_record("communesplone.mail.dg_review", False)
    mail.login("registrar")
    assert available(letter) == ["assign", "cancel"]
    transition(letter, "assign")
    assert state(letter) == "assigned"


def test_the_switches_are_off_and_on_by_default(mail):
    assert api.portal.get_registry_record("communesplone.mail.dg_review") is False
    assert api.portal.get_registry_record("communesplone.mail.outgoing_validation") is True


# --- Confidential mail ---------------------------------------------------------------


def visible_to(world, obj):
    seen = set()
    for userid in USERS:
        world.login(userid)
        if can("View", obj):
            seen.add(userid)
        # Never one without the other.
        assert found(obj) is can("View", obj), userid
    return seen


def test_confidential_incoming_mail(mail):
    letter = incoming_in(mail, "registered", confidential=True)
    treating = {"agent", "chef", "observer", "directeur"}
    # The mail office registered it and dispatches it; the copy service sees nothing.
    assert visible_to(mail, letter) == treating | {"registrar"}
    mail.login("registrar")
    transition(letter, "assign")
    # Dispatched: the treating service and the DG only.
    assert visible_to(mail, letter) == treating
    mail.login("registrar")
    assert available(letter) == []
    assert not api.content.find(portal_type="IncomingMail")
    mail.login("other_agent")
    assert not api.content.find(portal_type="IncomingMail")
    mail.login("agent")
    transition(letter, "take")
    assert visible_to(mail, letter) == treating
    mail.login("directeur")
    transition(letter, "close")
    assert visible_to(mail, letter) == treating


def test_a_refused_confidential_mail_comes_back_to_the_mail_office(mail):
    letter = incoming_in(mail, "assigned", confidential=True)
    mail.login("chef")
    transition(letter, "refuse", comment="Pas pour nous.")
    assert visible_to(mail, letter) == {"registrar", "directeur"}


def test_a_mail_made_confidential_later_hides_from_copy_services(mail):
    letter = incoming_in(mail, "assigned")
    assert {"other_agent", "registrar"} <= visible_to(mail, letter)
    mail.login("agent")
    letter.confidential = True
    modified(letter)
    assert visible_to(mail, letter) == {"agent", "chef", "observer", "directeur"}


def test_confidential_outgoing_mail(mail):
    reply = outgoing_in(mail, "signed", confidential=True)
    assert visible_to(mail, reply) == {"agent", "chef", "observer", "directeur"}
    mail.login("agent")
    transition(reply, "send")
    assert state(reply) == "sent"


# --- Outgoing mail -------------------------------------------------------------------

OUTGOING_STEPS = {
    "draft": [],
    "to_validate": [("agent", "submit")],
    "to_sign": [("agent", "submit"), ("chef", "validate")],
    "signed": [("agent", "submit"), ("chef", "validate"), ("directeur", "sign")],
    "sent": [
        ("agent", "submit"),
        ("chef", "validate"),
        ("directeur", "sign"),
        ("registrar", "send"),
    ],
}
OUTGOING_MATRIX = {
    # Sender service `travaux`; validation by the service's manager is on.
    "draft": {
        "registrar": READ,
        "directeur": READ,
        "agent": (True, True, ["submit"]),
        "chef": (True, True, ["submit"]),
        "observer": READ,
    },
    "to_validate": {
        "registrar": READ,
        "directeur": (True, True, ["send_back", "validate"]),
        "agent": (True, True, []),
        "chef": (True, True, ["send_back", "validate"]),
        "observer": READ,
    },
    "to_sign": {
        "registrar": READ,
        "directeur": (True, True, ["send_back", "sign"]),
        "agent": READ,
        "chef": (True, False, ["send_back"]),
        "observer": READ,
    },
    "signed": {
        "registrar": (True, False, ["send"]),
        "directeur": (True, True, []),
        "agent": (True, False, ["send"]),
        "chef": (True, False, ["send"]),
        "observer": READ,
    },
    "sent": {
        "registrar": READ,
        "directeur": READ,
        "agent": READ,
        "chef": READ,
        "observer": READ,
    },
}


def outgoing_in(world, wanted, **fields):
    world.login("agent")
    reply = world.outgoing(**{"sender_service": "travaux", **fields})
    for userid, name in OUTGOING_STEPS[wanted]:
        world.login(userid)
        transition(reply, name)
    assert state(reply) == wanted
    return reply


@pytest.mark.parametrize("wanted", list(OUTGOING_MATRIX))
def test_outgoing_permission_matrix(mail, wanted):
    check(mail, outgoing_in(mail, wanted), OUTGOING_MATRIX[wanted])


def test_send_back_needs_a_comment(mail):
    reply = outgoing_in(mail, "to_sign")
    mail.login("directeur")
    with pytest.raises(WorkflowException, match="Indiquez pourquoi"):
        transition(reply, "send_back")
    assert state(reply) == "to_sign"
    transition(reply, "send_back", comment="Corriger l'adresse du destinataire.")
    assert state(reply) == "draft"


def test_the_outgoing_validation_switch(mail):
    api.portal.set_registry_record("communesplone.mail.outgoing_validation", False)
    reply = outgoing_in(mail, "draft")
    mail.login("agent")
    assert available(reply) == ["to_signature"]
    with pytest.raises(WorkflowException):
        transition(reply, "submit")
    transition(reply, "to_signature")
    assert state(reply) == "to_sign"
    api.portal.set_registry_record("communesplone.mail.outgoing_validation", True)
    other = outgoing_in(mail, "draft")
    mail.login("agent")
    assert available(other) == ["submit"]


def test_who_adds_mail_in_the_folder(mail):
    incoming = "communesplone.mail: Add incoming mail"
    outgoing = "communesplone.mail: Add outgoing mail"
    expected = {
        "registrar": (True, True),
        "agent": (False, True),
        "chef": (False, True),
        "other_agent": (False, True),
        "observer": (False, False),
        "directeur": (False, False),
        "member": (False, False),
    }
    for userid, (adds_incoming, adds_outgoing) in expected.items():
        mail.login(userid)
        assert can(incoming, mail.folder) is adds_incoming, userid
        assert can(outgoing, mail.folder) is adds_outgoing, userid
        # The folder's own workflow gives the mail roles nothing more.
        assert not can("Modify portal content", mail.folder), userid
        assert not can("Delete objects", mail.folder), userid


def test_folder_roles_do_not_reach_the_mails(mail):
    """Every service's agents may add mail in the folder; they read only their own."""
    letter = incoming_in(mail, "assigned", copy_services=[])
    reply = outgoing_in(mail, "draft")
    mail.login("other_agent")
    assert not can("View", letter) and not can("View", reply)
    assert not api.content.find(portal_type=["IncomingMail", "OutgoingMail"])


@pytest.mark.parametrize("operator", ["admin", "operateur"])
def test_a_zope_root_manager_takes_the_guarded_transitions(mail, portal, operator):
    """The operator is a Manager of the Zope root's user folder, no user of the site: the
    guards asking the user's roles and groups answer for them, whether the site has a
    user of the same name (its « admin », a Site Administrator) or none."""
    from plone.app.testing import login

    app = portal.aq_parent
    if operator not in app.acl_users.getUserNames():
        app.acl_users.userFolderAddUser(operator, "secret-operateur", ["Manager"], [])
    letter = incoming_in(mail, "registered")
    reply = outgoing_in(mail, "to_validate")
    login(app, operator)
    assert letter.may_assign() and reply.may_validate()
    assert available(letter) == ["assign", "cancel"]
    transition(letter, "assign")
    transition(letter, "close")
    transition(letter, "reopen")  # may_reopen
    assert state(letter) == "in_treatment"
    transition(reply, "send_back", comment="Corriger l'adresse du destinataire.")
    transition(reply, "submit")
    transition(reply, "validate")  # may_validate
    assert state(reply) == "to_sign"
