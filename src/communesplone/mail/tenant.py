"""The `courrier` folder of a new commune site."""

from plone import api
from plone.dexterity.utils import createContentInContainer


FOLDER_ID = "courrier"


def create_mail_folder(answers: dict) -> None:
    portal = api.portal.get()
    if FOLDER_ID not in portal.objectIds():
        createContentInContainer(
            portal, "MailFolder", checkConstraints=False, id=FOLDER_ID, title="Courrier"
        )
