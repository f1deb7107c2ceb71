"""Gap-free, duplicate-free counters per series and year.

One plain `Persistent` counter per (series, year), incremented in the transaction that
creates the numbered object. Two concurrent requests then write the same object: ZODB
raises a ConflictError for the later commit, Zope retries that request from the start
(`max-conflict-retries`), and it takes the next number. An aborted transaction never
commits its increment, so its number is given back. No conflict resolution here, on
purpose: resolving would let both commits keep the same number.
"""

from BTrees.OOBTree import OOBTree
from datetime import datetime
from persistent import Persistent
from plone import api
from zope.annotation.interfaces import IAnnotations

import re
import zoneinfo


ANNOTATION_KEY = "communesplone.core.numbering"
SERIES_PATTERN = re.compile(r"^[a-z][a-z0-9_.-]{1,59}$")


class Counter(Persistent):
    def __init__(self):
        self.value = 0


def _counters(portal=None) -> OOBTree:
    annotations = IAnnotations(portal or api.portal.get())
    if ANNOTATION_KEY not in annotations:
        annotations[ANNOTATION_KEY] = OOBTree()
    return annotations[ANNOTATION_KEY]


def current_year() -> int:
    """The year in the site's timezone (a registration at 00:30 on 1 January counts)."""
    zone = api.portal.get_registry_record("plone.portal_timezone", default=None)
    return datetime.now(zoneinfo.ZoneInfo(zone or "Europe/Brussels")).year


def next_number(series: str, year: int | None = None) -> int:
    """Take the next number of `series` for `year` (this transaction owns it)."""
    if not SERIES_PATTERN.match(series or ""):
        raise ValueError(f"Série de numérotation invalide : « {series} ».")
    year = year or current_year()
    counters = _counters()
    key = (series, year)
    counter = counters.get(key)
    if counter is None:
        counter = counters[key] = Counter()
    counter.value += 1
    return counter.value


def peek(series: str, year: int | None = None) -> int:
    """The last number taken (0 when none), without taking one."""
    counter = _counters().get((series, year or current_year()))
    return counter.value if counter is not None else 0


def export_counters() -> dict[str, int]:
    """`{"series/year": last number}`, for export and import of a site."""
    return {f"{series}/{year}": counter.value for (series, year), counter in _counters().items()}


def import_counters(values: dict[str, int]) -> None:
    """Set counters from an export; a counter never goes back."""
    counters = _counters()
    for key, value in values.items():
        series, year = key.rsplit("/", 1)
        counter = counters.get((series, int(year)))
        if counter is None:
            counter = counters[(series, int(year))] = Counter()
        if value < counter.value:
            raise ValueError(f"Le compteur {key} est déjà à {counter.value} : il ne recule pas.")
        counter.value = value
