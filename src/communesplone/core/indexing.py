"""Index the suite's content on its own attributes, without an acquisition walk.

plone.indexer's wrapper reads an attribute the object lacks through acquisition, from
each container up to the site (each a Dexterity `__getattr__` with its schema and
behaviour lookups), and then refuses what it found because it is not the object's own.
With some eighty indexes and ninety columns, most of them another module's, that walk
was a third of the cost of indexing a mail, an item or a permit. This wrapper asks the
object alone first; what it returns is what plone.indexer returns, except an acquired
« Script (Python) », which the suite never uses as an indexer.
"""

from Acquisition import aq_base
from communesplone.core.interfaces import ISuiteContent
from plone.indexer.interfaces import IIndexer
from plone.indexer.wrapper import IndexableObjectWrapper
from Products.ZCatalog.interfaces import IZCatalog
from zope.component import adapter
from zope.component import queryMultiAdapter


@adapter(ISuiteContent, IZCatalog)
class OwnAttributesWrapper(IndexableObjectWrapper):
    def __getattr__(self, name):
        obj = self._getWrappedObject()
        catalog = self._IndexableObjectWrapper__catalog
        indexer = queryMultiAdapter((obj, catalog), IIndexer, name=name)
        if indexer is not None:
            return indexer()
        variables = self._IndexableObjectWrapper__vars
        if name in variables:
            return variables[name]
        getattr(aq_base(obj), name)  # AttributeError when it is not the object's own
        return getattr(obj, name)  # wrapped: a method keeps its context
