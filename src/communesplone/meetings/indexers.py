"""Catalog data of items, so agendas are built from one query without waking items."""

from communesplone.meetings.content.annex import IAnnex
from communesplone.meetings.content.item import IMeetingItem
from plone.indexer import indexer


@indexer(IMeetingItem)
def meeting_uid(obj):
    return obj.meeting_uid or None


@indexer(IMeetingItem)
def item_privacy(obj):
    return obj.privacy


@indexer(IMeetingItem)
def item_list_type(obj):
    return obj.list_type


@indexer(IMeetingItem)
def item_category(obj):
    return obj.category


@indexer(IMeetingItem)
def proposing_service(obj):
    return obj.proposing_service


@indexer(IAnnex)
def annex_type(obj):
    return obj.annex_type
