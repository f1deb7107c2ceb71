"""One text from the request's form, whatever converters the caller put in the address.

Zope's publisher turns `name:list=…`, `name:tuple=…`, `name.key:record=…` or `name:int=…`
into a list, a record or a number before any view runs. A view that reads a filter or a
choice as one text then fails on it with an internal error (a 500); it answers a clear
400 instead, through this helper, whose message the user reads in the page (errors.py)
as in a JSON answer.
"""

from communesplone import _
from zExceptions import BadRequest
from zope.i18n import translate
from zope.interface import alsoProvides
from zope.interface import Interface


class IBadParameter(Interface):
    """A BadRequest refusing a parameter of the address, its message meant for the user.

    A marker, not a subclass: Zope answers an exception by its class name, and only
    `BadRequest` is a 400.
    """


def form_text(request, name: str, default: str = "") -> str:
    """The form's `name` as one text, stripped; `default` when absent.

    BadRequest (400, in French) when it came as a list, a record or a number: the page
    never offers that, so the address was made by hand and is refused, not guessed at.
    """
    value = request.form.get(name)
    if value is None:
        return default
    if not isinstance(value, str):
        refusal = BadRequest(
            translate(
                _(
                    "Paramètre « ${name} » invalide : une seule valeur texte est attendue.",
                    mapping={"name": name},
                ),
                context=request,
            )
        )
        alsoProvides(refusal, IBadParameter)
        raise refusal
    return value.strip()
