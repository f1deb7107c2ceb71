"""Item templates: an assembly's ready-made items (« Modèles de points »), per service.

A service that writes the same kind of item week after week (a purchase, a subsidy…)
starts from the assembly's template instead of a blank form: title, category, privacy,
motivation and decision come filled in, and the author only completes them.
"""

from communesplone import _
from communesplone.core.vocabularies import services as all_services
from communesplone.meetings.vocabularies import ADD_ITEM
from communesplone.meetings.vocabularies import user_services
from plone import api
from plone.app.textfield.value import RichTextValue


class TemplateError(ValueError):
    """A template that cannot be used by this user; the message is French."""


def _say(message) -> TemplateError:
    return TemplateError(api.portal.translate(message))


def user_service_titles(assembly) -> dict[str, str]:
    """The services the current user drafts items for, code: title (their default first)."""
    return {term.value: term.title for term in user_services(assembly)}


def may_add_item(assembly) -> bool:
    return api.user.has_permission(ADD_ITEM, obj=assembly)


def available_templates(assembly, services: dict[str, str] | None = None) -> list[dict]:
    """The templates of the user's services and those for every service, in their order."""
    if services is None:
        services = user_service_titles(assembly)
    return [
        row
        for row in assembly.template_rows()
        if row.get("title") and (not row.get("service") or row["service"] in services)
    ]


def _rich(html: str | None) -> RichTextValue | None:
    """The template's HTML as the item's rich text (made safe when shown)."""
    if not (html or "").strip():
        return None
    return RichTextValue(html, mimeType="text/html", outputMimeType="text/x-html-safe")


def create_from_template(assembly, template_title: str):
    """A draft item of the current user made from the template; TemplateError if refused."""
    if not may_add_item(assembly):
        raise _say(_("Vous ne pouvez pas créer de point dans cette assemblée."))
    rows = [row for row in assembly.template_rows() if row.get("title") == template_title]
    if not template_title or not rows:
        raise _say(_("Ce modèle de point n'existe pas dans cette assemblée."))
    template = rows[0]
    services = user_service_titles(assembly)
    service = template.get("service")
    if service and service not in services:
        titles = {term.value: term.title for term in all_services(assembly)}
        raise _say(
            _(
                "Ce modèle est réservé au service ${service}, dont vous ne faites pas partie.",
                mapping={"service": titles.get(service, service)},
            )
        )
    proposing_service = service or next(iter(services), None)
    if not proposing_service:
        raise _say(_("Vous ne faites partie d'aucun service : aucun point ne peut être créé."))
    category = template.get("category")
    return api.content.create(
        container=assembly,
        type="MeetingItem",
        title=template["title"],
        proposing_service=proposing_service,
        category=category if category in assembly.category_titles() else None,
        privacy=template.get("privacy") or "public",
        motivation=_rich(template.get("motivation")),
        decision=_rich(template.get("decision")),
    )
