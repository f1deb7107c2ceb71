"""pytest fixtures: the suite's test layers (see communesplone.testing)."""

from communesplone.core import office
from communesplone.core.instance import default_uno_python
from communesplone.testing import FUNCTIONAL_TESTING
from communesplone.testing import INTEGRATION_TESTING
from communesplone.testing import TENANTS_FUNCTIONAL_TESTING
from ports import free_port
from pytest_plone import fixtures_factory

import pytest


pytest_plugins = ["pytest_plone"]

globals().update(
    fixtures_factory(
        (
            (INTEGRATION_TESTING, "integration"),
            (FUNCTIONAL_TESTING, "functional"),
            (TENANTS_FUNCTIONAL_TESTING, "tenants"),
        )
    )
)


@pytest.fixture(scope="session")
def office_port(tmp_path_factory):
    """A LibreOffice server on its own port with its own user profile."""
    office.check_uno_python(default_uno_python())
    port = free_port()
    process = office.start_office(port, tmp_path_factory.mktemp("office-profile"))
    yield port
    office.stop(process)


@pytest.fixture
def office_ready(office_port, monkeypatch):
    """The current test site converts its documents through the session's LibreOffice."""
    from communesplone.core import documents

    monkeypatch.setenv("OO_PORT", str(office_port))
    documents.configure_office()
    return office_port


@pytest.fixture
def mailbox(monkeypatch):
    """The mails as they leave the site: at commit, through MailHost's own delivery."""
    from email import message_from_bytes
    from email import policy
    from Products.MailHost.MailHost import MailBase
    from zope.interface import implementer
    from zope.sendmail.interfaces import IMailer

    sent = []

    @implementer(IMailer)
    class RecordingMailer:
        def vote(self, fromaddr, toaddrs, message):
            """Nothing to check before the commit."""

        def abort(self):
            """Nothing was sent yet."""

        def send(self, fromaddr, toaddrs, message):
            data = message if isinstance(message, bytes) else message.encode("utf-8")
            parsed = message_from_bytes(data, policy=policy.default)
            sent.append(
                {
                    "to": list(toaddrs),
                    "subject": str(parsed["Subject"]),
                    "body": parsed.get_body(("plain",)).get_content(),
                }
            )

    monkeypatch.setattr(MailBase, "_makeMailer", lambda self: RecordingMailer())
    return sent
