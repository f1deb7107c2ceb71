"""The site folder `pst`: the commune's (and CPAS's) strategic plans, one per legislature."""

from plone.dexterity.content import Container
from plone.supermodel import model
from zope.interface import implementer


class IPSTFolder(model.Schema):
    """No settings: who manages the PST is the `pst_managers` group."""


@implementer(IPSTFolder)
class PSTFolder(Container):
    pass
