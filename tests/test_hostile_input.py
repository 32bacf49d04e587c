"""Hostile input gets a clear, translated 4xx or error ack, and nothing is written.

The tables below are the cases: the big-id and deep-JSON tests walk the app's URL map, so a new
route is covered as soon as it exists; a new socket event or body field is one line in a table.
"""

# ruff: noqa: F811  (the `live` fixture is imported, and named again as a test's argument)
import json
import re
import time
from dataclasses import dataclass

import pytest
import websocket
from sqlalchemy import func, select

from tests.conftest import csrf_token_from
from tests.joining_helpers import join_code_of
from tests.realtime_helpers import WAIT, RecordingClient, add_payload, live, new_id  # noqa: F401
from tests.workshops_helpers import bearer, make_api_token
from workshop.extensions import db
from workshop.forms.json_input import MAX_JSON_DEPTH
from workshop.models import AnnexPoint, Group, Question, Section
from workshop.models.base import INTEGER_MAX

BIG = 2**64  # the issue's: SQLite's driver raised OverflowError from 2**63
JUST_PAST = INTEGER_MAX + 1  # PostgreSQL's INTEGER columns: "integer out of range" from here
DEEP = 100_000  # the issue's depth: Python's JSON decoder raised RecursionError
LANGUAGES = ("en", "da")


def deep_list(depth: int) -> str:
    return "[" * depth + "]" * depth


# --- What a refusal must look like ---


def row_counts(app) -> dict[str, int]:
    """Rows in every table: "nothing written" is these unchanged (open sockets aside: a socket's
    presence row comes and goes with the connection, whatever it sends)."""
    with app.app_context():
        return {
            table.name: db.session.scalar(select(func.count()).select_from(table))
            for table in db.metadata.sorted_tables
            if table.name != "connection"
        }


def message_of(response) -> str:
    """The error message a user reads: the API's error.message, or the error page's text."""
    if response.is_json:
        error = response.get_json()["error"]
        assert error["code"] and error["message"]
        return error["message"]
    return re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))


def assert_refused_in_each_language(app, send, status: int | tuple = (400, 404)) -> dict:
    """send(language) is refused with `status`, its message differs between English and Danish
    (so it is translated), and no row is written. Returns the English response's error."""
    before = row_counts(app)
    messages = {}
    for language in LANGUAGES:
        response = send(language)
        expected = status if isinstance(status, tuple) else (status,)
        assert response.status_code in expected, (response.request.path, response.status_code)
        messages[language] = message_of(response)
    assert messages["en"] != messages["da"], "the message is not translated"
    assert row_counts(app) == before
    return messages


# --- A workshop with one of everything, and who may call what ---


@dataclass
class World:
    workshop_id: int
    owner_id: int
    facilitator_token: str
    participant_token: str
    ids: dict[str, object]

    def headers(self, rule: str, language: str) -> dict:
        headers = {"Accept-Language": language}
        if rule.startswith("/api/v1/participant/"):
            return {**headers, **bearer(self.participant_token)}
        return {**headers, **bearer(self.facilitator_token)}


@pytest.fixture
def world(app, client, make_facilitator, make_workshop, make_participant, login_as) -> World:
    owner_id = make_facilitator()
    workshop_id = make_workshop(owner_id=owner_id, status="live")
    participant_id, participant_token = make_participant(workshop_id)
    login_as(owner_id)  # the pages' routes are the owner's
    with app.app_context():
        first = {
            model: db.session.scalar(select(model.id).where(model.workshop_id == workshop_id))
            for model in (Group, Question, Section)
        }
    ids = {
        "workshop_id": workshop_id,
        "group_id": first[Group],
        "question_id": first[Question],
        "section_id": first[Section],
        "participant_id": participant_id,
        "facilitator_id": owner_id,
        "note_id": new_id(),
    }
    token = make_api_token(app, owner_id)
    # A note, and the annex compiled from it (compiling when first opened is a write, but not
    # the hostile input's doing): then the point routes have a point.
    note = {"id": ids["note_id"], "question_id": ids["question_id"], "text": "Work together"}
    client.post("/api/v1/participant/notes", json=note, headers=bearer(participant_token))
    client.get(f"/api/v1/workshops/{workshop_id}/annex", headers=bearer(token))
    # Likewise the default plan, made from the outline when the plan is first read.
    client.get(f"/api/v1/workshops/{workshop_id}/plan", headers=bearer(token))
    with app.app_context():
        ids["point_id"] = db.session.scalar(select(AnnexPoint.id))
    return World(workshop_id, owner_id, token, participant_token, ids)


