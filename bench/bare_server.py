"""A bare python-socketio fan-out server: no database, the same rooms, events and acks as Workshop.

It is the yardstick of the bench: whatever Workshop costs above this is the cost of the app
(authentication, validation, the database, the change feed), not of Socket.IO itself.

With `--store FILE` it is the second yardstick, `bare-store`: the least a server that loses no
note must do — the join writes its participant, the connect reads it back, every note is
committed to SQLite (WAL, synchronous=NORMAL, as Workshop) before it is broadcast and
acknowledged. What Workshop costs above *that* is the app's own work, not the write itself.

    python -m bench.bare_server --port 5100 --async-mode threading [--store /tmp/bare.sqlite]
    gunicorn --worker-class gevent --bind 127.0.0.1:5100 "bench.bare_server:gunicorn_app()"
"""

import argparse
import itertools
import json
import secrets
import sqlite3
import threading

import socketio

NOTE_TEXT_MAX = 2000


def group_room(group_id: int) -> str:
    return f"group:{group_id}"


def facilitators_room(workshop_id: int) -> str:
    return f"workshop:{workshop_id}:facilitators"


class Store:
    """The storing yardstick's SQLite file: participants and notes, each write committed."""

    def __init__(self, path: str):
        # One connection for the process, as one writer at a time is all SQLite allows anyway.
        self.connection = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self.lock = threading.Lock()
        for pragma in ("journal_mode=WAL", "synchronous=NORMAL"):
            self.connection.execute(f"PRAGMA {pragma}")
        self.connection.execute(
            "CREATE TABLE IF NOT EXISTS participant (token TEXT PRIMARY KEY, group_id INTEGER)"
        )
        self.connection.execute(
            "CREATE TABLE IF NOT EXISTS note (id TEXT PRIMARY KEY, question_id INTEGER,"
            " group_id INTEGER, text TEXT NOT NULL, seq INTEGER NOT NULL)"
        )
        last_seq = self.connection.execute("SELECT max(seq) FROM note").fetchone()[0]
        self.seq_counter = itertools.count((last_seq or 0) + 1)

    def committed(self, sql: str, parameters: tuple) -> None:
        with self.lock:
            self.connection.execute("BEGIN IMMEDIATE")
            self.connection.execute(sql, parameters)
            self.connection.execute("COMMIT")

    def add_participant(self, token: str, group_id: int) -> None:
        self.committed("INSERT INTO participant VALUES (?, ?)", (token, group_id))

    def group_of(self, token: str) -> int | None:
        with self.lock:
            row = self.connection.execute(
                "SELECT group_id FROM participant WHERE token = ?", (token,)
            ).fetchone()
        return row[0] if row else None

    def add_note(self, note: dict) -> None:
        """Committed before anyone hears of it; a repeated id is the same note (as Workshop)."""
        self.committed(
            "INSERT OR IGNORE INTO note VALUES (?, ?, ?, ?, ?)",
            (note["id"], note["question_id"], note["group_id"], note["text"], note["seq"]),
        )


def join_app_for(store: Store | None):
    """POST /api/v1/join {group_id}: a token that names its group (the bare server trusts it;
    the storing one writes it and reads it back on connect)."""

    def join_app(environ, start_response):
        if environ.get("PATH_INFO") != "/api/v1/join" or environ.get("REQUEST_METHOD") != "POST":
            return respond(start_response, "404 Not Found", {"error": {"code": "not_found"}})
        length = int(environ.get("CONTENT_LENGTH") or 0)
        payload = json.loads(environ["wsgi.input"].read(length) or b"{}")
        group_id = int(payload.get("group_id") or 1)
        token = f"wsp_bare_{group_id}_{secrets.token_hex(8)}"
        if store is not None:
            store.add_participant(token, group_id)
        return respond(
            start_response, "201 Created", {"participant_token": token, "group_id": group_id}
        )

    return join_app


