"""Instructions per API join, counted by valgrind: an A/B that does not move with the machine.

    python -m bench.instructions [--joins 300]
    python -m bench.instructions --joins 5 --without-valgrind     # the script alone, no count

The bench's CPU figures move by ±15 % from run to run on a 2-core machine; instruction counts
repeat within ±0.05 %. This runs `POST /api/v1/join` in-process through Flask's test client (a
fresh SQLite file, a live workshop of 100 groups, each participant choosing one; 50 joins first
to warm up) under `valgrind --tool=callgrind`, once with --joins joins and once with none, and
prints the difference divided by the joins: what one join costs, start-up left out. Run it in
two checkouts with the same virtualenv to compare two commits.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
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


def join_many(joins: int) -> int:
    """What valgrind measures: the app built, the warm-up joins, then `joins` more. Returns the
    participants the database holds afterwards."""
    import config
    from workshop import create_app
    from workshop.extensions import db
    from workshop.models import Participant

    folder = tempfile.mkdtemp(prefix="bench-instructions-")
    app = create_app(
        config.Config,
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.sqlite",
            "SECRET_KEY": "bench",
            "JOIN_ATTEMPTS_PER_MINUTE": 1_000_000,
        },
    )
    code, group_ids = joined_workshop(app)
    client = app.test_client()
    for index in range(WARM_UP + joins):
        payload = {"code": code, "name": f"P{index}", "group_id": group_ids[index % GROUPS]}
        answer = client.post("/api/v1/join", json=payload)
        if answer.status_code != 201:
            raise RuntimeError(f"join answered {answer.status_code}: {answer.get_data(True)}")
    with app.app_context():
        return db.session.scalar(db.select(db.func.count()).select_from(Participant)) or 0


def instructions(joins: int) -> int:
    """valgrind's count for a run of `join_many(joins)` in a fresh interpreter."""
    command = [
        "valgrind",
        "--tool=callgrind",
        "--callgrind-out-file=/dev/null",
        sys.executable,
        "-m",
        "bench.instructions",
        "--joins",
        str(joins),
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
    parser.add_argument("--joins", type=int, default=300)
    parser.add_argument(
        "--without-valgrind", action="store_true", help="only run the joins (what is counted)"
    )
    arguments = parser.parse_args(argv)
    if arguments.without_valgrind:
        join_many(arguments.joins)
        return
    per_join = (instructions(arguments.joins) - instructions(0)) / arguments.joins
    print(f"{per_join / 1e6:.3f} million instructions per API join ({arguments.joins} joins)")


if __name__ == "__main__":
    main()
