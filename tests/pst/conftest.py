"""Fixtures of the PST tests (the world itself is in pstworld.py)."""

from pstworld import build_pst_world

import pytest


@pytest.fixture
def pst(portal):
    return build_pst_world(portal)


@pytest.fixture
def http_pst(functional):
    """The same world, committed, with the test server's address in `world.url`."""
    from httphelpers import committed_world

    return committed_world(functional, build_pst_world)
