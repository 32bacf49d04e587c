"""The coordinator's notice page: download the notice (Word, PDF, Markdown, .ics), copy the
ready e-mail text, send it to the members by e-mail, and see when and to whom it went."""

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import ngettext
from flask_login import current_user

from workshop.forms.outline import ConfirmForm
from workshop.models import DomainError, Meeting
from workshop.services import notices
from workshop.services.meetings import get_meeting_for
from workshop.web.annex_files import export_response
from workshop.web.facilitator_access import require_login
from workshop.web.join_links import join_url

bp = Blueprint("notices", __name__, url_prefix="/meetings/<int:meeting_id>/notice")
bp.before_request(require_login)


def meeting_or_404(meeting_id: int) -> Meeting:
    """The meeting if the logged-in facilitator coordinates it; anyone else gets a 404."""
    return get_meeting_for(current_user, meeting_id)


def meeting_page_url(meeting: Meeting) -> str | None:
    # The meeting's page is the meetings module's; a site without it still has this page.
    if "meetings.show" not in current_app.view_functions:
        return None
    return url_for("meetings.show", meeting_id=meeting.id)


@bp.get("")
def show(meeting_id):
    meeting = meeting_or_404(meeting_id)
    context = {
        "meeting": meeting,
        "meeting_url": meeting_page_url(meeting),
        "formats": notices.notice_formats(),
        "email": notices.notice_email_text(meeting, join_url),
        "smtp_configured": notices.smtp_settings() is not None,
        "recipients": notices.notice_recipients(meeting),
        "deliveries": notices.list_deliveries(meeting),
        "was_sent": notices.notice_was_sent(meeting),
        "send_form": ConfirmForm(),
    }
    return render_template("notice/page.html", **context)


@bp.get("/export")
def export(meeting_id):
    meeting = meeting_or_404(meeting_id)
    result = notices.export_notice(meeting, request.args.get("format", "docx"), join_url)
    return export_response(result)


@bp.post("/send")
def send(meeting_id):
    meeting = meeting_or_404(meeting_id)
    if ConfirmForm().validate_on_submit():
        try:
            sending = notices.send_notice(meeting, join_url)
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            count = len(sending.delivered)
            flash(
                ngettext(
                    "The notice was sent to %(num)d member.",
                    "The notice was sent to %(num)d members.",
                    count,
                ),
                "success",
            )
    return redirect(url_for("notices.show", meeting_id=meeting.id))
