"""The series' read-only members' page, opened by the members' link (no account): the published
meetings' agendas, their approved annexes and approved minutes to read or download."""

from flask import Blueprint, abort, render_template, request

from workshop.annex.export import export_annex
from workshop.extensions import db
from workshop.minutes.members import approved_minutes_summary, members_minutes_export
from workshop.models import Meeting
from workshop.models.meeting import MEETING_STATUS_LABELS
from workshop.models.series import MEMBER_ROLE_LABELS
from workshop.services import members, members_page
from workshop.web.annex_files import export_response
from workshop.web.safety import keep_link_private

bp = Blueprint("members_page", __name__, url_prefix="/members")
bp.after_request(keep_link_private)

# What the members may download an approved annex as (the page shows it as HTML).
ANNEX_DOWNLOADS = ("docx", "pdf", "md")


def series_for(token: str):
    series = members.series_for_members_token(token)
    if series is None:
        abort(404)
    return series


@bp.get("/<token>")
def show(token: str):
    view = members_page.members_page_view(series_for(token))
    for meeting in view["meetings"]:
        meeting["minutes"] = approved_minutes_summary(db.session.get_one(Meeting, meeting["id"]))
    return render_template(
        "members/page.html",
        page=view,
        token=token,
        downloads=ANNEX_DOWNLOADS,
        role_labels=MEMBER_ROLE_LABELS,
        meeting_status_labels=MEETING_STATUS_LABELS,
    )


@bp.get("/<token>/annexes/<int:workshop_id>")
def annex(token: str, workshop_id: int):
    """An approved annex of an item in a published meeting: HTML to read, or a download."""
    workshop, version = members_page.members_annex(series_for(token), workshop_id)
    format_name = request.args.get("format", "html")
    if format_name != "html" and format_name not in ANNEX_DOWNLOADS:
        abort(404)
    result = export_annex(workshop, format_name, version)
    return export_response(result, as_attachment=format_name != "html")


@bp.get("/<token>/minutes/<int:meeting_id>")
def minutes(token: str, meeting_id: int):
    """The newest approved minutes of a published meeting (with its annexes): HTML to read, or a
    download."""
    format_name = request.args.get("format", "html")
    result = members_minutes_export(series_for(token), meeting_id, format_name)
    return export_response(result, as_attachment=format_name != "html")
