"""The minutes with their annexes as one print-friendly HTML page (Jinja, autoescaped)."""

from flask import render_template
from flask_babel import lazy_gettext as _l

from workshop.minutes.renderers import register


def minutes_html(document: dict) -> str:
    """The page, its styles inline and nothing loaded from elsewhere."""
    return render_template("minutes/document.html", doc=document)


@register("html", label=_l("HTML"), extension="html", media_type="text/html", rank=40)
def render_minutes_html(document: dict) -> bytes:
    return minutes_html(document).encode("utf-8")
