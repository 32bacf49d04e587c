"""The minutes page of a meeting: fields saved as you type, approval, versions, exports.

The page saves each edit through minutes_save's route (the API's operations, with the login
session); this module serves the page itself and its forms and files.
"""

import json
from datetime import datetime

from flask import (
    Blueprint,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.routing import BuildError

from workshop.forms.minutes import ITEM_FIELDS
from workshop.minutes.export import export_minutes
from workshop.minutes.state import inherited_values, minutes_state
from workshop.minutes.versions import approve_minutes
from workshop.models import DomainError
from workshop.models.minutes import (
    ANNEX_TITLE_MAX,
    ATTACHMENTS_MAX,
    COMING_NOTE_MAX,
    HEADER_TEXT_MAX,
    ITEM_TEXT_MAX,
    ITEM_TITLE_MAX,
    MAX_COMING_MEETINGS,
    MINUTES_WORD_MAX,
)
from workshop.services.meetings import get_meeting_for
from workshop.web.annex_files import export_response
from workshop.web.facilitator_access import require_login
from workshop.web.live import service_worker_file
from workshop.web.minutes_strings import minutes_strings

bp = Blueprint("minutes", __name__, url_prefix="/meetings/<int:meeting_id>/minutes")

bp.before_request(require_login)

# (field, label, input type, limit) in the order the document's header shows them.
HEADER_FIELDS = [
    ("document_number", _l("Document number"), "text", HEADER_TEXT_MAX),
    ("reference", _l("Reference"), "text", HEADER_TEXT_MAX),
    ("theme", _l("Theme"), "text", HEADER_TEXT_MAX),
    ("minutes_word", _l("The word for minutes"), "text", MINUTES_WORD_MAX),
    ("title", _l("Meeting"), "text", HEADER_TEXT_MAX),
    ("date", _l("Date"), "date", None),
    ("start_time", _l("Start time"), "time", None),
    ("end_time", _l("End time"), "time", None),
    ("place", _l("Place"), "text", HEADER_TEXT_MAX),
]
LIMITS = {
    "item_title": ITEM_TITLE_MAX,
    "item_text": ITEM_TEXT_MAX,
    "attachments": ATTACHMENTS_MAX,
    "annex_title": ANNEX_TITLE_MAX,
    "coming": MAX_COMING_MEETINGS,
    "coming_note": COMING_NOTE_MAX,
}
# How often an open minutes page asks for the fields other secretaries saved (config:
# MINUTES_REFRESH_SECONDS); a stale edit is refused anyway, this only makes it rarer.
REFRESH_SECONDS = 10
EXPORT_FORMATS = [("docx", "Word"), ("pdf", "PDF"), ("md", "Markdown"), ("html", "HTML")]


def meeting_or_404(meeting_id: int):
    return get_meeting_for(current_user, meeting_id)


@bp.get("/")
def show(meeting_id: int):
    meeting = meeting_or_404(meeting_id)
    minutes = minutes_state(meeting)
    return render_template(
        "minutes/show.html",
        meeting=meeting,
        meeting_url=meeting_page_url(meeting_id),
        minutes=minutes,
        fields=field_values(minutes),
        defaults=meeting_defaults(meeting),
        unapproved_annexes=[a for a in minutes["annexes"] if a["approved"] is False],
        versions=shown_versions(minutes),
        header_fields=HEADER_FIELDS,
        limits=LIMITS,
        formats=EXPORT_FORMATS,
        strings=minutes_strings(),
        refresh_seconds=current_app.config.get("MINUTES_REFRESH_SECONDS", REFRESH_SECONDS),
    )


@bp.get("/fields")
def fields(meeting_id: int):
    """Every field's value and revision now: the page takes in what other secretaries saved."""
    minutes = minutes_state(meeting_or_404(meeting_id))
    return jsonify({"fields": field_values(minutes)})


def meeting_page_url(meeting_id: int) -> str | None:
    """The meeting's own page, where the pages of meetings exist alongside these."""
    try:
        return url_for("meetings.show", meeting_id=meeting_id)
    except BuildError:
        return None


def meeting_defaults(meeting) -> dict:
    """What each header field clears to (the meeting's, or its series', own value), by page key;
    the document number and reference have none."""
    return {
        f"header:{name}": value
        for name, value in inherited_values(meeting).items()
        if name not in ("document_number", "reference", "coming_meetings")
    }


def shown_versions(minutes: dict) -> list[dict]:
    """The approved versions, their moments as datetimes for the page's localized dates."""
    return [
        {
            "number": version["number"],
            "approved_at": datetime.fromisoformat(version["approved_at"]),
            "approved_by_name": version["approved_by"],
        }
        for version in minutes["versions"]
    ]


def field_values(minutes: dict) -> dict:
    """Every editable field by its page key ("header:place", "item:31:decision") with its value
    and revision: what the page's script compares each edit against."""
    header = minutes["header"]
    fields = {
        f"header:{name}": {"value": value, "revision": header["revisions"].get(name, 0)}
        for name, value in header["values"].items()
    }
    coming = minutes["coming_meetings"]
    fields["header:coming_meetings"] = {
        # The page edits the list as JSON text, written as the script writes it.
        "value": json.dumps(coming["value"], ensure_ascii=False, separators=(",", ":")),
        "revision": coming["revision"],
    }
    for item in minutes["items"]:
        for name in ITEM_FIELDS:
            fields[f"item:{item['id']}:{name}"] = {
                "value": as_text(item[name]),
                "revision": item["revisions"].get(name, 0),
            }
    return fields


def as_text(value) -> str:
    """A field's value as its control holds it: a yes/no as "true" or "false"."""
    return json.dumps(value) if isinstance(value, bool) else value


@bp.post("/approve")
def approve(meeting_id: int):
    meeting = meeting_or_404(meeting_id)
    try:
        version = approve_minutes(meeting, current_user, request.form.get("approve_annexes") == "y")
    except DomainError as error:
        flash(str(error.message), "error")
    else:
        message = _("Version %(number)s of the minutes is approved.", number=version["number"])
        flash(message, "success")
    return redirect(url_for("minutes.show", meeting_id=meeting_id, _anchor="approve"))


@bp.get("/export/<name>")
def export(meeting_id: int, name: str):
    meeting = meeting_or_404(meeting_id)
    version = request.args.get("version", type=int)
    result = export_minutes(meeting, name, version)
    return export_response(result, as_attachment=name != "html")


@bp.get("/sw.js")
def service_worker(meeting_id: int):
    # Served from the minutes' own path so that its scope covers the minutes page (and nothing
    # else): the page can then be reloaded without network, its unsent words in the outbox.
    return service_worker_file()
