"""The anonymous public register: only public facts, only what is public, only this commune."""

from datetime import date
from datetime import timedelta
from plone import api

import requests
import transaction


def test_anonymous_readers_see_inquiries_and_granted_permits_only(http_urban):
    urban = http_urban
    today = date.today()
    inquiry = urban.add_permit("Immeuble de quatre logements", work_locations=["Rue de Namur, 60"])
    urban.add_event(inquiry, "deposit", today - timedelta(days=30))
    urban.add_event(inquiry, "acknowledgement", today - timedelta(days=15), publicity="inquiry")
    urban.add_event(
        inquiry,
        "inquiry",
        today - timedelta(days=2),
        start=today - timedelta(days=2),
        place="Hôtel de ville, service de l'urbanisme",
    )
    granted = urban.add_permit("Véranda", work_locations=["Rue Haute, 3"])
    urban.add_event(granted, "deposit", today - timedelta(days=90))
    urban.add_event(granted, "acknowledgement", today - timedelta(days=80), publicity="none")
    urban.add_event(granted, "decision", today - timedelta(days=60), outcome="granted")
    old = urban.add_permit("Vieux permis")
    urban.add_event(old, "deposit", today - timedelta(days=500))
    urban.add_event(old, "acknowledgement", today - timedelta(days=480), publicity="none")
    urban.add_event(old, "decision", today - timedelta(days=450), outcome="granted")
    refused = urban.add_permit("Refusé")
    urban.add_event(refused, "deposit", today - timedelta(days=90))
    urban.add_event(refused, "decision", today - timedelta(days=20), outcome="refused")
    quiet = urban.add_permit("Dossier sans publicité", applicants=[])
    urban.add_event(quiet, "deposit", today - timedelta(days=3))
    transaction.commit()

    response = requests.get(f"{urban.url}/@@registre-urbanisme", timeout=30)
    assert response.status_code == 200
    html = response.text
    assert "Immeuble de quatre logements" in html and inquiry.reference in html
    assert "Hôtel de ville, service de l'urbanisme" in html
    assert "Rue de Namur, 60" in html
    assert "Véranda" in html and granted.reference in html
    for hidden in ("Vieux permis", "Refusé</td>", "Dossier sans publicité", quiet.reference):
        assert hidden not in html, hidden
    # The files themselves stay closed to the public.
    url = inquiry.absolute_url().replace("http://nohost/plone", urban.url)
    assert requests.get(url, timeout=30, allow_redirects=False).status_code in (302, 401)


def test_no_applicant_name_reaches_the_register(urban, http_request):
    from plone.dexterity.utils import createContentInContainer

    urban.login("manager")
    person = createContentInContainer(
        urban.portal,
        "Person",
        checkConstraints=False,
        firstname="Jeanne",
        lastname="Demanderesse",
    )
    assert "Demanderesse" in person.Title()
    today = date.today()
    permit = urban.add_permit("Maison", applicants=[person.UID()])
    urban.add_event(permit, "deposit", today - timedelta(days=30))
    urban.add_event(permit, "acknowledgement", today - timedelta(days=15), publicity="inquiry")
    urban.add_event(permit, "inquiry", today, start=today)
    html = api.content.get_view("registre-urbanisme", urban.portal, http_request)()
    assert permit.reference in html
    assert "Demanderesse" not in html and "Jeanne" not in html


def test_each_commune_has_its_own_register(tenants):
    valmont = requests.get(
        f"http://{tenants['host']}:{tenants['port']}/valmont/@@registre-urbanisme", timeout=30
    ).text
    autreville = requests.get(
        f"http://{tenants['host']}:{tenants['port']}/autreville/@@registre-urbanisme", timeout=30
    ).text
    assert "PU/" in valmont
    assert "PU/" not in autreville
    assert "Aucune enquête en cours." in autreville
