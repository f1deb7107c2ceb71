"""Stored deadlines for the dashboards, the daily refresh and the saisine of the FD."""

from datetime import date
from datetime import timedelta
from plone import api


def test_events_store_the_next_and_the_decision_deadlines(urban):
    permit = urban.add_permit()
    today = date.today()
    urban.add_event(permit, "deposit", today)
    assert permit.tracking_next_title == "Complétude du dossier"
    assert permit.tracking_next_due >= (today + timedelta(days=30)).isoformat()
    assert permit.tracking_decision_due is None
    urban.add_event(permit, "acknowledgement", today, publicity="none")
    assert permit.tracking_decision_status == "open"
    # AR today + 30 days, moved off a weekend or holiday when needed.
    assert permit.tracking_decision_due >= (today + timedelta(days=30)).isoformat()
    found = api.content.find(portal_type="Permit", permit_decision_status="open")
    assert [b.UID for b in found] == [permit.UID()]
    assert found[0].permit_decision_due == permit.tracking_decision_due


def test_a_missed_decision_records_the_saisine_once(urban):
    permit = urban.add_permit()
    urban.add_event(permit, "deposit", date(2025, 3, 3))
    urban.add_event(permit, "acknowledgement", date(2025, 3, 20), publicity="none")
    # 2025-03-20 + 30 days = 2025-04-19, a Saturday: due Monday 2025-04-21 is Easter
    # Monday, so Tuesday 2025-04-22.
    assert permit.tracking_decision_due == "2025-04-22"
    assert permit.tracking_decision_status == "missed"
    # Entering the history is not a saisine: the daily task records it, once.
    assert permit.fd_seized_on is None
    from communesplone.urban.tracking import RefreshDeadlines

    RefreshDeadlines()(api.portal.get())
    assert permit.fd_seized_on == date(2025, 4, 23)
    seizures = [e for e in permit.events() if e.event_type == "fd_seizure"]
    assert len(seizures) == 1
    assert "fonctionnaire délégué est saisi" in seizures[0].comment
    assert seizures[0].Title() == "Saisine du fonctionnaire délégué du 23 avril 2025"
    urban.add_event(permit, "opinion_request", date(2025, 3, 25), body="SPW Mobilité")
    RefreshDeadlines()(api.portal.get())
    assert len([e for e in permit.events() if e.event_type == "fd_seizure"]) == 1
    # Removed by hand (a correction), it may be recorded again by the next run.
    api.content.delete(seizures[0])
    assert permit.fd_seized_on is None
    # The system's record is not a step of the procedure: the state is unchanged.
    assert api.content.get_state(permit) == "instruction"


def test_the_daily_task_notices_a_deemed_complete_file(urban):
    from communesplone.urban import tracking

    permit = urban.add_permit()
    today = date.today()
    urban.add_event(permit, "deposit", today - timedelta(days=40))
    # Stored on the day of the deposit: completeness still open then.
    tracking.refresh(permit, on=today - timedelta(days=40))
    assert permit.tracking_decision_due is None
    report = tracking.RefreshDeadlines()(api.portal.get())
    assert report == "1 dossier(s) ouvert(s), 1 mis à jour"
    # No acknowledgement within 30 days: deemed complete, the 30-day decision clock runs.
    assert permit.tracking_decision_due is not None
    assert permit.tracking_decision_status == "open"
    assert tracking.RefreshDeadlines()(api.portal.get()).endswith("0 mis à jour")