def routes(app, *, api: bool | None = None, with_body: bool = False):
    """(method, rule) of every route of the app (HEAD and OPTIONS aside)."""
    for rule in app.url_map.iter_rules():
        if api is not None and rule.rule.startswith("/api/") != api:
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            if not with_body or method in ("POST", "PUT", "PATCH"):
                yield method, rule


def int_arguments(rule) -> list[str]:
    return [name for name, converter in rule._converters.items() if converter.regex == r"\d+"]


def url_for_rule(rule, ids: dict, big: str | None = None) -> str:
    """The rule's path with real ids (1 where there is none), `big` as one argument."""

    def argument(match):
        name = match.group(1)
        return str(JUST_PAST) if name == big else str(ids.get(name, 1))

    return re.sub(r"<(?:\w+:)?(\w+)>", argument, rule.rule)


# --- Ids too large for any database, in any URL ---


def test_every_route_refuses_an_id_no_database_holds(app, client, world):
    cases = [(method, rule, name) for method, rule in routes(app) for name in int_arguments(rule)]
    assert len(cases) > 100, "the URL map walk found too few routes"
    for method, rule, name in cases:
        url = url_for_rule(rule, world.ids, big=name)

        def send(language, method=method, url=url, rule=rule):
            return client.open(url, method=method, headers=world.headers(rule.rule, language))

        assert_refused_in_each_language(app, send, status=404)


def test_the_issues_big_id_pages_answer_not_found(app, client, world):
    for url in (
        f"/w/{BIG * 10**5}",
        f"/w/{JUST_PAST}",
        f"/workshops/{BIG}/live",
        f"/workshops/{BIG}/annex/export?format=csv",
    ):
        assert client.get(url).status_code == 404


# --- Ids and numbers too large in bodies, query strings and socket payloads ---


def big_number_cases(number: int) -> list:
    """(method, path with {workshop_id}/{group_id}/…, JSON body or None, query string)."""
    workshop = "/api/v1/workshops/{workshop_id}"
    return [
        ("POST", workshop + "/notes", {"question_id": number}, ""),
        ("POST", "/api/v1/participant/notes", {"question_id": number}, ""),
        ("PATCH", "/api/v1/participants/{participant_id}", {"group_id": number}, ""),
        ("POST", workshop + "/sections", {"heading": "A", "parent_id": number}, ""),
        ("POST", workshop + "/groups", {"count": number}, ""),
        ("PUT", "/api/v1/groups/{group_id}/questions", {"question_ids": [number]}, ""),
        ("GET", workshop + "/notes", None, f"question_id={number}"),
        ("GET", workshop + "/changes", None, f"since={number}"),
        ("GET", workshop + "/annex/export", None, f"format=csv&version={number}"),
        ("GET", "/workshops/{workshop_id}/annex/export", None, f"format=csv&version={number}"),
    ]


BIG_NUMBER_CASES = big_number_cases(JUST_PAST) + big_number_cases(BIG)


@pytest.mark.parametrize(("method", "path", "body", "query"), BIG_NUMBER_CASES)
def test_numbers_no_database_holds_are_refused_in_bodies_and_queries(
    app, client, world, method, path, body, query
):
    url = path.format(**world.ids) + (f"?{query}" if query else "")

    def send(language):
        headers = world.headers(path, language)
        return client.open(url, method=method, json=body, headers=headers)

    assert_refused_in_each_language(app, send)


# (page the form is on, where it posts, the form's fields): pages answer with the form's error.
BIG_NUMBER_FORMS = [
    (
        "/workshops/{workshop_id}/annex",
        "/workshops/{workshop_id}/annex/merge",
        {"point_ids": JUST_PAST},
    ),
    (
        "/workshops/{workshop_id}/annex",
        "/workshops/{workshop_id}/annex/duplicates/accept",
        {"first_point_id": JUST_PAST, "second_point_id": "{point_id}"},
    ),
]


