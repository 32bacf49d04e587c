"""Shared fixtures: the app on a fresh database, clients, a live server and test-data factories."""

import os
import re
import socket
import threading
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError
from werkzeug.serving import make_server

import config
from bench.postgres import create_database, database_beside
from tests.workshops_helpers import api_as
from workshop import create_app
from workshop.extensions import db, socketio
from workshop.models import Facilitator, Group, Participant, Question, Section, Workshop
from workshop.models.group import hash_participant_token
from workshop.realtime.heartbeat import stop_heartbeat
from workshop.realtime.presence_updates import stop_presence_updates
from workshop.realtime.running_totals import stop_running_totals
from workshop.services.login_sessions import start_login_session
from workshop.services.passwords import hash_password

REQUIRE_ALL = os.environ.get("WORKSHOP_REQUIRE_ALL_SERVICES") == "1"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DEFAULT_PASSWORD = "correct horse battery"


def require(available: bool, reason: str) -> None:
    """Skip when a service is missing; in CI (WORKSHOP_REQUIRE_ALL_SERVICES=1) fail instead."""
    if available:
        return
    if REQUIRE_ALL:
        pytest.fail(f"{reason} (required: WORKSHOP_REQUIRE_ALL_SERVICES=1)")
    pytest.skip(reason)


def port_open(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def postgres_test_url():
    """TEST_DATABASE_URL, or under pytest-xdist a database of this worker's own beside it
    (test_gw0, test_gw1, …): every test drops and creates the tables, which two workers must not
    do to each other's. None when the suite runs on SQLite."""
    url = os.environ.get("TEST_DATABASE_URL")
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not url or not worker:
        return url
    worker_url = database_beside(url, f"_{worker}")
    create_database(worker_url, afresh=False)
    return worker_url


@pytest.fixture
def database_url(tmp_path, postgres_test_url):
    """PostgreSQL (CI) when TEST_DATABASE_URL is set, else a fresh SQLite file for this test."""
    return postgres_test_url or f"sqlite:///{tmp_path / 'test.sqlite'}"


@pytest.fixture
def app(database_url):
    with app_on(database_url) as app:
        yield app


@contextmanager
def app_on(database_url: str):
    """The app on that database, its tables empty; afterwards its services stopped and (but on
    PostgreSQL) its tables dropped. The `app` fixture's, and a module's sharing one app."""
    app = create_app(config.TestingConfig, {"SQLALCHEMY_DATABASE_URI": database_url})
    socket_server = socketio.server  # this app's own (init_app makes one per app)
    with app.app_context():
        empty_tables()
    yield app
    # Its service task would keep the server, and so the whole app, alive for the rest of the
    # run: the suite's 185 live-server tests then leave as many apps, and every full pass of the
    # collector walks them all (seconds on a slow machine, while every thread waits).
    stop_service_task(socket_server)
    # A beat reading the tables while they are dropped could deadlock with the drop (PostgreSQL).
    stop_heartbeat(app)
    stop_presence_updates(app)
    stop_running_totals(app)
    with app.app_context():
        db.session.remove()
        if db.engine.dialect.name != "postgresql":  # its tables are emptied by the next test
            drop_all_tables()
        db.engine.dispose()


# The PostgreSQL databases whose tables this process created from this run's models.
TABLES_CREATED: set[str] = set()


def stop_service_task(socket_server) -> None:
    """Stops the Socket.IO server's service task (it watches the connections' pings).

    A connect that came in as the test ended (a page's first socket, opened by its last step) may
    have started that task a moment ago: engineio's task sets its stop event before the handle to
    join it is stored, and a shutdown in between fails on the missing handle. Wait for both."""
    engine = socket_server.eio
    task_started = not engine.start_service_task
    deadline = time.monotonic() + 5
    while task_started and None in (engine.service_task_event, engine.service_task_handle):
        if time.monotonic() > deadline:
            break
        time.sleep(0.01)
    socket_server.shutdown()


def empty_tables() -> None:
    """The models' tables, empty, in the app's database. On PostgreSQL, where this process
    created them and all are still there, their rows are deleted and their sequences restarted
    (6 ms, where dropping and creating took 250 ms: two minutes of the suite); otherwise — the
    worker's first test, whose database may hold an older run's tables, or after a test dropped
    them — they are dropped and created."""
    url = db.engine.url.render_as_string(hide_password=False)
    if db.engine.dialect.name == "postgresql" and url in TABLES_CREATED and all_tables_there():
        delete_all_rows()
        return
    drop_all_tables()
    db.create_all()
    if db.engine.dialect.name == "postgresql":
        TABLES_CREATED.add(url)


def all_tables_there() -> bool:
    with db.engine.connect() as connection:
        present = set(
            connection.exec_driver_sql(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
            ).scalars()
        )
    return set(db.metadata.tables) <= present


def delete_all_rows() -> None:
    """Every row of the models' tables, dependants first; every id counts from 1 again."""
    tables = [table.name for table in reversed(db.metadata.sorted_tables)]
    with db.engine.begin() as connection:
        sequences = connection.exec_driver_sql(
            "SELECT sequence_name FROM information_schema.sequences"
            " WHERE sequence_schema = current_schema()"
        ).scalars()
        restarts = [f'ALTER SEQUENCE "{name}" RESTART' for name in sequences]
        deletes = [f'DELETE FROM "{name}"' for name in tables]
        connection.exec_driver_sql("; ".join(deletes + restarts))


def drop_all_tables(attempts: int = 3) -> None:
    """Drop the test's tables. A socket event still finishing (a browser closed at teardown
    disconnects) may hold a table the drop needs while waiting for one the drop holds: PostgreSQL
    then ends one of the two as a deadlock, and the drop is simply tried again."""
    for attempt in range(attempts):
        try:
            db.drop_all()
            return
        except OperationalError:
            db.session.rollback()
            if attempt == attempts - 1:
                raise
            time.sleep(0.5)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def app_ctx(app):
    with app.app_context():
        yield


def csrf_token_from(html: str) -> str:
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)
    assert match, "the page has no CSRF token"
    return match.group(1)


