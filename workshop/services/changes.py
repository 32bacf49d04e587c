"""Reading the live state: notes as clients see them, the change feed since a seq, snapshots."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from sqlalchemy import ColumnElement, bindparam, func, literal, or_, select

from workshop.extensions import db
from workshop.models import Change, Facilitator, Note, Participant, Workshop
from workshop.models.room import HIDDEN_FROM_DISPLAYS, HIDDEN_FROM_PARTICIPANTS
from workshop.services import clock
from workshop.services.plenary_state import shaped_plenary
from workshop.services.prepared import Prepared

# Catch-up answers are paged so that one message stays well under the socket's size limit's
# neighbourhood in practice; a client asks again while `more` is true.
CHANGES_PAGE = 500


@dataclass(frozen=True)
class Viewer:
    """Who is looking: a participant (sees their group), a facilitator (sees everything) or a
    display (sees what the projector shows)."""

    workshop_id: int
    participant_id: int | None = None
    group_id: int | None = None
    facilitator_id: int | None = None
    # A display (the projector): sees every group's notes and the room, never writes.
    display: bool = False

    @property
    def is_facilitator(self) -> bool:
        return self.facilitator_id is not None and not self.display

    @property
    def is_display(self) -> bool:
        return self.display

    def owns(self, participant_id: int | None, facilitator_id: int | None) -> bool:
        if self.display:
            return False
        if self.is_facilitator:
            return facilitator_id is not None and facilitator_id == self.facilitator_id
        return participant_id is not None and participant_id == self.participant_id


def viewer_of(actor: Participant | Facilitator, workshop: Workshop) -> Viewer:
    if isinstance(actor, Participant):
        return Viewer(workshop.id, participant_id=actor.id, group_id=actor.group_id)
    return Viewer(workshop.id, facilitator_id=actor.id)


def timestamp(value: datetime | None) -> str | None:
    """ISO 8601 in UTC; databases hand back naive datetimes for what we stored as UTC."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.isoformat()


def author_of(note: Note) -> tuple[str, str]:
    """(author_kind, author_name) of a note."""
    if note.facilitator_id is not None:
        facilitator = db.session.get(Facilitator, note.facilitator_id)
        return "facilitator", facilitator.display_name if facilitator else ""
    return "participant", note.participant.display_name if note.participant else ""


def note_dict(note: Note) -> dict:
    """The note as stored in the change feed (every field; viewers get a shaped copy)."""
    author_kind, author_name = author_of(note)
    return note_payload(
        note.id,
        note.question_id,
        note.group_id,
        note.text,
        note.revision,
        note.seq,
        (author_kind, author_name),
        (note.created_at, note.updated_at, note.deleted_at),
    )


def note_payload(
    note_id: str,
    question_id: int,
    group_id: int,
    text: str,
    revision: int,
    seq: int,
    author: tuple[str, str],
    times: tuple[datetime, datetime, datetime | None],
) -> dict:
    """A note's fields as the change feed keeps them; author is (kind, name), times are
    (created, updated, deleted)."""
    created_at, updated_at, deleted_at = times
    deleted = deleted_at is not None
    return {
        "id": note_id,
        "question_id": question_id,
        "group_id": group_id,
        # A deleted note's words stay on the server (as a revision) but are not sent around.
        "text": "" if deleted else text,
        "revision": revision,
        "seq": seq,
        "author_name": author[1],
        "author_kind": author[0],
        "created_at": timestamp(created_at),
        "updated_at": timestamp(updated_at),
        "deleted": deleted,
    }


def shaped_note(note: dict, names_visible: bool, is_own: bool | None = None) -> dict:
    """A copy of a note dict for one audience: without author_name where names are hidden."""
    shaped = {key: value for key, value in note.items() if names_visible or key != "author_name"}
    if is_own is not None:
        shaped["is_own"] = is_own
    return shaped


def names_visible_to(workshop: Workshop, for_facilitators: bool) -> bool:
    return for_facilitators or workshop.names_visible_to_peers


def shaped_change(
    change: Change, workshop: Workshop, for_facilitators: bool, is_own: bool | None = None
) -> dict:
    """A change as clients receive it: {seq, kind, note?|status?}."""
    return shaped_change_for(change, workshop.names_visible_to_peers, for_facilitators, is_own)