@pytest.mark.parametrize(("form_page", "action", "fields"), BIG_NUMBER_FORMS)
def test_numbers_no_database_holds_are_refused_in_page_forms(
    app, client, world, form_page, action, fields
):
    form_page, action = form_page.format(**world.ids), action.format(**world.ids)
    data = {name: str(value).format(**world.ids) for name, value in fields.items()}
    before = row_counts(app)
    shown = {}
    for language in LANGUAGES:
        headers = {"Accept-Language": language}
        token = csrf_token_from(client.get(form_page, headers=headers).get_data(as_text=True))
        response = client.post(
            action, data={"csrf_token": token, **data}, headers=headers, follow_redirects=True
        )
        assert response.status_code < 500
        shown[language] = re.findall(
            r'class="[^"]*flash[^"]*error[^"]*"[^>]*>\s*([^<]+)', response.get_data(as_text=True)
        )
        assert shown[language], response.get_data(as_text=True)[:2000]
    assert shown["en"] != shown["da"]
    assert row_counts(app) == before


def test_joining_with_a_group_id_no_database_holds_is_refused(app, client, world):
    code = join_code_of(app, world.workshop_id)

    def send(language):
        body = {"code": code, "name": "Ada", "group_id": JUST_PAST}
        return client.post("/api/v1/join", json=body, headers={"Accept-Language": language})

    assert_refused_in_each_language(app, send, status=400)


# --- JSON nested too deeply, on every route that takes a body ---


# Routes that take no body, so ignore one (a new route that reads a body must not be here).


def test_every_route_refuses_json_nested_too_deeply(app, client, world):
    body = '{"title": ' + deep_list(DEEP) + "}"
    # Every route, those that take no body too: the body is read before any route runs.
    cases = list(routes(app, api=True, with_body=True))
    assert len(cases) >= 25, "the URL map walk found too few routes"
    answered = {}
    for method, rule in cases:
        url = url_for_rule(rule, world.ids)

        def send(language, method=method, url=url, rule=rule):
            headers = {**world.headers(rule.rule, language), "Content-Type": "application/json"}
            return client.open(url, method=method, data=body, headers=headers)

        assert_refused_in_each_language(app, send, status=400)
        answered[f"{method} {rule.rule}"] = send("en").get_json()["error"]["code"]
    assert set(answered.values()) == {"invalid_json"}, answered


def test_joining_without_a_token_refuses_deep_json(app, client):
    response = client.post(
        "/api/v1/join",
        data='{"code": ' + deep_list(DEEP) + "}",
        headers={"Content-Type": "application/json", "Accept-Language": "da"},
    )
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["code"] == "invalid_json"
    assert error["details"]["max_depth"] == MAX_JSON_DEPTH
    assert str(MAX_JSON_DEPTH) in error["message"]


def test_json_just_within_the_depth_limit_is_read(app, client, world):
    """The limit refuses only what is deeper: a body at the limit reaches the route's checks."""
    body = {"title": json.loads(deep_list(MAX_JSON_DEPTH - 1))}
    response = client.post(
        "/api/v1/workshops", json=body, headers=world.headers("/api/v1/workshops", "en")
    )
    assert response.status_code == 400
    assert "max_depth" not in response.get_json()["error"].get("details", {})


# --- Text that is not text: half of a UTF-16 pair, which no database stores ---

# (method, path, JSON body as text)
NOT_TEXT_CASES = [
    ("POST", "/api/v1/workshops", '{"title": "Plan \\ud800"}'),
    ("POST", "/api/v1/join", '{"code": "ABC", "name": "\\udfff"}'),
    ("PATCH", "/api/v1/workshops/{workshop_id}", '{"\\udc80title": "Plan"}'),
    ("POST", "/api/v1/participant/notes", '{"text": ["\\uD800"]}'),
]


@pytest.mark.parametrize(("method", "path", "body"), NOT_TEXT_CASES)
def test_json_with_unpaired_surrogates_is_refused(app, client, world, method, path, body):
    url = path.format(**world.ids)

    def send(language):
        headers = {**world.headers(path, language), "Content-Type": "application/json"}
        return client.open(url, method=method, data=body, headers=headers)

    assert_refused_in_each_language(app, send, status=400)
    assert send("en").get_json()["error"]["code"] == "invalid_json"


