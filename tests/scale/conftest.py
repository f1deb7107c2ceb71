"""A throwaway PostgreSQL cluster for the RelStorage tests (Debian's `postgresql` package).

PostgreSQL's programs are a requirement of `make test`, like LibreOffice (`.ci/run`
installs them): without them the tests fail and say what to install. The cluster lives
in a temporary directory, listens on the loopback only and is stopped at
the end. PostgreSQL refuses to run as root: as root, its programs run as `postgres`.
"""

from pathlib import Path
from ports import free_port

import os
import pytest
import shutil
import subprocess
import tempfile


def _pg_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
    return found[-1].parent if found else None


def _as_postgres(command: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


@pytest.fixture(scope="session")
def postgres():
    """The DSN of an empty database `communesplone` on a fresh cluster."""
    pg_bin = _pg_bin()
    if pg_bin is None:
        pytest.fail("PostgreSQL manque pour les tests RelStorage : apt-get install postgresql.")
    # Not under pytest's own temporary directory: `postgres` could not enter it.
    data = Path(tempfile.mkdtemp(prefix="communesplone-pg-"))
    if os.geteuid() == 0:
        shutil.chown(data, "postgres", "postgres")
    port = free_port()

    def run(*args):
        command = _as_postgres([str(pg_bin / args[0]), *args[1:]])
        return subprocess.run(command, check=True, capture_output=True, timeout=120)

    run("initdb", "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8")
    options = f"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off"
    run("pg_ctl", "-D", str(data), "-o", options, "-l", str(data / "log"), "-w", "start")
    try:
        run("createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "communesplone")
        yield f"dbname=communesplone host=127.0.0.1 port={port} user=postgres"
    finally:
        run("pg_ctl", "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(data, ignore_errors=True)
