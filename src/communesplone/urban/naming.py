"""Permit ids follow their references: `pu-2026-0042` for PU/2026/0042."""

from communesplone.core.naming import NameFromNextNumber
from communesplone.urban.content.permit import IPermit
from communesplone.urban.procedures import acronym
from zope.component import adapter


@adapter(IPermit)
class PermitReference(NameFromNextNumber):
    def series(self) -> str:
        return f"permit-{self.context.procedure}"

    def reference(self, year: int, number: int) -> str:
        return f"{acronym(self.context.procedure)}/{year}/{number:04d}"
