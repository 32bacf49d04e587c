"""The live pages: the participant's group page, the facilitator's dashboard, the projector."""

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    make_response,
    redirect,
    render_template,
    send_from_directory,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import Markup, escape

from workshop.forms.display_links import DisplayLinkForm
from workshop.forms.workshops import STATUS_LABELS, StatusForm
from workshop.i18n import force_language
from workshop.models import DomainError
from workshop.models.note import NOTE_TEXT_MAX
from workshop.participant_session import participant_from_session
from workshop.services import displays, joining, live_pages
from workshop.web import join_links
from workshop.web.live_outline import dashboard_outline_response, projector_outline_response
from workshop.web.live_strings import dashboard_strings, participant_strings, projector_strings

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


@bp.get("/w/<int:workshop_id>/outline")
def participant_outline(workshop_id: int):
    """The group's questions alone: what the page draws again after an outline:changed."""
    participant = participant_from_session(workshop_id)
    if participant is None:
        abort(403)
    outline = joining.outline_for_participant(participant)
    response = make_response(render_template("live/_group_outline.html", outline=outline))
    response.headers["Cache-Control"] = "no-store"
    return response


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
        broadcast_max=current_app.config["BROADCAST_TEXT_MAX"],
        display_links=displays.list_display_links(page.workshop),
    )


@bp.get("/workshops/<int:workshop_id>/live/outline")
@login_required
def dashboard_outline(workshop_id: int):
    """The dashboard's questions alone: what the page draws again after an outline:changed."""
    return dashboard_outline_response(live_pages.dashboard_outline(current_user, workshop_id))


@bp.get("/workshops/<int:workshop_id>/live/presence")
@login_required
def presence(workshop_id: int):
    """Who is online per group, by name: the dashboard asks when the counts change."""
    return jsonify(live_pages.presence_names(current_user, workshop_id))


def render_projector(page, display_token: str | None = None):
    if display_token is None:
        qr_url = url_for("joining.qr_code", workshop_id=page.workshop.id)
    else:
        qr_url = url_for("live.display_join_qr", token=display_token)
    # The room's screen speaks the meeting's language, as its questions and the documents do,
    # whatever language the computer that opened it uses (its socket asks in it too).
    with force_language(page.workshop.language):
        response = make_response(render_projector_page(page, display_token, qr_url))
    # The display link's token is in the address: never hand it on to another site.
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def render_projector_page(page, display_token: str | None, qr_url: str) -> str:
    return render_template(
        "live/projector.html",
        page=page,
        strings=projector_strings(),
        display_token=display_token,
        join_link=join_links.join_url(page.workshop),
        join_qr=join_links.qr_markup(join_links.join_url(page.workshop)),
        join_qr_url=qr_url,
        outline_url=projector_outline_url(page.workshop.id, display_token),
    )


def projector_outline_url(workshop_id: int, display_token: str | None) -> str:
    """Where the projector reads its questions again: by the display link's token, if it has one."""
    if display_token is None:
        return url_for("live.projector_outline", workshop_id=workshop_id)
    return url_for("live.display_outline", token=display_token)


@bp.get("/workshops/<int:workshop_id>/projector")
@login_required
def projector(workshop_id: int):
    """The projector view, opened by the facilitator on their own (logged-in) computer."""
    return render_projector(live_pages.projector_for_facilitator(current_user, workshop_id))


@bp.get("/display/<token>")
def display(token: str):
    """The projector view a display link opens, without a login (until the link is revoked)."""
    return render_projector(live_pages.projector_for_link(token), display_token=token)


@bp.get("/workshops/<int:workshop_id>/projector/outline")
@login_required
def projector_outline(workshop_id: int):
    """The projector's questions alone: what it draws again after an outline:changed."""
    workshop = live_pages.workshop_run_by(current_user, workshop_id) or abort(404)
    return projector_outline_response(live_pages.projector_questions(workshop))


@bp.get("/display/<token>/outline")
def display_outline(token: str):
    """The questions alone for a display link's projector (the link is its only access)."""
    workshop = live_pages.workshop_of_display_link(token)
    response = projector_outline_response(live_pages.projector_questions(workshop))
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@bp.get("/display/<token>/join-qr.svg")
def display_join_qr(token: str):
    """The QR code of the current join link, for a display link's projector: when the code is
    renewed, the projector fetches the new one (the facilitator's uses joining.qr_code)."""
    workshop = live_pages.workshop_of_display_link(token)
    response = join_links.qr_response(join_links.join_url(workshop))
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@bp.post("/workshops/<int:workshop_id>/live/display-links")
@login_required
def create_display_link(workshop_id: int):
    workshop = live_pages.workshop_run_by(current_user, workshop_id) or abort(404)
    form = DisplayLinkForm()
    if not form.validate_on_submit():
        flash(first_error(form) or _("The display link was not made."), "error")
    else:
        try:
            made = displays.create_display_link(workshop, form.name.data or "")
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(display_link_made(join_links.display_url(made.token)), "success")
    return redirect(url_for("live.dashboard", workshop_id=workshop.id))


def display_link_made(url: str) -> Markup:
    """The flash that shows a new display link once: a link, to open or copy ("Copy link
    address") on the room's PC, rather than a long address to select by hand."""
    link = Markup('<a href="{0}" class="display-link-new">{0}</a>').format(url)
    # Our own catalogs' sentence, escaped around the link it holds.
    before, _sep, after = _(
        "Display link made. Open it on the room's PC (it is shown only now): %(url)s", url="\0"
    ).partition("\0")
    return escape(before) + link + escape(after)


@bp.post("/workshops/<int:workshop_id>/live/display-links/<int:link_id>/revoke")
@login_required
def revoke_display_link(workshop_id: int, link_id: int):
    workshop = live_pages.workshop_run_by(current_user, workshop_id) or abort(404)
    displays.revoke_display_link(workshop, link_id)
    flash(_("The display link no longer works."), "success")
    return redirect(url_for("live.dashboard", workshop_id=workshop.id))


def first_error(form) -> str | None:
    return next((str(error) for errors in form.errors.values() for error in errors), None)
