"""Facilitator pages for workshops: list, create, the workshop's home, edit, duplicate, delete,
status and sharing."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from workshop.forms.workshops import (
    ANONYMITY_CHOICES,
    GROUP_MODE_CHOICES,
    MEETING_LANGUAGE_CHOICES,
    STATUS_LABELS,
    CoFacilitatorForm,
    DuplicateForm,
    StatusForm,
    WorkshopForm,
)
from workshop.i18n import current_language
from workshop.models import DomainError, Workshop
from workshop.services import agenda, joining, lifecycle, live, workshops
from workshop.web.facilitator_access import require_login, workshop_or_404
from workshop.web.form_errors import show_domain_error

bp = Blueprint("workshops", __name__, url_prefix="/workshops")

# What the status buttons on a workshop's home say, per status the button moves to.
STATUS_ACTIONS = {
    "live": lambda old: _("Reopen") if old == "closed" else _("Go live"),
    "closed": lambda _old: _("Close the workshop"),
    "draft": lambda _old: _("Back to draft"),
}
CHOICE_LABELS = {
    "language": MEETING_LANGUAGE_CHOICES,
    "anonymity": ANONYMITY_CHOICES,
    "group_mode": GROUP_MODE_CHOICES,
}
NEXT_STATUSES = {"draft": ("live",), "live": ("closed", "draft"), "closed": ("live",)}
# The moves that stop every participant's typing are asked first: what opens the question, the
# question, and the button that answers yes.
STATUS_QUESTIONS = {
    "closed": lambda: (
        _("Close the workshop…"),
        _(
            "Close the workshop for new notes? Participants can no longer add notes until you "
            "reopen it."
        ),
        _("Yes, close the workshop"),
    ),
    "draft": lambda: (
        _("Back to draft…"),
        _(
            "Take the workshop back to draft? Participants can no longer add notes until it is "
            "live again."
        ),
        _("Yes, back to draft"),
    ),
}


@bp.context_processor
def labels():
    return {"status_labels": STATUS_LABELS, "choice_label": choice_label}


def choice_label(field_name: str, value: str) -> str:
    """The translated label of a stored choice (meeting language, anonymity, group mode)."""
    return str(dict(CHOICE_LABELS[field_name]).get(value, value))


bp.before_request(require_login)


@bp.get("")
def index():
    return render_template("workshops/index.html", workshops=workshops.list_workshops(current_user))


@bp.route("/new", methods=["GET", "POST"])
def new():
    form = WorkshopForm()
    if not form.is_submitted():
        form.language.data = current_language()
    if form.validate_on_submit():
        try:
            workshop = workshops.create_workshop(current_user, form.settings())
        except DomainError as error:
            show_domain_error(form, error)
        else:
            flash(_("The workshop is created. Next, write its outline."), "success")
            return redirect(url_for("workshops.show", workshop_id=workshop.id))
    return render_template("workshops/form.html", form=form, workshop=None)


@bp.get("/<int:workshop_id>")
def show(workshop_id: int):
    workshop = workshop_or_404(workshop_id)
    return render_template(
        "workshops/show.html",
        **status_card_context(workshop),
        annex=workshops.annex_standing(workshop),
        is_owner=workshop.owner_id == current_user.id,
        agenda_item=agenda.item_discussed_in(workshop, current_user),
    )


@bp.get("/<int:workshop_id>/status-card")
def status_card(workshop_id: int):
    """The status card alone: the workshop's page puts it in place of its own when the status
    changes elsewhere (static/js/status-card.js)."""
    return render_template(
        "workshops/_status_card.html", **status_card_context(workshop_or_404(workshop_id))
    )


def status_card_context(workshop: Workshop) -> dict:
    """What the status card shows (workshops/_status_card.html): the status, what is missing
    before going live, and the buttons to the statuses it can move to."""
    return {
        "workshop": workshop,
        "summary": workshops.workshop_summary(workshop),
        "status_label": STATUS_LABELS[workshop.status],
        "status_actions": [
            (status, STATUS_ACTIONS[status](workshop.status), status_question(status))
            for status in NEXT_STATUSES[workshop.status]
        ],
    }


def status_question(status: str) -> tuple[str, str, str] | None:
    question = STATUS_QUESTIONS.get(status)
    return question() if question else None


@bp.route("/<int:workshop_id>/edit", methods=["GET", "POST"])
def edit(workshop_id: int):
    workshop = workshop_or_404(workshop_id)
    form = WorkshopForm(obj=workshop)
    if form.validate_on_submit():
        try:
            workshops.update_workshop(workshop, form.settings())
        except DomainError as error:
            show_domain_error(form, error)
        else:
            flash(_("The workshop is saved."), "success")
            return redirect(url_for("workshops.show", workshop_id=workshop.id))
    return render_template(
        "workshops/form.html",
        form=form,
        workshop=workshop,
        anyone_joined=workshops.anyone_joined(workshop),
    )


@bp.post("/<int:workshop_id>/status")
def status(workshop_id: int):
    workshop = workshop_or_404(workshop_id)
    form = StatusForm()
    if not form.validate_on_submit():
        flash(_("Choose a status."), "error")
    else:
        try:
            live.write_live(
                workshop.id, lambda: lifecycle.change_status(workshop, form.status.data)
            )
        except DomainError as error:
            flash(str(error.message), "error")
        else:
            flash(
                _("The workshop is now: %(status)s.", status=STATUS_LABELS[workshop.status]),
                "success",
            )
    return redirect(url_for("workshops.show", workshop_id=workshop.id))


# The pages that show the join code, each with its "New join code" button: where to go back to.
JOIN_CODE_PAGES = {
    "show": "workshops.show",
    "live": "live.dashboard",
    "sheet": "joining.sheet",
}


@bp.post("/<int:workshop_id>/join-code")
def renew_join_code(workshop_id: int):
    """A new join code: the old one stops working at once; whoever joined stays in."""
    workshop = workshop_or_404(workshop_id)
    live.write_live(workshop.id, lambda: joining.renew_join_code(workshop))
    flash(
        _("New join code: %(code)s. The old code no longer works.", code=workshop.join_code),
        "success",
    )
    page = JOIN_CODE_PAGES.get(request.form.get("back", ""), "workshops.show")
    return redirect(url_for(page, workshop_id=workshop.id))


@bp.route("/<int:workshop_id>/duplicate", methods=["GET", "POST"])
def duplicate(workshop_id: int):
    workshop = workshop_or_404(workshop_id)
    form = DuplicateForm()
    if form.validate_on_submit():
        copy = workshops.duplicate_workshop(workshop, current_user, form.date.data)
        flash(_("This is the copy for the next meeting. Check its settings."), "success")
        return redirect(url_for("workshops.show", workshop_id=copy.id))
    status = 400 if form.is_submitted() else 200
    return render_template("workshops/duplicate.html", workshop=workshop, form=form), status


@bp.route("/<int:workshop_id>/delete", methods=["GET", "POST"])
def delete(workshop_id: int):
    workshop = workshop_or_404(workshop_id)
    workshops.require_owner(workshop, current_user)
    if request.method == "POST":
        title = workshop.title
        workshops.delete_workshop(workshop, current_user)
        flash(_("The workshop “%(title)s” is deleted.", title=title), "success")
        return redirect(url_for("workshops.index"))
    return render_template(
        "workshops/delete.html", workshop=workshop, summary=workshops.workshop_summary(workshop)
    )


@bp.route("/<int:workshop_id>/sharing", methods=["GET", "POST"])
def sharing(workshop_id: int):
    workshop = workshop_or_404(workshop_id)
    form = CoFacilitatorForm()
    if request.method == "POST":
        workshops.require_owner(workshop, current_user)
    if form.validate_on_submit():
        try:
            added = workshops.add_co_facilitator(workshop, current_user, form.email.data)
        except DomainError as error:
            show_domain_error(form, error)
        else:
            flash(
                _("%(name)s can now run this workshop with you.", name=added.display_name),
                "success",
            )
            return redirect(url_for("workshops.sharing", workshop_id=workshop.id))
    return render_template(
        "workshops/sharing.html",
        workshop=workshop,
        form=form,
        co_facilitators=workshops.list_co_facilitators(workshop),
        is_owner=workshop.owner_id == current_user.id,
    )


@bp.post("/<int:workshop_id>/sharing/<int:facilitator_id>/remove")
def remove_co_facilitator(workshop_id: int, facilitator_id: int):
    workshop = workshop_or_404(workshop_id)
    workshops.remove_co_facilitator(workshop, current_user, facilitator_id)
    flash(_("The workshop is no longer shared with this facilitator."), "success")
    return redirect(url_for("workshops.sharing", workshop_id=workshop.id))