@pytest.fixture
def csrf_token(client):
    """Fetch a page and return the CSRF token in its form (the browser's way of getting one)."""

    def fetch(url: str = "/") -> str:
        return csrf_token_from(client.get(url).get_data(as_text=True))

    return fetch


@pytest.fixture
def make_facilitator(app):
    def make(email=None, password=DEFAULT_PASSWORD, name="Fran Facilitator", language=None):
        with app.app_context():
            facilitator = Facilitator(
                email=email or f"fac-{uuid.uuid4().hex[:8]}@example.org",
                display_name=name,
                password_hash=hash_password(password),
                language=language,
            )
            db.session.add(facilitator)
            db.session.commit()
            return facilitator.id

    return make


@pytest.fixture
def login_as(app, client):
    """Log a facilitator in on the test client, without the login page (for tests not about it)."""

    def login(facilitator_id: int):
        with app.app_context():
            facilitator = db.session.get(Facilitator, facilitator_id)
            _login_session, secret = start_login_session(facilitator, False, "127.0.0.1", "")
        with client.session_transaction() as session:
            session["_user_id"] = secret  # what the login page puts there: the session's secret
            session["_fresh"] = True
        return client

    return login


@pytest.fixture
def make_workshop(app, make_facilitator):
    """Create a workshop directly in the database; returns its id.

    sections: headings of top-level sections; each gets `questions` numbered questions.
    """

    def make(
        owner_id=None,
        title="Strategy workshop",
        sections=("International work",),
        questions=3,
        groups=2,
        status="draft",
        anonymity="named",
        language="en",
        group_mode="self_select",
    ):
        owner_id = owner_id or make_facilitator()
        with app.app_context():
            workshop = Workshop(
                owner_id=owner_id,
                title=title,
                status=status,
                anonymity=anonymity,
                language=language,
                group_mode=group_mode,
            )
            db.session.add(workshop)
            db.session.flush()
            for s_index, heading in enumerate(sections):
                section = Section(workshop_id=workshop.id, heading=heading, position=s_index)
                db.session.add(section)
                db.session.flush()
                for q_index in range(questions):
                    db.session.add(
                        Question(
                            workshop_id=workshop.id,
                            section_id=section.id,
                            position=q_index,
                            text=f"Question {q_index + 1} of {heading}?",
                        )
                    )
            for g_index in range(groups):
                db.session.add(
                    Group(workshop_id=workshop.id, name=f"Group {g_index + 1}", position=g_index)
                )
            db.session.commit()
            return workshop.id

    return make