def test_characters_written_as_surrogate_pairs_are_kept(app, client, world):
    response = client.post(
        "/api/v1/workshops",
        data='{"title": "Plan \\ud83d\\ude00"}',
        headers={**world.headers("/api/v1/workshops", "en"), "Content-Type": "application/json"},
    )
    assert response.status_code == 201
    assert response.get_json()["title"] == "Plan \U0001f600"


# --- Names: a name is what remains after cleaning ---

NAMES_OF_NOTHING = [
    "\u0000\u0000",
    " \u0007 ",
    "\u001f\t\u007f",
    "\u200b",
    "\ufeff\u200d",
    "\u202e",
]


@pytest.mark.parametrize("name", NAMES_OF_NOTHING)
def test_a_name_of_control_characters_is_no_name_through_the_api(app, client, world, name):
    code = join_code_of(app, world.workshop_id)

    def send(language):
        body = {"code": code, "name": name}
        return client.post("/api/v1/join", json=body, headers={"Accept-Language": language})

    assert_refused_in_each_language(app, send, status=400)
    assert send("en").get_json()["error"]["code"] == "name_required"


@pytest.mark.parametrize("name", NAMES_OF_NOTHING)
def test_a_name_of_control_characters_is_no_name_on_the_join_page(app, client, world, name):
    code = join_code_of(app, world.workshop_id)
    join_page = f"/j/{code}"
    before = row_counts(app)
    for language in LANGUAGES:
        headers = {"Accept-Language": language}
        token = csrf_token_from(client.get(join_page, headers=headers).get_data(as_text=True))
        data = {"csrf_token": token, "display_name": name, "group_id": world.ids["group_id"]}
        response = client.post(join_page, data=data, headers=headers)
        assert response.status_code == 400  # the form again, with its error
        expected = {"en": "Please give your name.", "da": "Angiv dit navn."}
        assert expected[language] in response.get_data(as_text=True)
    assert row_counts(app) == before


# Text that shows nothing: zero-width characters, a byte-order mark, a direction override.
INVISIBLE = ["\u200b", "\ufeff", "\u202e", "\u200b \u2060\u200b"]


@pytest.mark.parametrize("text", INVISIBLE)
def test_a_note_of_invisible_characters_is_empty(app, client, world, text):
    def send(language):
        note = {"id": new_id(), "question_id": world.ids["question_id"], "text": text}
        headers = bearer(world.participant_token) | {"Accept-Language": language}
        return client.post("/api/v1/participant/notes", json=note, headers=headers)

    assert_refused_in_each_language(app, send, status=400)
    assert send("en").get_json()["error"]["code"] == "note_empty"


@pytest.mark.parametrize("text", INVISIBLE)
def test_a_group_name_or_title_of_invisible_characters_is_refused(app, client, world, text):
    group = f"/api/v1/groups/{world.ids['group_id']}"
    workshop = f"/api/v1/workshops/{world.workshop_id}"
    for path, body in ((group, {"name": text}), (workshop, {"title": text})):

        def send(language, path=path, body=body):
            headers = bearer(world.facilitator_token) | {"Accept-Language": language}
            return client.patch(path, json=body, headers=headers)

        assert_refused_in_each_language(app, send, status=400)


def test_a_direction_override_is_dropped_so_it_cannot_turn_a_name_around(app, client, world):
    group = f"/api/v1/groups/{world.ids['group_id']}"
    renamed = client.patch(
        group, json={"name": "Group \u202eevil"}, headers=bearer(world.facilitator_token)
    )
    assert renamed.status_code == 200 and renamed.get_json()["name"] == "Group evil"
    note = {"id": new_id(), "question_id": world.ids["question_id"], "text": "a\u202eb\u2067c"}
    added = client.post(
        "/api/v1/participant/notes", json=note, headers=bearer(world.participant_token)
    )
    assert added.get_json()["note"]["text"] == "abc"


# --- The outline as text: UTF-8 only ---


