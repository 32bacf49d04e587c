"""Instructions per API join or per note, counted by valgrind: an A/B that does not move with
the machine.

    python -m bench.instructions [--joins 300]
    python -m bench.instructions --notes 300      # per participant's note, through the group commit
    python -m bench.instructions --joins 5 --without-valgrind     # the script alone, no count

The bench's CPU figures move by ±15 % from run to run on a 2-core machine; instruction counts
repeat within ±0.05 %. This runs `POST /api/v1/join` in-process through Flask's test client (a
fresh SQLite file, a live workshop of 100 groups, each participant choosing one; 50 joins first
to warm up) under `valgrind --tool=callgrind`, once with --joins joins and once with none, and
prints the difference divided by the joins: what one join costs, start-up left out. Run it in
two checkouts with the same virtualenv to compare two commits.

With --notes, the same for a participant's note: written as a socket's `note:add` writes it on
the quick way (services/note_batch.add_note in an app context of its own, its change published
to the rooms, which hold no sockets here), 20 participants of 10 groups in turn, one question.
The handler around it and the sends to each socket are not counted: they are the same for any
write path, and the bench's CPU rows measure them.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

WARM_UP = 50
GROUPS = 100
COLLECTED = re.compile(r"Collected\s*:\s*(\d+)")


def joined_workshop(app) -> tuple[str, list[int]]:
    """A live workshop with its groups, made directly in the database: (join code, group ids)."""
    from workshop.extensions import db
    from workshop.models import Facilitator, Group, Workshop

    with app.app_context():
        db.create_all()
        owner = Facilitator(email="bench@example.org", display_name="Bench", password_hash="-")
        db.session.add(owner)
        db.session.flush()
        workshop = Workshop(owner_id=owner.id, title="Bench", status="live", language="en")
        db.session.add(workshop)
        db.session.flush()
        groups = [
            Group(workshop_id=workshop.id, name=f"Group {i + 1}", position=i) for i in range(GROUPS)
        ]
        db.session.add_all(groups)
        db.session.commit()
        return workshop.join_code, [group.id for group in groups]


def bench_app():
    """The app on a fresh SQLite file, its join limit out of the way."""
    import config
    from workshop import create_app

    folder = tempfile.mkdtemp(prefix="bench-instructions-")
    return create_app(
        config.Config,
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.sqlite",
            "SECRET_KEY": "bench",
            "JOIN_ATTEMPTS_PER_MINUTE": 1_000_000,
        },
    )


def join_many(joins: int) -> int:
    """What valgrind measures: the app built, the warm-up joins, then `joins` more. Returns the
    participants the database holds afterwards."""
    from workshop.extensions import db
    from workshop.models import Participant

    app = bench_app()
    code, group_ids = joined_workshop(app)
    client = app.test_client()
    for index in range(WARM_UP + joins):
        payload = {"code": code, "name": f"P{index}", "group_id": group_ids[index % GROUPS]}
        answer = client.post("/api/v1/join", json=payload)
        if answer.status_code != 201:
            raise RuntimeError(f"join answered {answer.status_code}: {answer.get_data(True)}")
    with app.app_context():
        return db.session.scalar(db.select(db.func.count()).select_from(Participant)) or 0


def write_many(notes: int) -> int:
    """What valgrind measures with --notes: the app built, the warm-up notes, then `notes` more.
    Returns the notes the database holds afterwards."""
    from workshop.extensions import db
    from workshop.models import Group, Note
    from workshop.services.note_batch import NewNote, add_note

    app = bench_app()
    _code, group_ids = joined_workshop(app)
    with app.app_context():
        workshop_id = db.session.get_one(Group, group_ids[0]).workshop_id
        question_id, writers = question_and_writers(workshop_id, group_ids[:10])
    for index in range(WARM_UP + notes):
        participant_id, group_id = writers[index % len(writers)]
        text = f"Point {index}"
        note = NewNote(workshop_id, participant_id, group_id, str(uuid.uuid4()), question_id, text)
        with app.app_context():  # a socket event's own, as on the quick way
            add_note(note)
    with app.app_context():
        return db.session.scalar(db.select(db.func.count()).select_from(Note)) or 0


def question_and_writers(workshop_id: int, group_ids: list[int]):
    """One question, and two participants in each of these groups: (question id, [(participant
    id, group id)])."""
    from workshop.extensions import db
    from workshop.models import Participant, Question, Section

    section = Section(workshop_id=workshop_id, heading="Bench")
    db.session.add(section)
    db.session.flush()
    question = Question(workshop_id=workshop_id, section_id=section.id, text="What matters?")
    writers = [
        Participant(
            workshop_id=workshop_id,
            group_id=group_id,
            display_name=f"P{i}-{group_id}",
            token_hash=f"bench-{group_id}-{i}",
        )
        for group_id in group_ids
        for i in range(2)
    ]
    db.session.add_all([question, *writers])
    db.session.commit()
    return question.id, [(writer.id, writer.group_id) for writer in writers]


def instructions(what: str, count: int) -> int:
    """valgrind's count for a run of `join_many(count)` or `write_many(count)` in a fresh
    interpreter (`what`: "joins" or "notes")."""
    command = [
        "valgrind",
        "--tool=callgrind",
        "--callgrind-out-file=/dev/null",
        sys.executable,
        "-m",
        "bench.instructions",
        f"--{what}",
        str(count),
        "--without-valgrind",
    ]
    # The same hash seed in both runs: dict and set layouts, and so the work, do not differ.
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=root, check=True)
    found = COLLECTED.search(done.stderr)
    if found is None:
        raise RuntimeError(f"valgrind gave no count:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    counted = parser.add_mutually_exclusive_group()
    counted.add_argument("--joins", type=int)
    counted.add_argument("--notes", type=int)
    parser.add_argument(
        "--without-valgrind", action="store_true", help="only run them (what is counted)"
    )
    arguments = parser.parse_args(argv)
    what, count = ("notes", arguments.notes) if arguments.notes is not None else ("joins", None)
    if what == "joins":
        count = 300 if arguments.joins is None else arguments.joins
    assert count is not None
    if arguments.without_valgrind:
        (write_many if what == "notes" else join_many)(count)
        return
    each = (instructions(what, count) - instructions(what, 0)) / count
    kind = "participant's note" if what == "notes" else "API join"
    print(f"{each / 1e6:.3f} million instructions per {kind} ({count} {what})")


if __name__ == "__main__":
    main()
