"""What the file fields of our content types accept: the size and the kinds of file.

One rule, here, for every file field of our schemas (an annex's file, a mail's scanned
original…), checked before anything is stored: in forms (a z3c.form validator) and in
REST, TUS uploads included (the field's deserializer answers 400 with the message).
Files the site makes itself (minutes, deliberations, letters) or receives inside an
e-mail (capture.py, with its own limit) are not uploads and are not checked here.
"""

from communesplone import _
from plone.dexterity.interfaces import IDexterityContent
from plone.formwidget.namedfile.validator import NamedFileWidgetValidator
from plone.namedfile.interfaces import INamed
from plone.namedfile.interfaces import INamedFileField
from plone.restapi.deserializer.dxfields import NamedFieldDeserializer
from plone.restapi.interfaces import IFieldDeserializer
from z3c.form import validator
from zope.component import adapter
from zope.globalrequest import getRequest
from zope.i18n import translate
from zope.interface import implementer
from zope.interface import Invalid
from zope.publisher.interfaces.browser import IBrowserRequest


MAX_SIZE_MB = 50
MAX_SIZE = MAX_SIZE_MB * 1024 * 1024

# Extension → the file's type. SVG and HTML are left out on purpose: a browser runs the
# scripts they may hold.
ACCEPTED = {
    "pdf": "application/pdf",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "odg": "application/vnd.oasis.opendocument.graphics",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "ppt": "application/vnd.ms-powerpoint",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "tif": "image/tiff",
    "tiff": "image/tiff",
    "webp": "image/webp",
    "eml": "message/rfc822",
    "txt": "text/plain",
    "csv": "text/csv",
    "zip": "application/zip",
}
# Other names clients give the same kinds (Windows browsers, mail clients, scanners).
ALIASES = {
    "application/x-pdf",
    "application/x-zip-compressed",
    "application/csv",
    "text/x-csv",
    "image/jpg",
    "image/pjpeg",
}
# Types that say nothing: the extension decides.
GENERIC = {"", "application/octet-stream", "binary/octet-stream", "application/x-download"}
ACCEPTED_TYPES = set(ACCEPTED.values()) | ALIASES


def _extension(filename: str) -> str:
    name = (filename or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def refusal(filename: str | None, content_type: str | None, size: int):
    """Why this file is refused (a message id), or None when it is accepted."""
    name = filename or "—"
    if size > MAX_SIZE:
        return _(
            "Fichier « ${name} » refusé : ${size} Mo, la limite est de ${max} Mo.",
            mapping={"name": name, "size": f"{size / 1024 / 1024:.1f}", "max": MAX_SIZE_MB},
        )
    declared = (content_type or "").split(";", 1)[0].strip().lower()
    extension = _extension(filename or "")
    if extension:
        accepted = extension in ACCEPTED and (declared in GENERIC or declared in ACCEPTED_TYPES)
    else:
        accepted = declared in ACCEPTED_TYPES
    if accepted:
        return None
    return _(
        "Fichier « ${name} » refusé : ce type de fichier n'est pas accepté. Types acceptés : "
        "PDF, OpenDocument, Word, Excel, PowerPoint, images (JPEG, PNG, GIF, TIFF, WebP), "
        "courriel (.eml), texte, CSV et ZIP.",
        mapping={"name": name},
    )


def file_refusal(value):
    """The refusal of a file value (a NamedFile or NamedBlobFile), or None."""
    if not INamed.providedBy(value):
        return None
    return refusal(value.filename, value.contentType, value.getSize())


def is_ours(field) -> bool:
    """A file field of one of our schemas (other add-ons' fields keep their own rules)."""
    interface = getattr(field, "interface", None)
    return bool(interface is not None and interface.__module__.startswith("communesplone."))


class UploadValidator(NamedFileWidgetValidator):
    """Forms: the file just uploaded, checked with the field's other rules."""

    def validate(self, value, force=False):
        super().validate(value, force)
        if not is_ours(self.field):
            return
        message = file_refusal(value)
        if message is None:
            return
        if self.widget is not None:
            # Shown again with the error, the widget would keep the refused file in the
            # site for the next submit: it forgets it instead.
            self.widget.value = None
        raise Invalid(message)


validator.WidgetValidatorDiscriminators(UploadValidator, field=INamedFileField)


@implementer(IFieldDeserializer)
@adapter(INamedFileField, IDexterityContent, IBrowserRequest)
class UploadDeserializer(NamedFieldDeserializer):
    """REST (JSON and TUS): a refused file is a field error, so the answer is a 400."""

    def __call__(self, value):
        result = super().__call__(value)
        if result is None or not is_ours(self.field):
            return result
        if result is getattr(self.context, self.field.__name__, None):
            return result  # the stored file sent back unchanged
        message = file_refusal(result)
        if message is not None:
            raise ValueError(translate(message, context=self.request or getRequest()))
        return result
