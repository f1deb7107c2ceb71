"""`make bench`: the product against plain Plone, in the same Zope and the same run.

1. bench/generate.py builds the commune at scale S (in a temporary directory) or L
   (cached in var/bench/cache-L and copied for each run, so the cache stays as built);
   it also times the legal clock on the generated permits (benchmark 5).
2. A LibreOffice server and a Zope start on free loopback ports; over HTTP, as the
   demo users, each benchmark alternates the product's request and plain Plone's, and
   takes the median after a warm-up.
3. A second, empty Zope creates commune sites from a minimal, non-demo profile and
   reports the time per site and its memory (RSS) at 1, 10, 30 sites.

Everything started here is stopped and removed at the end, also on a failure or Ctrl-C.
The figures go to var/bench/<scale>.json and var/bench/latest.json, which `make docs`
turns into docs/performance.md. Timings are never test assertions.
"""

from communesplone.core import office
from communesplone.core.instance import default_uno_python
from communesplone.core.instance import Instance
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from datetime import datetime
from instances import BIN
from instances import busy_note
from instances import child_environment
from instances import create_site
from instances import free_port
from instances import interrupt
from instances import LoadError
from instances import PASSWORD
from instances import ROOT
from instances import shielded
from instances import waitress_threads
from instances import workdir
from instances import Zope
from load import machine
from pathlib import Path

import argparse
import figures
import generate
import html
import json
import os
import requests
import shutil
import signal
import subprocess
import sys
import time


DEMO_PASSWORD = "demodemo"
JSON = {"Accept": "application/json"}
CLERK = "secretariat"
MINIMAL_PROFILE = ROOT / "bench" / "profiles" / "minimal.json"
CACHE = ROOT / "var" / "bench"


class Client:
    """A logged-in demo user: Basic auth on a kept-alive session."""

    def __init__(self, base: str, user: str):
        self.base, self.session = base, requests.Session()
        self.session.auth = (user, DEMO_PASSWORD)

    def get(self, path: str, headers=None, timeout=120) -> float:
        """GET and return the seconds it took; any answer but 2xx is an error."""
        started = time.perf_counter()
        response = self.session.get(self.base + path, headers=headers or {}, timeout=timeout)
        elapsed = time.perf_counter() - started
        if not 200 <= response.status_code < 300:
            raise LoadError(f"GET {path} : {response.status_code} {response.text[:300]}")
        return elapsed

    def text(self, path: str, headers=None) -> str:
        response = self.session.get(self.base + path, headers=headers or {}, timeout=120)
        response.raise_for_status()
        # Titles as written: plone.restapi escapes accents, Chameleon writes entities.
        if headers == JSON:
            return json.dumps(response.json(), ensure_ascii=False)
        return html.unescape(response.text)


def paired(product, plain, warmup: int, repeats: int) -> dict:
    """Alternate the two requests, so both meet the same load on the machine."""
    for _ in range(warmup):
        product()
        plain()
    ours, theirs = [], []
    for _ in range(repeats):
        ours.append(product())
        theirs.append(plain())
    product_ms, plain_ms = figures.median_ms(ours), figures.median_ms(theirs)
    return {
        "product_ms": product_ms,
        "plain_ms": plain_ms,
        "ratio": figures.ratio(product_ms, plain_ms),
        "repeats": repeats,
        "warmup": warmup,
    }


def meeting_page(site: str, manifest: dict, args) -> dict:
    """1. The meeting page with 150 items, as the clerk, vs a folder of 150 Documents."""
    clerk = Client(site, CLERK)
    meeting, plain = _path(manifest["bench_meeting"]), _path(manifest["plain_folder"])
    result = paired(lambda: clerk.get(meeting), lambda: clerk.get(plain), args.warmup, args.repeats)
    # What was measured: how many of the 150 items and Documents each page shows.
    result["items_shown"] = figures.distinct(clerk.text(meeting), generate.BENCH_ITEM_PREFIX)
    result["documents_shown"] = figures.distinct(clerk.text(plain), generate.PLAIN_PREFIX)
    return figures.verdict("meeting_page", result["ratio"], **result)


