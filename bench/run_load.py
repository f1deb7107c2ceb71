"""`make load`: the load test on throwaway instances, FileStorage then RelStorage.

Throwaway, because the figures must come from a known commune (the demo, freshly made)
and a load test must never write into the database of var/. Each storage gets a
temporary directory, free loopback ports and Zope processes without LibreOffice: the
scenario makes no document, and the demo closes its meetings without it. The demo
commune is created through the running Zope, as `make start` does. bench/load.py
measures; then everything started here is stopped and removed, also on a failure, on
Ctrl-C or on SIGTERM.

RelStorage needs PostgreSQL's programs (Debian's `postgresql`): a throwaway cluster
(bench/pgcluster.py) and two `communesplone serve` processes, which bench/load.py
serves in turn, as a load balancer would. Without PostgreSQL, FileStorage alone is
measured.
"""

from communesplone.core.instance import DEFAULT_ADMIN_USER
from communesplone.core.instance import Instance
from communesplone.core.tenants.profile import demo_profile_path
from communesplone.core.tenants.profile import load_profile
from contextlib import ExitStack
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
from instances import Zope
from pathlib import Path

import argparse
import instances
import os
import pgcluster
import signal
import subprocess
import sys


STORAGES = ("filestorage", "relstorage")


def create_demo(zope: Zope, user: str) -> str:
    """Create the demo commune through the running Zope; return the site's URL."""
    url, seconds = create_site(
        zope, user, load_profile(demo_profile_path()), "la commune de démonstration"
    )
    print(f"  commune de démonstration créée en {seconds:.0f} s")
    return url


def workdir(stack: ExitStack, storage: str) -> Path:
    return instances.workdir(stack, f"load-{storage}")


def filestorage(stack: ExitStack) -> tuple[list[str], str]:
    """One Zope process on a fresh FileStorage, as `make start` runs it."""
    home = workdir(stack, "filestorage")
    instance = Instance(home=home / "instance", port=free_port())
    instance.configure()
    user, _generated = instance.prepare_admin(PASSWORD)
    env = child_environment(INSTANCE_HOME=str(instance.home))
    print(f"  Zope sur le port {instance.port}…")
    zope = Zope([BIN / "runwsgi", instance.zope_ini], env, instance.port, home / "zope.log")
    zope.start(stack)
    note = (
        f"Instance jetable : FileStorage, un processus Zope de {waitress_threads()} fils "
        "(waitress)."
    )
    return [create_demo(zope, user)], note


def serve(stack: ExitStack, home: Path, env: dict, number: int) -> Zope:
    port = free_port()
    print(f"  processus Zope {number} sur le port {port}…")
    command = [BIN / "communesplone", "--instance", home / "instance", "serve", "--port", port]
    return Zope(command, env, port, home / f"zope-{port}.log").start(stack)


def relstorage(stack: ExitStack, pg_bin: Path) -> tuple[list[str], str]:
    """Two `communesplone serve` processes on a throwaway PostgreSQL cluster."""
    home = workdir(stack, "relstorage")
    print("  cluster PostgreSQL jetable…")
    try:
        dsn = stack.enter_context(pgcluster.cluster(pg_bin, free_port()))
    except (subprocess.SubprocessError, LookupError) as exc:
        output = getattr(exc, "stderr", None) or str(exc).encode()
        raise LoadError(f"PostgreSQL n'a pas démarré : {output.decode(errors='replace').strip()}")
    env = child_environment(
        COMMUNESPLONE_STORAGE="relstorage",
        COMMUNESPLONE_RELSTORAGE_DSN=dsn,
        COMMUNESPLONE_ADMIN_PASSWORD=PASSWORD,
    )
    first = serve(stack, home, env, 1)
    # One process creates the commune; the other finds it in the database.
    site_id = create_demo(first, DEFAULT_ADMIN_USER).rsplit("/", 1)[1]
    second = serve(stack, home, env, 2)
    note = (
        f"Instance jetable : RelStorage sur un PostgreSQL {pg_bin.parent.name} de la même "
        f"machine (fsync désactivé), deux processus Zope de {waitress_threads()} fils "
        "(waitress) chacun ; le script de charge les sert à tour de rôle."
    )
    return [f"{zope.url}/{site_id}" for zope in (first, second)], note


def measure(storage: str, args, pg_bin: Path | None, load_at_start: float) -> int:
    """Prepare the storage's instance, run bench/load.py on it, remove it all."""
    stack = ExitStack()
    try:
        if storage == "filestorage":
            urls, note = filestorage(stack)
        else:
            urls, note = relstorage(stack, pg_bin)
        note += (
            " Les utilisateurs simulés tournent sur la même machine. Charge du système au "
            f"lancement de `make load` (load average sur 1 min) : {load_at_start:.2f}"
        )
        note += busy_note(load_at_start)
        if args.note.strip():
            note += " " + args.note.strip()
        command = [sys.executable, ROOT / "bench" / "load.py", "--label", storage]
        command += ["--users", args.users, "--seconds", args.seconds, "--out", args.out]
        command += ["--note", note]
        for url in urls:
            command += ["--url", url]
        print(f"  {args.users} utilisateurs pendant {args.seconds} s sur {', '.join(urls)}")
        return subprocess.run([str(part) for part in command]).returncode
    except LoadError as exc:
        print(f"Erreur ({storage}) : {exc}", file=sys.stderr)
        return 1
    finally:
        with shielded():
            stack.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--storage", action="append", choices=STORAGES, help="(repeatable)")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--out", default=str(ROOT / "var" / "load"))
    parser.add_argument("--note", default="", help="added to the conditions in the docs")
    args = parser.parse_args()
    # Our lines in order with those of the processes we start, even through a pipe.
    sys.stdout.reconfigure(line_buffering=True)
    storages = args.storage or list(STORAGES)
    signal.signal(signal.SIGTERM, interrupt)
    signal.signal(signal.SIGHUP, interrupt)
    load_at_start = os.getloadavg()[0]
    pg_bin = pgcluster.pg_bin()
    skipped = ""
    if "relstorage" in storages and pg_bin is None:
        skipped = (
            "PostgreSQL manque (apt-get install postgresql) : RelStorage n'est pas mesuré. "
            "var/load/relstorage.json garde la mesure précédente, s'il y en a une."
        )
        print(skipped, file=sys.stderr)
        storages.remove("relstorage")
    failed = []
    try:
        for storage in storages:
            print(f"{storage} :")
            if measure(storage, args, pg_bin, load_at_start) != 0:
                failed.append(storage)
    except KeyboardInterrupt:
        print("\nInterrompu : les instances jetables sont arrêtées et supprimées.")
        return 130
    if skipped:
        print(skipped, file=sys.stderr)
    if failed:
        print(f"Échec de la charge : {', '.join(failed)} (voir ci-dessus).", file=sys.stderr)
        return 1
    print(f"Résultats dans {args.out} ; `make docs` les écrit dans docs/performance.md.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
