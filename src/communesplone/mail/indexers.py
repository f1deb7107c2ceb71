"""Catalog data of mail, so listings of 100,000 mails never wake one up."""

from communesplone.core.indexers import attribute_indexer
from communesplone.mail.content.mail import IIncomingMail
from communesplone.mail.content.mail import IMail
from communesplone.mail.content.mail import IOutgoingMail
from plone.indexer import indexer


mail_reference = attribute_indexer(IMail, "reference")
mail_confidential = attribute_indexer(IMail, "confidential")
mail_type = attribute_indexer(IIncomingMail, "mail_type")
mail_sender = attribute_indexer(IIncomingMail, "sender")
# Stored by events.py: an indexer must not query the catalog (it would index re-entrantly).
mail_sender_title = attribute_indexer(IIncomingMail, "sender_title")
mail_agent = attribute_indexer(IIncomingMail, "assigned_agent")
mail_copy_services = attribute_indexer(IIncomingMail, "copy_services")
outgoing_agent = attribute_indexer(IOutgoingMail, "sender_agent")
# The due date a reminder / an escalation was sent for (reminders.py reads them as metadata).
mail_reminder_sent = attribute_indexer(IIncomingMail, "reminder_sent_for")
mail_escalation_sent = attribute_indexer(IIncomingMail, "escalation_sent_for")


@indexer(IIncomingMail)
def incoming_service(mail):
    return mail.treating_service or None


@indexer(IOutgoingMail)
def outgoing_service(mail):
    return mail.sender_service or None


@indexer(IIncomingMail)
def incoming_date(mail):
    return mail.reception_date.isoformat() if mail.reception_date else None


@indexer(IOutgoingMail)
def outgoing_date(mail):
    return mail.mail_date.isoformat() if mail.mail_date else None


@indexer(IIncomingMail)
def incoming_due(mail):
    return mail.due_date.isoformat() if mail.due_date else None


@indexer(IMail)
def mail_searchable_text(mail):
    """Number, subject and sender's name: what a clerk types (or a scanner reads)."""
    parts = (mail.reference or "", mail.title or "", mail.sender_title or "")
    return " ".join(part for part in parts if part)
