"""PDF, laid out by WeasyPrint from the HTML page; the fonts it uses are embedded."""

import subprocess
import sys

from flask_babel import lazy_gettext as _l

from workshop.annex.renderers import register
from workshop.annex.renderers.html import annex_html
from workshop.event_loop import on_event_loop

# A child Python that reads the page on stdin and writes the PDF on stdout, importing WeasyPrint
# alone. No base_url: the page refers to no files, so nothing can be fetched while rendering.
_CHILD = (
    "import sys; from weasyprint import HTML; "
    "sys.stdout.buffer.write(HTML(string=sys.stdin.buffer.read().decode()).write_pdf())"
)


def pdf_from_html(page: str) -> bytes:
    """A self-contained HTML page as PDF (the annex's, the minutes' or a notice).

    Laying out a long annex takes seconds of pure computation; on gevent's event loop that would
    hold every live connection of the process (notes, timers) for as long, so there it is done by
    a child process, which the loop waits for without blocking. Elsewhere threads take turns.
    """
    return pdf_in_child(page) if on_event_loop() else pdf_here(page)


def pdf_here(page: str) -> bytes:
    # Imported here: WeasyPrint is slow to import and only PDF exports need it.
    from weasyprint import HTML

    return HTML(string=page).write_pdf()


def pdf_in_child(page: str) -> bytes:
    child = subprocess.run(
        [sys.executable, "-c", _CHILD], input=page.encode(), capture_output=True, check=False
    )
    if child.returncode != 0:
        raise RuntimeError(f"The PDF could not be made: {child.stderr.decode(errors='replace')}")
    return child.stdout


@register("pdf", label=_l("PDF"), extension="pdf", media_type="application/pdf", rank=20)
def render_pdf(document: dict) -> bytes:
    return pdf_from_html(annex_html(document))