@pytest.fixture
def live_workshop(make_facilitator, make_workshop):
    """A new facilitator's live workshop (open for notes); returns (facilitator id, workshop id).
    Takes make_workshop's outline arguments (sections, questions, groups, …)."""

    def make(**outline):
        facilitator = make_facilitator()
        return facilitator, make_workshop(owner_id=facilitator, status="live", **outline)

    return make


@pytest.fixture
def coordinator(client, login_as, owner):
    """The owner logged in on the test client, posting the pages' forms: post(url, data=None,
    **kwargs) sends the form with a CSRF token. (Modules about the API define their own.)"""
    login_as(owner)
    token = csrf_token_from(client.get("/series").get_data(as_text=True))

    def post(url: str, data: dict | None = None, **kwargs):
        return client.post(url, data={"csrf_token": token, **(data or {})}, **kwargs)

    return post


@pytest.fixture
def owner(make_facilitator):
    """A facilitator for tests about their own workshops; returns their id."""
    return make_facilitator(email="owner@example.org", name="Olga Owner")


@pytest.fixture
def auth(app, owner):
    """The owner's API token as request headers."""
    from tests.outline_helpers import api_token_for

    return api_token_for(app, owner)


@pytest.fixture
def api(app, client, owner):
    """Call the JSON API as the owner: api("get", "/workshops", json=...)."""
    return api_as(app, client, owner)


@pytest.fixture
def make_participant(app):
    """Create a participant in a group; returns (participant_id, participant_token)."""

    def make(workshop_id, group_index=0, name="Ada"):
        with app.app_context():
            groups = db.session.scalars(
                db.select(Group).where(Group.workshop_id == workshop_id).order_by(Group.position)
            ).all()
            token = Participant.new_token()
            participant = Participant(
                workshop_id=workshop_id,
                group_id=groups[group_index].id if groups else None,
                display_name=name,
                token_hash=hash_participant_token(token),
            )
            db.session.add(participant)
            db.session.commit()
            return participant.id, token

    return make


class LiveServer:
    """The app served by a real HTTP + WebSocket server in a background thread."""

    def __init__(self, app):
        self.app = app
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._server = make_server("127.0.0.1", self.port, app, threaded=True)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self):
        self._thread.start()
        return self

    def stop(self):
        self._server.shutdown()
        self._thread.join(timeout=5)


@pytest.fixture
def live_server(app, request):
    # A browser test's pages go before its server: a page left open keeps its renderer (and its
    # reconnecting socket) alive for the rest of the session.
    browser = request.getfixturevalue("browser") if "browser" in request.fixturenames else None
    server = LiveServer(app).start()
    yield server
    if browser is not None:
        for context in browser.contexts:
            context.close()
    server.stop()


# --- Browser tests (pytest-playwright with Debian's chromium) ---


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Playwright's own browser download cannot work here: use Debian's chromium.
    require(
        Path(CHROMIUM).exists(),
        f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)",
    )
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}


@pytest.fixture
def needs_redis():
    require(port_open("127.0.0.1", 6379), "Redis is not running on 127.0.0.1:6379")


@pytest.fixture
def needs_postgres():
    require(port_open("127.0.0.1", 5432), "PostgreSQL is not running on 127.0.0.1:5432")
