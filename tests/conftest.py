"""pytest fixtures: the suite's test layers (see communesplone.testing)."""

from communesplone.testing import FUNCTIONAL_TESTING
from communesplone.testing import INTEGRATION_TESTING
from communesplone.testing import TENANTS_FUNCTIONAL_TESTING
from pytest_plone import fixtures_factory


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