def test_outline_text_that_is_not_utf8_is_refused_with_its_line(app, client, world):
    body = b"# Section\n1. Who?\n2. Wh" + b"\xff\xfe?\n"
    url = f"/api/v1/workshops/{world.workshop_id}/outline/text"

    def send(language):
        headers = {**world.headers(url, language), "Content-Type": "text/plain; charset=utf-8"}
        return client.put(url, data=body, headers=headers)

    messages = assert_refused_in_each_language(app, send, status=400)
    error = send("en").get_json()["error"]
    assert error["code"] == "invalid_encoding"
    assert error["details"]["line"] == 3
    assert "3" in messages["da"]
    with app.app_context():
        headings = db.session.scalars(select(Section.heading)).all()
    assert "Section" not in headings


# --- Sockets: spoken by hand, to send what no client library would encode ---


class RawSocket:
    """Socket.IO over one WebSocket, written by hand (Engine.IO 4 text frames)."""

    def __init__(self, url: str):
        address = url.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"
        self.ws = websocket.create_connection(address, timeout=WAIT)
        assert self.ws.recv().startswith("0")  # Engine.IO open
        self.next_ack = 1

    def connect(self, auth_json: str) -> tuple[str, dict]:
        """("connected", {sid}) or ("refused", {message, data})."""
        self.ws.send("40" + auth_json)
        reply = self.receive()
        kind = {"0": "connected", "4": "refused"}[reply[1]]
        return kind, json.loads(reply[2:])

    def call(self, event: str, payload_json: str) -> dict:
        """Send an event with a payload written as JSON text; its acknowledgement."""
        ack_id, self.next_ack = self.next_ack, self.next_ack + 1
        self.ws.send(f"42{ack_id}[{json.dumps(event)},{payload_json}]")
        while True:
            reply = self.receive()
            if reply.startswith(f"43{ack_id}["):
                return json.loads(reply[len(f"43{ack_id}") :])[0]

    def receive(self) -> str:
        while True:
            message = self.ws.recv()
            if message == "2":  # Engine.IO ping
                self.ws.send("3")
                continue
            if not message.startswith("42"):  # broadcasts (presence) are not answers
                return message

    def close(self):
        self.ws.close()


@pytest.fixture
def raw_socket(live):
    opened = []

    def open_socket(workshop, language="en", as_facilitator=False) -> RawSocket:
        socket = RawSocket(workshop.url)
        opened.append(socket)
        if as_facilitator:
            auth = {"token": workshop.facilitator_token(), "workshop_id": workshop.workshop_id}
        else:
            auth = {"token": workshop.participant(0)}
        kind, _answer = socket.connect(json.dumps({**auth, "language": language}))
        assert kind == "connected"
        return socket

    yield open_socket
    for socket in opened:
        socket.close()


def deep_field(depth: int) -> str:
    return '{"id": ' + deep_list(depth) + ', "question_id": 1, "text": "x"}'


# A fixed id, not new_id(): the cases' names must be the same each time they are collected
# (pytest-xdist's workers collect them apart and compare).
A_NOTE_ID = "6b1f0c9e-3d2a-4e5f-8a7b-9c0d1e2f3a4b"

# (event, payload as JSON text): each must be answered with an error ack. Add a new event here.
SOCKET_CASES = [
    ("note:add", deep_field(5000)),  # too deep for the decoder (RecursionError)
    ("note:add", deep_field(MAX_JSON_DEPTH + 5)),  # decodes, but deeper than the limit
    ("note:add", '{"id": [[["x"]]], "question_id": [[1]], "text": [["x"]]}'),
    ("note:add", '{"id": "' + A_NOTE_ID + f'", "question_id": {JUST_PAST}, "text": "x"}}'),
    ("note:add", '{"id": "' + A_NOTE_ID + '", "question_id": 1, "text": "x", "group_id": '),
    ("note:add", '{"id": "' + A_NOTE_ID + '", "question_id": 1, "text": "\\ud800"}'),
    ("note:edit", deep_field(5000)),
    ("note:delete", deep_field(5000)),
    ("changes:since", '{"seq": ' + deep_list(5000) + "}"),
    ("changes:since", f'{{"seq": {BIG}}}'),
    ("changes:since", f'{{"seq": {JUST_PAST}}}'),
    ("notes:snapshot", f'{{"question_id": {JUST_PAST}}}'),
    ("presence:get", deep_list(5000)),
    ("workshop:status", '{"status": ' + deep_list(5000) + "}"),
    ("no:such:event", deep_list(5000)),
]


