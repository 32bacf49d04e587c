"""Coordinator pages for a meeting: create (in a series or alone), the meeting page with its
agenda, edit, status, publishing, the submission code, delete, and planning the next meeting."""

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from workshop.forms.common import whole_number
from workshop.forms.meetings import (
    ItemForm,
    MeetingForm,
    MeetingStatusForm,
    NextMeetingForm,
)
from workshop.i18n import current_language
from workshop.models import DomainError
from workshop.models.meeting import MEETING_STATUS_LABELS, PURPOSE_LABELS
from workshop.models.topic import TOPIC_STATUS_LABELS
from workshop.services import agenda, meetings, next_meeting, series, topics, workshops
from workshop.web.facilitator_access import require_login
from workshop.web.form_errors import show_domain_error
from workshop.web.join_links import join_url
from workshop.web.meeting_links import submission_url
from workshop.web.page_actions import flash_outcome

bp = Blueprint("meetings", __name__, url_prefix="/meetings")

bp.before_request(require_login)

# Where each status button moves a meeting, and what it says.
STATUS_ACTIONS = {
    "planned": (
        ("held", lambda: _("Mark as held")),
        ("cancelled", lambda: _("Cancel the meeting")),
    ),
    "held": (("planned", lambda: _("Back to planned")),),
    "cancelled": (("planned", lambda: _("Back to planned")),),
}


@bp.context_processor
def labels():
    return {
        "meeting_status_labels": MEETING_STATUS_LABELS,
        "purpose_labels": PURPOSE_LABELS,
        "topic_status_labels": TOPIC_STATUS_LABELS,
    }


def meeting_or_404(meeting_id: int):
    return meetings.get_meeting_for(current_user, meeting_id)


def back_to_meeting(meeting_id: int, anchor: str | None = None):
    return redirect(url_for("meetings.show", meeting_id=meeting_id, _anchor=anchor), 303)


@bp.route("/new", methods=["GET", "POST"])
def new():
    series_id = request.args.get("series_id", type=whole_number)
    in_series = series.get_series_for(current_user, series_id) if series_id else None
    form = MeetingForm()
    if not form.is_submitted():
        # The form starts from what the meeting will be: a group's usual time, place and link
        # (a field left as filled in keeps them; one cleared is cleared).
        defaults = meetings.series_defaults(in_series) or {"language": current_language()}
        for name, value in defaults.items():
            form[name].data = value
    if form.validate_on_submit():
        try:
            meeting = meetings.create_meeting(current_user, form.fields(), series=in_series)
        except DomainError as error:
            show_domain_error(form, error)
        else:
            flash(_("The meeting is planned. Next, draw up its agenda."), "success")
            return back_to_meeting(meeting.id)
    status = 400 if form.is_submitted() else 200
    return render_template("meetings/form.html", form=form, meeting=None, series=in_series), status


@bp.get("/<int:meeting_id>")
def show(meeting_id: int):
    return render_meeting(meeting_or_404(meeting_id))


def render_meeting(meeting, item_form=None, status: int = 200):
    """The meeting page; `item_form` is a submitted "add an item" form with its errors."""
    topic_list = topics.list_topics(meeting)
    return render_template(
        "meetings/show.html",
        meeting=meeting,
        schedule=agenda.agenda_schedule(meeting),
        attachment_label=agenda.attachment_label,
        item_form=item_form or ItemForm(formdata=None),
        status_actions=[(to, label()) for to, label in STATUS_ACTIONS[meeting.status]],
        submission_link=submission_url(meeting),
        waiting_topics=[topic for topic in topic_list if topic.is_open],
        topic_count=len(topic_list),
        join_url=join_url,
        my_workshops=workshops.list_workshops(current_user),
        notice_url=notice_page_url(meeting),
    ), status


def notice_page_url(meeting) -> str | None:
    # The notice's page belongs to the notice module; a site without it still has this page.
    if "notices.show" not in current_app.view_functions:
        return None
    return url_for("notices.show", meeting_id=meeting.id)


@bp.route("/<int:meeting_id>/edit", methods=["GET", "POST"])
def edit(meeting_id: int):
    meeting = meeting_or_404(meeting_id)
    form = MeetingForm(obj=meeting)
    if form.validate_on_submit():
        try:
            meetings.update_meeting(meeting, form.fields())
        except DomainError as error:
            show_domain_error(form, error)
        else:
            flash(_("The meeting is saved."), "success")
            return back_to_meeting(meeting.id)
    status = 400 if form.is_submitted() else 200
    return render_template(
        "meetings/form.html", form=form, meeting=meeting, series=meeting.series
    ), status


@bp.post("/<int:meeting_id>/status")
def change_status(meeting_id: int):
    meeting = meeting_or_404(meeting_id)
    form = MeetingStatusForm()
    if not form.validate_on_submit():
        flash(_("Choose a status."), "error")
        return back_to_meeting(meeting.id)
    flash_outcome(
        lambda: meetings.set_meeting_status(meeting, form.status.data),
        _("The meeting is now: %(status)s.", status=MEETING_STATUS_LABELS[form.status.data]),
    )
    return back_to_meeting(meeting.id)


@bp.post("/<int:meeting_id>/publish")
def publish(meeting_id: int):
    meeting = meeting_or_404(meeting_id)
    flash_outcome(
        lambda: meetings.publish_meeting(meeting),
        _("The meeting is published on the members' page."),
    )
    return back_to_meeting(meeting.id, "publishing")


@bp.post("/<int:meeting_id>/unpublish")
def unpublish(meeting_id: int):
    meeting = meeting_or_404(meeting_id)
    meetings.unpublish_meeting(meeting)
    flash(_("The meeting is no longer on the members' page."), "success")
    return back_to_meeting(meeting.id, "publishing")


@bp.post("/<int:meeting_id>/submission-code")
def renew_code(meeting_id: int):
    meeting = meeting_or_404(meeting_id)
    meetings.renew_submission_code(meeting)
    flash(_("The submission link and code are new: the old ones no longer work."), "success")
    return back_to_meeting(meeting.id, "submission")


@bp.route("/<int:meeting_id>/delete", methods=["GET", "POST"])
def delete(meeting_id: int):
    meeting = meeting_or_404(meeting_id)
    if request.method == "POST":
        title, series_id = meeting.title, meeting.series_id
        deleted = flash_outcome(
            lambda: meetings.delete_meeting(meeting),
            _("The meeting “%(title)s” is deleted.", title=title),
        )
        if not deleted:
            return back_to_meeting(meeting.id)
        if series_id:
            return redirect(url_for("series.show", series_id=series_id), 303)
        return redirect(url_for("series.index"), 303)
    return render_template("meetings/delete.html", meeting=meeting)


@bp.route("/<int:meeting_id>/next", methods=["GET", "POST"])
def plan_next(meeting_id: int):
    meeting = meeting_or_404(meeting_id)
    form = NextMeetingForm()
    if not form.is_submitted() and meeting.series is not None:
        form.date.data = next_meeting.propose_next_date(meeting)
    if form.validate_on_submit():
        try:
            following = next_meeting.plan_next_meeting(
                meeting, current_user, form.date.data, form.reuse_workshop_item_ids.data or []
            )
        except DomainError as error:
            show_domain_error(form, error)
        else:
            flash(_("The next meeting is planned. Check its agenda."), "success")
            return back_to_meeting(following.id)
    status = 400 if form.is_submitted() else 200
    return render_template("meetings/next.html", meeting=meeting, form=form), status
