"""Editing the minutes, one operation at a time, each idempotent by the client's op id.

A `set` changes one field only if its revision is still the one the secretary saw; otherwise
it is refused as `stale_edit` with the other secretary's text, never written over it. Every
applied operation is kept with its answer (MinutesOp), so a resent one gets that answer again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from workshop.annex.text import clean_line
from workshop.extensions import db
from workshop.formats import lazy_number
from workshop.minutes.annexes import numbered_annexes
from workshop.minutes.fields import rule_for
from workshop.minutes.state import item_dict, item_numbers
from workshop.minutes.sync import minutes_for, renumber
from workshop.models import Conflict, DomainError, NotFound
from workshop.models.meeting import Meeting
from workshop.models.minutes import (
    MAX_DOCUMENT_ANNEXES,
    MAX_MINUTES_ITEMS,
    Minutes,
    MinutesAnnex,
    MinutesItem,
    MinutesOp,
)


def apply_minutes_op(meeting: Meeting, op: dict) -> dict:
    """Apply one operation (validated by its payload form) and commit; the acknowledgement.

    A repeated op id answers the first acknowledgement again, marked "repeated".
    """
    minutes = locked_minutes(meeting)
    earlier = earlier_result(minutes, op)
    if earlier is not None:
        return earlier
    try:
        result = OPERATIONS[op["op"]](minutes, op)
    except DomainError:
        db.session.rollback()  # nothing half-written
        raise
    minutes.mark_changed()
    result |= {"annexes": [annex.as_dict() for annex in numbered_annexes(minutes)]}
    result = {
        "ok": True,
        "op_id": op["op_id"],
        "repeated": False,
        "status": minutes.status,
        "version": minutes.version,
        **result,
    }
    db.session.add(
        MinutesOp(
            minutes_id=minutes.id,
            op_id=op["op_id"],
            kind=op["op"],
            digest=op_digest(op),
            result=result,
        )
    )
    try:
        db.session.commit()
    except IntegrityError:
        # The same op id arrived twice at once: the other request applied it.
        db.session.rollback()
        return apply_minutes_op(meeting, op)
    return result


def locked_minutes(meeting: Meeting) -> Minutes:
    """The minutes, their row locked until the commit, so that two edits of one field are
    checked one after the other (PostgreSQL; SQLite serialises writers anyway)."""
    minutes = minutes_for(meeting)
    # Numbering the annexes makes a workshop's annex on first use, with a commit of its own:
    # done here, before the lock, so that nothing commits half an operation.
    numbered_annexes(minutes)
    minutes_id = minutes.id
    # What was read before the lock may be older than what the lock lets us see.
    db.session.expire_all()
    return db.session.scalars(
        select(Minutes)
        .where(Minutes.id == minutes_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()


def earlier_result(minutes: Minutes, op: dict) -> dict | None:
    earlier = db.session.scalar(
        select(MinutesOp).where(MinutesOp.minutes_id == minutes.id, MinutesOp.op_id == op["op_id"])
    )
    if earlier is None:
        return None
    if earlier.kind != op["op"] or earlier.digest not in (None, op_digest(op)):
        raise Conflict(
            "op_id_conflict",
            _l("This operation id is already used for another operation."),
            field="op_id",
        )
    return {**earlier.result, "repeated": True}


def op_digest(op: dict) -> str:
    """What an operation asks for, apart from its id: a resend has the same digest."""
    asked = {key: value for key, value in op.items() if key != "op_id"}
    return hashlib.sha256(json.dumps(asked, sort_keys=True, default=str).encode()).hexdigest()


# --- the operations ---


def set_field(minutes: Minutes, op: dict) -> dict:
    item = item_of(minutes, op["item_id"]) if op.get("item_id") is not None else None
    target = item if item is not None else minutes
    field = op["field"]
    rule = rule_for(field, of_item=item is not None)
    revision = target.revisions.get(field, 0)
    if op["base_revision"] != revision:
        raise stale_edit(op, revision, rule.dump(getattr(target, field)))
    if op["value"] is None and not rule.inheritable:
        raise DomainError("invalid_input", _l("This field cannot be empty (null)."), field="value")
    setattr(target, field, rule.parse(op["value"]))
    target.revisions = {**target.revisions, field: revision + 1}
    return {
        "item_id": item.id if item is not None else None,
        "field": field,
        "value": rule.dump(getattr(target, field)),
        "revision": revision + 1,
    }


def stale_edit(op: dict, revision: int, value) -> Conflict:
    return Conflict(
        "stale_edit",
        _l(
            "Someone else changed this field while you were editing it. "
            "Compare the two versions and choose which to keep."
        ),
        item_id=op.get("item_id"),
        field=op["field"],
        base_revision=op["base_revision"],
        revision=revision,
        value=value,
    )


def add_item(minutes: Minutes, op: dict) -> dict:
    if len(minutes.items) >= MAX_MINUTES_ITEMS:
        raise DomainError(
            "minutes_too_many_items",
            _l("The minutes can have at most %(max)s items.", max=lazy_number(MAX_MINUTES_ITEMS)),
        )
    item = MinutesItem(title=rule_for("title", of_item=True).parse(op["title"]), revisions={})
    items = list(minutes.items)
    items.insert(insertion_index(minutes, op.get("after_item_id")), item)
    minutes.items = items
    renumber(items)
    db.session.flush()
    return {"item": item_dict(item, item_numbers(minutes))}


def insertion_index(minutes: Minutes, after_item_id: int | None) -> int:
    """Right after the given item; by default before the standing items that close the list."""
    items = list(minutes.items)
    if after_item_id is not None:
        return items.index(item_of(minutes, after_item_id)) + 1
    index = len(items)
    while index > 0 and items[index - 1].standing:
        index -= 1
    return index


def move_item(minutes: Minutes, op: dict) -> dict:
    """Reorder the items that are not standing among the places they hold; standing items stay."""
    item = item_of(minutes, op["item_id"])
    if item.standing:
        raise DomainError(
            "minutes_standing_item", _l("A standing item keeps its place in the minutes.")
        )
    items = list(minutes.items)
    places = [index for index, other in enumerate(items) if not other.standing]
    movable = [items[index] for index in places]
    movable.remove(item)
    movable.insert(min(op["position"], len(movable)), item)
    for index, moved in zip(places, movable, strict=True):
        items[index] = moved
    minutes.items = items
    renumber(items)
    return {"items": item_places(minutes)}


def leave_out(minutes: Minutes, op: dict) -> dict:
    item_of(minutes, op["item_id"]).left_out = op["left_out"]
    return {"items": item_places(minutes)}


def item_places(minutes: Minutes) -> list[dict]:
    numbers = item_numbers(minutes)
    return [
        {
            "id": item.id,
            "number": numbers.get(item.id),
            "position": item.position,
            "left_out": item.left_out,
        }
        for item in minutes.items
    ]


def add_annex(minutes: Minutes, op: dict) -> dict:
    if len(minutes.document_annexes) >= MAX_DOCUMENT_ANNEXES:
        raise DomainError(
            "minutes_too_many_annexes",
            _l("At most %(max)s documents can be attached.", max=lazy_number(MAX_DOCUMENT_ANNEXES)),
        )
    item_id = op.get("item_id")
    if item_id is not None:
        item_of(minutes, item_id)
    title = clean_line(" ".join(op["title"].split("\n")))
    if not title:
        raise DomainError("minutes_title_empty", _l("An annex needs a title."))
    document = MinutesAnnex(item_id=item_id, title=title, position=len(minutes.document_annexes))
    minutes.document_annexes.append(document)
    db.session.flush()
    return {"annex": {"id": document.id, "item_id": item_id, "title": title}}


def remove_annex(minutes: Minutes, op: dict) -> dict:
    document = next((a for a in minutes.document_annexes if a.id == op["annex_id"]), None)
    if document is None:
        raise NotFound("minutes_annex_not_found", _l("There is no such annex in these minutes."))
    minutes.document_annexes.remove(document)
    return {"annex": {"id": op["annex_id"], "removed": True}}


def item_of(minutes: Minutes, item_id: int) -> MinutesItem:
    """An item of these minutes; an item of another meeting's minutes is not found."""
    for item in minutes.items:
        if item.id == item_id:
            return item
    raise NotFound("minutes_item_not_found", _l("There is no such item in these minutes."))


OPERATIONS: dict[str, Callable[[Minutes, dict], dict]] = {
    "set": set_field,
    "add_item": add_item,
    "move_item": move_item,
    "leave_out": leave_out,
    "add_annex": add_annex,
    "remove_annex": remove_annex,
}