def agenda_json(site: str, manifest: dict, args) -> dict:
    """2. `@agenda` of the 150 items vs plone.restapi's listing of 150 Documents."""
    clerk = Client(site, CLERK)
    meeting, plain = _path(manifest["bench_meeting"]), _path(manifest["plain_folder"])
    result = paired(
        lambda: clerk.get(f"{meeting}/@agenda", JSON),
        lambda: clerk.get(f"{plain}?b_size=150&fullobjects=0", JSON),
        args.warmup,
        args.repeats,
    )
    result["items_shown"] = clerk.text(f"{meeting}/@agenda", JSON).count(generate.BENCH_ITEM_PREFIX)
    result["documents_shown"] = clerk.text(f"{plain}?b_size=150", JSON).count(generate.PLAIN_PREFIX)
    return figures.verdict("agenda_json", result["ratio"], **result)


def mail_dashboard(site: str, manifest: dict, args) -> dict:
    """3. « Mes courriers à traiter » of an agent; plain Plone's listing as the yardstick."""
    agent = Client(site, "agent.travaux")
    plain = _path(manifest["plain_folder"])
    result = paired(
        lambda: agent.get("/courrier/@@courriers?list=to_treat"),
        lambda: agent.get(plain),
        args.warmup,
        args.repeats,
    )
    return {"scale": manifest["scale"], **result}


def _post_all(url: str, user: str, bodies: list[dict], clients: int) -> tuple[float, list]:
    session_for = {}

    def post(body):
        # One session per thread: requests' sessions are not shared between threads.
        import threading

        session = session_for.setdefault(threading.get_ident(), requests.Session())
        started = time.perf_counter()
        # Long: a request that lost conflicts waits up to 2**n s before its retry n.
        response = session.post(
            url, json=body, auth=(user, DEMO_PASSWORD), headers=JSON, timeout=1800
        )
        answer = response.json() if response.content else {}
        if isinstance(answer, dict):
            answer["_seconds"] = time.perf_counter() - started
        return response.status_code, answer

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        answers = list(pool.map(post, bodies))
    return time.perf_counter() - started, answers


def _seconds(answer) -> float:
    return answer.get("_seconds", 0.0) if isinstance(answer, dict) else 0.0


def mail_registration(site: str, manifest: dict, args) -> dict:
    """4. 1,000 incoming mails over REST by 4 clients vs 1,000 Documents the same way."""
    count, clients = args.registrations, args.clients
    documents = [{"@type": "Document", "title": f"Page REST {n + 1}"} for n in range(count)]
    mails = [{"@type": "IncomingMail", "title": f"Courrier REST {n + 1}"} for n in range(count)]
    plain_url = site + _path(manifest["rest_folder"])
    plain_seconds, plain_answers = _post_all(plain_url, "admin", documents, clients)
    mail_seconds, mail_answers = _post_all(site + "/courrier", "courrier", mails, clients)
    failures = [
        f"{status} {str(body)[:200]}"
        for status, body in plain_answers + mail_answers
        if status != 201
    ]
    numbers = [body.get("reference") for status, body in mail_answers if status == 201]
    # The slowest request says more than the median: conflicts make a few wait long.
    slowest = {
        kind: round(max((_seconds(body) for _status, body in answers), default=0), 1)
        for kind, answers in (("mail", mail_answers), ("document", plain_answers))
    }
    mails_per_second = round(count / mail_seconds, 1)
    documents_per_second = round(count / plain_seconds, 1)
    result = figures.verdict(
        "mail_registration",
        figures.ratio(mails_per_second, documents_per_second),
        count=count,
        clients=clients,
        mails_per_second=mails_per_second,
        documents_per_second=documents_per_second,
        duplicates=figures.duplicates(numbers),
        numbered=len([n for n in numbers if n]),
        slowest_mail_s=slowest["mail"],
        slowest_document_s=slowest["document"],
        errors=len(failures),
        error_samples=failures[:5],
    )
    if result["duplicates"] or failures:
        result["met"] = False
    return result


