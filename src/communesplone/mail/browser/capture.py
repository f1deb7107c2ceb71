"""Import an e-mail (.eml) as an incoming mail; on its page, the e-mail's text and the
unknown sender to add to the directory (capture.py does the work)."""

from communesplone import _
from communesplone.core import structure
from communesplone.core.browser.actions import PostOnlyView
from communesplone.mail import capture
from plone import api
from Products.Five.browser import BrowserView

import transaction


class EmlImport(PostOnlyView):
    """GET shows the upload form; POST (with the token) registers the e-mail and opens
    the new mail's page, or shows why the file was refused (nothing is created)."""

    error = ""

    def __call__(self):
        if self.request.method == "GET":
            return self.index()
        return super().__call__()

    def handle(self):
        upload = self.request.form.get("eml")
        raw = upload.read() if upload is not None and hasattr(upload, "read") else b""
        filename = getattr(upload, "filename", "") or ""
        try:
            if not raw:
                raise capture.CaptureError(_("Choisissez un fichier .eml."))
            result = capture.capture(self.context, raw, filename)
        except capture.CaptureError as exc:
            transaction.abort()
            self.error = api.portal.translate(exc.message)
            self.request.response.setStatus(400)
            return self.index()
        api.portal.show_message(
            api.portal.translate(
                _(
                    "Courriel enregistré sous le numéro ${reference}.",
                    mapping={"reference": result.mail.reference},
                )
            ),
            request=self.request,
        )
        self.request.response.redirect(result.mail.absolute_url())
        return ""


class CapturedEmailPanel(BrowserView):
    """On a captured mail's page: the e-mail's text and, while the sender is unknown, the
    contact to create (pre-filled from the From header). Empty for other mail."""

    def __call__(self):
        self.email = capture.captured(self.context)
        if not self.email:
            return ""
        return self.index()

    def proposal(self):
        return capture.sender_to_propose(self.context)

    def can_create_contact(self):
        return api.user.has_permission(
            "Modify portal content", obj=self.context
        ) and api.user.has_permission("Add portal content", obj=structure.directory())


class CreateSender(PostOnlyView):
    """« Créer le contact » of the panel: the user confirmed the proposed contact."""

    def handle(self):
        try:
            contact = capture.create_sender(self.context, self.request.form)
        except capture.CaptureError as exc:
            transaction.abort()
            api.portal.show_message(
                api.portal.translate(exc.message), request=self.request, type="error"
            )
        else:
            api.portal.show_message(
                api.portal.translate(
                    _(
                        "${name} ajouté à l'annuaire, expéditeur du courrier.",
                        mapping={"name": contact.Title()},
                    )
                ),
                request=self.request,
            )
        self.request.response.redirect(self.context.absolute_url())
        return ""
