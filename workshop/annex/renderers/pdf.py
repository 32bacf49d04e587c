"""PDF, laid out by WeasyPrint from the HTML page; the fonts it uses are embedded."""

from flask_babel import lazy_gettext as _l

from workshop.annex.renderers import register
from workshop.annex.renderers.html import annex_html


@register("pdf", label=_l("PDF"), extension="pdf", media_type="application/pdf", rank=20)
def render_pdf(document: dict) -> bytes:
    # Imported here: WeasyPrint is slow to import and only PDF exports need it.
    from weasyprint import HTML

    # No base_url: the page refers to no files, so nothing can be fetched while rendering.
    return HTML(string=annex_html(document)).write_pdf()
