"""Catalog indexers of the core (named to avoid Plone's own index names)."""

from communesplone.core.content.directory import IMandate
from communesplone.core.content.directory import IOrganization
from communesplone.core.content.directory import IPerson
from communesplone.core.content.service import IService
from datetime import date
from plone.indexer import indexer


OPEN_END = date(9999, 12, 31)


@indexer(IService)
def service_code(obj):
    return obj.code


@indexer(IService)
def service_parent(obj):
    return obj.parent or None


@indexer(IPerson)
def person_userid(obj):
    return obj.userid or None


@indexer(IPerson)
def person_sortable_name(obj):
    return obj.sortable_name()


@indexer(IOrganization)
def organization_kind(obj):
    return obj.kind


@indexer(IMandate)
def mandate_body(obj):
    return obj.body


@indexer(IMandate)
def mandate_role(obj):
    return obj.role


@indexer(IMandate)
def mandate_start(obj):
    return obj.mandate_start


@indexer(IMandate)
def mandate_end(obj):
    """An open mandate ends far away, so "in force" is two range queries."""
    return obj.mandate_end or OPEN_END


@indexer(IMandate)
def mandate_userid(obj):
    return obj.aq_parent.userid or None


@indexer(IMandate)
def mandate_political_group(obj):
    return obj.political_group or None
