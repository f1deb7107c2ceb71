"""Put the request/response examples the tests recorded into docs/api.md (`make docs`).

docs/api.md asks for an example with a pair of markers:

    <!-- example: oparl-system -->
    …replaced by var/api-examples/oparl-system.md…
    <!-- /example -->

so the documented exchanges are the ones the tests made. An example no test recorded
(yet: `make test` writes them) keeps its current text, and the script says which.
"""

from pathlib import Path

import re
import sys


ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "var" / "api-examples"
MARKER = re.compile(r"(<!-- example: ([\w-]+) -->\n)(.*?)(<!-- /example -->)", re.S)


def fill(text: str, examples: Path) -> tuple[str, list[str]]:
    missing = []

    def replace(match):
        name = match.group(2)
        recorded = examples / f"{name}.md"
        if not recorded.is_file():
            missing.append(name)
            return match.group(0)
        return match.group(1) + recorded.read_text() + match.group(4)

    return MARKER.sub(replace, text), missing


def main() -> int:
    page = ROOT / "docs" / "api.md"
    text, missing = fill(page.read_text(), EXAMPLES)
    page.write_text(text)
    for name in missing:
        print(f"Exemple « {name} » non enregistré : lancez make test.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
