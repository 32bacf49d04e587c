"""API routes for topics: sending one in by a meeting's submission code (no account), the
submitter's own view and edit by their token, and the coordinator's decisions."""

from flask import g, request
from flask_babel import gettext as _

from workshop.client import client_address
from workshop.forms.meetings import AcceptTopicForm, DeclineTopicForm, TopicForm
from workshop.models import Meeting, Topic
from workshop.services import meetings, topics
from workshop.services.clock import now
from workshop.web.api import bp
from workshop.web.api.common import (
    bearer_token,
    error_response,
    facilitator_required,
    json_object,
    timestamp,
    valid_changes,
    valid_form,
)
from workshop.web.api.meeting_json import day, one_item_json, submitter_topic_json, topic_json
from workshop.web.api.topics_openapi import OPENAPI_PATHS
from workshop.web.meeting_links import topic_url

__all__ = ["OPENAPI_PATHS"]


def facilitator_topic(meeting_id: int, topic_id: int) -> Topic:
    return topics.get_topic(meetings.get_meeting_for(g.facilitator, meeting_id), topic_id)


def public_meeting_json(meeting: Meeting) -> dict:
    """What a submission code reveals: the meeting, never its members or other topics."""
    return {
        "title": meeting.title,
        "series": meeting.series.name if meeting.series else None,
        "date": day(meeting.date),
        "status": meeting.status,
        "submission_deadline": timestamp(meeting.submission_deadline),
        "open_for_topics": meeting.status == "planned" and not meeting.deadline_passed(now()),
    }


def own_topic_json(topic: Topic) -> dict:
    """The submitter's own view: their topic, its fate, and the meeting it is for."""
    return {
        **submitter_topic_json(topic),
        "submitter_name": topic.submitter_name,
        "department": topic.department,
        "meeting": public_meeting_json(topic.meeting),
        "editable": topic.is_open and public_meeting_json(topic.meeting)["open_for_topics"],
    }


# --- sending a topic in (no account) ---


@bp.get("/submissions/<code>")
def read_submission_meeting(code: str):
    meeting = meetings.meeting_for_submission_code(code, client_address())
    return public_meeting_json(meeting)


@bp.post("/submissions/<code>/topics")
def submit_topic(code: str):
    meeting = meetings.meeting_for_submission_code(code, client_address())
    form = valid_form(TopicForm, {"purpose": "discussion", **json_object()})
    new = topics.submit_topic(meeting, form.fields())
    body = {**own_topic_json(new.topic), "token": new.token, "url": topic_url(new.token)}
    return body, 201


def submitter_topic() -> Topic | None:
    return topics.topic_for_token(bearer_token())


def no_topic():
    return error_response(401, "unauthorised", _("A valid topic link token is required."))


@bp.get("/topics/mine")
def read_own_topic():
    topic = submitter_topic()
    return own_topic_json(topic) if topic else no_topic()


@bp.patch("/topics/mine")
def edit_own_topic():
    topic = submitter_topic()
    if topic is None:
        return no_topic()
    current = {name: getattr(topic, name) for name in TopicForm.FIELDS}
    topics.edit_topic(topic, valid_changes(TopicForm, current, json_object()))
    return own_topic_json(topic)


# --- the coordinator's review ---


@bp.get("/meetings/<int:meeting_id>/topics")
@facilitator_required
def list_topics(meeting_id: int):
    meeting = meetings.get_meeting_for(g.facilitator, meeting_id)
    return {"topics": [topic_json(t) for t in topics.list_topics(meeting)]}


@bp.post("/meetings/<int:meeting_id>/topics/<int:topic_id>/accept")
@facilitator_required
def accept_topic(meeting_id: int, topic_id: int):
    """Accept as a new agenda item, or (with item_id) as a question in that item's workshop."""
    topic = facilitator_topic(meeting_id, topic_id)
    form = valid_form(AcceptTopicForm, json_object() if request.get_data() else {})
    if form.item_id.data is None:
        item = topics.accept_topic_as_item(topic)
        return {"topic": topic_json(topic), "item": one_item_json(item)}
    question = topics.accept_topic_as_question(topic, form.item_id.data, form.section_id.data)
    return {"topic": topic_json(topic), "question": {"id": question.id, "text": question.text}}


@bp.post("/meetings/<int:meeting_id>/topics/<int:topic_id>/defer")
@facilitator_required
def defer_topic(meeting_id: int, topic_id: int):
    return topic_json(topics.defer_topic(facilitator_topic(meeting_id, topic_id)))


@bp.post("/meetings/<int:meeting_id>/topics/<int:topic_id>/decline")
@facilitator_required
def decline_topic(meeting_id: int, topic_id: int):
    topic = facilitator_topic(meeting_id, topic_id)
    form = valid_form(DeclineTopicForm, json_object())
    return topic_json(topics.decline_topic(topic, form.reason.data))


@bp.post("/meetings/<int:meeting_id>/topics/<int:topic_id>/reopen")
@facilitator_required
def reopen_topic(meeting_id: int, topic_id: int):
    return topic_json(topics.reopen_topic(facilitator_topic(meeting_id, topic_id)))
