"""Count the SQL statements Workshop runs per note:add and per connect (no timing).

    python -m bench.statements [--notes 30]

Runs the app in this process on a temporary SQLite file, serves it on 127.0.0.1, connects a few
python-socketio clients, and counts the statements (by their first words) while one participant
adds notes and another connects and catches up. Each statement is work done while a note waits.
"""

import argparse
import logging
import tempfile
import threading
import uuid
from collections import Counter
from pathlib import Path

import socketio
from sqlalchemy import event
from werkzeug.serving import make_server

import config
from bench.servers import free_port
from workshop import create_app
from workshop.extensions import db
from workshop.models import Facilitator, Group, Participant, Question, Section, Workshop
from workshop.models.group import hash_participant_token


def prepare(app, groups: int, participants: int) -> tuple[int, list[str]]:
    """A live workshop with one question and participants in its first three groups."""
    with app.app_context():
        db.create_all()
        owner = Facilitator(email="count@example.org", display_name="C", password_hash="-")
        db.session.add(owner)
        db.session.flush()
        workshop = Workshop(owner_id=owner.id, title="Count", status="live")
        db.session.add(workshop)
        db.session.flush()
        section = Section(workshop_id=workshop.id, heading="S")
        db.session.add(section)
        db.session.flush()
        question = Question(workshop_id=workshop.id, section_id=section.id, text="Q?")
        rows = [Group(workshop_id=workshop.id, name=f"G{i}", position=i) for i in range(groups)]
        db.session.add_all([question, *rows])
        db.session.flush()
        tokens = [Participant.new_token() for _ in range(participants)]
        db.session.add_all(
            Participant(
                workshop_id=workshop.id,
                group_id=rows[i % 3].id,
                display_name=f"P{i}",
                token_hash=hash_participant_token(token),
            )
            for i, token in enumerate(tokens)
        )
        db.session.commit()
        return question.id, tokens


def connect(url: str, token: str) -> socketio.Client:
    client = socketio.Client(reconnection=False)
    client.connect(url, auth={"token": token}, transports=["websocket"], wait_timeout=10)
    client.call("changes:since", {"seq": 0}, timeout=10)
    return client


def table(title: str, counted: Counter, per: int) -> str:
    lines = [f"{title}: {sum(counted.values()) / per:.1f} statements"]
    lines += [f"  {n / per:5.1f}  {statement}" for statement, n in counted.most_common()]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=30)  # within the rate limit's burst
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        uri = f"sqlite:///{Path(folder) / 'count.sqlite'}"
        app = create_app(config.TestingConfig, {"SQLALCHEMY_DATABASE_URI": uri})
        question_id, tokens = prepare(app, groups=100, participants=30)
        counted = Counter()

        def count(statement: str) -> None:
            counted[" ".join(statement.split()[:4])[:70]] += 1

        def trace(dbapi_connection, _record) -> None:
            # At the driver: the note batch runs its statements on the driver's cursor
            # (workshop/services/prepared.py), which SQLAlchemy's events do not see.
            dbapi_connection.set_trace_callback(count)

        with app.app_context():
            event.listen(db.engine, "connect", trace)
            db.engine.dispose()  # connections made from now on are traced
        logging.getLogger("werkzeug").setLevel(logging.ERROR)
        port = free_port()
        server = make_server("127.0.0.1", port, app, threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{port}"
        clients = [connect(url, token) for token in tokens[:20]]
        counted.clear()
        for i in range(args.notes):
            note = {"id": str(uuid.uuid4()), "question_id": question_id, "text": f"Note {i}"}
            assert clients[0].call("note:add", note, timeout=10)["ok"]
        print(table("per note:add", counted, args.notes))
        counted.clear()
        clients.append(connect(url, tokens[25]))
        print(table("per connect + changes:since", counted, 1))
        # The process ends here: its server thread and the clients' threads go with it.


if __name__ == "__main__":
    main()
