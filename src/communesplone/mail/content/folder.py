"""The site folder `courrier`: every mail of the commune, unordered."""

from plone.dexterity.content import Container
from plone.supermodel import model
from zope.interface import implementer


class IMailFolder(model.Schema):
    """No settings: who registers and who treats come from the groups."""


@implementer(IMailFolder)
class MailFolder(Container):
    # Tens of thousands of mails: no ordered list of ids rewritten on every add.
    _ordering = "unordered"
