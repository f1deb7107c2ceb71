"""Catalog data of items, so agendas are built from one query without waking items."""

from communesplone.core.indexers import attribute_indexer
from communesplone.meetings.content.annex import IAnnex
from communesplone.meetings.content.item import IMeetingItem
from plone.indexer import indexer


meeting_uid = attribute_indexer(IMeetingItem, "meeting_uid")
item_privacy = attribute_indexer(IMeetingItem, "privacy")
item_list_type = attribute_indexer(IMeetingItem, "list_type")
item_category = attribute_indexer(IMeetingItem, "category")
preferred_meeting = attribute_indexer(IMeetingItem, "preferred_meeting")
proposing_service = attribute_indexer(IMeetingItem, "stored_service")
annex_type = attribute_indexer(IAnnex, "annex_type")


@indexer(IMeetingItem)
def advices_pending(item):
    """The services asked for an advice they have not given yet (« avis à donner »)."""
    from communesplone.meetings import advices

    return sorted(code for code, entry in advices.requests(item).items() if not entry.get("given"))
