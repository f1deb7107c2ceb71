"""Permit ids follow their references: `pu-2026-0042` for PU/2026/0042."""

from communesplone.core import numbering
from communesplone.urban.content.permit import IPermit
from communesplone.urban.numbering import series
from communesplone.urban.procedures import acronym
from plone.app.content.interfaces import INameFromTitle
from zope.component import adapter
from zope.interface import implementer


@implementer(INameFromTitle)
@adapter(IPermit)
class NameFromReference:
    """The number the permit will take when added, in this same transaction.

    It provides plone.app.content's INameFromTitle, which plone.restapi asks for (the
    name chooser asks for its base). Only read: the number is taken when the permit is
    added. Two concurrent additions
    conflict on the counter and the retried one reads the next number.
    """

    def __init__(self, context):
        self.context = context

    @property
    def title(self):
        year = numbering.current_year()
        number = numbering.peek(series(self.context.procedure), year) + 1
        return f"{acronym(self.context.procedure)} {year} {number:04d}"
