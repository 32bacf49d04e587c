"""Topics sent in before a meeting: submit and edit (until the deadline), and the coordinator's
decision — accept (as an item, or as a question in an item's workshop), defer, or decline."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from workshop.extensions import db
from workshop.models import AgendaItem, Conflict, Meeting, NotFound, Question, Section, Topic
from workshop.models.meeting import PURPOSES
from workshop.models.series import DEPARTMENT_MAX, MEMBER_NAME_MAX, hash_token
from workshop.models.topic import (
    DECLINE_REASON_MAX,
    TOPIC_DESCRIPTION_MAX,
    TOPIC_TITLE_MAX,
    TOPIC_TOKEN_PREFIX,
)
from workshop.services import clock
from workshop.services.agenda import get_item, insert_item
from workshop.services.field_rules import Rule, clean_fields, clean_text, require_fields
from workshop.services.outline import add_question, add_section, get_section, top_sections

MAX_TOPICS_PER_MEETING = 200
TOKEN_MAX = 200

TOPIC_RULES = {
    "submitter_name": Rule(max=MEMBER_NAME_MAX, required=True),
    "department": Rule(max=DEPARTMENT_MAX, required=True),
    "title": Rule(max=TOPIC_TITLE_MAX, required=True),
    "description": Rule(max=TOPIC_DESCRIPTION_MAX),
    "purpose": Rule(kind="choice", choices=PURPOSES),
}
DECLINE_REASON_RULE = Rule(max=DECLINE_REASON_MAX, required=True)


@dataclass(frozen=True)
class NewTopic:
    """A topic just sent in: its personal link's token is shown this once (only its hash kept)."""

    topic: Topic
    token: str


def topic_not_found() -> NotFound:
    return NotFound("topic_not_found", _l("There is no such topic."))


def get_topic(meeting: Meeting, topic_id: int) -> Topic:
    topic = db.session.get(Topic, topic_id)
    if topic is None or topic.meeting_id != meeting.id:
        raise topic_not_found()
    return topic


def list_topics(meeting: Meeting) -> list[Topic]:
    """The topics sent in to this meeting, oldest first (carried-over ones too)."""
    statement = (
        select(Topic).where(Topic.meeting_id == meeting.id).order_by(Topic.submitted_at, Topic.id)
    )
    return list(db.session.scalars(statement))


def submit_topic(meeting: Meeting, fields: dict) -> NewTopic:
    """Send in a topic to a planned meeting before its deadline; no account needed."""
    meeting.require_open_for_topics(clock.now())
    cleaned = clean_fields(fields, TOPIC_RULES)
    require_fields(cleaned, TOPIC_RULES)
    check_room_for_topics(meeting)
    refuse_a_topic_sent_twice(meeting, cleaned)
    token = Topic.new_token()
    topic = Topic(meeting_id=meeting.id, token_hash=hash_token(token), **cleaned)
    db.session.add(topic)
    db.session.commit()
    return NewTopic(topic=topic, token=token)


def refuse_a_topic_sent_twice(meeting: Meeting, cleaned: dict) -> None:
    """The same person's same topic again, while the first is undecided (the back button and
    "Send" once more, or a second tab): the coordinator would get two copies to decide, and the
    submitter two personal links. Their first link is where they edit it."""
    statement = select(Topic.id).where(
        Topic.meeting_id == meeting.id,
        Topic.status == "submitted",
        Topic.submitter_name == cleaned["submitter_name"],
        Topic.department == cleaned["department"],
        Topic.title == cleaned["title"],
    )
    if db.session.scalar(statement.limit(1)) is not None:
        raise Conflict(
            "topic_already_sent",
            _l(
                "You have already sent in this topic. To change it, use the personal link you "
                "got when you sent it."
            ),
            field="title",
        )


def check_room_for_topics(meeting: Meeting) -> None:
    count = db.session.scalar(select(db.func.count(Topic.id)).where(Topic.meeting_id == meeting.id))
    if (count or 0) >= MAX_TOPICS_PER_MEETING:
        raise Conflict(
            "too_many_topics",
            _l(
                "This meeting has received the most topics it can take (%(max)d). "
                "Contact the coordinator.",
                max=MAX_TOPICS_PER_MEETING,
            ),
        )


def topic_for_token(token: str | None) -> Topic | None:
    """The topic a submitter's personal link opens, or None."""
    if not token or not token.startswith(TOPIC_TOKEN_PREFIX) or len(token) > TOKEN_MAX:
        return None
    return db.session.scalar(select(Topic).where(Topic.token_hash == hash_token(token)))


def edit_topic(topic: Topic, fields: dict) -> Topic:
    """The submitter's edit: allowed until the deadline, while the topic is undecided."""
    topic.meeting.require_open_for_topics(clock.now())
    if not topic.is_open:
        raise Conflict(
            "topic_already_decided",
            _l("The coordinator has decided on this topic, so it can no longer be edited."),
        )
    for name, value in clean_fields(fields, TOPIC_RULES).items():
        setattr(topic, name, value)
    db.session.commit()
    return topic


# --- the coordinator's decisions ---


