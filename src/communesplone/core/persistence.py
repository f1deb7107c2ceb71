"""Reading what is stored on an object itself: not acquired, not a schema default.

`obj.__dict__` is the place, but reading it does not load a ghost (an object just read
from the database, not used yet): its `__dict__` is still empty. Load it first.
"""

from Acquisition import aq_base


def own_attributes(obj) -> dict:
    base = aq_base(obj)
    activate = getattr(base, "_p_activate", None)
    if activate is not None:
        activate()
    return base.__dict__


def stored(obj, name: str, default=None):
    return own_attributes(obj).get(name, default)


def has_stored(obj, name: str) -> bool:
    return name in own_attributes(obj)