def item_creation(site: str, manifest: dict, args) -> dict:
    """Not in the issue's list: one item created over REST by an agent, against one
    Document; its cost grows with the items the assembly holds (bench/findings.md)."""
    agent = ("agent.travaux", DEMO_PASSWORD)
    item = {"@type": "MeetingItem", "category": "Travaux", "privacy": "public"}
    plain_url = site + _path(manifest["rest_folder"])

    def post(url, auth, body):
        started = time.perf_counter()
        response = requests.post(url, json=body, auth=auth, headers=JSON, timeout=600)
        if response.status_code != 201:
            raise LoadError(f"POST {url} : {response.status_code} {response.text[:300]}")
        return time.perf_counter() - started

    counter = iter(range(10_000))
    result = paired(
        lambda: post(site + "/college", agent, {**item, "title": f"Point {next(counter)}"}),
        lambda: post(plain_url, ("admin", DEMO_PASSWORD), {"@type": "Document", "title": "P"}),
        1,
        args.creation_repeats,
    )
    return {**result, "value": result["ratio"], "target": None, "met": None}


def documents(site: str, manifest: dict, args) -> dict:
    """6. Agenda and minutes, ODT and PDF, of the 150-item meeting (seconds, median)."""
    clerk = Client(site, CLERK)
    meeting = _path(manifest["bench_meeting"])
    results = {}
    for name, template in (("agenda", "ordre-du-jour"), ("minutes", "proces-verbal")):
        uid = manifest["templates"][template]
        for output in ("odt", "pdf"):
            path = f"{meeting}/document-generation?template_uid={uid}&output_format={output}"
            clerk.get(path, timeout=600)  # warm-up: the template parsed, the converter up
            seconds = [clerk.get(path, timeout=600) for _ in range(args.document_repeats)]
            value = round(figures.median_ms(seconds) / 1000, 2)
            results[f"{name}_{output}"] = figures.verdict(
                f"{name}_{output}", value, repeats=args.document_repeats
            )
    return results


def _path(absolute_path: str) -> str:
    """A path inside the site from its path from the Zope root (/valmont/college/…)."""
    return "/" + absolute_path.strip("/").split("/", 1)[1] if "/" in absolute_path[1:] else ""


def _rss(pid: int) -> float | None:
    try:
        return figures.rss_mb(Path(f"/proc/{pid}/status").read_text())
    except OSError:
        return None


