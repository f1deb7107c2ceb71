"""Catalog indexers of the core (named to avoid Plone's own index names)."""

from communesplone.core.content.directory import IMandate
from communesplone.core.content.directory import IOrganization
from communesplone.core.content.directory import IPerson
from communesplone.core.content.service import IService
from datetime import date
from plone.indexer import indexer


OPEN_END = date(9999, 12, 31)


def attribute_indexer(interface, attribute):
    """An indexer of one attribute; an empty value is not indexed."""

    @indexer(interface)
    def index(obj):
        return getattr(obj, attribute, None) or None

    return index


service_code = attribute_indexer(IService, "code")
service_parent = attribute_indexer(IService, "parent")
person_userid = attribute_indexer(IPerson, "userid")
organization_kind = attribute_indexer(IOrganization, "kind")
mandate_body = attribute_indexer(IMandate, "body")
mandate_role = attribute_indexer(IMandate, "role")
mandate_start = attribute_indexer(IMandate, "mandate_start")
mandate_political_group = attribute_indexer(IMandate, "political_group")


@indexer(IPerson)
def person_sortable_name(obj):
    return obj.sortable_name()


@indexer(IMandate)
def mandate_end(obj):
    """An open mandate ends far away, so "in force" is two range queries."""
    return obj.mandate_end or OPEN_END


@indexer(IMandate)
def mandate_userid(obj):
    return obj.aq_parent.userid or None