@pytest.mark.parametrize(("event", "payload"), SOCKET_CASES)
def test_every_socket_event_answers_hostile_payloads(app, live, raw_socket, event, payload):
    workshop = live()
    # workshop:status is the facilitators': the payload must be what fails, not the role.
    as_facilitator = event == "workshop:status"
    sockets = {language: raw_socket(workshop, language, as_facilitator) for language in LANGUAGES}
    before = row_counts(app)
    messages = {}
    for language, socket in sockets.items():
        ack = socket.call(event, payload)
        assert ack["ok"] is False, ack
        assert ack["error"]["code"] in ("invalid_input", "unknown_event"), ack
        messages[language] = ack["error"]["message"]
    assert messages["en"] != messages["da"]
    assert row_counts(app) == before


def test_a_socket_stays_usable_after_a_message_it_could_not_read(app, live, raw_socket):
    workshop = live()
    socket = raw_socket(workshop)
    assert socket.call("note:add", deep_field(5000))["ok"] is False
    ack = socket.call("note:add", json.dumps(add_payload(workshop.question_ids[0])))
    assert ack["ok"] is True


# (auth as JSON text, the connect_error's code): each connect is refused cleanly.
CONNECT_CASES = [
    ('{"token": "wsf_x", "workshop_id": ' + str(2**66) + "}", "workshop_not_found"),
    ('{"workshop_id": ' + str(2**66) + "}", "workshop_not_found"),
    ('{"token": "wsf_x", "workshop_id": ' + str(JUST_PAST) + "}", "workshop_not_found"),
    ('{"token": ' + deep_list(5000) + "}", "invalid_input"),
    ('{"token": ' + deep_list(MAX_JSON_DEPTH + 5) + "}", "invalid_input"),
    ('{"token": "wsp_x", ', "invalid_input"),
]


@pytest.mark.parametrize(("auth", "code"), CONNECT_CASES)
def test_hostile_connect_requests_get_a_clean_connect_error(app, live, auth, code):
    workshop = live()
    before = row_counts(app)
    socket = RawSocket(workshop.url)
    try:
        kind, refusal = socket.connect(auth)
    finally:
        socket.close()
    assert kind == "refused"
    assert refusal["data"]["code"] == code
    assert refusal["message"]
    assert row_counts(app) == before


def test_a_refused_connect_is_in_the_language_asked_for(app, live):
    workshop = live()
    messages = {}
    for language in LANGUAGES:
        socket = RawSocket(workshop.url)
        auth = {"workshop_id": 2**66, "language": language}
        _kind, refusal = socket.connect(json.dumps(auth))
        socket.close()
        messages[language] = refusal["message"]
    assert messages["en"] != messages["da"]


def test_the_openapi_description_states_the_bound_of_every_path_id(client):
    document = client.get("/api/v1/openapi.json").get_json()
    ids = [
        parameter
        for item in document["paths"].values()
        for where in [item, *[op for op in item.values() if isinstance(op, dict)]]
        for parameter in where.get("parameters", [])
        if parameter["in"] == "path" and parameter["schema"].get("type") == "integer"
    ]
    assert ids
    assert {parameter["schema"].get("maximum") for parameter in ids} == {INTEGER_MAX}


def test_a_browser_style_connection_still_upgrades_from_polling_to_websocket(app, live):
    """Engine.IO's upgrade probe ("probe") is not JSON: the decoder must leave it to Engine.IO."""
    workshop = live()
    client = RecordingClient(
        workshop.url, auth={"token": workshop.participant(0)}, transports=("polling", "websocket")
    )
    workshop.clients.append(client)
    client.connect()
    deadline = time.monotonic() + WAIT  # the upgrade runs in the client's background
    while client.sio.transport() != "websocket" and time.monotonic() < deadline:
        time.sleep(0.05)
    assert client.sio.transport() == "websocket"
    assert client.call("presence:get")["ok"] is True
