"""Schema fields the modules share."""

from collective.z3cform.datagridfield.row import DictRow
from zope import schema


def grid(row, title, description=None) -> schema.List:
    """Rows of plain dicts (REST reads and writes them as such), edited as a grid.

    Optional with an empty default, so content made before the field reads [].
    """
    return schema.List(
        title=title,
        description=description,
        value_type=DictRow(title=title, schema=row),
        required=False,
        default=[],
    )
