"""PDF, laid out by WeasyPrint from the HTML page; the fonts it uses are embedded."""

from flask_babel import lazy_gettext as _l

from workshop.annex.renderers import register
from workshop.annex.renderers.html import annex_html


def pdf_from_html(page: str) -> bytes:
    """A self-contained HTML page as PDF (the annex's, or the minutes')."""
    # Imported here: WeasyPrint is slow to import and only PDF exports need it.
    from weasyprint import HTML

    # No base_url: the page refers to no files, so nothing can be fetched while rendering.
    return HTML(string=page).write_pdf()


@register("pdf", label=_l("PDF"), extension="pdf", media_type="application/pdf", rank=20)
def render_pdf(document: dict) -> bytes:
    return pdf_from_html(annex_html(document))
