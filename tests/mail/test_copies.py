"""« Non lu » for the services in copy: per user, until the page POSTs `@@courrier-lu`;
a GET never marks it read; the dashboard counts from the catalog."""

from httphelpers import browser_login
from httphelpers import form_fields
from plone import api

import re
import transaction


def in_copy(world, title="Facture ORES n° 117", **fields):
    """A mail treated by Finances, Travaux in copy."""
    world.login("registrar")
    mail = world.incoming(title, treating_service="finances", copy_services=["travaux"], **fields)
    api.content.transition(mail, transition="assign")
    return mail


def unread_uids(userid):
    from communesplone.mail import copies

    return {
        brain.UID
        for brain in api.content.find(
            portal_type="IncomingMail", unrestricted=True, **copies.unread_query(userid)
        )
    }


def test_read_per_user_and_only_in_copy(mail):
    from communesplone.mail import copies

    letter = in_copy(mail)
    mail.login("agent")
    assert copies.is_unread(letter)
    assert copies.mark_read(letter) is True
    assert not copies.is_unread(letter) and copies.mark_read(letter) is False
    assert letter.UID() not in unread_uids("agent")
    # Each reader of the copy service for themselves.
    mail.login("chef")
    assert copies.is_unread(letter) and letter.UID() in unread_uids("chef")
    # The treating service is not in copy: nothing to record.
    mail.login("other_agent")
    assert not copies.is_unread(letter) and copies.mark_read(letter) is False
    assert copies.mail_read_by(letter)() == [copies.TRACKED, "agent"]


def test_confidential_mail_is_no_copy(mail):
    from communesplone.mail import copies

    letter = in_copy(mail, confidential=True)
    mail.login("agent")
    assert not copies.is_unread(letter) and copies.mark_read(letter) is False


def test_mail_in_copy_before_the_upgrade_is_read(mail):
    from communesplone.mail import copies
    from communesplone.mail.upgrades import add_capture_indexes

    old, plain = in_copy(mail), mail.incoming("Sans copie")
    catalog = api.portal.get_tool("portal_catalog")
    catalog.delIndex("mail_read_by")
    add_capture_indexes(None)
    assert "mail_read_by" in catalog.indexes()
    assert copies.mail_read_by(old)() == [copies.TRACKED, copies.EVERYONE]
    assert copies.mail_read_by(plain)() == [copies.TRACKED]
    assert plain.UID() in unread_uids("agent")  # the index knows every incoming mail
    assert old.UID() not in unread_uids("agent")
    mail.login("agent")
    assert not copies.is_unread(old)
    new = in_copy(mail, "Nouvelle facture")
    mail.login("agent")
    assert copies.is_unread(new) and new.UID() in unread_uids("agent")


def test_unread_until_the_page_posts_it(http_mail):
    world = http_mail
    letter = in_copy(world)
    in_copy(world, "Autre facture")
    transaction.commit()
    url = letter.absolute_url().replace("http://nohost/plone", world.url)
    agent = browser_login(world.url, "agent", "password1")

    def dashboard(session):
        return session.get(f"{world.url}/courrier", params={"list": "copy"}).text

    html = dashboard(agent)
    assert re.search(r'id="mail-unread-copy"[^>]*>\s*2\s+non lu\(s\)', html)
    assert html.count('class="fw-bold mail-unread"') == 2
    # Opening the page (GET, as often as one likes) records nothing…
    for _ in range(2):
        page = agent.get(url).text
        assert 'id="mail-mark-read"' in page and "courrier-lu.js" in page
    transaction.begin()
    assert letter.UID() in unread_uids("agent")
    assert agent.get(f"{url}/@@courrier-lu").status_code == 405
    assert agent.post(f"{url}/@@courrier-lu").status_code == 403  # no token
    # …the page's script POSTs it, with the token.
    read = agent.post(
        f"{url}/@@courrier-lu",
        data=form_fields(page, "mail-mark-read"),
        headers={"Accept": "application/json"},
    )
    assert read.json() == {"read": True}
    transaction.begin()
    assert letter.UID() not in unread_uids("agent")
    assert 'id="mail-mark-read"' not in agent.get(url).text
    html = dashboard(agent)
    assert re.search(r'id="mail-unread-copy"[^>]*>\s*1\s+non lu\(s\)', html)
    assert html.count('class="fw-bold mail-unread"') == 1
    # The service's manager has not read it yet.
    assert re.search(
        r'id="mail-unread-copy"[^>]*>\s*2\s',
        dashboard(browser_login(world.url, "chef", "password1")),
    )
    # The treating service's agent is not in copy: no marker, nothing recorded.
    other = browser_login(world.url, "other_agent", "password1")
    page = other.get(url).text
    assert 'id="mail-mark-read"' not in page
    refused = other.post(
        f"{url}/@@courrier-lu",
        data=form_fields(page, "mail-actions"),
        headers={"Accept": "application/json"},
    )
    assert refused.json() == {"read": False}
    assert 'id="mail-unread-copy"' not in dashboard(other)
    # The script is served.
    script = agent.get(f"{world.url}/++resource++communesplone.mail.courrier-lu.js")
    assert script.status_code == 200 and "mail-mark-read" in script.text
