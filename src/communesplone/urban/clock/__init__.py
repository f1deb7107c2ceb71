"""The legal clock of urbanism permits (CoDT): pure Python, rules as data.

Importable without Zope so the deadlines can be computed and tested anywhere.
"""

from communesplone.urban.clock.engine import ClockEvent
from communesplone.urban.clock.engine import compute_deadlines
from communesplone.urban.clock.engine import Deadline
from communesplone.urban.clock.engine import deemed_complete
from communesplone.urban.clock.engine import inadmissible
from communesplone.urban.clock.rulesets import load_ruleset
from communesplone.urban.clock.rulesets import Ruleset
from communesplone.urban.clock.rulesets import ruleset_for
from communesplone.urban.clock.rulesets import RulesetError
from communesplone.urban.clock.rulesets import rulesets


__all__ = [
    "ClockEvent",
    "Deadline",
    "Ruleset",
    "RulesetError",
    "compute_deadlines",
    "deemed_complete",
    "inadmissible",
    "load_ruleset",
    "ruleset_for",
    "rulesets",
]
