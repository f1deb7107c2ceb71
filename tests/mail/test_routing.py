"""Routing suggestions: the service (and agent) earlier mail of the same sender, else of
the same type, went to; proposed on the page, applied on request, never imposed."""

from communesplone.core import structure
from httphelpers import browser_login
from httphelpers import form_fields
from plone import api
from plone.dexterity.utils import createContentInContainer

import pytest
import requests
import transaction


def organization(title):
    return createContentInContainer(structure.directory(), "Organization", title=title)


def routed(world, title, service, agent=None, **fields):
    """An earlier mail, registered and assigned to `service`."""
    world.login("registrar")
    mail = world.incoming(title, treating_service=service, assigned_agent=agent, **fields)
    api.content.transition(mail, transition="assign")
    return mail


@pytest.fixture
def history(mail):
    """ORES wrote 3 times to Travaux (agent), once to Finances; 4 confidential letters of
    ORES went to Finances (the mail office cannot read them, they do not count); invoices
    go to Finances."""
    mail.ores = organization("ORES").UID()
    mail.proximus = organization("Proximus").UID()
    for number in range(3):
        routed(mail, f"Coupure {number}", "travaux", "agent", sender=mail.ores)
    routed(mail, "Facture ORES", "finances", "other_agent", sender=mail.ores)
    for number in range(4):
        routed(mail, f"Litige {number}", "finances", sender=mail.ores, confidential=True)
    for number in range(2):
        routed(mail, f"Facture {number}", "finances", "other_chef", mail_type="invoice")
    # Neither a mail still waiting nor a cancelled one says where mail goes.
    mail.incoming("En attente", sender=mail.proximus, treating_service="travaux")
    cancelled = mail.incoming("Annulé", sender=mail.proximus, treating_service="travaux")
    api.content.transition(cancelled, transition="cancel")
    return mail


def test_the_sender_s_history_first(history):
    from communesplone.mail import routing

    new = history.incoming("Encore une coupure", sender=history.ores)
    found = routing.suggestion(new)
    assert found == {
        "basis": "sender",
        "service": "travaux",
        "service_title": "Travaux",
        "count": 3,
        "agent": "agent",
        "agent_title": "Agent",
    }
    label = api.portal.translate(routing.label(found))
    assert label == "Suggestion : Travaux (3 courriers de cet expéditeur)"
    # The treating service's view of it: all of ORES's mail counts, Finances wins.
    history.login("directeur")
    assert routing.suggestion(new)["service"] == "finances"


def test_else_the_type_s_then_nothing(history):
    from communesplone.mail import routing

    invoice = history.incoming("Facture de carburant", mail_type="invoice")
    found = routing.suggestion(invoice)
    assert (found["basis"], found["service"], found["count"]) == ("type", "finances", 2)
    assert found["agent"] == "other_chef"
    assert api.portal.translate(routing.label(found)) == (
        "Suggestion : Finances (2 courriers de ce type)"
    )
    # A sender without routed mail falls back on the type; no history at all, nothing.
    from_proximus = history.incoming("Offre", sender=history.proximus, mail_type="invoice")
    assert routing.suggestion(from_proximus)["basis"] == "type"
    assert routing.suggestion(history.incoming("Invitation", mail_type="invitation")) is None


def test_applying_fills_the_fields_and_does_not_assign(history):
    from communesplone.mail import history as mail_history
    from communesplone.mail import routing

    new = history.incoming("Encore une coupure", sender=history.ores)
    history.login("agent")
    with pytest.raises(routing.RoutingError):
        routing.apply(new)
    history.login("registrar")
    routing.apply(new)
    assert (new.treating_service, new.assigned_agent) == ("travaux", "agent")
    assert api.content.get_state(new) == "registered"
    assert routing.is_applied(new, routing.suggestion(new))
    assert mail_history.entries(new)[-1]["comment"] == "Service traitant, Agent traitant"
    api.content.transition(new, transition="assign")
    with pytest.raises(routing.RoutingError):
        routing.apply(new)


def test_the_page_proposes_and_applies(http_mail):
    world = http_mail
    ores = organization("ORES").UID()
    for number in range(2):
        routed(world, f"Coupure {number}", "travaux", "agent", sender=ores)
    new = world.incoming("Encore une coupure", sender=ores)
    transaction.commit()
    url = new.absolute_url().replace("http://nohost/plone", world.url)
    registrar = browser_login(world.url, "registrar", "password1")
    html = registrar.get(url).text
    assert "Suggestion : Travaux (2 courriers de cet expéditeur)" in html
    fields = form_fields(html, "mail-routing-suggestion")
    assert registrar.get(f"{url}/@@appliquer-suggestion").status_code == 405
    done = registrar.post(f"{url}/@@appliquer-suggestion", data=fields)
    assert "Suggestion appliquée : Travaux." in done.text
    assert 'id="mail-routing-suggestion"' not in done.text
    assert '<option value="travaux" selected="selected">Travaux</option>' in done.text
    transaction.begin()
    assert (new.treating_service, new.assigned_agent) == ("travaux", "agent")
    assert api.content.get_state(new) == "registered"
    # Agents do not route mail.
    agent = browser_login(world.url, "agent", "password1")
    refused = agent.post(f"{url}/@@appliquer-suggestion", data=fields)
    assert "Suggestion appliquée" not in refused.text
    answer = requests.get(
        f"{url}/@routing-suggestion",
        auth=("registrar", "password1"),
        headers={"Accept": "application/json"},
        timeout=60,
    ).json()
    assert answer["suggestion"]["service"] == "travaux"
    assert answer["suggestion"]["label"] == "Suggestion : Travaux (2 courriers de cet expéditeur)"
