"""Build the commune `make bench` measures, at scale S (default) or L, offline.

The demo commune (its users, services, assemblies) grown to the chosen scale with the
product's own APIs, so every object goes through the events, numbering, local roles and
indexing a real one does. FileStorage allows one writer: the dataset is made before
Zope serves it, with the instance's own configuration, committing in batches so memory
stays bounded and a crash loses one batch. A manifest beside the database records what
was built; a second call only points the site at this run's LibreOffice port.

Also made here, because they must live in the same site and run: the bench meeting
(150 items, decided, for the meeting page, `@agenda` and the documents), the plain Plone
folder of 150 Documents it is compared with, and an empty folder where the REST
benchmark creates Documents. `--clock` times the legal clock on the generated permits
(benchmark 5), in-process on the opened database.

    .venv/bin/python bench/generate.py --instance DIR --scale S
"""

from contextlib import contextmanager
from contextlib import suppress
from dataclasses import asdict
from dataclasses import dataclass
from datetime import date
from datetime import datetime
from datetime import timedelta
from pathlib import Path

import argparse
import json
import logging
import random
import sys
import time


@dataclass(frozen=True)
class Scale:
    meetings: int
    items: int  # per meeting
    mails: int
    permits: int
    actions: int  # PST actions in all


SCALES = {
    # XS: to check the harness in a few minutes; its figures mean nothing.
    "XS": Scale(meetings=2, items=3, mails=100, permits=20, actions=50),
    "S": Scale(meetings=10, items=30, mails=5_000, permits=300, actions=50),
    "L": Scale(meetings=200, items=150, mails=100_000, permits=10_000, actions=300),
}
SITE_ID = "valmont"
BENCH_ITEMS = 150
PLAIN_FOLDER = "plone-ordinaire"
REST_FOLDER = "plone-ordinaire-rest"
MANIFEST = "bench-dataset.json"
BENCH_ITEM_PREFIX = "Séance de mesure — point"
PLAIN_PREFIX = "Document ordinaire"
BATCH = 200
# A commune registers mail at a steady pace: a bigger dataset is a longer history, not
# more open mail per agent (older mail is closed), as in a real registry.
MAILS_PER_DAY = 40
AGENTS = {"travaux": "agent.travaux", "urbanisme": "agent.urbanisme", "finances": "agent.finances"}
MAIL_SERVICES = ("travaux", "travaux", "urbanisme", "finances", "population", "culture")
ITEM_KINDS = (
    ("travaux", "Travaux", "public"),
    ("finances", "Finances", "public"),
    ("secretariat", "Administration générale", "public"),
    ("culture", "Culture, sports et jeunesse", "public"),
    ("urbanisme", "Urbanisme et environnement", "public"),
    ("rh", "Personnel", "secret"),
)
DECISIONS = ("accept", "accept", "accept", "accept_amended", "refuse")


def mail_age(index: int, total: int, per_day: int = MAILS_PER_DAY) -> int:
    """Days since mail `index` (0 the oldest) arrived: numbers follow the dates."""
    return (total - 1 - index) // per_day


def mail_state(age: int, rng: random.Random) -> str:
    """Older mail is further along: most is closed, recent mail waits (as the demo)."""
    if age < 4:
        return rng.choice(("registered", "registered", "assigned"))
    if age < 20:
        return rng.choice(("assigned", "in_treatment", "in_treatment", "closed"))
    if age < 45:
        return rng.choice(("in_treatment", "closed", "closed"))
    return rng.choice(("closed",) * 12 + ("cancelled",))


def meeting_days(count: int) -> list[int]:
    """Days from today of `count` weekly meetings: all past but the last two."""
    return [7 * (position - count + 2) for position in range(count)]


def action_tree(actions: int, per_objective: int = 5) -> list[int]:
    """Actions per new operational objective, `per_objective` at most each."""
    full, rest = divmod(max(actions, 0), per_objective)
    return [per_objective] * full + ([rest] if rest else [])


class Batches:
    """Commit every BATCH objects, and let the ZODB cache shrink: L has 100,000 mails."""

    def __init__(self, app, size: int = BATCH):
        self.app, self.size, self.pending = app, size, 0

    def add(self, count: int = 1) -> None:
        self.pending += count
        if self.pending >= self.size:
            self.commit()

    def commit(self) -> None:
        import transaction

        transaction.commit()
        self.app._p_jar.cacheGC()
        self.pending = 0


def _progress(total: int, label: str):
    from tqdm import tqdm

    return tqdm(total=total, desc=label, unit=" obj", file=sys.stdout, mininterval=2)


