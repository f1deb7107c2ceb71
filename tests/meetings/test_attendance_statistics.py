"""Attendance statistics of an assembly over a period: exact figures from known meetings,
the period's bounds, the refusals, the page with its chart and the ODS file parsed back."""

from communesplone.core import structure
from communesplone.meetings import attendance
from communesplone.meetings import statistics
from datetime import date
from datetime import datetime
from plone import api
from plone.dexterity.utils import createContentInContainer
from test_seance_rest import college_of_five
from xml.etree import ElementTree
from zExceptions import Unauthorized

import io
import pytest
import re
import requests
import transaction
import zipfile


FIRST_HALF = (date(2025, 1, 1), date(2025, 6, 30))
ODS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
ODS_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


def newcomer(world):
    """Émile Fabre joins the Collège on 1 March 2025 (after the first meeting)."""
    from plone.app.testing import setRoles
    from plone.app.testing import TEST_USER_ID
    from plone.app.testing import TEST_USER_NAME

    setRoles(world.portal, TEST_USER_ID, ["Manager"])
    world.login(TEST_USER_NAME)
    person = createContentInContainer(
        structure.directory(), "Person", firstname="Émile", lastname="Fabre"
    )
    createContentInContainer(
        person, "Mandate", body="college", role="echevin", mandate_start=date(2025, 3, 1)
    )
    world.login("clerk")
    return person.UID()


def meeting_on(world, day, absences=(), held=True):
    """A Collège meeting on `day` at 9:00; held: in session, with these (name, status)."""
    meeting = createContentInContainer(
        world.college, "Meeting", start=datetime.combine(day, datetime.min.time()).replace(hour=9)
    )
    if held:
        world.transition(meeting, "freeze", "start_session")
    changes = [{"person": world.people[name], "status": status} for name, status in absences]
    if changes:
        attendance.update_meeting(meeting, changes)
    return meeting


def known_meetings(world):
    """Three meetings held in the first half of 2025, one after it, one never held."""
    world.people = college_of_five(world)
    world.people["Émile"] = newcomer(world)
    meeting_on(world, date(2025, 2, 10), [("Luc", "excused"), ("Sara", "absent")])
    march = meeting_on(world, date(2025, 3, 10), [("Luc", "excused")])
    world.transition(march, "decide")
    meeting_on(world, date(2025, 4, 14), [("Marc", "absent"), ("Émile", "absent")])
    meeting_on(world, date(2025, 9, 15), [("Anne", "absent")])
    meeting_on(world, date(2025, 5, 12), [("Anne", "absent")], held=False)


def by_name(figures) -> dict:
    return {row["name"]: row for row in figures["members"]}


def test_figures_per_member_over_the_period(world):
    known_meetings(world)
    figures = statistics.attendance_statistics(world.college, *FIRST_HALF)
    assert figures["meetings"] == 3
    # Sorted by name, accents aside; Émile counts only the meetings since his mandate.
    assert [
        (r["name"], r["meetings"], r["present"], r["excused"], r["absent"], r["rate"])
        for r in figures["members"]
    ] == [
        ("Anne Dumont", 3, 3, 0, 0, 100.0),
        ("Émile Fabre", 2, 1, 0, 1, 50.0),
        ("Julie Renard", 3, 3, 0, 0, 100.0),
        ("Luc Noël", 3, 1, 2, 0, 33.3),
        ("Marc Petit", 3, 2, 0, 1, 66.7),
        ("Sara Lambert", 3, 2, 0, 1, 66.7),
    ]
    assert by_name(figures)["Luc Noël"]["person"] == world.people["Luc"]
    assert figures["totals"] == {
        "meetings": 17,
        "present": 12,
        "excused": 2,
        "absent": 3,
        "rate": 70.6,
    }


def test_only_meetings_held_in_the_period_count(world):
    known_meetings(world)
    one_day = statistics.attendance_statistics(world.college, date(2025, 3, 10), date(2025, 3, 10))
    assert one_day["meetings"] == 1
    assert by_name(one_day)["Luc Noël"]["excused"] == 1
    assert by_name(one_day)["Émile Fabre"]["present"] == 1

    year = statistics.attendance_statistics(world.college, date(2025, 1, 1), date(2025, 12, 31))
    assert year["meetings"] == 4  # September counts; May was never held
    assert by_name(year)["Anne Dumont"]["absent"] == 1
    assert by_name(year)["Anne Dumont"]["rate"] == 75.0

    # May's meeting never opened: no meeting held, nobody listed.
    spring = statistics.attendance_statistics(world.college, date(2025, 4, 15), date(2025, 5, 31))
    assert spring == {
        "meetings": 0,
        "members": [],
        "totals": {"meetings": 0, "present": 0, "excused": 0, "absent": 0, "rate": None},
    }
    # The other assembly's meetings are its own.
    council = statistics.attendance_statistics(world.council, date(2025, 1, 1), date(2025, 12, 31))
    assert council["meetings"] == 0


def test_bad_periods_are_refused_in_french(world):
    with pytest.raises(statistics.PeriodError, match="La fin de la période doit suivre"):
        statistics.attendance_statistics(world.college, date(2025, 6, 30), date(2025, 1, 1))
    with pytest.raises(statistics.PeriodError, match="ne peut pas dépasser 10 ans"):
        statistics.attendance_statistics(world.college, date(2015, 1, 1), date(2025, 1, 2))
    assert statistics.attendance_statistics(world.college, date(2015, 1, 1), date(2025, 1, 1))
    with pytest.raises(statistics.PeriodError, match="Date invalide : « 31/12/2025 »"):
        statistics.parse_day("31/12/2025")
    assert issubclass(statistics.PeriodError, ValueError)


