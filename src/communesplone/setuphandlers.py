"""Install and uninstall of the suite profile."""

from plone import api
from Products.CMFPlone.interfaces import INonInstallable
from zope.interface import implementer


@implementer(INonInstallable)
class HiddenProfiles:
    """Module profiles are pulled in by the suite profile; hide them from the add-ons list."""

    def getNonInstallableProfiles(self):
        return [
            "communesplone:uninstall",
            "communesplone.core:default",
            "communesplone.core:uninstall",
            "communesplone.meetings:default",
            "communesplone.meetings:uninstall",
            "communesplone.urban:default",
            "communesplone.urban:uninstall",
            "communesplone.mail:default",
            "communesplone.mail:uninstall",
            "communesplone.pst:default",
            "communesplone.pst:uninstall",
        ]

    def getNonInstallableProducts(self):
        return [
            "communesplone.core",
            "communesplone.meetings",
            "communesplone.urban",
            "communesplone.mail",
            "communesplone.pst",
        ]


def post_install(context):
    """Nothing beyond the module profiles yet."""


def uninstall(context):
    """Remove what each module installed, in reverse dependency order."""
    setup = api.portal.get_tool("portal_setup")
    setup.runAllImportStepsFromProfile("profile-communesplone.pst:uninstall")
    setup.runAllImportStepsFromProfile("profile-communesplone.mail:uninstall")
    setup.runAllImportStepsFromProfile("profile-communesplone.urban:uninstall")
    setup.runAllImportStepsFromProfile("profile-communesplone.meetings:uninstall")
    setup.runAllImportStepsFromProfile("profile-communesplone.core:uninstall")
