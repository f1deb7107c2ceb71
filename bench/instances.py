"""Throwaway Zope processes for `make load` and `make bench`, shared by both.

Measurements must come from a known database and never write into the one of var/: each
run gets temporary directories, free loopback ports and processes in their own session,
stopped and removed at the end, also on a failure, on Ctrl-C or on SIGTERM.
"""

from communesplone.core.instance import TEMPLATES
from contextlib import contextmanager
from contextlib import ExitStack
from pathlib import Path

import os
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
READY_TIMEOUT = 240
CREATE_TIMEOUT = 300
# The operator of the throwaway instances: only this run uses it.
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

    @property
    def pid(self) -> int | None:
        return self.popen.pid if self.popen is not None else None

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


def create_site(zope: Zope, user: str, answers: dict, what: str) -> tuple[str, float]:
    """Create a commune site through the running Zope; its URL and the seconds it took."""
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
        raise LoadError(f"création de {what} : {type(exc).__name__}")
    if response.status_code != 201:
        raise LoadError(
            f"création de {what} refusée ({response.status_code}) : "
            f"{response.text[:500]}\n{zope.tail()}"
        )
    return f"{zope.url}/{answers['site_id']}", time.monotonic() - started


def workdir(stack: ExitStack, prefix: str) -> Path:
    """A temporary directory removed with the stack."""
    home = Path(tempfile.mkdtemp(prefix=f"communesplone-{prefix}-"))
    stack.callback(shutil.rmtree, home, ignore_errors=True)
    return home


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


def interrupt(signum, frame):
    """SIGTERM and SIGHUP stop the run as Ctrl-C does: through the cleanup."""
    raise KeyboardInterrupt


def busy_note(load: float) -> str:
    """Figures from a busy machine must say so: other work on the same cores slows them."""
    return ", d'autres programmes occupaient déjà la machine." if load >= 0.5 else "."
