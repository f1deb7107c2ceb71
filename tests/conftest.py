"""pytest fixtures: the suite's test layers (see communesplone.testing)."""

from communesplone.core import office
from communesplone.core.instance import default_uno_python
from communesplone.testing import FUNCTIONAL_TESTING
from communesplone.testing import INTEGRATION_TESTING
from communesplone.testing import TENANTS_FUNCTIONAL_TESTING
from pytest_plone import fixtures_factory

import pytest
import socket


pytest_plugins = ["pytest_plone"]

globals().update(
    fixtures_factory(
        (
            (INTEGRATION_TESTING, "integration"),
            (FUNCTIONAL_TESTING, "functional"),
            (TENANTS_FUNCTIONAL_TESTING, "tenants"),
        )
    )
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def office_port(tmp_path_factory):
    """A LibreOffice server on its own port with its own user profile."""
    office.check_uno_python(default_uno_python())
    port = free_port()
    process = office.start_office(port, tmp_path_factory.mktemp("office-profile"))
    yield port
    office.stop(process)
