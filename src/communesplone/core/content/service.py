"""The organisation chart: services with a fixed code, each owning three Plone groups."""

from communesplone import _
from communesplone.core import groups
from plone.app.content.interfaces import INameFromTitle
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.dexterity.content import Item
from plone.schema import Email
from plone.supermodel import model
from z3c.form.interfaces import IEditForm
from z3c.form.validator import SimpleFieldValidator
from z3c.form.validator import WidgetValidatorDiscriminators
from zExceptions import BadRequest
from zope import schema
from zope.component import adapter
from zope.interface import implementer
from zope.interface import Invalid

import re


CODE_PATTERN = re.compile(r"^[a-z][a-z0-9_]{1,29}$")


class IOrgChart(model.Schema):
    """The one folder that holds the commune's services."""


@implementer(IOrgChart)
class OrgChart(Container):
    pass


def check_code_format(value: str) -> bool:
    if not CODE_PATTERN.match(value or ""):
        raise Invalid(
            _(
                "De 2 à 30 caractères : lettres minuscules sans accent, chiffres et _, en commençant par une lettre."  # noqa: E501
            )
        )
    return True


def code_problem(code: str) -> str | None:
    """Why `code` cannot be given to a new service, or None."""
    if not CODE_PATTERN.match(code or ""):
        return (
            "Code de service invalide : lettres minuscules, chiffres et _, "
            "en commençant par une lettre."
        )
    from plone import api

    if any(api.group.get(groupname=g) is not None for g in groups.service_group_ids(code)):
        return f"Le code de service « {code} » est déjà utilisé."
    return None


class IService(model.Schema):
    code = schema.ASCIILine(
        title=_("Code"),
        description=_("Fixé à la création : les groupes du service en dépendent."),
        constraint=check_code_format,
    )
    directives.mode(IEditForm, code="display")

    acronym = schema.TextLine(title=_("Sigle"), required=False, max_length=12)

    parent = schema.Choice(
        title=_("Service parent"),
        vocabulary="communesplone.core.Services",
        required=False,
    )

    email = Email(title=_("Adresse électronique"), required=False)


@implementer(IService)
class Service(Item):
    """A service; its code cannot change once set."""

    @property
    def code(self):
        return self.__dict__.get("_code")

    @code.setter
    def code(self, value):
        current = self.__dict__.get("_code")
        if current and value != current:
            raise BadRequest("Le code d'un service ne change pas après sa création.")
        self.__dict__["_code"] = value
        self._p_changed = True

    def group_ids(self) -> dict:
        return {
            kind: groups.service_group_id(self.code, kind) for kind, _ in groups.SERVICE_GROUP_KINDS
        }


@implementer(INameFromTitle)
@adapter(IService)
class ServiceNameFromCode:
    """A service's id is its code."""

    def __init__(self, context):
        self.title = context.code


class CodeValidator(SimpleFieldValidator):
    """In the add form, say why a code cannot be used before anything is created."""

    def validate(self, value):
        super().validate(value)
        if IService.providedBy(self.context):
            return  # edit form: the code is displayed, never changed
        problem = code_problem(value)
        if problem:
            raise Invalid(problem)


WidgetValidatorDiscriminators(CodeValidator, field=IService["code"])
