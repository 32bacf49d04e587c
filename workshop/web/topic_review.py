"""The coordinator's review of the topics sent in to a meeting: accept (as an item, or as a
question in an item's workshop), defer to the next meeting, decline with a reason, or undo."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from workshop.forms.meetings import AcceptTopicForm, DeclineTopicForm
from workshop.models import DomainError
from workshop.models.meeting import PURPOSE_LABELS
from workshop.models.topic import TOPIC_STATUS_LABELS
from workshop.services import agenda, meetings, topics
from workshop.web.facilitator_access import require_login
from workshop.web.page_actions import flash_form_errors, flash_outcome

bp = Blueprint("topic_review", __name__, url_prefix="/meetings/<int:meeting_id>/topics")

bp.before_request(require_login)


def topic_or_404(meeting_id: int, topic_id: int):
    return topics.get_topic(meetings.get_meeting_for(current_user, meeting_id), topic_id)


def back_to_topic(topic):
    return redirect(
        url_for("topic_review.index", meeting_id=topic.meeting_id, _anchor=f"topic-{topic.id}"),
        303,
    )


@bp.get("")
def index(meeting_id: int):
    return render_topics(meetings.get_meeting_for(current_user, meeting_id))


def render_topics(meeting, decline_forms: dict | None = None, status: int = 200):
    """The review page; `decline_forms` holds a refused decline form by topic id."""
    decline_forms = decline_forms or {}
    topic_list = topics.list_topics(meeting)
    return render_template(
        "meetings/topics.html",
        meeting=meeting,
        open_topics=[topic for topic in topic_list if topic.is_open],
        decided_topics=[topic for topic in topic_list if not topic.is_open],
        carried_away=topics.topics_carried_away(meeting),
        workshop_items=[entry for entry in agenda.agenda_schedule(meeting) if entry.item.workshop],
        decline_form=lambda topic: decline_forms.get(topic.id) or decline_form_for(topic),
        purpose_labels=PURPOSE_LABELS,
        topic_status_labels=TOPIC_STATUS_LABELS,
    ), status


def decline_form_for(topic, submitted: bool = False) -> DeclineTopicForm:
    """Each topic's decline form has its own prefix, so its field ids stay unique."""
    if submitted:
        return DeclineTopicForm(prefix=f"t{topic.id}")
    return DeclineTopicForm(formdata=None, prefix=f"t{topic.id}")


@bp.post("/<int:topic_id>/accept")
def accept(meeting_id: int, topic_id: int):
    topic = topic_or_404(meeting_id, topic_id)
    form = AcceptTopicForm()
    if not form.validate_on_submit():
        flash_form_errors(form)
    elif form.item_id.data is None:
        flash_outcome(
            lambda: topics.accept_topic_as_item(topic),
            _("The topic is accepted as a new item of the agenda."),
        )
    else:
        flash_outcome(
            lambda: topics.accept_topic_as_question(topic, form.item_id.data, form.section_id.data),
            _("The topic is accepted as a question in the item's workshop."),
        )
    return back_to_topic(topic)


@bp.post("/<int:topic_id>/defer")
def defer(meeting_id: int, topic_id: int):
    topic = topic_or_404(meeting_id, topic_id)
    flash_outcome(
        lambda: topics.defer_topic(topic),
        _("The topic is deferred: it is carried over to the next meeting."),
    )
    return redirect(url_for("topic_review.index", meeting_id=meeting_id), 303)


@bp.post("/<int:topic_id>/decline")
def decline(meeting_id: int, topic_id: int):
    topic = topic_or_404(meeting_id, topic_id)
    form = decline_form_for(topic, submitted=True)
    if form.validate_on_submit():
        try:
            topics.decline_topic(topic, form.reason.data)
        except DomainError as error:
            form.reason.errors = [*form.reason.errors, str(error.message)]
        else:
            flash(_("The topic is declined; the submitter sees why."), "success")
            return back_to_topic(topic)
    return render_topics(topic.meeting, {topic.id: form}, status=400)


@bp.post("/<int:topic_id>/reopen")
def reopen(meeting_id: int, topic_id: int):
    topic = topic_or_404(meeting_id, topic_id)
    flash_outcome(lambda: topics.reopen_topic(topic), _("The topic is undecided again."))
    return back_to_topic(topic)
