"""A meeting's minutes, made on first use from its agenda, and kept up with items added later."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from workshop.extensions import db
from workshop.models.meeting import AgendaItem, Meeting
from workshop.models.minutes import Minutes, MinutesItem

# The standing item under which the list of coming meetings is printed, found by its title.
_COMING_MEETINGS_TITLE = re.compile(
    r"\b(next|coming|upcoming|kommende|næste|neste)\s+(meetings?|møder?|møter?|mødedatoer)\b",
    re.IGNORECASE,
)


def minutes_for(meeting: Meeting) -> Minutes:
    """The meeting's minutes, made from its agenda the first time they are asked for."""
    minutes = db.session.scalar(select(Minutes).where(Minutes.meeting_id == meeting.id))
    if minutes is None:
        return create_minutes(meeting)
    if follow_agenda(minutes, meeting):
        minutes.mark_changed()
        db.session.commit()
    return minutes


def create_minutes(meeting: Meeting) -> Minutes:
    minutes = Minutes(meeting_id=meeting.id, revisions={})
    minutes.items = [item_from_agenda(item, index) for index, item in enumerate(meeting.items)]
    db.session.add(minutes)
    try:
        db.session.commit()
    except IntegrityError:
        # Someone else's request made them at the same moment: theirs are the minutes.
        db.session.rollback()
        return db.session.scalars(select(Minutes).where(Minutes.meeting_id == meeting.id)).one()
    return minutes


def item_from_agenda(agenda_item: AgendaItem, position: int) -> MinutesItem:
    return MinutesItem(
        agenda_item_id=agenda_item.id,
        position=position,
        title=agenda_item.title,
        attachments=attachment_lines(agenda_item, position + 1),
        background=agenda_item.description or "",
        standing=agenda_item.standing,
        coming_meetings_here=bool(_COMING_MEETINGS_TITLE.search(agenda_item.title)),
        workshop_id=agenda_item.workshop_id,
        revisions={},
    )


def attachment_lines(agenda_item: AgendaItem, number: int) -> str:
    """ "2.1 Agenda for the council meeting": numbered under the item, as the notice has them."""
    return "\n".join(
        f"{number}.{index} {attachment.title}"
        for index, attachment in enumerate(agenda_item.attachments, start=1)
    )


def follow_agenda(minutes: Minutes, meeting: Meeting) -> bool:
    """Add the agenda items added since the minutes were made, each after the item it follows
    on the agenda, and follow the items' workshops. True if anything changed."""
    linked = {item.agenda_item_id: item for item in minutes.items if item.agenda_item_id}
    changed = False
    after: MinutesItem | None = None
    for agenda_item in meeting.items:
        if agenda_item.id in linked:
            after = linked[agenda_item.id]
            # The item's workshop (and so its annex) is the agenda's, linked before or after.
            if after.workshop_id != agenda_item.workshop_id:
                after.workshop_id = agenda_item.workshop_id
                changed = True
            continue
        new_item = item_from_agenda(agenda_item, meeting.items.index(agenda_item))
        insert_after(minutes, new_item, after)
        after = new_item
        changed = True
    return changed


def insert_after(minutes: Minutes, new_item: MinutesItem, after: MinutesItem | None) -> None:
    """Put the item right after `after` (first when None), renumbering the positions."""
    items = list(minutes.items)
    index = items.index(after) + 1 if after is not None else 0
    items.insert(index, new_item)
    minutes.items = items
    renumber(items)


def renumber(items: list[MinutesItem]) -> None:
    for position, item in enumerate(items):
        item.position = position
