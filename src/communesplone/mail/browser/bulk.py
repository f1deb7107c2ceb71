"""Register a stack of paper mail fast: one subject per line, numbers handed out in order.

All lines are registered in one transaction, or none (a bad line refuses the whole stack
with its line number); the rest of each mail is completed before assignment.
"""

from communesplone import _
from communesplone.mail.content.mail import CHANNELS
from communesplone.mail.content.mail import MAIL_TYPES
from datetime import date
from plone import api
from plone.dexterity.utils import createContentInContainer
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView


MAX_LINES = 200


class BulkRegistration(BrowserView):
    registered = ()
    error = ""

    def __call__(self):
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            try:
                self.registered = self.register(self.request.form)
            except ValueError as exc:
                self.error = str(exc)
        return self.index()

    def channels(self):
        return [{"value": t.value, "title": t.title} for t in CHANNELS]

    def mail_types(self):
        return [{"value": t.value, "title": t.title} for t in MAIL_TYPES]

    def register(self, form) -> list[dict]:
        if not api.user.has_permission("communesplone.mail: Add incoming mail", obj=self.context):
            raise ValueError(api.portal.translate(_("Vous ne pouvez pas enregistrer de courrier.")))
        lines = [line.strip() for line in (form.get("subjects") or "").splitlines()]
        subjects = [line for line in lines if line]
        if not subjects:
            raise ValueError(api.portal.translate(_("Donnez au moins un objet, un par ligne.")))
        if len(subjects) > MAX_LINES:
            raise ValueError(
                api.portal.translate(
                    _("Au plus ${max} courriers à la fois.", mapping={"max": MAX_LINES})
                )
            )
        for number, subject in enumerate(subjects, start=1):
            if len(subject) > 500:
                raise ValueError(
                    api.portal.translate(
                        _(
                            "Ligne ${line} : objet trop long (500 caractères au plus).",
                            mapping={"line": number},
                        )
                    )
                )
        channel = form.get("channel") if form.get("channel") in CHANNELS else "post"
        mail_type = form.get("mail_type") if form.get("mail_type") in MAIL_TYPES else "letter"
        try:
            received = date.fromisoformat(form.get("reception_date") or date.today().isoformat())
        except ValueError:
            raise ValueError(api.portal.translate(_("Date de réception invalide."))) from None
        created = []
        for subject in subjects:
            mail = createContentInContainer(
                self.context,
                "IncomingMail",
                title=subject,
                reception_date=received,
                channel=channel,
                mail_type=mail_type,
            )
            created.append(
                {"reference": mail.reference, "title": subject, "url": mail.absolute_url()}
            )
        return created
