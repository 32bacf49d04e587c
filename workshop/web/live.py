"""The live pages: the participant's group page and the facilitator's live dashboard."""

from flask import (
    Blueprint,
    current_app,
    jsonify,
    redirect,
    render_template,
    send_from_directory,
    url_for,
)
from flask_login import current_user, login_required

from workshop.forms.workshops import STATUS_LABELS, StatusForm
from workshop.models.note import NOTE_TEXT_MAX
from workshop.participant_session import participant_from_session
from workshop.services import live_pages
from workshop.web.live_strings import dashboard_strings, participant_strings

bp = Blueprint("live", __name__)


@bp.get("/w/<int:workshop_id>")
def participant_page(workshop_id: int):
    participant = participant_from_session(workshop_id)
    if participant is None:
        return redirect(join_url(workshop_id))
    page = live_pages.participant_page(participant)
    return render_template(
        "live/participant.html",
        page=page,
        strings=participant_strings(),
        note_max=NOTE_TEXT_MAX,
    )


def join_url(workshop_id: int) -> str:
    """Where someone who has not joined goes: the code form.

    Only the workshop's own facilitators go straight to its join link: a join code is a secret
    that is rate-limited when typed, so it must not be handed out to whoever tries an id.
    """
    workshop = live_pages.workshop_run_by(current_user, workshop_id)
    if workshop is None:
        return url_for("joining.enter_code")
    return url_for("joining.join", code=workshop.join_code)


@bp.get("/w/sw.js")
def service_worker():
    # Served from /w/ so that its scope covers the participant pages (and nothing else).
    return service_worker_file()


def service_worker_file():
    """static/js/sw.js, never cached, so that a page's worker is always the newest; served from
    the path whose scope it should cover (a worker controls pages under its own folder)."""
    response = send_from_directory(str(current_app.static_folder), "js/sw.js", max_age=0)
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.get("/workshops/<int:workshop_id>/live")
@login_required
def dashboard(workshop_id: int):
    page = live_pages.dashboard_page(current_user, workshop_id)
    return render_template(
        "live/dashboard.html",
        page=page,
        strings=dashboard_strings(),
        note_max=NOTE_TEXT_MAX,
        status_form=StatusForm(),
        status_labels=STATUS_LABELS,
    )


@bp.get("/workshops/<int:workshop_id>/live/presence")
@login_required
def presence(workshop_id: int):
    """Who is online per group, by name: the dashboard asks when the counts change."""
    return jsonify(live_pages.presence_names(current_user, workshop_id))
