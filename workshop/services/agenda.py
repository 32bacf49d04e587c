"""A meeting's agenda: numbered items (add, edit, move, remove), attachments, and item workshops."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from flask_babel import lazy_gettext as _l

from workshop.extensions import db
from workshop.models import (
    AgendaItem,
    Attachment,
    Conflict,
    Facilitator,
    Meeting,
    NotFound,
    Topic,
    Workshop,
)
from workshop.models.meeting import (
    ATTACHMENT_TITLE_MAX,
    DURATION_MAX_MINUTES,
    ITEM_DESCRIPTION_MAX,
    ITEM_TITLE_MAX,
    MAX_ATTACHMENTS,
    MAX_ITEMS,
    PRESENTER_MAX,
    PURPOSES,
)
from workshop.models.series import LINK_MAX
from workshop.services.access import get_workshop_for
from workshop.services.field_rules import Rule, clean_fields, invalid_field, require_fields
from workshop.services.outline import move_among, renumber
from workshop.services.workshops import create_workshop

ITEM_RULES = {
    "title": Rule(max=ITEM_TITLE_MAX, required=True),
    "presenter": Rule(max=PRESENTER_MAX),
    "duration_minutes": Rule(kind="int", min=0, max=DURATION_MAX_MINUTES),
    "description": Rule(max=ITEM_DESCRIPTION_MAX),
    "purpose": Rule(kind="choice", choices=("", *PURPOSES)),
    "follow_up": Rule(kind="flag"),
    "at_end": Rule(kind="flag"),
}
ATTACHMENT_RULES = {
    "title": Rule(max=ATTACHMENT_TITLE_MAX, required=True),
    "url": Rule(kind="link", max=LINK_MAX),
}


@dataclass(frozen=True)
class ScheduledItem:
    """An item with its number and, when the meeting's start and the durations allow, its times."""

    item: AgendaItem
    number: int
    starts_at: time | None
    ends_at: time | None


def item_not_found() -> NotFound:
    return NotFound("agenda_item_not_found", _l("There is no such item on this agenda."))


def get_item(meeting: Meeting, item_id: int) -> AgendaItem:
    item = db.session.get(AgendaItem, item_id)
    if item is None or item.meeting_id != meeting.id:
        raise item_not_found()
    return item


def item_number(item: AgendaItem) -> int:
    """Items are numbered from 1 in agenda order (positions are kept 0, 1, 2, …)."""
    return item.position + 1


def attachment_label(item: AgendaItem, attachment: Attachment) -> str:
    """ "3.1": the item's number and the attachment's place under it."""
    return f"{item_number(item)}.{attachment.position + 1}"


def agenda_schedule(meeting: Meeting) -> list[ScheduledItem]:
    """Every item with its number and times, counted from the start time through the durations;
    after an item without a duration the times are unknown."""
    clock = None
    if meeting.start_time is not None:
        # Any day will do: only the time of day is read back, and the agenda may pass midnight.
        clock = datetime.combine(meeting.date or datetime.min.date(), meeting.start_time)
    schedule = []
    for number, item in enumerate(meeting.items, start=1):
        starts = clock
        if clock is not None and item.duration_minutes is not None:
            clock = clock + timedelta(minutes=item.duration_minutes)
        else:
            clock = None
        schedule.append(
            ScheduledItem(
                item=item,
                number=number,
                starts_at=starts.time() if starts else None,
                ends_at=clock.time() if clock else None,
            )
        )
    return schedule


def check_room_for_items(meeting: Meeting) -> None:
    if len(meeting.items) >= MAX_ITEMS:
        raise Conflict(
            "too_many_items", _l("An agenda can have at most %(max)d items.", max=MAX_ITEMS)
        )


def add_item(meeting: Meeting, fields: dict) -> AgendaItem:
    """Add an item before the items kept at the end (any other business, next meetings)."""
    meeting.require_agenda_editable()
    cleaned = clean_fields(fields, ITEM_RULES)
    require_fields(cleaned, ITEM_RULES)
    item = insert_item(meeting, AgendaItem(**cleaned))
    db.session.commit()
    return item


def insert_item(meeting: Meeting, item: AgendaItem) -> AgendaItem:
    """Put an (unsaved) item into the agenda before the end items; the caller commits."""
    check_room_for_items(meeting)
    items = list(meeting.items)
    index = len(items)
    if not item.at_end:
        index = next((i for i, other in enumerate(items) if other.at_end), len(items))
    items.insert(index, item)
    meeting.items = items
    renumber(items)
    return item


def update_item(item: AgendaItem, fields: dict) -> AgendaItem:
    item.meeting.require_agenda_editable()
    for name, value in clean_fields(fields, ITEM_RULES).items():
        setattr(item, name, value)
    db.session.commit()
    return item