def sites(args) -> dict:
    """7. Commune sites from a non-demo profile in an empty Zope: seconds each, and the
    memory of the process at each count (after every site's front page was served once,
    as the first visit of the morning would)."""
    answers = json.loads(MINIMAL_PROFILE.read_text(encoding="utf-8"))
    counts = figures.parse_sites(args.sites)
    stack = ExitStack()
    try:
        home = workdir(stack, "bench-sites")
        instance = Instance(home=home / "instance", port=free_port())
        instance.configure()
        user, _generated = instance.prepare_admin(PASSWORD)
        env = child_environment(INSTANCE_HOME=str(instance.home))
        zope = Zope([BIN / "runwsgi", instance.zope_ini], env, instance.port, home / "zope.log")
        zope.start(stack)
        requests.get(zope.url, timeout=60)
        memory = {"0": _rss(zope.pid)}
        seconds, urls = [], []
        for number in range(1, counts[-1] + 1):
            site_answers = {
                **answers,
                "site_id": f"commune{number:03d}",
                "title": f"Commune de mesure {number}",
            }
            url, took = create_site(zope, user, site_answers, f"la commune {number}")
            seconds.append(round(took, 2))
            urls.append(url)
            print(f"  site {number} créé en {took:.1f} s", flush=True)
            if number in counts:
                for site_url in urls:
                    requests.get(site_url, auth=(user, PASSWORD), timeout=120)
                memory[str(number)] = _rss(zope.pid)
        median = sorted(seconds)[len(seconds) // 2]
        return {
            "creation": figures.verdict("site_creation", median, seconds=seconds, max=max(seconds)),
            "rss_mb": memory,
        }
    finally:
        with shielded():
            stack.close()


def prepare_dataset(stack: ExitStack, args, office_port: int) -> tuple[Instance, dict, dict]:
    """The instance to serve (S: made now; L: a copy of the cache) and its manifest."""
    command = [sys.executable, ROOT / "bench" / "generate.py", "--scale", args.scale]
    clock_out = workdir(stack, "bench-clock") / "clock.json"
    if args.instance:  # a dataset kept from before, served as it is (to re-measure)
        home = Path(args.instance).resolve()
    elif args.scale == "L":
        cache = CACHE / "cache-L" / "instance"
        if not (cache / generate.MANIFEST).exists():
            shutil.rmtree(cache, ignore_errors=True)
            print("Jeu L : création (moins d'une heure), gardé dans var/bench/cache-L…")
            _run([*command, "--instance", cache, "--office-port", office_port])
        home = workdir(stack, "bench-L") / "instance"
        print("Copie du jeu L…")
        shutil.copytree(cache, home, ignore=shutil.ignore_patterns("*.lock", "log", "cache"))
    if not args.instance and args.scale != "L":
        home = workdir(stack, f"bench-{args.scale}") / "instance"
    _run(
        [
            *command,
            *("--instance", home, "--office-port", office_port),
            *("--clock", args.clock_permits, "--clock-out", clock_out),
        ]
    )
    manifest = json.loads((home / generate.MANIFEST).read_text())
    clock = json.loads(clock_out.read_text())
    return Instance(home=home, port=free_port(), office_port=office_port), manifest, clock


def _run(command: list) -> None:
    result = subprocess.run([str(part) for part in command], env=child_environment())
    if result.returncode:
        raise LoadError(f"{Path(str(command[1])).name} a échoué (code {result.returncode}).")


def start_office(stack: ExitStack, port: int) -> str:
    """LibreOffice for benchmark 6; the reason when it cannot start."""
    try:
        office.check_uno_python(default_uno_python())
        process = office.start_office(port, workdir(stack, "bench-office") / "profile")
    except office.OfficeError as exc:
        return str(exc)
    stack.callback(office.stop, process)
    return ""


def keep_logs(instance: Instance | None, target: Path) -> None:
    """The throwaway instance goes; its logs stay, for what a failure left in them."""
    if instance is None:
        return
    target.mkdir(parents=True, exist_ok=True)
    for source in (instance.home.parent / "zope.log", instance.home / "log" / "event.log"):
        if source.exists():
            shutil.copyfile(source, target / source.name)


def failure(exc: Exception) -> str:
    """Why a benchmark has no figure, without this run's ports (they mean nothing later)."""
    if isinstance(exc, requests.Timeout):
        return "échec : une requête n'a pas répondu dans le délai (voir bench/findings.md)."
    if isinstance(exc, requests.ConnectionError):
        return "échec : Zope ne répondait plus."
    return f"échec : {type(exc).__name__} : {str(exc)[:300]}"


def run(args, load_at_start: float) -> dict:
    result = {
        "date": datetime.now().isoformat(timespec="seconds"),
        "machine": machine(),
        "load_average": round(load_at_start, 2),
        "scale": args.scale,
        "benchmarks": {},
        "skipped": {},
    }
    benchmarks = result["benchmarks"]
    stack = ExitStack()
    try:
        office_port = free_port()
        office_problem = start_office(stack, office_port)
        instance, manifest, clock = prepare_dataset(stack, args, office_port)
        result["dataset"] = {
            key: manifest.get(key)
            for key in ("counts", "generation_seconds", "step_seconds", "generated", "pst_actions")
        }
        benchmarks["legal_clock"] = figures.verdict(
            "legal_clock", clock.get("permits_per_second"), **clock
        )
        instance.configure()
        env = child_environment(INSTANCE_HOME=str(instance.home))
        print(f"Zope sur le port {instance.port}…")
        log = instance.home.parent / "zope.log"
        zope = Zope([BIN / "runwsgi", instance.zope_ini], env, instance.port, log)
        zope.start(stack)
        site = f"{zope.url}/{manifest['site_id']}"
        result["note"] = (
            f"Un processus Zope de {waitress_threads()} fils (waitress), FileStorage ; "
            "les clients HTTP tournent sur la même machine"
        )
        steps = [
            ("meeting_page", meeting_page),
            ("agenda_json", agenda_json),
            ("mail_dashboard", mail_dashboard),
            ("mail_registration", mail_registration),
            ("item_creation", item_creation),
        ]
        if office_problem:
            result["skipped"]["documents"] = office_problem
        else:
            steps.append(("documents", documents))
        for name, step in steps:
            if args.only and name not in args.only:
                continue
            print(f"{name}…", flush=True)
            started = time.monotonic()
            try:
                benchmarks[name] = step(site, manifest, args)
            except (LoadError, requests.RequestException, KeyError, ValueError) as exc:
                # One failed benchmark must not throw away the others' figures.
                result["skipped"][name] = failure(exc)
                print(f"  {result['skipped'][name]}")
                continue
            print(f"  {json.dumps(benchmarks[name], ensure_ascii=False)[:300]}")
            print(f"  ({time.monotonic() - started:.0f} s)")
        result["rss_mb_after"] = _rss(zope.pid)
    finally:
        with shielded():
            keep_logs(locals().get("instance"), Path(args.out) / f"logs-{args.scale}")
            stack.close()
    if args.sites and (not args.only or "sites" in args.only):
        print(f"Sites des communes ({args.sites})…", flush=True)
        try:
            benchmarks["sites"] = sites(args)
        except (LoadError, requests.RequestException) as exc:
            result["skipped"]["sites"] = failure(exc)
    return result


def merged(previous_path: Path, result: dict) -> dict:
    """`--only`: the benchmarks measured now replace theirs in the previous run's figures,
    which keep their date; the page says which were measured again, and when."""
    if not previous_path.exists():
        return result
    previous = json.loads(previous_path.read_text(encoding="utf-8"))
    if previous.get("scale") != result["scale"]:
        return result
    for name, figures_now in result["benchmarks"].items():
        if name == "legal_clock" and "legal_clock" in previous["benchmarks"]:
            continue  # measured on each run's dataset, only kept from the full run
        previous["benchmarks"][name] = {**figures_now, "measured": result["date"]}
        previous.get("skipped", {}).pop(name, None)
    previous.setdefault("skipped", {}).update(result.get("skipped", {}))
    return previous


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=sorted(generate.SCALES), default="S")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--document-repeats", type=int, default=3)
    parser.add_argument("--registrations", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--creation-repeats", type=int, default=5)
    parser.add_argument("--clock-permits", type=int, default=10_000)
    parser.add_argument("--sites", default="1,10,30", help="site counts ('' : skipped)")
    parser.add_argument("--only", action="append", help="one benchmark (repeatable)")
    parser.add_argument("--out", default=str(ROOT / "var" / "bench"))
    parser.add_argument(
        "--instance", help="serve this generated instance instead of making one (not removed)"
    )
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)
    signal.signal(signal.SIGTERM, interrupt)
    signal.signal(signal.SIGHUP, interrupt)
    load_at_start = os.getloadavg()[0]
    try:
        result = run(args, load_at_start)
    except KeyboardInterrupt:
        print("\nInterrompu : les instances jetables sont arrêtées et supprimées.")
        return 130
    except LoadError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 1
    result["note"] = (
        result.get("note", "")
        + f". Charge du système au lancement (load average sur 1 min) : {load_at_start:.2f}"
        + busy_note(load_at_start)
    )
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if args.only:
        result = merged(out / f"{args.scale}.json", result)
    text = json.dumps(result, ensure_ascii=False, indent=2)
    (out / f"{args.scale}.json").write_text(text, encoding="utf-8")
    (out / "latest.json").write_text(text, encoding="utf-8")
    print(f"Résultats dans {out}/latest.json ; `make docs` les écrit dans docs/performance.md.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