def _meeting_items(assembly, meeting, count: int, prefix: str, batches) -> list:
    from communesplone.meetings.demo import _add_item
    from communesplone.meetings.demo import _do

    items = []
    for number in range(count):
        service, category, privacy = ITEM_KINDS[number % len(ITEM_KINDS)]
        title = f"{prefix} — point {number + 1} : {category.lower()}"
        item = _add_item(assembly, title, service, category, privacy, meeting)
        _do(item, "propose", "validate", "present")
        items.append(item)
        batches.add()
    return items


def _decide(meeting, items, batches) -> None:
    from communesplone.meetings.demo import _do

    _do(meeting, "freeze", "start_session")
    for number, item in enumerate(items):
        _do(item, DECISIONS[number % len(DECISIONS)])
        batches.add()
    _do(meeting, "decide")


def make_meetings(portal, scale: Scale, batches) -> dict:

    result = _make_meetings(portal["college"], scale, batches)
    batches.commit()
    return result


def _make_meetings(college, scale: Scale, batches) -> dict:
    from communesplone.meetings.demo import _add_meeting

    bar = _progress(scale.meetings * scale.items + BENCH_ITEMS, "séances et points")
    for days in meeting_days(scale.meetings):
        meeting = _add_meeting(college, days, 9)
        items = _meeting_items(college, meeting, scale.items, f"Collège {days:+d} j", batches)
        if days < 0:
            _decide(meeting, items, batches)
        bar.update(len(items))
    # The meeting the page, @agenda and document benchmarks read: 150 items, decided.
    meeting = _add_meeting(college, -1, 14)
    items = _meeting_items(college, meeting, BENCH_ITEMS, BENCH_ITEM_PREFIX[:-8], batches)
    _decide(meeting, items, batches)
    bar.update(len(items))
    bar.close()
    batches.commit()
    return {"bench_meeting": meeting.absolute_url_path(), "bench_meeting_uid": meeting.UID()}


def make_mails(portal, scale: Scale, batches) -> None:
    from communesplone.core.workflow import set_state
    from communesplone.mail.demo import STREETS
    from communesplone.mail.demo import SUBJECTS
    from communesplone.mail.demo import TYPES
    from communesplone.mail.tenant import FOLDER_ID
    from plone import api
    from plone.dexterity.utils import createContentInContainer

    folder = portal[FOLDER_ID]
    rng = random.Random(2026)
    senders = [b.UID for b in api.content.find(portal_type=["Organization", "Person"])]
    known = {b.service_code for b in api.content.find(portal_type="Service")}
    services = [code for code in MAIL_SERVICES if code in known]
    today = date.today()
    bar = _progress(scale.mails, "courriers entrants")
    for index in range(scale.mails):
        age = mail_age(index, scale.mails)
        received = today - timedelta(days=age)
        service = rng.choice(services)
        state = mail_state(age, rng)
        fields = {
            "title": rng.choice(SUBJECTS[service]).format(street=rng.choice(STREETS)),
            "reception_date": received,
            "original_date": received - timedelta(days=rng.randint(1, 5)),
            "channel": rng.choice(("post", "post", "email", "counter", "registered")),
            "mail_type": TYPES.get(service, "letter"),
            "sender": rng.choice(senders) if senders else None,
            "due_date": received + timedelta(days=30),
        }
        if state != "registered":
            fields["treating_service"] = service
        if state in ("in_treatment", "closed") and service in AGENTS:
            fields["assigned_agent"] = AGENTS[service]
        mail = createContentInContainer(folder, "IncomingMail", checkConstraints=False, **fields)
        if state != "registered":
            set_state(mail, state, comment="Jeu de données de mesure.")
        batches.add()
        bar.update()
    bar.close()
    batches.commit()


def make_permits(portal, scale: Scale, batches) -> None:
    from communesplone.urban import tracking
    from communesplone.urban.demo import add_permit
    from communesplone.urban.demo import DEMO_PERMITS
    from communesplone.urban.tenant import FOLDER_ID

    folder = portal[FOLDER_ID]
    today = date.today()
    bar = _progress(scale.permits, "permis")
    for index in range(scale.permits):
        procedure, subject, address, parcel, agent, steps = DEMO_PERMITS[index % len(DEMO_PERMITS)]
        permit = add_permit(
            folder, procedure, f"{subject} ({index + 1})", address, parcel, agent, steps, today
        )
        tracking.refresh(permit, record_saisine_now=True)
        batches.add(1 + len(steps))
        bar.update()
    bar.close()
    batches.commit()


