"""The notice as a standalone print-friendly HTML page, rendered by a Jinja template with
autoescape (the PDF is laid out from it)."""

from flask import render_template

from workshop.notice.build import notice_title


def notice_html(notice: dict) -> str:
    """The notice as one page with its styles inline and nothing loaded from elsewhere."""
    return render_template("notice/document.html", notice=notice, title=notice_title(notice))
