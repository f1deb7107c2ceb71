"""One request, one commune: nothing is published through another commune's site.

Zope acquisition reaches a sibling site from any site: `/valmont/autreville/annuaire/…`
publishes Autreville's object with Valmont in its acquisition chain, so Valmont's user
folder takes part in the authentication. PluggableAuthService lets any authenticated
user through a permission given to `Authenticated` without checking that the object
lies in the context of that user's folder (AccessControl's own users do check), so a
Valmont user read Autreville's intranet, and the « not found » page of a wrong address
below it listed Autreville's objects (seen in tests/http/test_isolation_modules.py).

The traversal stops where it would enter a second commune site, before anything of that
site is looked up; what is published is checked once more after the traversal. The
answer is « not found », given by the commune the address starts with.
"""

from Acquisition import aq_base
from Acquisition import aq_chain
from communesplone import _
from plone.base.interfaces import IPloneSiteRoot
from zExceptions import NotFound
from zope.component.hooks import setSite
from zope.i18n import translate


def _site_of_step(obj):
    """The site a traversal step is, if it is one (plone.rest wraps what it traverses)."""
    for candidate in (obj, getattr(aq_base(obj), "context", None)):
        if candidate is not None and IPloneSiteRoot.providedBy(candidate):
            return candidate
    return None


def _sites_of(obj, depth=0):
    """The Plone sites in the acquisition chain of what was traversed or published
    (plone.rest wraps what it traverses, views hold their context: both are followed)."""
    for item in aq_chain(obj):
        if IPloneSiteRoot.providedBy(item):
            yield item
    inner = getattr(aq_base(obj), "context", None)
    if inner is not None and depth < 3:
        yield from _sites_of(inner, depth + 1)


def sites_on_the_way(request) -> list:
    """The distinct Plone sites the request went through to what it publishes."""
    found = []
    for obj in (request.get("PUBLISHED"), *request.get("PARENTS", ())):
        if obj is None:
            continue
        for site in _sites_of(obj):
            base = aq_base(site)
            if not any(base is seen for seen in found):
                found.append(base)
    return found


def _refuse(request, entry):
    """Not found, answered by the commune the address starts with (its « not found »
    page suggests objects from the catalog of its own site only)."""
    if entry is not None:
        request["PARENTS"] = [entry]
        setSite(entry)
    return NotFound(
        translate(_("Cette adresse passe par le site d'une autre commune."), context=request)
    )


def refuse_second_site(site, event) -> None:
    """A site being traversed after another one: stop before entering it."""
    request = event.request
    here = aq_base(site)
    for step in request.get("PARENTS", ()):
        other = _site_of_step(step)
        if other is not None and aq_base(other) is not here:
            raise _refuse(request, other)


def refuse_crossed_sites(event) -> None:
    """What is published has two sites in its chain (checked after the traversal too)."""
    request = event.request
    if len(sites_on_the_way(request)) <= 1:
        return
    entry = None
    for step in reversed(request.get("PARENTS", ())):
        entry = _site_of_step(step)
        if entry is not None:
            break
    raise _refuse(request, entry)
