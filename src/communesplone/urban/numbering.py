"""Permit references: `PU/2026/0042`, a gap-free yearly counter per procedure."""

from communesplone.core import numbering
from communesplone.urban.procedures import acronym


def series(procedure: str) -> str:
    return f"permit-{procedure}"


def assign_reference(permit) -> str:
    """Number the permit in the transaction that creates it (DESIGN §4)."""
    year = numbering.current_year()
    number = numbering.next_number(series(permit.procedure), year)
    permit.reference = f"{acronym(permit.procedure)}/{year}/{number:04d}"
    return permit.reference
