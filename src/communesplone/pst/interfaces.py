"""Interfaces of the PST module."""

from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class ICommunesPlonePSTLayer(IDefaultBrowserLayer):
    """Browser layer of the PST module."""
