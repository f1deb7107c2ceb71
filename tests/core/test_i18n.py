"""Every message of the suite is translated in French and English."""

from pathlib import Path
from zope.i18n import translate

import importlib.util
import re


ROOT = Path(__file__).parents[2]
PACKAGE = ROOT / "src" / "communesplone"
LOCALES = PACKAGE / "locales"


def _i18n_script():
    spec = importlib.util.spec_from_file_location("i18n_script", ROOT / "scripts" / "i18n.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def catalog(lang, domain="communesplone"):
    text = (LOCALES / lang / "LC_MESSAGES" / f"{domain}.po").read_text(encoding="utf-8")
    pairs = re.findall(r'^msgid "(.*)"\nmsgstr "(.*)"$', text, re.M)
    return {msgid: msgstr for msgid, msgstr in pairs if msgid}


def source_messages():
    """What `make i18n` collects: Python messages, type titles, page templates."""
    return set(_i18n_script().source_messages())


def workflow_titles():
    titles = set()
    for path in PACKAGE.rglob("workflows/*/definition.xml"):
        text = path.read_text(encoding="utf-8")
        titles.update(re.findall(r'\btitle="([^"]+)"', text))
    return titles


def test_every_source_message_is_in_both_catalogs():
    messages = source_messages()
    assert {"Code INS", "Organigramme", "Mes services"} <= messages, "extraction is broken"
    for lang in ("fr", "en"):
        translations = catalog(lang)
        missing = sorted(m for m in messages if not translations.get(m))
        assert missing == [], f"{lang}: {missing}"


def test_catalogs_have_no_stale_or_empty_entries():
    messages = source_messages()
    for lang in ("fr", "en"):
        assert set(catalog(lang)) == messages


def test_workflow_titles_in_the_plone_domain():
    titles = workflow_titles()
    assert "Protégé" in titles
    for lang in ("fr", "en"):
        translations = catalog(lang, "plone")
        assert all(translations.get(title) for title in titles), lang


def test_translations_are_loaded(portal):
    from communesplone import _

    assert translate(_("Code INS"), target_language="en") == "NIS code"
    assert translate(_("Code INS"), target_language="fr") == "Code INS"
    assert translate("Protégé", domain="plone", target_language="en") == "Protected"
