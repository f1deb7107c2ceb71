"""Registering mail: numbers per year and direction, ids, fingerprints of the originals."""

from communesplone.core import numbering
from plone.namedfile.file import NamedBlobFile

import hashlib


def test_numbers_per_direction_and_year(mail):
    year = numbering.current_year()
    first = mail.incoming()
    second = mail.incoming("Facture d'électricité")
    reply = mail.outgoing()
    assert first.reference == f"E{year}/000001"
    assert second.reference == f"E{year}/000002"
    assert reply.reference == f"S{year}/000001"
    assert first.getId() == f"e{year}-000001"
    assert reply.getId() == f"s{year}-000001"


def test_the_original_is_fingerprinted(mail):
    data = b"%PDF-1.4 lettre scannee"
    letter = mail.incoming(original=NamedBlobFile(data, filename="lettre.pdf"))
    assert letter.original_sha256 == hashlib.sha256(data).hexdigest()
    assert mail.incoming("Sans original").original_sha256 is None


def test_a_replaced_original_is_kept_with_its_fingerprint(mail):
    from communesplone.mail import history
    from communesplone.mail.content.mail import IIncomingMail
    from zope.event import notify
    from zope.lifecycleevent import Attributes
    from zope.lifecycleevent import ObjectModifiedEvent

    first, second = b"%PDF premier scan", b"%PDF second scan, lisible"
    letter = mail.incoming(original=NamedBlobFile(first, filename="scan1.pdf"))
    letter.original = NamedBlobFile(second, filename="scan2.pdf")
    notify(ObjectModifiedEvent(letter, Attributes(IIncomingMail, "original")))
    assert letter.original_sha256 == hashlib.sha256(second).hexdigest()
    (kept,) = history.original_versions(letter)
    assert kept["sha256"] == hashlib.sha256(first).hexdigest()
    assert kept["file"].data == first
    whats = [entry["what"] for entry in history.entries(letter)]
    assert whats == ["Enregistrement", "Nouvel original"]


def test_every_change_is_in_the_history(mail):
    from communesplone.mail import history
    from communesplone.mail.content.mail import IIncomingMail
    from zope.event import notify
    from zope.lifecycleevent import Attributes
    from zope.lifecycleevent import ObjectModifiedEvent

    mail.login("registrar")
    letter = mail.incoming()
    letter.priority = "urgent"
    notify(ObjectModifiedEvent(letter, Attributes(IIncomingMail, "priority", "due_date")))
    last = history.entries(letter)[-1]
    assert last["what"] == "Modification"
    assert last["comment"] == "Priorité, Échéance"
    assert last["actor"] == "registrar"


def test_an_agent_s_outgoing_mail_belongs_to_the_agent_s_service(mail):
    from plone import api

    mail.login("agent")
    reply = mail.outgoing()
    assert reply.sender_service == "travaux" and reply.sender_agent == "agent"
    assert api.user.has_permission("Modify portal content", obj=reply)


def test_mail_is_found_by_number_subject_and_sender(mail):
    from plone import api
    from plone.dexterity.utils import createContentInContainer

    ores = createContentInContainer(
        mail.portal, "Organization", checkConstraints=False, title="ORES"
    )
    mail.login("registrar")
    letter = mail.incoming("Coupure de courant", sender=ores.UID())
    assert letter.sender_title == "ORES"
    for text in (letter.reference, "Coupure", "ORES"):
        found = api.content.find(portal_type="IncomingMail", SearchableText=f'"{text}"')
        assert [b.UID for b in found] == [letter.UID()], text
    assert found[0].mail_sender_title == "ORES"


