"""Recurring items: what every meeting of an assembly deals with (« Approbation du
procès-verbal de la séance précédente »…), put on each new meeting's agenda.

The assembly lists them (« Points récurrents »). When a meeting is created, each becomes
an item made by the system, validated and presented to that meeting, so the clerk never
retypes them and they are numbered by the assembly's rules like any other item.
"""

from communesplone.core.calendar import french_date
from communesplone.core.workflow import set_state
from communesplone.meetings.content.assembly import assembly_of
from html import escape
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.dexterity.utils import createContentInContainer

import re


PLACEHOLDER = "{date_precedente}"
# Without a previous meeting, the placeholder leaves with the word that introduced it
# (« de la séance du {date_precedente} » → « de la séance »), and brackets left empty.
_DANGLING = re.compile(r"\s*(?:\b(?:en date du|du|de|le|au)\s+)?\{date_precedente\}", re.I)
_EMPTY_BRACKETS = re.compile(r"\s*\(\s*\)|\s*\[\s*\]")


def previous_meeting(meeting):
    """The assembly's meeting just before `meeting` (whatever its state), or None."""
    assembly = assembly_of(meeting)
    if assembly is None or meeting.start is None:
        return None
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        path="/".join(assembly.getPhysicalPath()),
        portal_type="Meeting",
        start={"query": meeting.start, "range": "max"},
        sort_on="start",
        sort_order="descending",
    )
    own = meeting.UID()
    for brain in brains:
        if own != brain.UID:
            return brain._unrestrictedGetObject()
    return None


def resolve(text: str, previous_date: str | None) -> str:
    """Put the previous meeting's date in place of the placeholder, or remove it tidily."""
    if PLACEHOLDER not in (text or ""):
        return text or ""
    if previous_date:
        return text.replace(PLACEHOLDER, previous_date)
    text = _EMPTY_BRACKETS.sub("", _DANGLING.sub("", text))
    return re.sub(r"\s{2,}", " ", text).strip(" ,;:-–—")


def _paragraphs(text: str) -> RichTextValue | None:
    """Plain text as the item's rich text: a blank line separates paragraphs."""
    parts = [part.strip() for part in (text or "").split("\n\n") if part.strip()]
    if not parts:
        return None
    html = "".join(f"<p>{escape(part)}</p>" for part in parts)
    return RichTextValue(html, mimeType="text/html", outputMimeType="text/x-html-safe")


def add_recurring_items(meeting) -> list:
    """Create the assembly's recurring items and present them to the new `meeting`."""
    assembly = assembly_of(meeting)
    rows = assembly.recurring_rows() if assembly is not None else []
    if not rows:
        return []
    previous = previous_meeting(meeting)
    previous_date = french_date(previous.start) if previous is not None else None
    categories = assembly.category_titles()
    items = []
    for row in rows:
        category = row.get("category")
        # The system's act: whoever creates the meeting needs no right on the services'
        # items, nor the clerk's right to present them.
        item = createContentInContainer(
            assembly,
            "MeetingItem",
            checkConstraints=False,
            title=resolve(row.get("title"), previous_date)[:500],
            proposing_service=row.get("service"),
            category=category if category in categories else None,
            privacy=row.get("privacy") or "public",
            decision=_paragraphs(resolve(row.get("decision"), previous_date)),
            preferred_meeting=meeting.UID(),
        )
        set_state(item, "validated", comment="Point récurrent de l'assemblée.")
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(obj=item, transition="present")
        items.append(item)
    return items
