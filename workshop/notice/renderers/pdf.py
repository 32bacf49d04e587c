"""The notice in PDF, laid out by WeasyPrint from the HTML page."""

from flask_babel import lazy_gettext as _l

from workshop.notice.renderers import register
from workshop.notice.renderers.html import notice_html


@register("pdf", label=_l("PDF"), extension="pdf", media_type="application/pdf", rank=20)
def render_pdf(notice: dict) -> bytes:
    # Imported here: WeasyPrint is slow to import and only PDF exports need it.
    from weasyprint import HTML

    # No base_url: the page refers to no files, so nothing can be fetched while rendering.
    return HTML(string=notice_html(notice)).write_pdf()
