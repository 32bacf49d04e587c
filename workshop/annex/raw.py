"""The raw notes for archiving and analysis: one row per note, with where it sits in the outline.

Names are left out entirely unless the workshop is named (not anonymous in any way).
"""

from collections.abc import Sequence
from datetime import UTC

from flask_babel import gettext as _
from sqlalchemy import Row, select
from sqlalchemy.orm import aliased

from workshop.annex.outline import outline_tree
from workshop.annex.votes import note_votes, vote_counts
from workshop.extensions import db
from workshop.i18n import force_language
from workshop.models import Annex, AnnexPoint, Facilitator, Group, Note, Participant, Workshop
from workshop.models.base import utcnow

COLUMNS = (
    "note_id",
    "section",
    "block",
    "question_number",
    "question",
    "group",
    "author",
    "created_at",
    "updated_at",
    "text",
    "in_annex",
    "votes",
    "point_votes",
)


def raw_notes(workshop: Workshop, annex: Annex) -> dict:
    """Every note that is not deleted, in outline order, as plain rows."""
    named = workshop.anonymity == "named"
    columns = [c for c in COLUMNS if named or c != "author"]
    with force_language(workshop.language):
        headings = column_headings()
    places = _question_places(workshop.id)
    in_annex = _notes_in_annex(annex.id)
    votes = _note_votes(workshop.id, annex.id)
    rows = [
        _row(note, places, in_annex, named) | votes_of(note.id, votes)
        for note in _note_rows(workshop.id)
        if note.question_id in places
    ]
    rows.sort(key=lambda row: places[row.pop("_question_id")]["order"])
    return {
        "workshop": {
            "id": workshop.id,
            "title": workshop.title,
            "place": workshop.place or "",
            "date": workshop.date.isoformat() if workshop.date else None,
            "language": workshop.language,
            "anonymity": workshop.anonymity,
        },
        "exported_at": utcnow().isoformat(),
        "columns": columns,
        "headings": {c: headings[c] for c in columns},
        "notes": rows,
    }


def column_headings() -> dict:
    """The columns' names for people (CSV header), in the locale in force."""
    return {
        "note_id": _("Note id"),
        "section": _("Section"),
        "block": _("Block"),
        "question_number": _("Question number"),
        "question": _("Question"),
        "group": _("Group"),
        "author": _("Author"),
        "created_at": _("Created"),
        "updated_at": _("Updated"),
        "text": _("Text"),
        "in_annex": _("In the annex"),
        "votes": _("Votes"),
        "point_votes": _("Votes of its point"),
    }


def _question_places(workshop_id: int) -> dict[int, dict]:
    """Per question id: its place in the outline (order, section, block, number, text)."""
    places: dict[int, dict] = {}
    for section in outline_tree(workshop_id):
        groups = [(None, section["questions"])] + [(b, b["questions"]) for b in section["blocks"]]
        for block, questions in groups:
            for question in questions:
                places[question["id"]] = {
                    "order": len(places),
                    "section": _titled(section),
                    "block": _titled(block) if block else "",
                    "number": question["label"],
                    "text": question["text"],
                }
    return places


def _titled(section: dict) -> str:
    return f"{section['label']} {section['heading']}".strip()


def _notes_in_annex(annex_id: int) -> set[str]:
    statement = select(AnnexPoint.source_note_ids).where(
        AnnexPoint.annex_id == annex_id,
        AnnexPoint.excluded.is_(False),
        AnnexPoint.pending.is_(False),
    )
    return {note_id for (ids,) in db.session.execute(statement) for note_id in ids}


def _note_votes(workshop_id: int, annex_id: int) -> tuple[dict, dict]:
    """(per note id: its votes, per note id: the votes of the annex point it is in)."""
    counts = vote_counts(workshop_id)
    if counts is None:
        return {}, {}
    sources = db.session.execute(
        select(AnnexPoint.id, AnnexPoint.source_note_ids).where(AnnexPoint.annex_id == annex_id)
    ).all()
    point_of_note = {
        note_id: counts.of_point(point_id, ids) for point_id, ids in sources for note_id in ids
    }
    return note_votes(counts, [(point_id, ids) for point_id, ids in sources]), point_of_note


def votes_of(note_id: str, votes: tuple[dict, dict]) -> dict:
    """A note's two vote columns: None without a vote (a number, 0 included, with one)."""
    own, of_point = votes
    if not own and not of_point:
        return {"votes": None, "point_votes": None}
    return {"votes": own.get(note_id, 0), "point_votes": of_point.get(note_id)}


def _note_rows(workshop_id: int) -> Sequence[Row]:
    author_facilitator = aliased(Facilitator)
    statement = (
        select(
            Note.id,
            Note.question_id,
            Note.text,
            Note.created_at,
            Note.updated_at,
            Group.name.label("group_name"),
            Participant.display_name.label("participant_name"),
            author_facilitator.display_name.label("facilitator_name"),
        )
        .join(Group, Group.id == Note.group_id)
        .outerjoin(Participant, Participant.id == Note.participant_id)
        .outerjoin(author_facilitator, author_facilitator.id == Note.facilitator_id)
        .where(Note.workshop_id == workshop_id, Note.deleted_at.is_(None))
        .order_by(Group.position, Group.id, Note.created_at, Note.id)
    )
    return db.session.execute(statement).all()


def _row(note, places: dict, in_annex: set[str], named: bool) -> dict:
    place = places[note.question_id]
    row = {
        "_question_id": note.question_id,
        "note_id": note.id,
        "section": place["section"],
        "block": place["block"],
        "question_number": place["number"],
        "question": place["text"],
        "group": note.group_name,
    }
    if named:
        row["author"] = note.participant_name or note.facilitator_name or ""
    row.update(
        created_at=_iso(note.created_at),
        updated_at=_iso(note.updated_at),
        text=note.text,
        in_annex=note.id in in_annex,
    )
    return row


def _iso(moment) -> str:
    """ISO 8601 in UTC; SQLite hands back naive times, which are UTC here."""
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.isoformat()
