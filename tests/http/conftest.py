"""The test server of the two-commune layer."""

import pytest


@pytest.fixture
def server(tenants):
    return f"http://{tenants['host']}:{tenants['port']}"
