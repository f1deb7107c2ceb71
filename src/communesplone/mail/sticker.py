"""The registration number as a Code 128 barcode: on the sticker put on the paper original
and on the letters the commune sends.

A hand scanner reads the barcode as keystrokes: scanned in the search box, it types the
reference, which the mail's SearchableText holds (indexers.py). Drawn with reportlab,
without LibreOffice: the sticker is printed at the mail office's desk, one by one.
"""

from communesplone import _
from communesplone.mail.content.mail import IIncomingMail
from io import BytesIO
from plone import api
from reportlab.graphics import renderSVG
from reportlab.graphics.barcode import createBarcodeDrawing
from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas


# A 62 × 29 mm die-cut label (the common small address label of label printers).
LABEL_WIDTH = 62 * mm
LABEL_HEIGHT = 29 * mm
MARGIN = 2 * mm
# Bars of 0.3 mm read well from a 300 dpi label printer; longer texts get thinner bars.
BAR_WIDTH = 0.3 * mm
BAR_HEIGHT = 10 * mm


def _bar_width(value: str, available: float) -> float:
    """The widest bar (up to BAR_WIDTH) that fits the barcode, quiet zones included, in
    `available` points."""
    modules = Code128(value, barWidth=1).width
    return min(BAR_WIDTH, available / modules)


def barcode_drawing(value: str, available: float = LABEL_WIDTH, height: float = BAR_HEIGHT):
    return createBarcodeDrawing(
        "Code128",
        value=value,
        barWidth=_bar_width(value, available),
        barHeight=height,
        humanReadable=False,
        quiet=True,
    )


def barcode_svg(value: str) -> bytes:
    """The barcode as SVG, for documents (appy imports it as an image)."""
    return renderSVG.drawToString(barcode_drawing(value)).encode("utf-8")


def commune_name() -> str:
    name = api.portal.get_registry_record("communesplone.commune.commune_name", default=None)
    return name or api.portal.get().Title()


def sticker_pdf(commune: str, reference: str, date_text: str) -> bytes:
    """One label: the commune, the reference in text and as a barcode, the date."""
    output = BytesIO()
    label = canvas.Canvas(output, pagesize=(LABEL_WIDTH, LABEL_HEIGHT), invariant=1)
    label.setTitle(reference)
    middle = LABEL_WIDTH / 2
    label.setFont("Helvetica", 7)
    label.drawCentredString(middle, LABEL_HEIGHT - MARGIN - 2.5 * mm, commune)
    label.setFont("Helvetica-Bold", 10)
    label.drawCentredString(middle, LABEL_HEIGHT - MARGIN - 7 * mm, reference)
    drawing = barcode_drawing(reference, LABEL_WIDTH - 2 * MARGIN)
    drawing.drawOn(label, (LABEL_WIDTH - drawing.width) / 2, MARGIN + 4 * mm)
    label.setFont("Helvetica", 7)
    label.drawCentredString(middle, MARGIN + 0.5 * mm, date_text)
    label.showPage()
    label.save()
    return output.getvalue()


def date_label(mail) -> str:
    """« Reçu le 12/03/2026 » (incoming), « Daté du 12/03/2026 » (outgoing)."""
    incoming = IIncomingMail.providedBy(mail)
    value = mail.reception_date if incoming else mail.mail_date
    if value is None:
        return ""
    mapping = {"date": value.strftime("%d/%m/%Y")}
    if incoming:
        return api.portal.translate(_("Reçu le ${date}", mapping=mapping))
    return api.portal.translate(_("Daté du ${date}", mapping=mapping))
