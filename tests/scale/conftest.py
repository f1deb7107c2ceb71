"""A throwaway PostgreSQL cluster for the RelStorage tests (Debian's `postgresql` package).

PostgreSQL's programs are a requirement of `make test`, like LibreOffice (`.ci/run`
installs them): without them the tests fail and say what to install. The cluster is
the one `make load` uses (bench/pgcluster.py): a temporary directory, the loopback only,
stopped and removed at the end.
"""

from pathlib import Path
from ports import free_port

import pytest
import sys


sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from pgcluster import cluster  # noqa: E402
from pgcluster import pg_bin  # noqa: E402


@pytest.fixture(scope="session")
def postgres():
    """The DSN of an empty database `communesplone` on a fresh cluster."""
    programs = pg_bin()
    if programs is None:
        pytest.fail("PostgreSQL manque pour les tests RelStorage : apt-get install postgresql.")
    with cluster(programs, free_port()) as dsn:
        yield dsn
