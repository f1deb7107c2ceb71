"""The archived minutes over HTTP: the fingerprint in REST, the full PDF for members and
managers only, the public PDF for anyone when the assembly publishes its decisions."""

from test_closing import decided
from test_seance_rest import call
from test_seance_rest import url

import hashlib
import pytest
import requests
import transaction


pytestmark = pytest.mark.office


@pytest.fixture
def closed(http_world, office_ready):
    world = http_world
    decided(world)
    world.transition(world.meeting, "close")
    world.college.publish_decisions = True
    transaction.commit()
    return world


def test_rest_gives_the_fingerprint_and_the_file(closed):
    world = closed
    response = call("GET", world, world.meeting, "", "clerk")
    assert response.status_code == 200
    data = response.json()
    assert data["review_state"] == "closed"
    assert data["minutes_sha256"] == world.meeting.minutes_sha256
    download = requests.get(data["minutes_file"]["download"], auth=("echevin", "password1"))
    assert download.status_code == 200
    assert hashlib.sha256(download.content).hexdigest() == data["minutes_sha256"]


def test_the_fingerprint_cannot_be_changed_over_rest(closed):
    world = closed
    from plone.app.testing import SITE_OWNER_NAME
    from plone.app.testing import SITE_OWNER_PASSWORD

    before = world.meeting.minutes_sha256
    response = requests.patch(
        url(world, world.meeting, ""),
        json={"minutes_sha256": "0" * 64},
        auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD),
        headers={"Accept": "application/json"},
        timeout=30,
    )
    assert response.status_code in (204, 400)
    transaction.begin()
    assert world.meeting.minutes_sha256 == before


@pytest.mark.parametrize("userid", [None, "agent", "councillor"])
def test_the_full_minutes_stay_closed_to_others(closed, userid):
    world = closed
    response = requests.get(
        url(world, world.meeting, "@@download/minutes_file"),
        auth=(userid, "password1") if userid else None,
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code in (302, 401, 403, 404)
    assert not response.content.startswith(b"%PDF")


def test_anyone_reads_the_public_minutes_without_huis_clos(closed):
    world = closed
    page = requests.get(f"{world.url}/@@decisions-publiques", timeout=30).text
    link = f"{world.url}/@@proces-verbal-public?seance={world.meeting.UID()}"
    assert link.replace("&", "&amp;") in page or link in page
    response = requests.get(link, timeout=30)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.content == world.meeting.minutes_public_file.data


def test_no_public_minutes_when_the_assembly_does_not_publish(closed):
    world = closed
    world.college.publish_decisions = False
    transaction.commit()
    link = f"{world.url}/@@proces-verbal-public?seance={world.meeting.UID()}"
    assert requests.get(link, timeout=30).status_code == 404
    bogus = f"{world.url}/@@proces-verbal-public?seance=nothing"
    assert requests.get(bogus, timeout=30).status_code == 404
