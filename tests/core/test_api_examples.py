"""docs/api.md's examples come from the tests: each marker names an example a test
records, and `make docs` puts the recorded text in place."""

from pathlib import Path

import importlib.util
import re


ROOT = Path(__file__).resolve().parents[2]


def load_script():
    spec = importlib.util.spec_from_file_location("api_examples", ROOT / "scripts/api_examples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_example_of_the_api_page_is_recorded_by_a_test():
    wanted = set(re.findall(r"<!-- example: ([\w-]+) -->", (ROOT / "docs/api.md").read_text()))
    recorded = set()
    for path in (ROOT / "tests").rglob("test_*.py"):
        recorded |= set(re.findall(r'record_example\(\s*"([\w-]+)"', path.read_text()))
    assert wanted, "docs/api.md shows no recorded example"
    assert wanted <= recorded, f"examples no test records: {sorted(wanted - recorded)}"


def test_make_docs_replaces_the_marked_examples_only(tmp_path):
    script = load_script()
    (tmp_path / "one.md").write_text("GET /one\n")
    text = (
        "intro\n<!-- example: one -->\nold text\n<!-- /example -->\n"
        "<!-- example: two -->\nkept\n<!-- /example -->\nend\n"
    )
    filled, missing = script.fill(text, tmp_path)
    assert filled == (
        "intro\n<!-- example: one -->\nGET /one\n<!-- /example -->\n"
        "<!-- example: two -->\nkept\n<!-- /example -->\nend\n"
    )
    assert missing == ["two"]
