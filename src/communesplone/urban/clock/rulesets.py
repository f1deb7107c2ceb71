"""CoDT rulesets: one JSON file per legal version, chosen by the deposit date.

Delays, suspension periods and checklists are data so that a change of the law is a new
file with its `effective_from`, not a code change. A file is validated against
`rules/ruleset.schema.json` when it is loaded, so a typo fails loudly instead of
silently shifting a legal deadline.
"""

from dataclasses import dataclass
from datetime import date
from datetime import datetime
from functools import lru_cache
from jsonschema.exceptions import best_match
from jsonschema.validators import Draft202012Validator
from pathlib import Path

import json


RULES_DIR = Path(__file__).with_name("rules")
SCHEMA_PATH = RULES_DIR / "ruleset.schema.json"


class RulesetError(ValueError):
    """A rules file that cannot be used; the message names the file and the faulty entry."""


@dataclass(frozen=True, eq=False)
class Ruleset:
    """One legal version of the CoDT delays (see the JSON files in `rules/`)."""

    id: str
    title: str
    effective_from: date
    completeness_days: int
    decision_days: dict  # {"base": 30, "one_group": 75, "fd_and_other": 115}
    extension_days: int
    fd_opinion_days: int
    opinion_days: int
    inquiry_days: int
    announcement_days: int
    suspensions: list  # [((month, day), (month, day)), ...], bounds included
    decided_procedures: list
    env3_declaration_days: int  # informational: the commune's delay to take note
    procedures: dict  # id -> {"title", "acronym"}
    checklist: dict  # procedure id -> [{"id", "label"}, ...]
    source: str = ""  # file name, for error messages

    def __repr__(self):
        return f"<Ruleset {self.id} from {self.effective_from.isoformat()}>"


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _fail(path: Path, where: str, message: str):
    raise RulesetError(f"Fichier de règles invalide « {path.name} » ({where}) : {message}")


def _month_day(path: Path, where: str, text: str) -> tuple[int, int]:
    month, day = (int(part) for part in text.split("-"))
    try:
        date(2000, month, day)  # a leap year: 02-29 is a valid bound
    except ValueError:
        _fail(path, where, f"« {text} » n'est pas un jour de l'année (MM-JJ)")
    return month, day


def load_ruleset(path) -> Ruleset:
    """Read and validate one rules file; raise RulesetError saying what is wrong."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        _fail(path, "lecture", str(error))
    except json.JSONDecodeError as error:
        _fail(path, f"ligne {error.lineno}", f"JSON mal formé : {error.msg}")
    error = best_match(_validator().iter_errors(data))
    if error is not None:
        where = "/".join(str(part) for part in error.absolute_path) or "racine"
        _fail(path, where, error.message)
    try:
        effective_from = date.fromisoformat(data["effective_from"])
    except ValueError:
        _fail(path, "effective_from", f"« {data['effective_from']} » n'est pas une date")
    procedures = data["procedures"]
    unknown = sorted(set(data["decided_procedures"]) - set(procedures))
    if unknown:
        _fail(path, "decided_procedures", f"procédures inconnues : {', '.join(unknown)}")
    if set(data["checklist"]) != set(procedures):
        missing = sorted(set(procedures) ^ set(data["checklist"]))
        _fail(path, "checklist", f"une liste par procédure, et rien d'autre : {', '.join(missing)}")
    suspensions = [
        (
            _month_day(path, f"suspensions/{index}/from", period["from"]),
            _month_day(path, f"suspensions/{index}/to", period["to"]),
        )
        for index, period in enumerate(data["suspensions"])
    ]
    return Ruleset(
        id=data["id"],
        title=data["title"],
        effective_from=effective_from,
        completeness_days=data["completeness_days"],
        decision_days=dict(data["decision_days"]),
        extension_days=data["extension_days"],
        fd_opinion_days=data["fd_opinion_days"],
        opinion_days=data["opinion_days"],
        inquiry_days=data["inquiry_days"],
        announcement_days=data["announcement_days"],
        suspensions=suspensions,
        decided_procedures=list(data["decided_procedures"]),
        env3_declaration_days=data["env3_declaration_days"],
        procedures=procedures,
        checklist=data["checklist"],
        source=path.name,
    )


@lru_cache(maxsize=1)
def rulesets() -> tuple[Ruleset, ...]:
    """Every ruleset shipped in `rules/`, oldest first (read once per process)."""
    loaded = sorted(
        (
            load_ruleset(path)
            for path in RULES_DIR.glob("*.json")
            if not path.name.endswith(".schema.json")
        ),
        key=lambda ruleset: ruleset.effective_from,
    )
    if not loaded:
        raise RulesetError(f"Aucun fichier de règles dans {RULES_DIR}")
    for field in ("id", "effective_from"):
        values = [getattr(ruleset, field) for ruleset in loaded]
        if len(set(values)) != len(values):
            sources = ", ".join(ruleset.source for ruleset in loaded)
            raise RulesetError(f"Fichiers de règles en conflit ({field} en double) : {sources}")
    return tuple(loaded)


def ruleset_for(deposit: date) -> Ruleset:
    """The law of the deposit day: the latest ruleset in force; the first one before that."""
    if isinstance(deposit, datetime):
        deposit = deposit.date()
    known = rulesets()
    in_force = [ruleset for ruleset in known if ruleset.effective_from <= deposit]
    return in_force[-1] if in_force else known[0]


def current_ruleset() -> Ruleset:
    """The newest ruleset: used when there is no deposit yet to choose by."""
    return rulesets()[-1]
