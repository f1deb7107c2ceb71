"""Working days: Belgian public holidays, commune closing days, deadline arithmetic."""

from communesplone.core.calendar import closing_days
from communesplone.core.calendar import public_holiday
from communesplone.core.calendar import WorkingCalendar
from datetime import date
from plone import api

import pytest


@pytest.fixture
def calendar():
    return WorkingCalendar()


@pytest.mark.parametrize(
    "day, name",
    [
        (date(2026, 1, 1), "Nouvel An"),
        (date(2026, 4, 6), "Lundi de Pâques"),
        (date(2026, 5, 1), "Fête du Travail"),
        (date(2026, 7, 21), "Fête nationale"),
        (date(2026, 11, 11), "Armistice"),
        (date(2026, 12, 25), "Noël"),
    ],
)
def test_belgian_public_holidays(day, name, calendar):
    assert name.lower() in public_holiday(day).lower()
    assert not calendar.is_working_day(day)
    assert "jour férié" in calendar.why_closed(day)


def test_ordinary_days(calendar):
    assert calendar.is_working_day(date(2026, 7, 22))  # Wednesday
    assert calendar.why_closed(date(2026, 7, 25)) == "samedi"
    assert calendar.why_closed(date(2026, 7, 26)) == "dimanche"


def test_thirty_days_after_21_june_moves_off_the_national_holiday(calendar):
    # 2026-06-21 + 30 days = Tuesday 21 July, the national holiday: next working day.
    assert calendar.add_days(date(2026, 6, 21), 30) == date(2026, 7, 22)


def test_a_deadline_on_a_weekend_moves_to_monday(calendar):
    assert calendar.add_days(date(2026, 9, 1), 4) == date(2026, 9, 7)


def test_working_days(calendar):
    # Friday 3 April 2026 + 1 working day skips the weekend and Easter Monday.
    assert calendar.add_working_days(date(2026, 4, 3), 1) == date(2026, 4, 7)
    assert calendar.working_days_between(date(2026, 4, 3), date(2026, 4, 10)) == 4
    with pytest.raises(ValueError):
        calendar.add_working_days(date(2026, 4, 3), -1)


def test_commune_closing_days():
    closed = WorkingCalendar(closed={date(2026, 11, 2)})
    assert closed.why_closed(date(2026, 11, 2)) == "jour de fermeture de la commune"
    assert closed.add_days(date(2026, 10, 31), 2) == date(2026, 11, 3)


def test_closing_days_from_the_control_panel(portal):
    api.portal.set_registry_record("communesplone.closing_days", [date(2026, 12, 26)])
    assert closing_days() == {date(2026, 12, 26)}
    calendar = WorkingCalendar.for_site()
    assert not calendar.is_working_day(date(2026, 12, 26))


def test_control_panel_is_for_administrators(portal, http_request):
    from plone.app.testing import setRoles
    from plone.app.testing import TEST_USER_ID

    setRoles(portal, TEST_USER_ID, ["Member"])
    assert not api.user.has_permission("Manage portal", obj=portal)
    setRoles(portal, TEST_USER_ID, ["Site Administrator"])
    view = api.content.get_view("jours-de-fermeture", portal, http_request)
    assert "Jours de fermeture" in view()
