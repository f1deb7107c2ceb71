"""The legal clock applied to a permit file (the clock itself knows nothing of Zope)."""

from communesplone.urban.clock import compute_deadlines
from datetime import date


def permit_deadlines(permit, on: date | None = None) -> list:
    return compute_deadlines(permit.procedure, permit.clock_events(), on or date.today())