def test_a_registration_indexes_the_mail_once(mail, monkeypatch):
    """The sender's name is read without first indexing the mail being registered."""
    from plone.dexterity.utils import createContentInContainer
    from Products.CMFCore.indexing import processQueue
    from Products.ZCatalog.ZCatalog import ZCatalog

    ores = createContentInContainer(
        mail.portal, "Organization", checkConstraints=False, title="ORES"
    )
    processQueue()  # a sender known before the registration
    indexed = []
    catalog_object = ZCatalog.catalog_object

    def counting(self, obj, uid=None, idxs=None, *args, **kwargs):
        if not idxs:  # a whole indexing, not the security indexes alone
            indexed.append(uid)
        return catalog_object(self, obj, uid, idxs, *args, **kwargs)

    monkeypatch.setattr(ZCatalog, "catalog_object", counting)
    mail.login("registrar")
    letter = mail.incoming("Coupure de courant", sender=ores.UID())
    processQueue()
    assert letter.sender_title == "ORES"
    assert indexed.count("/".join(letter.getPhysicalPath())) == 1


def test_an_annex_is_never_silently_replaced(mail):
    from communesplone.mail import history
    from plone import api
    from zope.event import notify
    from zope.lifecycleevent import ObjectModifiedEvent

    letter = mail.incoming()
    annex = api.content.create(
        container=letter,
        type="Annex",
        title="Plan joint",
        file=NamedBlobFile(b"plan v1", filename="plan.pdf"),
    )
    annex.file = NamedBlobFile(b"plan v2", filename="plan.pdf")
    notify(ObjectModifiedEvent(annex))
    (kept,) = history.versions(annex, "file")
    assert kept["file"].data == b"plan v1"
    assert kept["sha256"] == hashlib.sha256(b"plan v1").hexdigest()
    whats = [entry["what"] for entry in history.entries(letter)]
    assert whats == ["Enregistrement", "Annexe ajoutée", "Annexe remplacée"]
    # An annex elsewhere (a meeting item's) is none of the mail's business.
    from plone.dexterity.utils import createContentInContainer

    elsewhere = createContentInContainer(
        mail.portal,
        "Annex",
        checkConstraints=False,
        title="Autre",
        file=NamedBlobFile(b"x", filename="x"),
    )
    assert history.versions(elsewhere, "file") == []


def test_annexes_of_a_confidential_mail_stay_confidential(mail):
    from plone import api

    mail.login("registrar")
    letter = mail.incoming("Dossier du personnel", confidential=True, copy_services=["finances"])
    annex = api.content.create(
        container=letter, type="Annex", title="Certificat", file=NamedBlobFile(b"c", "c.pdf")
    )
    letter.treating_service = "travaux"
    api.content.transition(letter, transition="assign")
    for userid, sees in (
        ("agent", True),
        ("directeur", True),
        ("registrar", False),
        ("other_agent", False),
        ("member", False),
    ):
        mail.login(userid)
        assert api.user.has_permission("View", obj=annex) is sees, userid
        assert bool(api.content.find(UID=annex.UID())) is sees, userid


def test_a_global_group_is_not_a_service(mail):
    from communesplone.core.groups import user_service_codes
    from plone import api

    api.group.add_user(groupname="meeting_managers", username="agent")
    api.group.add_user(groupname="urban_managers", username="agent")
    mail.login("agent")
    assert user_service_codes() == ["travaux"]
    assert mail.outgoing().sender_service == "travaux"


def test_each_list_counts_what_it_lists(mail, http_request):
    """Counts are read without sorting; they must still be the lists' own lengths."""
    from plone import api

    mail.login("registrar")
    mail.incoming("À attribuer")
    for title, service in (("Voirie rue Haute", "travaux"), ("Facture ORES", "finances")):
        letter = mail.incoming(title)
        letter.treating_service = service
        api.content.transition(letter, transition="assign")
    for userid, expected in (("registrar", {"to_assign": 1}), ("agent", {"service": 1})):
        mail.login(userid)
        counts = {}
        for key in ("to_assign", "to_treat", "service", "copy", "late", "outgoing", "all"):
            http_request.form.clear()
            http_request.form["list"] = key
            view = api.content.get_view("courriers", mail.folder, http_request)
            counts[key] = len(view.rows(limit=None))
            assert view.total() == counts[key], (userid, key)
        assert {tab["id"]: tab["count"] for tab in view.lists()} == counts, userid
        assert expected.items() <= counts.items(), userid
    mail.login("registrar")
    http_request.form.update({"list": "all", "text": "ORES"})
    assert api.content.get_view("courriers", mail.folder, http_request).total() == 1
