"""A bounded load test of the main pages and REST calls, against running Zope processes.

N simulated users (20 by default) each log in as a demo user and loop over the scenario
for a fixed time (60 s), spread over one or more Zope processes given by `--url` (several
URLs: the script is the load balancer, round robin). Every request must answer 2xx; the
figures (throughput, latency percentiles per request and overall, errors) go to a JSON
file under var/load/, which `make docs` turns into docs/performance.md.

Before the clock starts, each process serves the scenario once (not counted): the first
requests of a fresh process load the catalog and compile the templates, which says
nothing about the load it bears. A failure there still counts as an error.

Loopback only. `make load` starts throwaway instances for it (bench/run_load.py);
`make load LOAD_URL=…` points it at an instance already running on this machine.
"""

from datetime import datetime
from pathlib import Path

import argparse
import itertools
import json
import os
import platform
import requests
import statistics
import threading
import time


PASSWORD = "demodemo"
JSON = {"Accept": "application/json"}
# (name, user, path, headers): what the people of a commune do most.
SCENARIO = (
    ("Accueil (tableau de bord)", "agent.travaux", "", {}),
    ("Mes points", "agent.travaux", "/@@mes-points", {}),
    ("Courrier à traiter", "courrier", "/courrier", {}),
    ("Page du Collège", "secretariat", "/college", {}),
    ("PST : le programme", "dg", "/pst", {}),
    ("REST : recherche", "secretariat", "/@search?portal_type=MeetingItem&b_size=50", JSON),
    ("REST : courrier", "courrier", "/courrier?b_size=50", JSON),
    ("Page publique du PST", None, "/@@pst-public", {}),
)


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def summary(latencies: list[float]) -> dict:
    return {
        "requests": len(latencies),
        "p50_ms": round(percentile(latencies, 0.50) * 1000, 1),
        "p95_ms": round(percentile(latencies, 0.95) * 1000, 1),
        "p99_ms": round(percentile(latencies, 0.99) * 1000, 1),
        "mean_ms": round(statistics.fmean(latencies) * 1000, 1) if latencies else 0.0,
    }


def machine() -> str:
    """What the figures depend on: cores, processor, memory, system, Python."""
    model = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            model = next(
                (
                    line.split(":", 1)[1].strip()
                    for line in cpuinfo
                    if line.startswith("model name")
                ),
                "",
            )
    except OSError:
        pass
    memory = ""
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f"{pages / 1024**3:.0f} Go de mémoire"
    except (ValueError, OSError):
        pass
    try:
        system = platform.freedesktop_os_release().get("PRETTY_NAME", platform.system())
    except OSError:
        system = platform.system()
    parts = [
        f"{os.cpu_count()} cœurs",
        model,
        memory,
        system,
        f"Python {platform.python_version()}",
    ]
    return " · ".join(part for part in parts if part)


def _get(session, url, userid, headers) -> tuple[bool, str]:
    auth = (userid, PASSWORD) if userid else None
    try:
        response = session.get(url, auth=auth, headers=headers, timeout=60)
    except requests.RequestException as exc:
        return False, type(exc).__name__
    return 200 <= response.status_code < 300, str(response.status_code)


def warm_up(urls: list[str]) -> list[dict]:
    """Each process serves the scenario once, uncounted; returns the failures."""
    errors = []
    for base in urls:
        sessions = {}
        for name, userid, path, headers in SCENARIO:
            session = sessions.setdefault(userid, requests.Session())
            ok, detail = _get(session, base + path, userid, headers)
            if not ok:
                errors.append(
                    {"request": f"{name} (mise en route)", "url": base + path, "error": detail}
                )
    return errors


def run(urls: list[str], users: int, seconds: float, warmup: bool = True) -> dict:
    latencies = {name: [] for name, *_rest in SCENARIO}
    errors = warm_up(urls) if warmup else []
    lock = threading.Lock()
    turn = itertools.count()
    stop = threading.Event()
    deadline = time.monotonic() + seconds

    def user(number: int):
        sessions = {}
        steps = itertools.cycle(
            SCENARIO[number % len(SCENARIO) :] + SCENARIO[: number % len(SCENARIO)]
        )
        while time.monotonic() < deadline and not stop.is_set():
            name, userid, path, headers = next(steps)
            with lock:
                base = urls[next(turn) % len(urls)]
            session = sessions.setdefault(userid, requests.Session())
            started = time.monotonic()
            ok, detail = _get(session, base + path, userid, headers)
            elapsed = time.monotonic() - started
            with lock:
                if ok:
                    latencies[name].append(elapsed)
                else:
                    errors.append({"request": name, "url": base + path, "error": detail})

    started = time.monotonic()
    # Daemon threads: Ctrl-C ends the run now, not when the last request times out.
    threads = [threading.Thread(target=user, args=(n,), daemon=True) for n in range(users)]
    for thread in threads:
        thread.start()
    try:
        for thread in threads:
            while thread.is_alive():
                thread.join(timeout=0.5)
    except KeyboardInterrupt:
        stop.set()
        raise
    duration = time.monotonic() - started
    everything = [value for values in latencies.values() for value in values]
    return {
        "date": datetime.now().isoformat(timespec="seconds"),
        "machine": machine(),
        "processes": len(urls),
        "users": users,
        "seconds": round(duration, 1),
        "warmup": warmup,
        "throughput_rps": round(len(everything) / duration, 1) if duration else 0.0,
        "errors": len(errors),
        "error_samples": errors[:10],
        "overall": summary(everything),
        "requests": {name: summary(values) for name, values in latencies.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", action="append", required=True, help="site URL (repeatable)")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--label", default="filestorage")
    parser.add_argument("--out", default="var/load")
    parser.add_argument("--note", default="", help="the conditions of the run, for the docs")
    parser.add_argument(
        "--no-warmup", dest="warmup", action="store_false", help="count the very first requests"
    )
    args = parser.parse_args()
    for url in args.url:
        if not url.startswith(("http://127.0.0.1", "http://localhost")):
            parser.error("la charge ne vise que cette machine (127.0.0.1 ou localhost)")
    try:
        result = run([url.rstrip("/") for url in args.url], args.users, args.seconds, args.warmup)
    except KeyboardInterrupt:
        print(f"{args.label}: interrompu, rien n'est écrit.")
        raise SystemExit(130)
    result["label"], result["note"] = args.label, args.note
    target = Path(args.out) / f"{args.label}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    overall = result["overall"]
    print(
        f"{args.label}: {result['throughput_rps']} requêtes/s, p95 {overall['p95_ms']} ms, "
        f"{result['errors']} erreur(s) → {target}"
    )
    raise SystemExit(1 if result["errors"] else 0)


if __name__ == "__main__":
    main()
