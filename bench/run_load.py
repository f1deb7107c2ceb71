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
from communesplone.core.instance import TEMPLATES
from communesplone.core.tenants.profile import demo_profile_path
from communesplone.core.tenants.profile import load_profile
from contextlib import contextmanager
from contextlib import ExitStack
from pathlib import Path

import argparse
import os
import pgcluster
import re
import requests
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time


ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
STORAGES = ("filestorage", "relstorage")
READY_TIMEOUT = 240
CREATE_TIMEOUT = 300
# The operator of the throwaway instances: only this script uses it, for one run.
PASSWORD = secrets.token_urlsafe(16)


class LoadError(RuntimeError):
    """A throwaway instance could not be made ready; the message says why, in French."""


def free_port() -> int:
    """A loopback port nothing listens on now (the system chose it)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def child_environment(**extra: str) -> dict:
    """Ours without the settings of the user's own instance (its home, storage, DSN)."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("COMMUNESPLONE_") and key != "INSTANCE_HOME"
    }
    environment.setdefault("PYTHONWARNINGS", "ignore::UserWarning")
    return {**environment, **extra}


def waitress_threads() -> int:
    """The threads of each Zope process, as the instance template sets them."""
    found = re.search(r"^threads = (\d+)", (TEMPLATES / "zope.ini.in").read_text(), re.M)
    return int(found.group(1)) if found else 0


class Zope:
    """A Zope process in its own session: Ctrl-C in the terminal reaches this script
    only, which then stops the process (and, for `serve`, the Zope it runs)."""

    def __init__(self, command: list, env: dict, port: int, log: Path):
        self.command, self.env, self.port, self.log = command, env, port, log
        self.popen = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, stack: ExitStack) -> "Zope":
        stack.callback(self.stop)  # before Popen: a Ctrl-C in between leaves nothing
        with open(self.log, "wb") as output:
            self.popen = subprocess.Popen(
                [str(part) for part in self.command],
                env=self.env,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + READY_TIMEOUT
        while time.monotonic() < deadline:
            if self.popen.poll() is not None:
                raise LoadError(f"Zope s'est arrêté au démarrage.\n{self.tail()}")
            try:
                requests.get(self.url, timeout=5)
                return self
            except requests.RequestException:
                time.sleep(0.5)
        raise LoadError(
            f"Zope ne répond pas sur {self.url} après {READY_TIMEOUT} s.\n{self.tail()}"
        )

    def tail(self, lines: int = 20) -> str:
        if not self.log.exists():
            return ""
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def stop(self) -> None:
        if self.popen is None or self.popen.poll() is not None:
            return
        try:
            os.killpg(self.popen.pid, signal.SIGTERM)
            self.popen.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(self.popen.pid, signal.SIGKILL)
            self.popen.wait(timeout=30)
        except ProcessLookupError:
            pass


def create_demo(zope: Zope, user: str) -> str:
    """Create the demo commune through the running Zope; return the site's URL."""
    answers = load_profile(demo_profile_path())
    started = time.monotonic()
    try:
        response = requests.post(
            f"{zope.url}/@commune-sites",
            json=answers,
            auth=(user, PASSWORD),
            headers={"Accept": "application/json"},
            timeout=CREATE_TIMEOUT,
        )
    except requests.RequestException as exc:
        raise LoadError(f"création de la commune de démonstration : {type(exc).__name__}")
    if response.status_code != 201:
        raise LoadError(
            f"création de la commune de démonstration refusée ({response.status_code}) : "
            f"{response.text[:500]}\n{zope.tail()}"
        )
    print(f"  commune de démonstration créée en {time.monotonic() - started:.0f} s")
    return f"{zope.url}/{answers['site_id']}"


def workdir(stack: ExitStack, storage: str) -> Path:
    home = Path(tempfile.mkdtemp(prefix=f"communesplone-load-{storage}-"))
    stack.callback(shutil.rmtree, home, ignore_errors=True)
    return home


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


@contextmanager
def shielded():
    """Cleanup must finish: a second Ctrl-C would leave processes and a cluster behind."""
    signals = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    previous = {number: signal.signal(number, signal.SIG_IGN) for number in signals}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


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
        # Figures from a busy machine must say so: other work on the same cores slows them.
        note += ", d'autres programmes occupaient déjà la machine." if load_at_start >= 0.5 else "."
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


def interrupt(signum, frame):
    """SIGTERM and SIGHUP stop the run as Ctrl-C does: through the cleanup."""
    raise KeyboardInterrupt


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