class ChangeRecord(Protocol):
    """What a change's message is made from: a Change, or a row of the catch-up's page."""

    @property
    def seq(self) -> int: ...

    @property
    def kind(self) -> str: ...

    @property
    def payload(self) -> dict: ...


def shaped_change_for(
    change: ChangeRecord,
    names_visible_to_peers: bool,
    for_facilitators: bool,
    is_own: bool | None = None,
) -> dict:
    """shaped_change, told whether the workshop shows names to peers (no workshop at hand)."""
    message = {"seq": change.seq, "kind": change.kind, **(change.payload or {})}
    visible = for_facilitators or names_visible_to_peers
    if isinstance(message.get("note"), dict):
        message["note"] = shaped_note(message["note"], visible, is_own)
    return shaped_plenary(message, visible, for_facilitators)


def note_for_viewer(note: dict, workshop: Workshop, viewer: Viewer, owner_ids) -> dict:
    """A note dict shaped for one viewer, with is_own from (participant_id, facilitator_id)."""
    visible = names_visible_to(workshop, viewer.is_facilitator)
    return shaped_note(note, visible, viewer.owns(*owner_ids))


def note_seen_by(note: dict, workshop: Workshop, viewer: Viewer) -> dict:
    """One note dict shaped for one viewer (looks up who wrote it)."""
    owners = note_owners([note["id"]]).get(note["id"], (None, None))
    return note_for_viewer(note, workshop, viewer, owners)


# Built once: every catch-up and every snapshot reads it (a join burst a thousand times).
LAST_SEQ = Prepared(select(Workshop.last_seq).where(Workshop.id == bindparam("workshop_id")))


def current_last_seq(workshop_id: int) -> int:
    """Read afresh: every change up to this number is committed (they commit in seq order)."""
    row = LAST_SEQ.first(db.session.connection(), {"workshop_id": workshop_id})
    return (row.last_seq if row else 0) or 0


def changes_page(visible) -> Prepared:
    """A page of the change feed after `since`, up to `last_seq`, of the changes `visible`;
    with a note's change, who wrote the note (for is_own), read in the same statement."""
    return Prepared(
        select(
            Change.seq,
            Change.kind,
            Change.payload,
            Note.id.label("note_found"),
            Note.participant_id.label("note_participant_id"),
            Note.facilitator_id.label("note_facilitator_id"),
        )
        .outerjoin(Note, Note.id == Change.note_id)
        .where(visible, Change.seq > bindparam("since"), Change.seq <= bindparam("last_seq"))
        .order_by(Change.seq)
        .limit(CHANGES_PAGE + 1)
    )


def none_of(kinds) -> ColumnElement[bool]:
    """Change.kind not among these: written into the statement (a prebuilt one cannot expand
    a list at each run)."""
    return Change.kind.not_in([literal(kind) for kind in sorted(kinds)])


# What each kind of viewer may see, built once and run on the driver's cursor: every client's
# catch-up asks, a join burst and a restart a thousand times at once.
IN_WORKSHOP = Change.workshop_id == bindparam("workshop_id")
FACILITATORS_PAGE = changes_page(IN_WORKSHOP)
DISPLAYS_PAGE = changes_page(IN_WORKSHOP & none_of(HIDDEN_FROM_DISPLAYS))
PARTICIPANTS_PAGE = changes_page(
    IN_WORKSHOP
    & or_(Change.group_id.is_(None), Change.group_id == bindparam("group_id"))
    & none_of(HIDDEN_FROM_PARTICIPANTS)
)


def page_for(viewer: Viewer) -> Prepared:
    """The change feed's page statement for a viewer."""
    if viewer.is_facilitator:
        return FACILITATORS_PAGE
    if viewer.is_display:
        return DISPLAYS_PAGE
    return PARTICIPANTS_PAGE


def note_owners(note_ids) -> dict[str, tuple[int | None, int | None]]:
    ids = {note_id for note_id in note_ids if note_id}
    if not ids:
        return {}
    rows = db.session.execute(
        select(Note.id, Note.participant_id, Note.facilitator_id).where(Note.id.in_(ids))
    )
    return {row.id: (row.participant_id, row.facilitator_id) for row in rows}


def changes_since(workshop: Workshop, since: int, viewer: Viewer) -> dict:
    """The changes this viewer may see with seq > since: {changes, last_seq, more}."""
    return changes_since_for(viewer, workshop.names_visible_to_peers, since)


