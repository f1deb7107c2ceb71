"""`@commune-mail-daily` on the Zope root: the CLI's `mail daily` while the instance runs."""

from communesplone.core.services.sites import _OnEverySite


class CommuneMailDaily(_OnEverySite):
    """POST `{"sites": [...]}` (or `{"all": true}`): reminders and escalations per site."""

    def run(self, site) -> dict:
        from communesplone.mail.reminders import run_on_site

        return run_on_site(site)