def page(world, userid, view_name="statistiques-presences", **form):
    world.login(userid)
    request = world.portal.REQUEST
    request.form.clear()
    request.form.update(form)
    return api.content.get_view(view_name, world.college, request)()


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_page_shows_the_table_the_chart_and_the_export_link(world):
    known_meetings(world)
    html = page(world, "clerk", debut="2025-01-01", fin="2025-06-30")
    text = text_of(html.split('id="attendance-statistics-table"')[1].split("</table>")[0])
    assert "Luc Noël 3 1 2 0 33,3" in text
    assert "Émile Fabre 2 1 0 1 50,0" in text
    assert "Total 17 12 2 3 70,6" in text
    assert "Du 1er janvier 2025 au 30 juin 2025 : 3 séance(s) tenue(s)." in text_of(html)
    assert 'value="2025-01-01"' in html and 'value="2025-06-30"' in html
    assert "@@statistiques-presences.ods?debut=2025-01-01&amp;fin=2025-06-30" in html
    chart = html.split('id="attendance-statistics-chart"')[1]
    assert "<svg" in chart
    for name in ("Anne Dumont", "Émile Fabre", "Luc Noël", "Sara Lambert"):
        assert name in chart
    for legend in ("Présents", "Excusés", "Absents"):
        assert legend in chart
    assert ">0.2<" not in chart  # whole meetings on the axis
    assert 'id="attendance-statistics-error"' not in html


def test_the_page_defaults_to_this_year_and_explains_bad_dates(world):
    today = date.today()
    html = page(world, "clerk")
    assert f'value="{today.year}-01-01"' in html and f'value="{today.isoformat()}"' in html
    assert "Aucune séance tenue pendant cette période." in html

    html = page(world, "clerk", debut="2025-06-30", fin="2025-01-01")
    assert 'id="attendance-statistics-error"' in html
    assert "La fin de la période doit suivre son début." in html
    assert 'id="attendance-statistics-table"' not in html
    assert 'id="attendance-statistics-ods"' not in html
    html = page(world, "clerk", debut="n'importe quand", fin="2025-01-01")
    assert "Date invalide" in html and 'id="attendance-statistics-table"' not in html


def ods_rows(data: bytes) -> list[list[str]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.spreadsheet"
        root = ElementTree.fromstring(archive.read("content.xml"))
    return [
        ["".join(cell.itertext()) for cell in row.iter(f"{ODS_TABLE}table-cell")]
        for row in root.iter(f"{ODS_TABLE}table-row")
    ]


def test_the_ods_export_holds_the_same_table(world):
    known_meetings(world)
    data = page(world, "clerk", "statistiques-presences.ods", debut="2025-01-01", fin="2025-06-30")
    response = world.portal.REQUEST.response
    assert response.getHeader("Content-Type") == "application/vnd.oasis.opendocument.spreadsheet"
    disposition = response.getHeader("Content-Disposition")
    assert disposition == 'attachment; filename="presences-college-2025-01-01-2025-06-30.ods"'
    rows = ods_rows(data)
    assert rows[0] == [
        "Membre",
        "Séances tenues",
        "Présents",
        "Excusés",
        "Absents",
        "Taux de présence (%)",
    ]
    assert rows[1] == ["Anne Dumont", "3", "3", "0", "0", "100,0"]
    assert ["Luc Noël", "3", "1", "2", "0", "33,3"] in rows
    assert rows[-1] == ["Total", "17", "12", "2", "3", "70,6"]
    assert len(rows) == 1 + 6 + 1


def test_a_bad_period_gives_no_file(world):
    body = page(world, "clerk", "statistiques-presences.ods", debut="2010-01-01", fin="2025-01-01")
    assert world.portal.REQUEST.response.getStatus() == 400
    assert "ne peut pas dépasser 10 ans" in body


@pytest.mark.parametrize("userid", ["agent", "echevin", "councillor", "directeur"])
def test_only_the_meeting_managers_see_the_statistics(world, userid):
    for view_name in ("statistiques-presences", "statistiques-presences.ods"):
        with pytest.raises(Unauthorized):
            page(world, userid, view_name)
    assert "attendance-statistics-form" in page(world, "clerk")


def test_over_http(http_world):
    world = http_world
    known_meetings(world)
    transaction.commit()
    base = world.college.absolute_url().replace("http://nohost/plone", world.url)
    period = {"debut": "2025-01-01", "fin": "2025-06-30"}

    def get(view_name, userid):
        return requests.get(
            f"{base}/@@{view_name}",
            params=period,
            auth=(userid, "password1"),
            timeout=30,
            allow_redirects=False,
        )

    response = get("statistiques-presences", "clerk")
    assert response.status_code == 200
    assert "Total 17 12 2 3 70,6" in text_of(response.text)
    response = get("statistiques-presences.ods", "clerk")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/vnd.oasis.opendocument.spreadsheet"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert ods_rows(response.content)[-1] == ["Total", "17", "12", "2", "3", "70,6"]
    for view_name in ("statistiques-presences", "statistiques-presences.ods"):
        response = get(view_name, "agent")
        assert response.status_code in (302, 401, 403), view_name
        assert "Luc Noël" not in response.text
