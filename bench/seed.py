"""Database helpers run in a subprocess against the bench's database (DATABASE_URL).

    python -m bench.seed schema      create the tables from the models and stamp the migrations
    python -m bench.seed workshop    a live workshop with groups and questions (JSON on stdout)

`schema` is used for the fresh SQLite file of a run, so that the bench measures the current code
even while the migrations lag behind the models; `workshop` is the fallback when the JSON API
cannot prepare a workshop (the report then says "setup": "seeded").
"""

import argparse
import json

from flask_migrate import stamp

from workshop import create_app
from workshop.extensions import db
from workshop.models import ApiToken, Facilitator, Group, Question, Section, Workshop
from workshop.models.facilitator import hash_token
from workshop.services.passwords import hash_password


def create_schema() -> dict:
    db.create_all()
    stamp()
    return {"ok": True}


def create_workshop(groups: int, questions: int) -> dict:
    facilitator = Facilitator(
        email="bench-seeded@example.org",
        display_name="Bench",
        password_hash=hash_password("bench-password-not-secret"),
    )
    db.session.add(facilitator)
    db.session.flush()
    token = ApiToken.new_secret()
    db.session.add(
        ApiToken(facilitator_id=facilitator.id, name="bench", token_hash=hash_token(token))
    )
    workshop = Workshop(owner_id=facilitator.id, title="Bench workshop", status="live")
    db.session.add(workshop)
    db.session.flush()
    section = Section(workshop_id=workshop.id, heading="Bench questions")
    db.session.add(section)
    db.session.flush()
    question_rows = [
        Question(workshop_id=workshop.id, section_id=section.id, position=i, text=f"Q{i + 1}?")
        for i in range(questions)
    ]
    group_rows = [
        Group(workshop_id=workshop.id, name=f"Group {i + 1}", position=i) for i in range(groups)
    ]
    db.session.add_all(question_rows + group_rows)
    db.session.commit()
    return {
        "workshop_id": workshop.id,
        "join_code": workshop.join_code,
        "facilitator_token": token,
        "group_ids": [g.id for g in group_rows],
        "question_ids": [q.id for q in question_rows],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("action", choices=("schema", "workshop"))
    parser.add_argument("--groups", type=int, default=100)
    parser.add_argument("--questions", type=int, default=3)
    args = parser.parse_args()
    app = create_app()
    with app.app_context():
        if args.action == "schema":
            result = create_schema()
        else:
            result = create_workshop(args.groups, args.questions)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
