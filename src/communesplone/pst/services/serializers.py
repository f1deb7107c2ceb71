"""REST serialisation of plan nodes: the stored roll-ups along with the fields."""

from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.serializer.dxcontent import SerializeFolderToJson
from zope.interface import implementer


@implementer(ISerializeToJson)
class SerializeNodeToJson(SerializeFolderToJson):
    """Progress (its origin and the computed value under an override) and budgets."""

    def __call__(self, version=None, include_items=True):
        result = super().__call__(version=version, include_items=include_items)
        node = self.context
        result["progress"] = node.progress
        result["progress_computed"] = node.progress_computed
        result["progress_source"] = node.progress_source
        result["budget"] = node.budget or {"planned": 0.0, "spent": 0.0}
        return result
