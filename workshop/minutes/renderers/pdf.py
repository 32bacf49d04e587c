"""The minutes with their annexes as one PDF, laid out by WeasyPrint from the HTML page
(each annex starts on a new page)."""

from flask_babel import lazy_gettext as _l

from workshop.annex.renderers.pdf import pdf_from_html
from workshop.minutes.renderers import register
from workshop.minutes.renderers.html import minutes_html


@register("pdf", label=_l("PDF"), extension="pdf", media_type="application/pdf", rank=20)
def render_minutes_pdf(document: dict) -> bytes:
    return pdf_from_html(minutes_html(document))
