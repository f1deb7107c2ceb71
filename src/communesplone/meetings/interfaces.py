"""Interfaces of the meetings module."""

from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class ICommunesPloneMeetingsLayer(IDefaultBrowserLayer):
    """Browser layer of the meetings module."""
