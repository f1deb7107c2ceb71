"""Ids that follow registration numbers: `pu-2026-0042`, `e2026-000123`.

A numbered type gives, for an object not yet added, the series its number comes from and
how the reference reads; the id is the reference the object will get when added, in the
same transaction (the number itself is taken then, by `assign_reference`). Two concurrent
additions conflict on the counter and the retried one reads the next number.
"""

from abc import ABC
from abc import abstractmethod
from communesplone.core import numbering
from plone.app.content.interfaces import INameFromTitle
from zope.interface import implementer


@implementer(INameFromTitle)
class NameFromNextNumber(ABC):
    """Base adapter. It provides plone.app.content's INameFromTitle, which plone.restapi
    asks for (the name chooser asks for its base)."""

    def __init__(self, context):
        self.context = context

    @abstractmethod
    def series(self) -> str:
        """The counter series the number comes from."""

    @abstractmethod
    def reference(self, year: int, number: int) -> str:
        """How the reference reads for this year and number."""

    @property
    def title(self):
        year = numbering.current_year()
        return self.reference(year, numbering.peek(self.series(), year) + 1)


def assign_reference(obj, name: NameFromNextNumber) -> str:
    """Take the next number for `obj` in this transaction (DESIGN §4) and store it."""
    year = numbering.current_year()
    obj.reference = name.reference(year, numbering.next_number(name.series(), year))
    return obj.reference
