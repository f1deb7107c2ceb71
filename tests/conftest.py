"""pytest fixtures: the suite's test layers (see communesplone.testing)."""

from communesplone.core import office
from communesplone.core.instance import default_uno_python
from communesplone.testing import FUNCTIONAL_TESTING
from communesplone.testing import INTEGRATION_TESTING
from communesplone.testing import TENANTS_FUNCTIONAL_TESTING
from ports import free_port
from pytest_plone import fixtures_factory

import pytest


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


@pytest.fixture(scope="session")
def office_port(tmp_path_factory):
    """A LibreOffice server on its own port with its own user profile."""
    office.check_uno_python(default_uno_python())
    port = free_port()
    process = office.start_office(port, tmp_path_factory.mktemp("office-profile"))
    yield port
    office.stop(process)


@pytest.fixture
def office_ready(office_port, monkeypatch):
    """The current test site converts its documents through the session's LibreOffice."""
    from communesplone.core import documents

    monkeypatch.setenv("OO_PORT", str(office_port))
    documents.configure_office()
    return office_port
