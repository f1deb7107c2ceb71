"""The urbanism dashboard lists, and the demo commune's files."""

from datetime import date
from datetime import timedelta
from plone import api


def dashboard(urban, request, **form):
    request.form.update(form)
    return api.content.get_view("dossiers", urban.folder, request)


def test_lists_come_from_the_stored_deadlines(urban, http_request):
    today = date.today()
    late = urban.add_permit("Dossier en retard")
    urban.add_event(late, "deposit", today - timedelta(days=60))
    urban.add_event(late, "acknowledgement", today - timedelta(days=45), publicity="none")
    soon = urban.add_permit("Dossier à risque")
    urban.add_event(soon, "deposit", today - timedelta(days=30))
    urban.add_event(soon, "acknowledgement", today - timedelta(days=27), publicity="none")
    calm = urban.add_permit("Dossier tranquille")
    urban.add_event(calm, "deposit", today - timedelta(days=2))
    inquiry = urban.add_permit("Dossier en enquête")
    urban.add_event(inquiry, "deposit", today - timedelta(days=20))
    urban.add_event(inquiry, "acknowledgement", today - timedelta(days=10), publicity="inquiry")
    urban.add_event(inquiry, "inquiry", today - timedelta(days=1), start=today - timedelta(days=1))

    view = dashboard(urban, http_request)
    assert [r["title"] for r in view.overdue()] == ["Dossier en retard"]
    assert [r["title"] for r in view.at_risk()] == ["Dossier à risque"]
    assert [r["title"] for r in view.inquiries()] == ["Dossier en enquête"]
    counts = {row["id"]: row["count"] for row in view.by_state()["states"]}
    assert counts == {"deposited": 1, "instruction": 3}
    html = view()
    assert "Dossier en retard" in html and 'id="permits-overdue"' in html
    assert 'id="permit-add"' in html


def test_filters_and_what_an_outsider_gets(urban, http_request):
    urban.add_permit("Maison", folder_manager="agent")
    urban.add_permit("Grange", procedure="cu1")
    view = dashboard(urban, http_request, permit_procedure="cu1")
    assert [r["title"] for r in view.recent()] == ["Grange"]
    urban.login("other_agent")
    view = dashboard(urban, http_request)
    assert view.recent() == [] and view.by_state() == {"states": [], "agents": []}
    assert not view.can_add()


def test_the_demo_commune_has_files_in_every_list(tenants):
    from communesplone.core.tenants.sites import on_site
    from communesplone.urban.interfaces import ICommunesPloneUrbanLayer
    from zope.component import getMultiAdapter
    from zope.interface import alsoProvides
    from zope.publisher.browser import TestRequest

    with on_site(tenants["app"]["valmont"]) as site, api.env.adopt_user("agent.urbanisme"):
        folder = site["urbanisme"]
        brains = api.content.find(context=folder, portal_type="Permit")
        assert len(brains) == 30
        states = {b.review_state for b in brains}
        assert states >= {
            "new",
            "deposited",
            "incomplete",
            "instruction",
            "granted",
            "refused",
            "inadmissible",
            "abandoned",
        }
        request = TestRequest()
        alsoProvides(request, ICommunesPloneUrbanLayer)
        view = getMultiAdapter((folder, request), name="dossiers")
        assert view.overdue() and view.at_risk() and view.inquiries()
        assert all(row["seized"] for row in view.overdue())
