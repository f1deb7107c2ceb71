"""REST services on the Zope root: the commune sites of this instance.

They let the CLI write through a running instance (FileStorage allows one writer) and
give the SaaS operator the same operations over HTTP. JSON only, Manager of the Zope
root only; like plone.distribution's `@sites`, they take no CSRF token: a POST must send
its body as `application/json`, which a cross-site page cannot make a browser send
without asking first (base.JsonService refuses any other type with a 415).
"""

from communesplone.core.services.base import JsonService
from communesplone.core.tenants import sites
from communesplone.core.tenants.profile import ProfileError
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.deserializer import json_body
from plone.restapi.services import Service
from zExceptions import NotFound
from zope.interface import alsoProvides
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse


def _bad_request(request, errors, message="Profil de commune invalide."):
    request.response.setStatus(400)
    return {"type": "BadRequest", "message": message, "errors": errors}


def _wanted_sites(service):
    """The sites a maintenance request names (`{"all": true}` or `{"sites": [...]}`)."""
    data = json_body(service.request) or {}
    known = {site.getId(): site for site in sites.plone_sites(service.context)}
    wanted = list(known) if data.get("all") else data.get("sites") or []
    unknown = [site_id for site_id in wanted if site_id not in known]
    if unknown or not wanted:
        errors = [f"Aucun site « {site_id} » dans cette instance." for site_id in unknown]
        return None, errors or ["Indiquez les sites (« sites ») ou « all »."]
    return [known[site_id] for site_id in wanted], []


class CommuneSitesGet(Service):
    def reply(self):
        blobs = self.request.form.get("blobs") in ("1", "true", "on")
        return {"items": sites.list_sites(self.context, blobs=blobs)}


@implementer(IPublishTraverse)
class CommuneSitesDelete(Service):
    """DELETE `@commune-sites/{id}`: remove a commune while the instance serves the others.

    The CLI asks the operator to confirm first; this service does not ask again.
    """

    site_id = None

    def publishTraverse(self, request, name):
        if self.site_id is None:
            self.site_id = name
            return self
        raise NotFound(name)

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        if not self.site_id:
            return _bad_request(
                self.request, ["Indiquez le site : @commune-sites/ID."], "Requête invalide."
            )
        try:
            sites.remove_site(self.context, self.site_id)
        except KeyError:
            self.request.response.setStatus(404)
            return {
                "type": "NotFound",
                "message": f"Aucun site « {self.site_id} » dans cette instance.",
            }
        return self.reply_no_content()


class CommuneSitesPost(JsonService):
    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        try:
            answers = json_body(self.request)
        except Exception:
            return _bad_request(self.request, ["Le corps de la requête n'est pas du JSON valide."])
        if not isinstance(answers, dict):
            return _bad_request(self.request, ["Un profil de commune est un objet JSON ({ … })."])
        try:
            site = sites.create_site(self.context, answers)
        except ProfileError as exc:
            return _bad_request(self.request, exc.errors)
        self.request.response.setStatus(201)
        self.request.response.setHeader("Location", site.absolute_url())
        return sites.site_info(site) | {"@id": site.absolute_url()}


class _OnEverySite(JsonService):
    """POST `{"all": true}` or `{"sites": [...]}`: run `action` on each named site.

    The answer lists what each site did (`items`) and the sites that failed, rolled back,
    with their error (`failures`).

    `action` names a function of core's `tenants.sites`; a module's own service (the
    mail's reminders…) overrides `run` instead.
    """

    action = None

    def run(self, site) -> dict:
        return getattr(sites, self.action)(site)

    def reply(self):
        alsoProvides(self.request, IDisableCSRFProtection)
        wanted, errors = _wanted_sites(self)
        if errors:
            return _bad_request(self.request, errors, "Requête invalide.")
        # Each site is committed on its own: a failing one is reported, not fatal.
        done, failed = sites.each_site(wanted, self.run)
        return {"items": done, "failures": failed}


class CommuneSitesUpgrade(_OnEverySite):
    action = "upgrade_site"


class CommuneSitesDaily(_OnEverySite):
    action = "run_daily"