def changes_since_for(viewer: Viewer, names_visible_to_peers: bool, since: int) -> dict:
    """changes_since, told whether the workshop shows names to peers (no workshop at hand)."""
    # Read the upper bound first: changes committed after it are left for the next call.
    last_seq = current_last_seq(viewer.workshop_id)
    parameters = {
        "workshop_id": viewer.workshop_id,
        "group_id": viewer.group_id,
        "since": since,
        "last_seq": last_seq,
    }
    rows = page_for(viewer).rows(db.session.connection(), parameters)
    more = len(rows) > CHANGES_PAGE
    rows = rows[:CHANGES_PAGE]
    changes = [
        shaped_change_for(
            change,
            names_visible_to_peers,
            viewer.is_facilitator,
            None
            if change.note_found is None
            else viewer.owns(change.note_participant_id, change.note_facilitator_id),
        )
        for change in rows
    ]
    return {
        "changes": changes,
        "last_seq": rows[-1].seq if more else max(last_seq, since),
        "more": more,
        "now": timestamp(clock.now()),  # the server's clock, for the timer's offset
    }


def notes_snapshot(
    workshop: Workshop,
    viewer: Viewer,
    question_id: int | None = None,
    group_id: int | None = None,
) -> dict:
    """The current notes a viewer may see, in the order they were added: {notes, last_seq}."""
    last_seq = current_last_seq(workshop.id)
    query = (
        select(Note)
        .where(Note.workshop_id == workshop.id, Note.deleted_at.is_(None), Note.seq <= last_seq)
        .order_by(Note.created_at, Note.id)
    )
    if not viewer.is_facilitator and not viewer.is_display:
        query = query.where(Note.group_id == viewer.group_id)
    elif group_id is not None:
        query = query.where(Note.group_id == group_id)
    if question_id is not None:
        query = query.where(Note.question_id == question_id)
    notes = [
        note_for_viewer(
            note_dict(note), workshop, viewer, (note.participant_id, note.facilitator_id)
        )
        for note in db.session.scalars(query)
    ]
    return {"notes": notes, "last_seq": last_seq}


EXCERPT_MAX = 80


def excerpt(text: str, limit: int = EXCERPT_MAX) -> str:
    """A note's first words: on one line, at most `limit` characters, cut at a word."""
    words = " ".join(text.split())
    if len(words) <= limit:
        return words
    cut = words[: limit - 1].rsplit(" ", 1)[0]
    return cut + "…"


def latest_notes(workshop: Workshop, last_seq: int) -> dict[tuple[int, int], dict]:
    """Per (group, question): the note changed last (not deleted), as {id, seq, excerpt, …}."""
    alive = (Note.workshop_id == workshop.id, Note.deleted_at.is_(None), Note.seq <= last_seq)
    latest = (
        select(Note.group_id, Note.question_id, func.max(Note.seq).label("seq"))
        .where(*alive)
        .group_by(Note.group_id, Note.question_id)
        .subquery()
    )
    rows = db.session.execute(
        select(Note.id, Note.group_id, Note.question_id, Note.seq, Note.text, Note.created_at)
        .join(latest, (Note.seq == latest.c.seq) & (Note.group_id == latest.c.group_id))
        .where(Note.workshop_id == workshop.id, Note.question_id == latest.c.question_id)
    )
    return {
        (row.group_id, row.question_id): {
            "id": row.id,
            "seq": row.seq,
            "excerpt": excerpt(row.text),
            "created_at": timestamp(row.created_at),
        }
        for row in rows
    }


def note_counts(workshop: Workshop) -> dict:
    """Notes (not deleted) per group and question, each with its latest note's first words, for
    the dashboard: {counts, last_seq}."""
    last_seq = current_last_seq(workshop.id)
    rows = db.session.execute(
        select(Note.group_id, Note.question_id, func.count())
        .where(Note.workshop_id == workshop.id, Note.deleted_at.is_(None), Note.seq <= last_seq)
        .group_by(Note.group_id, Note.question_id)
    )
    latest = latest_notes(workshop, last_seq)
    counts = [
        {
            "group_id": group_id,
            "question_id": question_id,
            "count": count,
            "latest": latest.get((group_id, question_id)),
        }
        for group_id, question_id, count in rows
    ]
    return {"counts": counts, "last_seq": last_seq}