def make_pst(portal, scale: Scale, batches) -> int:
    """Grow the demo plan to `scale.actions` actions, in new objectives."""
    from communesplone.pst import tree
    from communesplone.pst.demo import _add
    from communesplone.pst.demo import _do
    from communesplone.pst.demo import _fields
    from communesplone.pst.demo import ACTION_PATHS
    from communesplone.pst.demo import OBJECTIVE_PATHS
    from communesplone.pst.tenant import FOLDER_ID
    from plone import api

    folder = portal[FOLDER_ID]
    plan = next(obj for obj in folder.objectValues() if obj.portal_type == "StrategicPlan")
    existing = len(api.content.find(context=plan, portal_type="Action"))
    missing = scale.actions - existing
    today = date.today()
    states = ("ongoing", "ongoing", "to_be_scheduled", "terminated", "created")
    with tree.suspended():
        strategic = _add(
            plan,
            "StrategicObjective",
            _fields({"title": "Être une commune mesurée", "start": -23, "end": 49}, {}, today, {}),
        )
        _do(strategic, OBJECTIVE_PATHS["ongoing"])
        for number, count in enumerate(action_tree(missing)):
            spec = {"title": f"Objectif de mesure {number + 1}", "start": -22, "end": 48}
            operational = _add(strategic, "OperationalObjective", _fields(spec, {}, today, {}))
            _do(operational, OBJECTIVE_PATHS["ongoing"])
            for position in range(count):
                state = states[position % len(states)]
                action_spec = {
                    "title": f"Action de mesure {number + 1}.{position + 1}",
                    "services": ["travaux"],
                    "agent": "agent.travaux",
                    "start": -6,
                    "end": 18,
                    "progress": 40,
                }
                action = _add(operational, "Action", _fields(action_spec, {}, today, {}))
                _do(action, ACTION_PATHS[state])
                batches.add()
    tree.refresh(plan)
    batches.commit()
    return existing + max(missing, 0)


def _publish(obj) -> None:
    """Plone's default workflow for plain content: published, so every user reads it."""
    from plone import api

    with suppress(api.exc.InvalidParameterError):
        api.content.transition(obj, transition="publish")


def make_plain(portal, batches) -> dict:
    """Plain Plone beside the product: a folder of 150 Documents, and an empty one."""
    from plone import api

    for folder_id in (PLAIN_FOLDER, REST_FOLDER):
        if folder_id in portal.objectIds():
            api.content.delete(portal[folder_id])
    plain = api.content.create(
        container=portal, type="Folder", id=PLAIN_FOLDER, title="Plone ordinaire"
    )
    for number in range(BENCH_ITEMS):
        document = api.content.create(
            container=plain,
            type="Document",
            id=f"document-{number + 1}",
            title=f"{PLAIN_PREFIX} {number + 1}",
            description="Une page Plone sans rien de la commune, pour comparer.",
        )
        _publish(document)  # the clerk reads them, as the meeting's items
        batches.add()
    rest = api.content.create(
        container=portal, type="Folder", id=REST_FOLDER, title="Plone ordinaire (REST)"
    )
    for folder in (plain, rest):
        _publish(folder)
    batches.commit()
    return {"plain_folder": plain.absolute_url_path(), "rest_folder": rest.absolute_url_path()}


def template_uids() -> dict:
    from communesplone.core import documents

    folder = documents.templates_folder()
    return {name: folder[name].UID() for name in ("ordre-du-jour", "proces-verbal")}


def clock_benchmark(portal, permits: int) -> dict:
    """Benchmark 5: deadlines of `permits` files (cycling through the generated ones).

    Measured twice: as the dashboards' refresh does (each permit read from the
    database, its events turned into clock events) and the clock alone, events in hand:
    the difference is the cost of reading the files, not of the legal rules."""
    from communesplone.urban.clock import compute_deadlines
    from communesplone.urban.deadlines import permit_deadlines
    from communesplone.urban.tenant import FOLDER_ID

    folder = portal[FOLDER_ID]
    files = list(folder.objectValues())
    if not files:
        return {"error": "aucun permis"}
    today = date.today()
    for permit in files:  # warm-up: objects in the cache, rules loaded
        permit_deadlines(permit, today)
    started = time.perf_counter()
    for number in range(permits):
        permit_deadlines(files[number % len(files)], today)
    with_files = time.perf_counter() - started
    prepared = [(permit.procedure, permit.clock_events()) for permit in files]
    started = time.perf_counter()
    for number in range(permits):
        procedure, events = prepared[number % len(prepared)]
        compute_deadlines(procedure, events, today)
    alone = time.perf_counter() - started
    return {
        "permits": permits,
        "distinct_files": len(files),
        "seconds": round(with_files, 3),
        "permits_per_second": round(permits / with_files, 1),
        "clock_alone_seconds": round(alone, 3),
        "clock_alone_per_second": round(permits / alone, 1),
    }


