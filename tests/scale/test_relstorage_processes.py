"""Two Zope processes on one PostgreSQL database (RelStorage), as behind a load balancer.

Several clients register mail and create items, spread over both processes; one process
is killed with SIGKILL halfway and started again. Afterwards every acknowledged object
exists once, mail numbers are unique and without gap, and no half-written object remains.
"""

from clihelpers import BIN
from clihelpers import cli
from communesplone.testing import second_commune_profile
from concurrent.futures import ThreadPoolExecutor
from ports import free_port

import itertools
import json
import os
import pytest
import re
import requests
import signal
import subprocess
import threading
import time


PASSWORD = "operateur-relstorage"
AUTH = ("zopeadmin", PASSWORD)
JSON = {"Accept": "application/json"}
CLIENTS = 4
MAILS_PER_CLIENT = 12
ITEMS_PER_CLIENT = 4


def environment(postgres) -> dict:
    return {
        "COMMUNESPLONE_STORAGE": "relstorage",
        "COMMUNESPLONE_RELSTORAGE_DSN": postgres,
        "COMMUNESPLONE_ADMIN_PASSWORD": PASSWORD,
    }


class Process:
    """`communesplone serve --port N`, started and killed at will."""

    def __init__(self, home, port, env):
        self.home, self.port, self.env = home, port, env
        self.popen = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        variables = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith("COMMUNESPLONE_") and key != "INSTANCE_HOME"
        }
        self.popen = subprocess.Popen(
            [str(BIN / "communesplone"), "--instance", str(self.home), "serve"]
            + ["--port", str(self.port)],
            env={**variables, **self.env},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # SIGKILL reaches Zope, not only the command
        )
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            try:
                requests.get(self.url, timeout=5)
                return self
            except requests.ConnectionError:
                assert self.popen.poll() is None, "Zope s'est arrêté au démarrage"
                time.sleep(1)
        raise AssertionError(f"Zope ne répond pas sur {self.url}")

    def kill(self):
        os.killpg(self.popen.pid, signal.SIGKILL)
        self.popen.wait(timeout=30)

    def stop(self):
        if self.popen is not None and self.popen.poll() is None:
            os.killpg(self.popen.pid, signal.SIGTERM)
            self.popen.wait(timeout=60)


@pytest.fixture(scope="module")
def cluster(postgres, tmp_path_factory):
    home = tmp_path_factory.mktemp("instance")
    env = environment(postgres)
    profile = home / "autreville.json"
    profile.write_text(
        json.dumps(
            {
                **second_commune_profile(),
                "assemblies": [{"code": "college", "title": "Collège", "kind": "college"}],
            }
        )
    )
    created = cli(home, "sites", "create", "autreville", "--profile", str(profile), env=env)
    assert created.returncode == 0, created.stdout + created.stderr
    processes = [Process(home, free_port(), env).start()]
    processes.append(Process(home, free_port(), env).start())
    yield processes
    for process in processes:
        process.stop()


def post(process, path, payload):
    return requests.post(
        f"{process.url}/autreville/{path}", json=payload, auth=AUTH, headers=JSON, timeout=120
    )


def test_two_processes_share_one_database_and_survive_a_kill(cluster):
    first, second = cluster
    jobs = [
        ("courrier", {"@type": "IncomingMail", "title": f"Courrier {c}-{n}"})
        for c in range(CLIENTS)
        for n in range(MAILS_PER_CLIENT)
    ]
    jobs += [
        (
            "college",
            {"@type": "MeetingItem", "title": f"Point {c}-{n}", "proposing_service": "secretariat"},
        )
        for c in range(CLIENTS)
        for n in range(ITEMS_PER_CLIENT)
    ]
    jobs.sort(key=lambda job: job[1]["title"][-1])  # mails and items interleaved
    acknowledged, lost = [], []
    turn = itertools.count()
    halfway = threading.Event()
    lock = threading.Lock()

    def send(job):
        path, payload = job
        with lock:
            index = next(turn)
        if index == len(jobs) // 2:
            halfway.set()
        # Round robin, as a load balancer does; a dead process sends the client to the
        # other one (its request may or may not have been committed before the kill).
        for process in (cluster[index % 2], cluster[(index + 1) % 2]):
            try:
                response = post(process, path, payload)
            except requests.ConnectionError:
                lost.append(payload["title"])
                continue
            assert response.status_code == 201, response.text
            acknowledged.append(response.json())
            return

    def killer():
        halfway.wait(timeout=600)
        second.kill()
        second.start()

    with ThreadPoolExecutor(max_workers=CLIENTS + 1) as pool:
        restart = pool.submit(killer)
        list(pool.map(send, jobs))
        restart.result()

    # Started again, the killed process serves again.
    for number in range(2):
        job = ("courrier", {"@type": "IncomingMail", "title": f"Après la relance {number}"})
        jobs.append(job)
        response = post(second, *job)
        assert response.status_code == 201, response.text
        acknowledged.append(response.json())
    # Each acknowledged object exists once, read through either process.
    found = {}
    for process in (first, second):
        response = requests.get(
            f"{process.url}/autreville/@search",
            params={
                "portal_type": ["IncomingMail", "MeetingItem"],
                "b_size": 1000,
                "metadata_fields": ["UID"],
            },
            auth=AUTH,
            headers=JSON,
            timeout=120,
        )
        assert response.status_code == 200, response.text
        found[process.port] = {item["UID"]: item for item in response.json()["items"]}
    seen = {
        port: {uid: (item["title"], item["@id"].rsplit("/", 1)[1]) for uid, item in items.items()}
        for port, items in found.items()
    }
    assert seen[first.port] == seen[second.port]
    objects = found[first.port]
    assert {item["UID"] for item in acknowledged} <= set(objects)
    assert len(acknowledged) == len(jobs)
    # A request cut by the kill may have been committed: at most one object more each.
    assert len(jobs) <= len(objects) <= len(jobs) + len(lost)
    titles = [item["title"] for item in objects.values()]
    assert len(titles) == len(set(titles)) + (len(objects) - len(jobs))
    # Mail numbers: unique, and without gap (a number is taken in the mail's transaction).
    # A mail's address is its reference (« e2026-000012 »).
    mail_ids = sorted(
        item["@id"].rsplit("/", 1)[1]
        for item in objects.values()
        if item["@type"] == "IncomingMail"
    )
    assert all(re.fullmatch(r"e\d{4}-\d{6}", mail_id) for mail_id in mail_ids), mail_ids
    numbers = sorted(int(mail_id.split("-")[1]) for mail_id in mail_ids)
    assert numbers == list(range(1, len(numbers) + 1))
    assert {item["reference"] for item in acknowledged if item["@type"] == "IncomingMail"} <= {
        mail_id.upper().replace("-", "/") for mail_id in mail_ids
    }
    # No half-written object: every object has its title.
    assert all(item["title"] for item in objects.values())