def remove_item(item: AgendaItem) -> None:
    """Remove an item; topics accepted into it go back to the coordinator's list undecided."""
    meeting = item.meeting
    meeting.require_agenda_editable()
    reopen_topics_of(item)
    meeting.items.remove(item)  # delete-orphan: removing it from the agenda deletes it
    renumber(meeting.items)
    db.session.commit()


def reopen_topics_of(item: AgendaItem) -> None:
    """A topic never silently disappears: the one accepted as this item is undecided again."""
    for topic in db.session.scalars(db.select(Topic).where(Topic.item_id == item.id)):
        if topic.question_id is None:
            topic.status = "submitted"
            topic.decided_at = None
        topic.item_id = None


def move_item(item: AgendaItem, direction: str) -> None:
    """Move an item one place up or down ("up"/"down")."""
    item.meeting.require_agenda_editable()
    move_among(list(item.meeting.items), item, direction)
    db.session.commit()


def reorder_items(meeting: Meeting, item_ids: list[int]) -> list[AgendaItem]:
    """Put the agenda in the given order (every item's id exactly once)."""
    meeting.require_agenda_editable()
    by_id = {item.id: item for item in meeting.items}
    if not isinstance(item_ids, list) or sorted(item_ids) != sorted(by_id):
        raise invalid_field("item_ids", _l("List every item of this agenda exactly once."))
    items = [by_id[item_id] for item_id in item_ids]
    renumber(items)
    db.session.commit()
    db.session.refresh(meeting)
    return list(meeting.items)


# --- attachments ---


def get_attachment(item: AgendaItem, attachment_id: int) -> Attachment:
    attachment = db.session.get(Attachment, attachment_id)
    if attachment is None or attachment.item_id != item.id:
        raise NotFound("attachment_not_found", _l("There is no such attachment on this item."))
    return attachment


def add_attachment(item: AgendaItem, fields: dict) -> Attachment:
    item.meeting.require_agenda_editable()
    cleaned = clean_fields(fields, ATTACHMENT_RULES)
    require_fields(cleaned, ATTACHMENT_RULES)
    if len(item.attachments) >= MAX_ATTACHMENTS:
        raise Conflict(
            "too_many_attachments",
            _l("An item can have at most %(max)d attachments.", max=MAX_ATTACHMENTS),
        )
    attachment = Attachment(position=len(item.attachments), **cleaned)
    item.attachments.append(attachment)
    db.session.commit()
    return attachment


def update_attachment(attachment: Attachment, fields: dict) -> Attachment:
    for name, value in clean_fields(fields, ATTACHMENT_RULES).items():
        setattr(attachment, name, value)
    db.session.commit()
    return attachment


def remove_attachment(item: AgendaItem, attachment: Attachment) -> None:
    item.meeting.require_agenda_editable()
    item.attachments.remove(attachment)  # delete-orphan, as above
    renumber(item.attachments)
    db.session.commit()


# --- the item's workshop (for an item discussed in groups) ---


def create_item_workshop(item: AgendaItem, facilitator: Facilitator) -> Workshop:
    """A new workshop for the item: its title, the meeting's date, place and language (its annex,
    attached to the minutes, says where the groups met)."""
    if item.workshop_id is not None:
        raise Conflict("item_has_workshop", _l("This item already has a workshop."))
    meeting = item.meeting
    workshop = create_workshop(
        facilitator,
        {
            "title": item.title,
            "date": meeting.date,
            "place": meeting.place,
            "language": meeting.language,
        },
    )
    item.workshop_id = workshop.id
    share_with_coordinators(workshop, meeting, facilitator)
    db.session.commit()
    return workshop


def share_with_coordinators(workshop: Workshop, meeting: Meeting, owner: Facilitator) -> None:
    """Every coordinator of the series runs its items' workshops too (the caller commits)."""
    if meeting.series is None:
        return
    series = meeting.series
    for coordinator in [series.owner, *series.coordinators]:
        if coordinator.id != owner.id and coordinator not in workshop.co_facilitators:
            workshop.co_facilitators.append(coordinator)


def link_item_workshop(item: AgendaItem, facilitator: Facilitator, workshop_id: int) -> Workshop:
    """Link one of the facilitator's workshops to the item."""
    workshop = get_workshop_for(facilitator, workshop_id)
    item.workshop_id = workshop.id
    db.session.commit()
    return workshop


def item_discussed_in(workshop: Workshop, facilitator: Facilitator) -> AgendaItem | None:
    """The newest agenda item, of a meeting this facilitator runs, whose workshop this is: the
    meeting its page leads back to."""
    statement = (
        db.select(AgendaItem)
        .where(AgendaItem.workshop_id == workshop.id)
        .order_by(AgendaItem.id.desc())
    )
    for item in db.session.scalars(statement):
        if item.meeting.can_be_run_by(facilitator):
            return item
    return None


def unlink_item_workshop(item: AgendaItem) -> None:
    """The workshop stays (with its notes and annex); the item no longer points at it."""
    item.workshop_id = None
    db.session.commit()
