"""The deletion bench: how long deleting one workshop takes beside others of the same size.

    python -m bench.deletion [--participants 1000] [--workshops 4] [--database-url URL]

Seeds --workshops alike workshops (participants in groups of 10, ten notes each with a change and
every tenth with an earlier revision), then deletes the last one as the owner's delete does, and
checks that it is gone and the others are whole. The delete is one transaction: on SQLite it
holds the write lock throughout, so every live room of the instance waits for it.
--database-url takes an empty database (its tables are created and dropped); default: a SQLite
file in a temporary folder.
"""

import argparse
import json
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, insert, select

import config
from workshop import create_app
from workshop.extensions import db
from workshop.models import (
    Change,
    Facilitator,
    Group,
    Note,
    NoteRevision,
    Participant,
    Question,
    Section,
    Workshop,
)
from workshop.services.workshops import delete_workshop

NOTES_PER_PARTICIPANT = 10


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.deletion", description=__doc__)
    parser.add_argument("--participants", type=int, default=1000, help="per workshop")
    parser.add_argument("--workshops", type=int, default=4, help="all alike; the last is deleted")
    parser.add_argument("--database-url", help="an empty database (default: a SQLite file)")
    return parser.parse_args(argv)


def seed_workshop(owner_id: int, title: str, participants: int) -> int:
    """One workshop with its participants, their notes, a change per note, some revisions."""
    now = datetime.now(UTC)
    workshop = Workshop(owner_id=owner_id, title=title, status="closed")
    db.session.add(workshop)
    db.session.flush()
    section = Section(workshop_id=workshop.id, heading="Section", position=0)
    db.session.add(section)
    db.session.flush()
    question = Question(workshop_id=workshop.id, section_id=section.id, position=0, text="Q?")
    groups = [
        Group(workshop_id=workshop.id, name=f"Group {i + 1}", position=i)
        for i in range(max(1, participants // 10))
    ]
    db.session.add_all([question, *groups])
    db.session.flush()
    group_of = [groups[i % len(groups)].id for i in range(participants)]
    db.session.execute(
        insert(Participant),
        [
            {
                "workshop_id": workshop.id,
                "group_id": group_of[i],
                "display_name": f"Participant {i + 1}",
                "token_hash": uuid.uuid4().hex,
                "joined_at": now,
                "last_seen_at": now,
            }
            for i in range(participants)
        ],
    )
    in_workshop = Participant.workshop_id == workshop.id
    participant_ids = db.session.scalars(
        select(Participant.id).where(in_workshop).order_by(Participant.id)
    ).all()
    notes = [
        {
            "id": str(uuid.uuid4()),
            "workshop_id": workshop.id,
            "question_id": question.id,
            "group_id": group_of[i % participants],
            "participant_id": participant_ids[i % participants],
            "text": f"Point {i + 1}",
            "seq": i + 1,
            "created_at": now,
            "updated_at": now,
        }
        for i in range(participants * NOTES_PER_PARTICIPANT)
    ]
    db.session.execute(insert(Note), notes)
    db.session.execute(
        insert(Change),
        [
            {
                "workshop_id": workshop.id,
                "seq": note["seq"],
                "kind": "note:added",
                "group_id": note["group_id"],
                "note_id": note["id"],
                "payload": {},
                "created_at": now,
            }
            for note in notes
        ],
    )
    db.session.execute(
        insert(NoteRevision),
        [
            {
                "note_id": note["id"],
                "revision": 1,
                "text": "An earlier wording",
                "participant_id": note["participant_id"],
                "created_at": now,
            }
            for note in notes[::10]
        ],
    )
    db.session.commit()
    return workshop.id


def count(model, workshop_ids: list[int]) -> int:
    return db.session.scalar(
        select(func.count()).select_from(model).where(model.workshop_id.in_(workshop_ids))
    )


def measure(arguments: argparse.Namespace) -> dict:
    owner = Facilitator(email="bench@example.org", display_name="Bench", password_hash="-")
    db.session.add(owner)
    db.session.commit()
    owner_id = owner.id
    workshop_ids = [
        seed_workshop(owner_id, f"Workshop {i + 1}", arguments.participants)
        for i in range(arguments.workshops)
    ]
    doomed, kept = workshop_ids[-1], workshop_ids[:-1]
    kept_notes = count(Note, kept)
    db.session.remove()  # a fresh session, as the delete's request gets
    started = time.perf_counter()
    delete_workshop(db.session.get_one(Workshop, doomed), db.session.get_one(Facilitator, owner_id))
    seconds = time.perf_counter() - started
    left = {model.__tablename__: count(model, [doomed]) for model in (Participant, Note, Change)}
    if any(left.values()) or db.session.get(Workshop, doomed) is not None:
        raise RuntimeError(f"the deleted workshop left rows behind: {left}")
    if count(Note, kept) != kept_notes:
        raise RuntimeError("deleting one workshop changed another's notes")
    return {
        "workshops": arguments.workshops,
        "participants_per_workshop": arguments.participants,
        "notes_per_workshop": arguments.participants * NOTES_PER_PARTICIPANT,
        "delete_s": round(seconds, 3),
        "other_workshops_notes_intact": kept_notes,
    }


def main(argv: list[str]) -> int:
    arguments = parse_arguments(argv)
    with tempfile.TemporaryDirectory() as folder:
        url = arguments.database_url or f"sqlite:///{Path(folder) / 'bench.sqlite'}"
        app = create_app(config.TestingConfig, {"SQLALCHEMY_DATABASE_URI": url})
        with app.app_context():
            db.create_all()
            try:
                results = measure(arguments)
            finally:
                db.session.remove()
                db.drop_all()
                db.engine.dispose()
    print(json.dumps(results, indent=2))
    sizes = f"{results['participants_per_workshop']} participants"
    sizes += f" and {results['notes_per_workshop']} notes"
    print(
        f"deleting one of {results['workshops']} workshops of {sizes}: {results['delete_s']:.3f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
