"""A throwaway PostgreSQL cluster for the RelStorage part of `make load`.

Shared with the RelStorage tests (tests/scale/conftest.py): Debian's
`postgresql` programs, a cluster in a temporary directory, listening on the loopback
only, stopped and removed at the end. PostgreSQL refuses to run as root: as root, its
programs run as `postgres`.
"""

from contextlib import contextmanager
from contextlib import suppress
from pathlib import Path

import os
import shutil
import subprocess
import tempfile


def pg_bin(root: Path = Path("/usr/lib/postgresql")) -> Path | None:
    """The newest installed PostgreSQL's programs (Debian installs them off the PATH)."""
    found = sorted(root.glob("*/bin/pg_ctl"), key=lambda path: _version(path.parents[1].name))
    return found[-1].parent if found else None


def _version(name: str) -> tuple:
    # "9.6" < "15" < "16": compare numbers, not strings.
    return tuple(int(part) if part.isdigit() else 0 for part in name.split("."))


def as_postgres(command: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


@contextmanager
def cluster(bin_dir: Path, port: int):
    """The DSN of an empty database `communesplone` on a fresh cluster on `port`.

    fsync is off: the cluster lives for one run; nothing in it outlives the run.
    """
    # Not under a directory of ours that `postgres` could not enter.
    data = Path(tempfile.mkdtemp(prefix="communesplone-pg-"))

    def run(*args, check=True):
        command = as_postgres([str(bin_dir / args[0]), *args[1:]])
        return subprocess.run(command, check=check, capture_output=True, timeout=120)

    try:
        if os.geteuid() == 0:
            shutil.chown(data, "postgres", "postgres")
        run("initdb", "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8")
        options = f"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off"
        run("pg_ctl", "-D", str(data), "-o", options, "-l", str(data / "log"), "-w", "start")
        run("createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "communesplone")
        yield f"dbname=communesplone host=127.0.0.1 port={port} user=postgres"
    finally:
        # Harmless when the cluster never started; `immediate`: nothing here is worth keeping.
        with suppress(subprocess.TimeoutExpired):
            run("pg_ctl", "-D", str(data), "-m", "immediate", "-w", "stop", check=False)
        shutil.rmtree(data, ignore_errors=True)