def accept_topic_as_item(topic: Topic) -> AgendaItem:
    """Accept the topic as a new item of its meeting's agenda (before the end items)."""
    topic.require_undecided()
    meeting = topic.meeting
    meeting.require_agenda_editable()
    item = insert_item(
        meeting,
        AgendaItem(
            title=topic.title,
            presenter=presenter_of(topic),
            description=topic.description,
            purpose=topic.purpose,
        ),
    )
    db.session.flush()
    decide(topic, "accepted", item_id=item.id)
    db.session.commit()
    return item


def presenter_of(topic: Topic) -> str:
    """ "Name (Department)": who presents the topic they sent in."""
    if topic.department:
        return f"{topic.submitter_name} ({topic.department})"[:200]
    return topic.submitter_name


def accept_topic_as_question(topic: Topic, item_id: int, section_id: int | None = None) -> Question:
    """Accept the topic as a question in the workshop outline of one of the meeting's items
    (in the given section, else the last one; a section is made if the outline has none)."""
    topic.require_undecided()
    item = get_item(topic.meeting, item_id)
    if item.workshop is None:
        raise Conflict(
            "item_has_no_workshop",
            _l("This item has no workshop. Create or link one first."),
            field="item_id",
        )
    section = section_for_question(item, section_id)
    question = add_question(section, topic.title, guidance=topic.description[:2000])
    decide(topic, "accepted", item_id=item.id, question_id=question.id)
    db.session.commit()
    return question


def section_for_question(item: AgendaItem, section_id: int | None) -> Section:
    workshop = item.workshop
    assert workshop is not None
    if section_id is not None:
        return get_section(workshop, section_id)
    sections = top_sections(workshop)
    if sections:
        return sections[-1]
    return add_section(workshop, item.title)


def defer_topic(topic: Topic) -> Topic:
    """Defer to the next meeting: carried over to it now if it is planned, else when it is."""
    topic.require_undecided()
    decide(topic, "deferred")
    next_meeting = next_planned_meeting(topic.meeting)
    if next_meeting is not None:
        carry_over(topic, next_meeting)
    db.session.commit()
    return topic


def decline_topic(topic: Topic, reason: str) -> Topic:
    """Decline with a reason the submitter sees on their personal link."""
    topic.require_undecided()
    reason = clean_text("reason", reason, DECLINE_REASON_RULE)
    decide(topic, "declined", decline_reason=reason)
    db.session.commit()
    return topic


def reopen_topic(topic: Topic) -> Topic:
    """Undo a decision (not a carry-over): the topic is undecided again."""
    if topic.status == "accepted" and topic.item_id is not None and topic.question_id is None:
        raise Conflict(
            "topic_is_an_item",
            _l("This topic is an item of the agenda. Remove the item to undo the acceptance."),
        )
    topic.status = "submitted"
    topic.decline_reason = ""
    topic.decided_at = None
    db.session.commit()
    return topic


def decide(topic: Topic, status: str, **changes) -> None:
    topic.status = status
    topic.decided_at = clock.now()
    for name, value in changes.items():
        setattr(topic, name, value)


# --- carrying deferred topics to the next meeting ---


def next_planned_meeting(meeting: Meeting) -> Meeting | None:
    """The series' next planned meeting after this one (by date), if there is one."""
    if meeting.series_id is None or meeting.date is None:
        return None
    statement = (
        select(Meeting)
        .where(
            Meeting.series_id == meeting.series_id,
            Meeting.status == "planned",
            Meeting.id != meeting.id,
            Meeting.date > meeting.date,
        )
        .order_by(Meeting.date, Meeting.id)
        .limit(1)
    )
    return db.session.scalar(statement)


def carry_over_topics(from_meeting: Meeting, to_meeting: Meeting) -> list[Topic]:
    """Move the deferred topics of one meeting to another, where they are submitted again;
    the caller commits."""
    deferred = db.session.scalars(
        select(Topic).where(Topic.meeting_id == from_meeting.id, Topic.status == "deferred")
    ).all()
    for topic in deferred:
        carry_over(topic, to_meeting)
    return list(deferred)


def carry_over(topic: Topic, to_meeting: Meeting) -> None:
    topic.carried_from_meeting_id = topic.carried_from_meeting_id or topic.meeting_id
    topic.meeting_id = to_meeting.id
    topic.status = "submitted"
    topic.decided_at = None


# --- what the public pages may offer ---


def open_for_topics(meeting: Meeting) -> bool:
    """Whether the meeting takes topics now (planned, deadline not passed): the pages offer
    the form only then, and submit_topic and edit_topic refuse otherwise."""
    return meeting.status == "planned" and not meeting.deadline_passed(clock.now())


def topic_editable(topic: Topic) -> bool:
    """Whether the submitter may still edit their topic (undecided, meeting open for topics)."""
    return topic.is_open and open_for_topics(topic.meeting)


def topics_carried_away(meeting: Meeting) -> list[Topic]:
    """Topics first sent in to this meeting that were deferred and now belong to a later one,
    so its review page can say where they went."""
    statement = (
        select(Topic)
        .where(Topic.carried_from_meeting_id == meeting.id, Topic.meeting_id != meeting.id)
        .order_by(Topic.submitted_at, Topic.id)
    )
    return list(db.session.scalars(statement))
