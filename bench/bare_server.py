"""A bare python-socketio fan-out server: no database, the same rooms, events and acks as Workshop.

It is the yardstick of the bench: whatever Workshop costs above this is the cost of the app
(authentication, validation, the database, the change feed), not of Socket.IO itself.

    python -m bench.bare_server --port 5100 --async-mode threading
    gunicorn --worker-class gevent --bind 127.0.0.1:5100 "bench.bare_server:gunicorn_app()"
"""

import argparse
import itertools
import json
import secrets

import socketio

NOTE_TEXT_MAX = 2000


def group_room(group_id: int) -> str:
    return f"group:{group_id}"


def facilitators_room(workshop_id: int) -> str:
    return f"workshop:{workshop_id}:facilitators"


def join_app(environ, start_response):
    """POST /api/v1/join {group_id}: a token that names its group (the bare server trusts it)."""
    if environ.get("PATH_INFO") != "/api/v1/join" or environ.get("REQUEST_METHOD") != "POST":
        return respond(start_response, "404 Not Found", {"error": {"code": "not_found"}})
    length = int(environ.get("CONTENT_LENGTH") or 0)
    payload = json.loads(environ["wsgi.input"].read(length) or b"{}")
    group_id = int(payload.get("group_id") or 1)
    token = f"wsp_bare_{group_id}_{secrets.token_hex(8)}"
    return respond(
        start_response, "201 Created", {"participant_token": token, "group_id": group_id}
    )


def respond(start_response, status: str, body: dict):
    data = json.dumps(body).encode()
    start_response(
        status, [("Content-Type", "application/json"), ("Content-Length", str(len(data)))]
    )
    return [data]


def build_server(async_mode: str) -> socketio.Server:
    """The fan-out server: participants in group rooms, facilitators in the workshop's room."""
    sio = socketio.Server(async_mode=async_mode, max_http_buffer_size=16 * 1024)
    seq_counter = itertools.count(1)  # next() on a count is atomic under the GIL

    @sio.event
    def connect(sid, _environ, auth):
        token = (auth or {}).get("token", "")
        if token.startswith("wsp_bare_"):
            group_id = int(token.split("_")[2])
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
        message = {"seq": seq, "kind": "note:added", "note": note}
        sio.emit("note:added", message, to=group_room(session["group_id"]))
        sio.emit("note:added", message, to=facilitators_room(1))
        return {"ok": True, "seq": seq, "note": note}

    return sio


def wsgi_app(async_mode: str) -> socketio.WSGIApp:
    return socketio.WSGIApp(build_server(async_mode), join_app)


def gunicorn_app() -> socketio.WSGIApp:
    """For gunicorn's gevent worker, as Workshop in the gevent-gunicorn mode:
    `gunicorn --worker-class gevent … "bench.bare_server:gunicorn_app()"`."""
    return wsgi_app("gevent")


def serve(port: int, async_mode: str) -> None:
    """Serve on 127.0.0.1 with the same web server Flask-SocketIO's run() uses in that mode."""
    app = wsgi_app(async_mode)
    print(f" * bare server ({async_mode}) on http://127.0.0.1:{port}/", flush=True)
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
    args = parser.parse_args()
    serve(args.port, args.async_mode)


if __name__ == "__main__":
    main()
