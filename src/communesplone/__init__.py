"""CommunesPlone: the intranet of a Walloon commune."""

from zope.i18nmessageid import MessageFactory


_ = MessageFactory("communesplone")
