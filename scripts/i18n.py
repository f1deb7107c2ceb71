"""Keep the `communesplone` catalogs in step with the source (`make i18n`).

Message ids are the French texts. The script collects every `_("…")` of the Python
sources, every translated title or description of the type definitions and the
messages of the page templates, writes the
.pot, gives the French catalog msgstr = msgid, keeps the English translations already
made, and lists the English ones still missing (the tests refuse an empty one).
`scripts/i18n.py --set "message=translation" …` records English translations.
"""

from pathlib import Path

import ast
import re
import sys


PACKAGE = Path(__file__).parents[1] / "src" / "communesplone"
LOCALES = PACKAGE / "locales"
FTI_TEXT = re.compile(r'i18n:translate=""\s*>([^<]+)</property>')
HEADER = """msgid ""
msgstr ""
"Project-Id-Version: CommunesPlone\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=utf-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"
{language}"Domain: communesplone\\n"

"""


def python_messages(source: str) -> set[str]:
    """The literal first arguments of `_()` calls (implicit concatenation included)."""
    return {
        node.args[0].value
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "_"
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    }


def source_messages() -> list[str]:
    found = set()
    for path in PACKAGE.rglob("*.py"):
        found.update(python_messages(path.read_text(encoding="utf-8")))
    for path in [*PACKAGE.rglob("types/*.xml"), *PACKAGE.rglob("profiles/*/actions.xml")]:
        found.update(text.strip() for text in FTI_TEXT.findall(path.read_text(encoding="utf-8")))
    found.update(template_messages())
    return sorted(found)


def template_messages() -> set[str]:
    """Messages of the page templates, found by zope.app.locales' TAL extractor."""
    from zope.app.locales.extract import tal_strings

    messages = tal_strings(str(PACKAGE), domain="communesplone")
    # `i18n:translate` on dynamic content translates values already in the catalog.
    return {str(msgid) for msgid in messages if msgid != "${DYNAMIC_CONTENT}"}


def read_catalog(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    text = path.read_text(encoding="utf-8")
    return dict(re.findall(r'^msgid "(.*)"\nmsgstr "(.*)"$', text, re.M))


def write_catalog(path: Path, language: str, entries: dict[str, str]) -> None:
    header = HEADER.format(language=f'"Language-Code: {language}\\n"\n' if language else "")
    body = "".join(f'msgid "{msgid}"\nmsgstr "{msgstr}"\n\n' for msgid, msgstr in entries.items())
    path.write_text(header + body, encoding="utf-8")


def set_english(pairs: list[str]) -> None:
    """`msgid=translation` pairs into the English catalog (`make i18n SET='a=b' …`)."""
    path = LOCALES / "en" / "LC_MESSAGES" / "communesplone.po"
    english = read_catalog(path)
    for pair in pairs:
        msgid, translation = pair.split("=", 1)
        if msgid not in english:
            print(f"unknown message: « {msgid} »")
        english[msgid] = translation
    write_catalog(path, "en", english)


def main(argv: list[str]) -> int:
    if argv[:1] == ["--set"]:
        set_english(argv[1:])
    messages = source_messages()
    write_catalog(LOCALES / "communesplone.pot", "", dict.fromkeys(messages, ""))
    write_catalog(
        LOCALES / "fr" / "LC_MESSAGES" / "communesplone.po", "fr", {m: m for m in messages}
    )
    english_path = LOCALES / "en" / "LC_MESSAGES" / "communesplone.po"
    english = read_catalog(english_path)
    write_catalog(english_path, "en", {m: english.get(m, "") for m in messages})
    missing = [m for m in messages if not english.get(m)]
    for msgid in missing:
        print(f"en: missing translation for « {msgid} »")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
