"""REST serialisation of content whose title is computed (people, mandates, meetings)."""

from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.serializer.dxcontent import SerializeFolderToJson
from plone.restapi.serializer.dxcontent import SerializeToJson
from zope.interface import implementer


@implementer(ISerializeToJson)
class WithComputedTitle(SerializeToJson):
    """The usual serialisation, plus the title the object computes for itself."""

    def __call__(self, version=None, include_items=True):
        result = super().__call__(version=version, include_items=include_items)
        result["title"] = self.context.Title()
        return result


@implementer(ISerializeToJson)
class FolderWithComputedTitle(SerializeFolderToJson):
    def __call__(self, version=None, include_items=True):
        result = super().__call__(version=version, include_items=include_items)
        result["title"] = self.context.Title()
        return result
