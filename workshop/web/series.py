"""Coordinator pages for series (network groups): list, create, the series page, edit, members,
coordinators and the members' link."""

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from workshop.forms.meetings import CoordinatorForm, MemberForm, SeriesForm
from workshop.forms.workshops import MEETING_LANGUAGE_CHOICES
from workshop.i18n import current_language
from workshop.models import DomainError
from workshop.models.meeting import MEETING_STATUS_LABELS
from workshop.models.series import MEMBER_ROLE_LABELS
from workshop.services import meetings, members, series
from workshop.web.facilitator_access import require_login
from workshop.web.form_errors import show_domain_error
from workshop.web.meeting_links import members_url
from workshop.web.page_actions import flash_outcome

bp = Blueprint("series", __name__, url_prefix="/series")

bp.before_request(require_login)


@bp.context_processor
def labels():
    return {
        "role_labels": MEMBER_ROLE_LABELS,
        "meeting_status_labels": MEETING_STATUS_LABELS,
        "language_label": lambda code: dict(MEETING_LANGUAGE_CHOICES).get(code, code),
    }


def series_or_404(series_id: int):
    return series.get_series_for(current_user, series_id)


def back_to_series(series_id: int, anchor: str | None = None):
    return redirect(url_for("series.show", series_id=series_id, _anchor=anchor), 303)


@bp.get("")
def index():
    return render_template(
        "series/index.html",
        all_series=series.list_series(current_user),
        standalone=meetings.list_standalone_meetings(current_user),
    )


@bp.route("/new", methods=["GET", "POST"])
def new():
    form = SeriesForm()
    if not form.is_submitted():
        form.language.data = current_language()
    if form.validate_on_submit():
        try:
            created = series.create_series(current_user, form.fields())
        except DomainError as error:
            show_domain_error(form, error)
        else:
            flash(_("The network group is created. Next, add its members."), "success")
            return back_to_series(created.id, "members")
    return render_template("series/form.html", form=form, series=None)


@bp.get("/<int:series_id>")
def show(series_id: int):
    return render_series(series_or_404(series_id))


def render_series(shown, member_form=None, coordinator_form=None, status: int = 200):
    """The series' page; the forms given are submitted ones, shown with their errors."""
    return render_template(
        "series/show.html",
        series=shown,
        meetings=meetings.list_meetings(shown),
        member_form=member_form or MemberForm(formdata=None),
        coordinator_form=coordinator_form or CoordinatorForm(formdata=None),
        is_owner=shown.owner_id == current_user.id,
    ), status


@bp.route("/<int:series_id>/edit", methods=["GET", "POST"])
def edit(series_id: int):
    shown = series_or_404(series_id)
    form = SeriesForm(obj=shown)
    if form.validate_on_submit():
        try:
            series.update_series(shown, form.fields())
        except DomainError as error:
            show_domain_error(form, error)
        else:
            flash(_("The network group is saved."), "success")
            return back_to_series(shown.id)
    return render_template("series/form.html", form=form, series=shown)


@bp.route("/<int:series_id>/delete", methods=["GET", "POST"])
def delete(series_id: int):
    shown = series_or_404(series_id)
    series.require_series_owner(shown, current_user)
    if request.method == "POST":
        name = shown.name
        series.delete_series(shown, current_user)
        flash(_("The network group “%(name)s” is deleted.", name=name), "success")
        return redirect(url_for("series.index"), 303)
    return render_template(
        "series/delete.html", series=shown, meeting_count=len(meetings.list_meetings(shown))
    )


# --- members ---


@bp.post("/<int:series_id>/members")
def add_member(series_id: int):
    shown = series_or_404(series_id)
    form = MemberForm()
    if form.validate_on_submit():
        try:
            member = members.add_member(shown, form.fields())
        except DomainError as error:
            show_domain_error(form, error)
        else:
            flash(_("%(name)s is added to the members.", name=member.name), "success")
            # Members are added one after another: back to the form, open, at its first field.
            next_member = url_for("series.show", series_id=shown.id, adding=1, _anchor="name")
            return redirect(next_member, 303)
    return render_series(shown, member_form=form, status=400)


@bp.route("/<int:series_id>/members/<int:member_id>", methods=["GET", "POST"])
def edit_member(series_id: int, member_id: int):
    shown = series_or_404(series_id)
    member = members.get_member(shown, member_id)
    form = MemberForm(obj=member)
    if form.validate_on_submit():
        try:
            members.update_member(member, form.fields())
        except DomainError as error:
            show_domain_error(form, error)
        else:
            flash(_("The member is saved."), "success")
            return back_to_series(shown.id, f"member-{member.id}")
    status = 400 if form.is_submitted() else 200
    return render_template("series/member.html", series=shown, member=member, form=form), status


@bp.post("/<int:series_id>/members/<int:member_id>/remove")
def remove_member(series_id: int, member_id: int):
    shown = series_or_404(series_id)
    member = members.get_member(shown, member_id)
    name = member.name
    members.remove_member(member)
    flash(_("%(name)s is no longer a member.", name=name), "success")
    return back_to_series(shown.id, "members")


# --- coordinators ---


@bp.post("/<int:series_id>/coordinators")
def add_coordinator(series_id: int):
    shown = series_or_404(series_id)
    form = CoordinatorForm()
    if form.validate_on_submit():
        try:
            added = series.add_coordinator(shown, current_user, form.email.data)
        except DomainError as error:
            show_domain_error(form, error)
        else:
            flash(
                _("%(name)s can now coordinate this network group.", name=added.display_name),
                "success",
            )
            return back_to_series(shown.id, "coordinators")
    return render_series(shown, coordinator_form=form, status=400)


@bp.post("/<int:series_id>/coordinators/<int:facilitator_id>/remove")
def remove_coordinator(series_id: int, facilitator_id: int):
    shown = series_or_404(series_id)
    flash_outcome(
        lambda: series.remove_coordinator(shown, current_user, facilitator_id),
        _("They no longer coordinate this network group."),
    )
    return back_to_series(shown.id, "coordinators")


# --- the members' link ---


# The link just made, until the page that shows it once is opened (the service keeps its hash only).
NEW_MEMBERS_LINK = "new_members_link"


@bp.post("/<int:series_id>/members-link")
def create_members_link(series_id: int):
    """A new members' link, shown once on the page this sends the browser on to: reloading that
    page (or going back to it) cannot post again and so silently stop the link just sent out."""
    shown = series_or_404(series_id)
    token = members.create_members_link(shown)
    session[NEW_MEMBERS_LINK] = {"series_id": shown.id, "link": members_url(token)}
    return redirect(url_for("series.members_link", series_id=shown.id), 303)


@bp.get("/<int:series_id>/members-link")
def members_link(series_id: int):
    shown = series_or_404(series_id)
    new = session.pop(NEW_MEMBERS_LINK, None)
    if not new or new.get("series_id") != shown.id:
        flash(
            _(
                "The members' link is shown only once, just after it is made. If it is lost, "
                "make a new one."
            ),
            "info",
        )
        return back_to_series(shown.id, "members-link")
    page = render_template("series/members_link.html", series=shown, link=new["link"])
    return page, 200, {"Cache-Control": "no-store"}


@bp.post("/<int:series_id>/members-link/revoke")
def revoke_members_link(series_id: int):
    shown = series_or_404(series_id)
    members.revoke_members_link(shown)
    flash(_("The members' link is revoked: it no longer opens the page."), "success")
    return back_to_series(shown.id, "members-link")
