"""The legal clock applied to a permit file (the clock itself knows nothing of Zope)."""

from communesplone.urban.clock import compute_deadlines
from datetime import date


def permit_deadlines(permit, on: date | None = None) -> list:
    events = [event.clock_event() for event in permit.events()]
    return compute_deadlines(permit.procedure, events, on or date.today())
