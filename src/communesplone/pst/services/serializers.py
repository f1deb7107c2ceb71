"""REST serialisation of plan nodes: the stored roll-ups along with the fields."""

from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.serializer.dxcontent import SerializeFolderToJson
from plone.restapi.serializer.dxcontent import SerializeToJson
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


@implementer(ISerializeToJson)
class SerializeEvaluationToJson(SerializeToJson):
    """The snapshot's figures, read-only: they are not fields, so no PATCH reaches them."""

    def __call__(self, version=None, include_items=True):
        result = super().__call__(version=version, include_items=include_items)
        evaluation = self.context
        result["taken_on"] = evaluation.taken_on
        result["totals"] = evaluation.totals
        result["figures"] = [dict(row) for row in evaluation.figures]
        return result
