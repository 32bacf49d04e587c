"""Database helpers run in a subprocess against the bench's database (DATABASE_URL).

    python -m bench.seed schema                              tables from the models, stamped
    python -m bench.seed outline --workshop-id 1 --count 3   a section of questions (ids as JSON)
    python -m bench.seed groups --workshop-id 1 --count 100  groups (ids as JSON)

`schema` prepares an empty database (the fresh SQLite file of a run), so that the bench measures
the current code even while the migrations lag behind the models. `outline` and `groups` stand
in for the JSON API only when its routes are missing; the report then says so in "setup".
"""

import argparse
import json

from flask_migrate import stamp
from sqlalchemy import inspect

from workshop import create_app
from workshop.extensions import db
from workshop.models import Group, Question, Section


def create_schema(_workshop_id: int, _count: int) -> dict:
    """An empty database gets the tables of the models; one that has tables is left alone."""
    if inspect(db.engine).has_table("workshop"):
        return {"ok": True, "created": False}
    db.create_all()
    stamp()
    return {"ok": True, "created": True}


def create_outline(workshop_id: int, count: int) -> list[int]:
    section = Section(workshop_id=workshop_id, heading="Bench questions")
    db.session.add(section)
    db.session.flush()
    questions = [
        Question(workshop_id=workshop_id, section_id=section.id, position=i, text=f"Q{i + 1}?")
        for i in range(count)
    ]
    db.session.add_all(questions)
    db.session.commit()
    return [q.id for q in questions]


def create_groups(workshop_id: int, count: int) -> list[int]:
    groups = [
        Group(workshop_id=workshop_id, name=f"Group {i + 1}", position=i) for i in range(count)
    ]
    db.session.add_all(groups)
    db.session.commit()
    return [g.id for g in groups]


ACTIONS = {"schema": create_schema, "outline": create_outline, "groups": create_groups}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("action", choices=sorted(ACTIONS))
    parser.add_argument("--workshop-id", type=int, default=0)
    parser.add_argument("--count", type=int, default=1)
    args = parser.parse_args()
    with create_app().app_context():
        result = ACTIONS[args.action](args.workshop_id, args.count)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
