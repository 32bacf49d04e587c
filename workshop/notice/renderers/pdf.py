"""The notice in PDF, laid out by WeasyPrint from the HTML page."""

from flask_babel import lazy_gettext as _l

from workshop.annex.renderers.pdf import pdf_from_html
from workshop.notice.renderers import register
from workshop.notice.renderers.html import notice_html


@register("pdf", label=_l("PDF"), extension="pdf", media_type="application/pdf", rank=20)
def render_pdf(notice: dict) -> bytes:
    return pdf_from_html(notice_html(notice))
