"""The urbanism module's letters (filled in by the documents work)."""

PERMIT_TEMPLATES = ()
