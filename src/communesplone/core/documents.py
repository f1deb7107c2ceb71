"""The document engine: collective.documentgenerator wired to this instance's LibreOffice.

collective.documentgenerator converts every output (ODT included) through a LibreOffice
server, reached with a Python that has both `uno` and `appy`. Its settings are per site;
each site takes them from the instance environment (zope.conf `<environment>`) when it is
created or upgraded, so moving an installation only needs `communesplone sites upgrade`.
"""

from communesplone.core.instance import DEFAULT_OFFICE_PORT
from communesplone.core.instance import default_uno_python
from communesplone.core.template_guard import shipped_code
from pathlib import Path
from plone import api
from plone.namedfile.file import NamedBlobFile
from zExceptions import Unauthorized

import os


SETTINGS = "collective.documentgenerator.browser.controlpanel.IDocumentGeneratorControlPanelSchema."
TEMPLATES = Path(__file__).parent / "templates"
TEMPLATES_FOLDER_ID = "modeles"

# Templates the core ships: (id, title, file, output formats, portal types it applies to).
CORE_TEMPLATES = (
    (
        "fiche-commune",
        "Fiche de la commune",
        TEMPLATES / "fiche-commune.odt",
        ["odt", "pdf", "docx"],
        ["Plone Site"],
    ),
)


def configure_office() -> None:
    """Point this site's document engine at the instance's LibreOffice server.

    The values come from the instance's environment, whoever runs the install or upgrade
    (only the operator may set them by hand: template_guard)."""
    with shipped_code():
        api.portal.set_registry_record(SETTINGS + "uno_path", default_uno_python())
        api.portal.set_registry_record(
            SETTINGS + "oo_server", os.environ.get("OO_SERVER", "127.0.0.1")
        )
        api.portal.set_registry_record(
            SETTINGS + "oo_port_list", os.environ.get("OO_PORT", str(DEFAULT_OFFICE_PORT))
        )


def templates_folder():
    """The folder that holds the site's document templates, created on first need."""
    portal = api.portal.get()
    if TEMPLATES_FOLDER_ID not in portal.objectIds():
        api.content.create(
            container=portal,
            type="Folder",
            id=TEMPLATES_FOLDER_ID,
            title="Modèles de documents",
            exclude_from_nav=True,
        )
    return portal[TEMPLATES_FOLDER_ID]


# What a template file is, from its suffix (appy renders text and spreadsheet templates).
TEMPLATE_TYPES = {
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
}

# Documents are the intranet's: an anonymous visitor sees no generation link and cannot
# make the document engine work (the public pages have their own views).
MEMBERS_ONLY = "python: member.getId() is not None"


def install_templates(definitions=CORE_TEMPLATES) -> list:
    """Add the shipped templates that the site does not have yet; keep edited ones.

    Each module passes its own definitions (id, title, ODT path, formats, portal types,
    and optionally a further condition: Python on `context`, added to « members only »).
    """
    folder = templates_folder()
    added = []
    for template_id, title, path, formats, portal_types, *condition in definitions:
        if template_id in folder.objectIds():
            continue
        data = path.read_bytes()
        # The shipped files are the suite's code: installed by whoever installs or
        # upgrades the site, where a commune's users may add no template (template_guard).
        with shipped_code():
            template = api.content.create(
                container=folder,
                type="ConfigurablePODTemplate",
                id=template_id,
                title=title,
                odt_file=NamedBlobFile(
                    data=data,
                    contentType=TEMPLATE_TYPES.get(path.suffix, TEMPLATE_TYPES[".odt"]),
                    filename=path.name,
                ),
                pod_formats=formats,
                pod_portal_types=portal_types,
                tal_condition=(
                    f"{MEMBERS_ONLY} and ({condition[0]})" if condition else MEMBERS_ONLY
                ),
            )
        added.append(template)
    return added


def today_text() -> str:
    """Today as documents print it (31/12/2026)."""
    from datetime import date

    return date.today().strftime("%d/%m/%Y")


def office_reachable() -> bool:
    """Does one of this site's LibreOffice ports answer? (A refused generation says why.)"""
    from collective.documentgenerator import config
    from communesplone.core.office import port_open

    server = config.get_oo_server() or "127.0.0.1"
    return any(port_open(port, server) for port in config.get_oo_port_list())


def generate(context, template_id: str, output_format: str = "pdf") -> bytes:
    """Render a site template on a context, as the current user, and return the bytes.

    Called from Python, nothing has checked that the user may read the context (the
    publisher would have): a document never shows what its reader may not see.
    """
    if not api.user.has_permission("View", obj=context):
        raise Unauthorized("Vous ne pouvez pas lire ce dont le document parle.")
    template = templates_folder()[template_id]
    view = api.content.get_view("document-generation", context, context.REQUEST)
    return view(template_uid=template.UID(), output_format=output_format)
