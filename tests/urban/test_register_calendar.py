"""The inquiries' calendar: anyone subscribes; only ongoing publicity, only public facts."""

from datetime import date
from datetime import timedelta
from plone.dexterity.utils import createContentInContainer

import icalendar
import requests
import transaction


def test_ongoing_inquiries_are_whole_day_events_without_the_applicant(http_urban):
    urban = http_urban
    today = date.today()
    urban.login("manager")
    applicant = createContentInContainer(
        urban.portal, "Person", checkConstraints=False, firstname="Jeanne", lastname="Demanderesse"
    )
    inquiry = urban.add_permit(
        "Immeuble de quatre logements",
        work_locations=["Rue de Namur, 60"],
        applicants=[applicant.UID()],
    )
    urban.add_event(inquiry, "deposit", today - timedelta(days=30))
    urban.add_event(inquiry, "acknowledgement", today - timedelta(days=15), publicity="inquiry")
    urban.add_event(
        inquiry,
        "inquiry",
        today - timedelta(days=2),
        start=today - timedelta(days=2),
        place="Hôtel de ville",
    )
    quiet = urban.add_permit("Dossier sans publicité")
    urban.add_event(quiet, "deposit", today - timedelta(days=3))
    transaction.commit()

    response = requests.get(f"{urban.url}/@@registre-urbanisme.ics", timeout=30)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")
    assert str(event["summary"]) == "Enquête publique — Immeuble de quatre logements"
    assert str(event["location"]) == "Rue de Namur, 60"
    assert event.decoded("dtstart") == today - timedelta(days=2)
    # The last day is included: iCalendar's end is the day after.
    last_day = date.fromisoformat(inquiry.tracking_publicity["end"])
    assert event.decoded("dtend") == last_day + timedelta(days=1)
    description = str(event["description"])
    assert inquiry.reference in description and "Hôtel de ville" in description
    assert b"Demanderesse" not in response.content and b"Jeanne" not in response.content
    assert b"Dossier sans publicit" not in response.content