@contextmanager
def as_manager(portal, userid: str = "admin"):
    """Workflow guards check roles, which Zope's system user has none of: the site's
    admin, with the Manager role, is the author of the dataset."""
    from AccessControl.SecurityManagement import getSecurityManager
    from AccessControl.SecurityManagement import newSecurityManager
    from AccessControl.SecurityManagement import setSecurityManager
    from AccessControl.users import UnrestrictedUser

    previous = getSecurityManager()
    user = UnrestrictedUser(userid, "", ["Manager", "Authenticated"], [])
    newSecurityManager(None, user.__of__(portal.acl_users))
    try:
        yield
    finally:
        setSecurityManager(previous)


def build(app, scale_name: str) -> dict:
    """Create the demo commune, then grow it; returns the manifest."""
    from communesplone.core.tenants.profile import demo_profile_path
    from communesplone.core.tenants.profile import load_profile
    from communesplone.core.tenants.sites import create_site
    from communesplone.core.tenants.sites import on_site

    import transaction

    scale = SCALES[scale_name]
    timings = {}
    started = time.monotonic()
    print("Commune de démonstration…", flush=True)
    create_site(app, load_profile(demo_profile_path()))
    transaction.commit()
    timings["demo"] = round(time.monotonic() - started, 1)
    batches = Batches(app)
    manifest = {"scale": scale_name, "counts": asdict(scale), "site_id": SITE_ID}
    with on_site(app[SITE_ID]) as portal, as_manager(portal):
        for name, step in (
            ("meetings", lambda: manifest.update(make_meetings(portal, scale, batches))),
            ("mails", lambda: make_mails(portal, scale, batches)),
            ("permits", lambda: make_permits(portal, scale, batches)),
            ("pst", lambda: manifest.update(pst_actions=make_pst(portal, scale, batches))),
            ("plain", lambda: manifest.update(make_plain(portal, batches))),
        ):
            step_started = time.monotonic()
            step()
            timings[name] = round(time.monotonic() - step_started, 1)
        manifest["templates"] = template_uids()
        batches.commit()
    manifest["generation_seconds"] = round(time.monotonic() - started, 1)
    manifest["step_seconds"] = timings
    manifest["generated"] = datetime.now().isoformat(timespec="seconds")
    return manifest


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instance", required=True, help="instance home (made if missing)")
    parser.add_argument("--scale", choices=sorted(SCALES), default="S")
    parser.add_argument("--office-port", type=int, default=2002)
    parser.add_argument("--clock", type=int, default=0, help="time the clock on N permits")
    parser.add_argument("--clock-out", help="JSON file for the clock's figures")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)

    from communesplone.core import documents
    from communesplone.core.instance import Instance
    from communesplone.core.tenants.sites import on_site
    from communesplone.core.zopeapp import zope_app

    import transaction

    # One line per step and a progress bar, not every notification the demo skips.
    logging.getLogger("communesplone").setLevel(logging.ERROR)
    instance = Instance(home=Path(args.instance).resolve(), office_port=args.office_port)
    instance.configure()
    target = instance.home / MANIFEST
    manifest = json.loads(target.read_text()) if target.exists() else None
    if manifest and manifest.get("scale") != args.scale:
        print(f"{instance.home} contient l'échelle {manifest['scale']}, pas {args.scale}.")
        return 2
    with zope_app(instance) as app:
        if manifest is None:
            if SITE_ID in app.objectIds():
                print(f"{instance.home} a déjà un site {SITE_ID} sans manifeste : refusé.")
                return 2
            manifest = build(app, args.scale)
            target.write_text(json.dumps(manifest, ensure_ascii=False, indent=2))
            print(f"Jeu {args.scale} fait en {manifest['generation_seconds']:.0f} s.")
        else:
            print(f"Jeu {args.scale} déjà fait le {manifest['generated']} : réutilisé.")
        with on_site(app[SITE_ID]) as portal:
            # zope.conf gives this run's LibreOffice port in the environment.
            documents.configure_office()
            transaction.commit()
            if args.clock:
                figures = clock_benchmark(portal, args.clock)
                print(f"Horloge légale : {figures}")
                Path(args.clock_out).write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
