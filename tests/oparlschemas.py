"""The OParl 1.1 JSON schemas, read where the project's references are, never copied.

`COMMUNESPLONE_OPARL_SCHEMAS` names their folder; without it, the folder
`shared/reference/oparl-1.1-schema` is looked for beside the repository, or beside the
repository a clone was made from. A missing folder fails the tests that need it.
"""

from datetime import date
from datetime import datetime
from pathlib import Path

import json
import jsonschema
import os
import subprocess


RELATIVE = Path("shared") / "reference" / "oparl-1.1-schema"
ROOT = Path(__file__).resolve().parents[1]


def _origin() -> Path | None:
    try:
        url = subprocess.run(
            ["git", "-C", str(ROOT), "config", "--get", "remote.origin.url"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
    except OSError:
        return None
    return Path(url) if url and Path(url).is_dir() else None


def schema_folder() -> Path:
    named = os.environ.get("COMMUNESPLONE_OPARL_SCHEMAS")
    if named:
        return Path(named)
    starts = [ROOT, *([_origin()] if _origin() else [])]
    for start in starts:
        for parent in start.resolve().parents:
            if (parent / RELATIVE / "System.json").is_file():
                return parent / RELATIVE
    raise AssertionError(
        "The OParl 1.1 schemas were not found: set COMMUNESPLONE_OPARL_SCHEMAS to the "
        "folder that holds System.json, Meeting.json…"
    )


def load_schemas() -> dict:
    folder = schema_folder()
    return {path.stem: json.loads(path.read_text()) for path in folder.glob("*.json")}


def _is_moment(value) -> bool:
    if not isinstance(value, str):
        return True
    try:
        return datetime.fromisoformat(value).tzinfo is not None
    except ValueError:
        return False


def _is_day(value) -> bool:
    if not isinstance(value, str):
        return True
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


FORMATS = jsonschema.FormatChecker(formats=())
FORMATS.checks("url")(lambda value: not isinstance(value, str) or value.startswith("http"))
FORMATS.checks("date-time")(_is_moment)
FORMATS.checks("date")(_is_day)


def validate(schemas: dict, data: dict) -> int:
    """Check `data` and every object it embeds; return how many objects were checked."""
    name = data["type"].rsplit("/", 1)[1]
    schema = schemas[name]
    jsonschema.Draft4Validator(schema, format_checker=FORMATS).validate(data)
    checked = 1
    for key, spec in schema["properties"].items():
        value = data.get(key)
        inner_spec = spec.get("items", {}) if spec.get("type") == "array" else spec
        embedded = inner_spec.get("schema") if inner_spec.get("type") == "object" else None
        if value is None or not embedded:
            continue
        for inner in value if isinstance(value, list) else [value]:
            assert inner["type"].endswith("/" + embedded.removesuffix(".json")), (key, inner)
            checked += validate(schemas, inner)
    return checked
