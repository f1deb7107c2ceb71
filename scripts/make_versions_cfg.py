#!/usr/bin/env python3
"""Generate the buildout ``versions.cfg`` from the pip ``constraints.txt``.

``constraints.txt`` is the single source of version truth.  This script turns
its ``name==version`` pins into a buildout ``[versions]`` section, keeping the
names exactly as written and carrying the ``# --- Section ---`` headers over
as comments.

Usage (from anywhere)::

    python3 scripts/make_versions_cfg.py           # (re)write versions.cfg
    python3 scripts/make_versions_cfg.py --check   # exit 1 if it is stale

Tests can call ``render_versions_cfg(text)`` and compare the result with the
committed ``versions.cfg``.
"""

from __future__ import annotations

from pathlib import Path

import argparse
import re
import sys


REPO_ROOT = Path(__file__).resolve().parent.parent
CONSTRAINTS = REPO_ROOT / "constraints.txt"
VERSIONS_CFG = REPO_ROOT / "versions.cfg"

HEADER = """\
# GENERATED FILE - DO NOT EDIT BY HAND.
# Generated from constraints.txt by scripts/make_versions_cfg.py.
# To change a pin, edit constraints.txt, then run:
#     python3 scripts/make_versions_cfg.py
"""

# A project name as pip accepts it (PEP 508), then "==" and a version.
_PIN = re.compile(
    r"^(?P<name>[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)"
    r"\s*==\s*"
    r"(?P<version>[A-Za-z0-9][A-Za-z0-9.+!_-]*)$"
)
_SECTION = re.compile(r"^#\s*---.*---\s*$")


def _canonical(name: str) -> str:
    """PEP 503 normalisation, used only to detect duplicate pins."""
    return re.sub(r"[-_.]+", "-", name).lower()


def render_versions_cfg(constraints_text: str) -> str:
    """Return the text of ``versions.cfg`` for the given constraints text.

    Accepted lines: blank lines, ``#`` comments (full-line or trailing) and
    exact pins ``name==version``.  Anything else (ranges, extras, markers,
    ``-r``/``-c`` includes) raises ``ValueError``: buildout's ``[versions]``
    cannot express it faithfully.
    """
    out = [HEADER, "\n[versions]\n"]
    seen: dict[str, int] = {}
    for lineno, raw in enumerate(constraints_text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            if _SECTION.match(line):
                out.append(f"\n{line}\n")
            continue
        pin = line.split(" #", 1)[0].split("\t#", 1)[0].strip()
        match = _PIN.match(pin)
        if not match:
            raise ValueError(
                f"constraints.txt line {lineno}: {raw!r} is not an exact 'name==version' pin"
            )
        name, version = match.group("name"), match.group("version")
        key = _canonical(name)
        if key in seen:
            raise ValueError(
                f"constraints.txt line {lineno}: {name} is already pinned on line {seen[key]}"
            )
        seen[key] = lineno
        out.append(f"{name} = {version}\n")
    return "".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check",
        action="store_true",
        help="do not write; exit 1 if versions.cfg is not up to date",
    )
    parser.add_argument("--constraints", type=Path, default=CONSTRAINTS)
    parser.add_argument("--output", type=Path, default=VERSIONS_CFG)
    args = parser.parse_args(argv)

    try:
        expected = render_versions_cfg(args.constraints.read_text(encoding="utf-8"))
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else None
        if current != expected:
            print(
                f"{args.output.name} is out of date with {args.constraints.name}: "
                "run python3 scripts/make_versions_cfg.py",
                file=sys.stderr,
            )
            return 1
        print(f"{args.output.name} is up to date.")
        return 0

    args.output.write_text(expected, encoding="utf-8")
    print(f"Wrote {args.output.name} from {args.constraints.name}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
