"""Joining pages: typing the code, the join link, the printable join sheet, and who joined."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required
from markupsafe import Markup

from workshop.client import browser_key, client_address
from workshop.forms.joining import (
    JOIN_CODE_INPUT_MAX,
    EnterCodeForm,
    MoveParticipantForm,
    assignments_form_for,
    join_form_for,
    submitted_assignments,
)
from workshop.i18n import force_language
from workshop.models import DomainError
from workshop.participant_session import participant_from_session, remember_participant
from workshop.services import assignments, joining, live
from workshop.web.facilitator_access import workshop_or_404
from workshop.web.join_links import enter_code_url, join_url, qr_markup, qr_response

bp = Blueprint("joining", __name__)


def render_enter_code(form: EnterCodeForm, error: DomainError | None = None, status: int = 200):
    if error is not None:
        form.code.errors = [*form.code.errors, str(error.message)]
        status = error.status
    return render_template("joining/enter_code.html", form=form), status


@bp.route("/join", methods=["GET", "POST"])
def enter_code():
    form = EnterCodeForm(code=request.args.get("code", "")[:JOIN_CODE_INPUT_MAX])
    if not form.is_submitted():
        return render_enter_code(form)
    if not form.validate():
        return render_enter_code(form, status=400)
    try:
        workshop = joining.find_workshop_by_code(form.code.data, client_address(), browser_key())
    except DomainError as error:
        return render_enter_code(form, error)
    return redirect(url_for("joining.join", code=workshop.join_code))


@bp.route("/j/<code>", methods=["GET", "POST"])
def join(code):
    try:
        workshop = joining.find_workshop_by_code(code, client_address(), browser_key())
    except DomainError as error:
        form = EnterCodeForm(formdata=None, code=code[:JOIN_CODE_INPUT_MAX])
        return render_enter_code(form, error)
    if participant_from_session(workshop.id) is not None:
        return redirect(url_for("live.participant_page", workshop_id=workshop.id))
    groups = joining.workshop_groups(workshop)
    form = join_form_for(workshop, groups)
    if not form.is_submitted():
        return render_join(workshop, groups, form)
    if not form.validate():
        return render_join(workshop, groups, form, status=400)
    return join_and_enter(workshop, groups, form)


def join_and_enter(workshop, groups, form):
    name = form.display_name.data if "display_name" in form else ""
    group_id = form.group_id.data if "group_id" in form else None
    try:
        participant, _token = joining.join_workshop(workshop, name, group_id)
    except DomainError as error:
        return render_join(workshop, groups, form, error=error)
    remember_participant(workshop.id, participant.id)
    if joining.placement_of(workshop, participant) == joining.PLACED_OFF_LIST:
        flash(
            _(
                "Your name is not on the group list, so you were placed in %(group)s. "
                "The facilitator can move you.",
                group=participant.group.name,
            ),
            "info",
        )
    return redirect(url_for("live.participant_page", workshop_id=workshop.id))


# Which field of the join form a refusal from the service is about.
ERROR_FIELDS = {
    "name_required": "display_name",
    "name_too_long": "display_name",
    "group_required": "group_id",
    "group_not_found": "group_id",
}


def render_join(workshop, groups, form, error: DomainError | None = None, status: int = 200):
    if error is not None:
        status = error.status
        field = form._fields.get(ERROR_FIELDS.get(error.code, ""))
        if field is not None:
            field.errors = [*field.errors, str(error.message)]
            error = None
    return render_template(
        "joining/join.html", workshop=workshop, groups=groups, form=form, error=error
    ), status


# --- Facilitator pages ---


@bp.get("/workshops/<int:workshop_id>/join-sheet")
@login_required
def sheet(workshop_id):
    workshop = workshop_or_404(workshop_id)
    return render_template(
        "joining/sheet.html", workshop=workshop, printed_sheet=printed_sheet(workshop)
    )


def printed_sheet(workshop) -> Markup:
    """The sheet's printed part in the meeting's language: it hangs in the room, whatever
    language the facilitator who prints it reads (the page around it is theirs)."""
    link = join_url(workshop)
    with force_language(workshop.language):
        return Markup(
            render_template(
                "joining/_sheet.html",
                workshop=workshop,
                join_link=link,
                enter_code_link=enter_code_url(),
                qr=qr_markup(link),
            )
        )


@bp.get("/workshops/<int:workshop_id>/join-qr.svg")
@login_required
def qr_code(workshop_id):
    workshop = workshop_or_404(workshop_id)
    return qr_response(join_url(workshop))


@bp.get("/workshops/<int:workshop_id>/participants")
@login_required
def participants(workshop_id):
    return render_participants(workshop_or_404(workshop_id))


def render_participants(workshop, assignments_form=None, status: int = 200):
    groups = joining.workshop_groups(workshop)
    rosters = joining.participants_by_group(workshop)
    if assignments_form is None and workshop.places_by_names:
        assignments_form = assignments_form_for(
            groups, assignments.group_assignments(workshop), formdata=None
        )
    return render_template(
        "joining/participants.html",
        workshop=workshop,
        groups=groups,
        rosters=rosters,
        total=sum(len(roster.members) for roster in rosters),
        online=sum(member.online for roster in rosters for member in roster.members),
        move_form_for=lambda member: move_form(groups, member.participant, formdata=None),
        participant_label=participant_label,
        assignments_form=assignments_form,
    ), status


def move_form(groups, participant, **kwargs) -> MoveParticipantForm:
    form = MoveParticipantForm(prefix=f"p{participant.id}", group_id=participant.group_id, **kwargs)
    form.group_id.choices = [(group.id, group.name) for group in groups]
    return form


@bp.post("/workshops/<int:workshop_id>/participants/<int:participant_id>/move")
@login_required
def move(workshop_id, participant_id):
    workshop = workshop_or_404(workshop_id)
    participant = joining.find_participant(workshop, participant_id)
    form = move_form(joining.workshop_groups(workshop), participant)
    if not form.validate_on_submit():
        flash(_("Choose one of the workshop's groups."), "error")
        return redirect(url_for("joining.participants", workshop_id=workshop.id), 303)
    moved = live.write_live(
        workshop.id, lambda: joining.move_participant(workshop, participant_id, form.group_id.data)
    )
    participant = moved.participant
    flash(
        _(
            "%(name)s is now in %(group)s.",
            name=participant_label(participant),
            group=participant.group.name,
        ),
        "success",
    )
    return redirect(url_for("joining.participants", workshop_id=workshop.id), 303)


@bp.post("/workshops/<int:workshop_id>/participants/<int:participant_id>/remove")
@login_required
def remove(workshop_id, participant_id):
    workshop = workshop_or_404(workshop_id)
    participant = joining.remove_participant(workshop, participant_id)
    flash(
        _("%(name)s was removed from the workshop.", name=participant_label(participant)), "success"
    )
    return redirect(url_for("joining.participants", workshop_id=workshop.id), 303)


@bp.post("/workshops/<int:workshop_id>/participants/assignments")
@login_required
def save_assignments(workshop_id):
    workshop = workshop_or_404(workshop_id)
    groups = joining.workshop_groups(workshop)
    form = assignments_form_for(groups, {})
    if not form.validate_on_submit():
        return render_participants(workshop, form, status=400)
    try:
        assignments.set_group_assignments(workshop, submitted_assignments(form, groups))
    except DomainError as error:
        form.form_errors.append(str(error.message))
        return render_participants(workshop, form, status=error.status)
    flash(_("The group list is saved."), "success")
    return redirect(url_for("joining.participants", workshop_id=workshop.id), 303)


def participant_label(participant) -> str:
    """How the facilitator's pages name a participant (fully anonymous ones have no name)."""
    return participant.display_name or _("Participant %(number)d", number=participant.id)
