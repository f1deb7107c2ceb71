"""Interfaces of the urbanism module."""

from zope.publisher.interfaces.browser import IDefaultBrowserLayer


class ICommunesPloneUrbanLayer(IDefaultBrowserLayer):
    """Browser layer of the urbanism module."""
