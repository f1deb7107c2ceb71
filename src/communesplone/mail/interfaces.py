"""Interfaces of the mail module."""

from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class ICommunesPloneMailLayer(IDefaultBrowserLayer):
    """Browser layer of the mail module."""
