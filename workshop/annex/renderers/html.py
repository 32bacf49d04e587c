"""A print-friendly HTML page of the annex, rendered by a Jinja template with autoescape."""

from flask import render_template
from flask_babel import lazy_gettext as _l

from workshop.annex.build import document_title
from workshop.annex.renderers import register


def annex_html(document: dict) -> str:
    """The annex as a standalone HTML page (its styles inline, nothing loaded from elsewhere)."""
    return render_template("annex/document.html", doc=document, title=document_title(document))


@register("html", label=_l("HTML"), extension="html", media_type="text/html", rank=40)
def render_html(document: dict) -> bytes:
    return annex_html(document).encode("utf-8")