def respond(start_response, status: str, body: dict):
    data = json.dumps(body).encode()
    start_response(
        status, [("Content-Type", "application/json"), ("Content-Length", str(len(data)))]
    )
    return [data]


def build_server(async_mode: str, store: Store | None = None) -> socketio.Server:
    """The fan-out server: participants in group rooms, facilitators in the workshop's room."""
    sio = socketio.Server(async_mode=async_mode, max_http_buffer_size=16 * 1024)
    # next() on a count is atomic under the GIL
    seq_counter = store.seq_counter if store is not None else itertools.count(1)

    def group_of(token: str) -> int | None:
        return int(token.split("_")[2]) if store is None else store.group_of(token)

    @sio.event
    def connect(sid, _environ, auth):
        token = (auth or {}).get("token", "")
        if token.startswith("wsp_bare_"):
            group_id = group_of(token)
            if group_id is None:
                return False
            sio.save_session(sid, {"room": group_room(group_id), "group_id": group_id})
            return True
        if token.startswith("wsf_"):
            workshop_id = int((auth or {}).get("workshop_id") or 1)
            sio.save_session(sid, {"room": facilitators_room(workshop_id)})
            return True
        return False

    @sio.on("changes:since")
    def changes_since(sid, _data):
        # As in Workshop, the first catch-up is what starts the broadcasts (no feed kept here).
        sio.enter_room(sid, sio.get_session(sid)["room"])
        return {"ok": True, "changes": [], "last_seq": 0, "more": False}

    @sio.on("note:add")
    def note_add(sid, data):
        session = sio.get_session(sid)
        if not isinstance(data, dict) or "group_id" not in session:
            return {"ok": False, "error": {"code": "invalid", "message": "Not a note."}}
        text = str(data.get("text", ""))[:NOTE_TEXT_MAX]
        seq = next(seq_counter)
        note = {
            "id": str(data.get("id")),
            "question_id": data.get("question_id"),
            "group_id": session["group_id"],
            "text": text,
            "revision": 1,
            "seq": seq,
        }
        if store is not None:
            store.add_note(note)
        message = {"seq": seq, "kind": "note:added", "note": note}
        sio.emit("note:added", message, to=group_room(session["group_id"]))
        sio.emit("note:added", message, to=facilitators_room(1))
        return {"ok": True, "seq": seq, "note": note}

    return sio


def wsgi_app(async_mode: str, store_path: str | None = None) -> socketio.WSGIApp:
    store = Store(store_path) if store_path else None
    return socketio.WSGIApp(build_server(async_mode, store), join_app_for(store))


def gunicorn_app(store_path: str | None = None) -> socketio.WSGIApp:
    """For gunicorn's gevent worker, as Workshop in the gevent-gunicorn mode:
    `gunicorn --worker-class gevent … "bench.bare_server:gunicorn_app()"`
    (`gunicorn_app('/tmp/bare.sqlite')` for the storing one)."""
    return wsgi_app("gevent", store_path)


def serve(port: int, async_mode: str, store_path: str | None = None) -> None:
    """Serve on 127.0.0.1 with the same web server Flask-SocketIO's run() uses in that mode."""
    app = wsgi_app(async_mode, store_path)
    kind = "storing bare server" if store_path else "bare server"
    print(f" * {kind} ({async_mode}) on http://127.0.0.1:{port}/", flush=True)
    if async_mode == "gevent":
        from gevent import pywsgi

        pywsgi.WSGIServer(("127.0.0.1", port), app, log=None).serve_forever()
    else:
        from werkzeug.serving import run_simple

        run_simple("127.0.0.1", port, app, threaded=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=5100)
    parser.add_argument("--async-mode", choices=("threading", "gevent"), default="threading")
    parser.add_argument("--store", help="SQLite file: commit every join and note (bare-store)")
    args = parser.parse_args()
    serve(args.port, args.async_mode, args.store)


if __name__ == "__main__":
    main()
