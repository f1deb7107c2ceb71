"""Where the law puts a permit after its events: its state follows from them alone.

Recomputed from the whole list whenever an event is added, changed or removed, so a
correction (a wrong date, an event recorded twice) puts the file back where it belongs.
A file closed by hand (« classé sans suite ») stays closed.
"""

from communesplone.urban.clock import inadmissible


MANUAL_STATES = ("abandoned",)
# Events that say where the completeness check stands; the latest one decides.
COMPLETENESS = {
    "deposit": "deposited",
    "complements": "deposited",
    "incomplete": "incomplete",
    "acknowledgement": "instruction",
}


def state_from_events(events) -> str:
    """The state of a file with these clock events (any order)."""
    events = sorted(events, key=lambda event: event.date)
    if not any(event.event_type == "deposit" for event in events):
        return "new"
    decisions = [event for event in events if event.event_type == "decision"]
    if decisions:
        return "refused" if decisions[-1].outcome == "refused" else "granted"
    if inadmissible(events):
        return "inadmissible"
    state = "deposited"
    for event in events:
        state = COMPLETENESS.get(event.event_type, state)
    return state
