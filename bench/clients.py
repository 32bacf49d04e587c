"""A worker process of the harness: hosts a share of the Socket.IO clients on one asyncio loop.

The coordinator sends commands over a pipe (join, connect, send a plan, disconnect); the worker
answers with raw records — times from time.monotonic(), which is one clock for every process on
Linux, so a note's send time in one worker and its arrival in another can be subtracted.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import random
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import aiohttp
import socketio

CONNECT_WAIT_SECONDS = 30.0


# The browser's reconnect settings (static/js/live-client.js, socket.io-client's back-off).
RECONNECT_DELAY = 0.5
RECONNECT_DELAY_MAX = 5.0
RECONNECT_JITTER = 0.5


def reconnect_delay(attempt: int, rng=random) -> float:
    """socket.io-client's back-off: 0.5 s doubling to at most 5 s, each ±50% at random.

    python-socketio's own reconnect adds its randomisation in seconds rather than as a share of
    the delay, so the harness reconnects by itself to behave as our browser code does.
    """
    delay = RECONNECT_DELAY * 2**attempt
    deviation = rng.random() * RECONNECT_JITTER * delay
    delay = delay - deviation if rng.random() < 0.5 else delay + deviation
    return min(delay, RECONNECT_DELAY_MAX)


class Disconnected(Exception):
    """The connection dropped before the server acknowledged: the note stays in the outbox."""


@dataclass
class Link:
    """One client's connection as the browser code keeps it: cursor, outbox state, readiness."""

    client: socketio.AsyncClient
    url: str
    auth: dict
    workshop_id: int | None = None  # in the Socket.IO URL, as the browser puts it there
    ready: asyncio.Event = field(default_factory=asyncio.Event)  # connected and caught up
    lost: asyncio.Event = field(default_factory=asyncio.Event)  # set when the connection drops
    last_seq: int = 0
    seen: set = field(default_factory=set)  # note ids applied (live or by catch-up)
    reconnects: int = 0
    t_ready: float | None = None  # when it was last ready again after a reconnect
    closing: bool = False  # the harness itself disconnects: do not reconnect
    reconnecting: bool = False  # one reconnect loop at a time
    filling_gap: bool = False  # one gap catch-up at a time


class Worker:
    """The clients of one worker process, keyed by the coordinator's client keys."""

    def __init__(self, pipe):
        self.pipe = pipe
        self.links: dict[str, Link] = {}
        self.received: list[tuple[str, str, float, int | None]] = []
        self.roles: dict[str, tuple[str, int | None]] = {}  # key -> (role, group or workshop id)
        self.senders: dict[str, str] = {}  # note id -> key of the client that sends it
        self.arrivals = 0  # notes reaching a client other than their sender (live or caught up)
        self.late_copies = 0  # live copies of notes a catch-up had already brought
        self.gap_catch_ups = 0  # catch-ups for a gap between broadcasts (not after a reconnect)
        self.caught_up: dict[str, set] = {}  # key -> ids a catch-up brought before any live copy
        self.disconnects: list[tuple[str, float]] = []
        self.sessions: dict[tuple[str | None, bool], aiohttp.ClientSession] = {}

    async def serve(self) -> None:
        loop = asyncio.get_running_loop()
        try:
            while True:
                command, arguments = await loop.run_in_executor(None, self.pipe.recv)
                result = await getattr(self, command)(**arguments)
                self.pipe.send(result)
                if command == "stop":
                    return
        finally:
            for session in self.sessions.values():
                await session.close()

    def session(self, source: str | None, sockets: bool = False) -> aiohttp.ClientSession:
        """One HTTP session per source address (a sticky proxy tells clients apart by it), and
        one for the WebSockets from it, each on a connection of its own, as a browser opens
        them: never on a kept-alive connection that served a join. (Over such a connection the
        server would serve the WebSocket in the greenlet that ran the join, which keeps the
        pages of the join's deeper stack: docs/performance.md, "Memory per connection".)"""
        key = (source, sockets)
        if key not in self.sessions:
            local = None if source is None else (source, 0)
            connector = aiohttp.TCPConnector(limit=0, local_addr=local, force_close=sockets)
            self.sessions[key] = aiohttp.ClientSession(connector=connector)
        return self.sessions[key]

    # --- joining and connecting ---

    async def join_and_connect(self, url, clients, concurrency, timeout) -> list[dict]:
        """Join (participants, over HTTP) and connect every client; one record per client."""
        gate = asyncio.Semaphore(concurrency)

        async def one(spec):
            async with gate:
                return await self._join_and_connect_one(url, spec)

        tasks = [asyncio.create_task(one(spec)) for spec in clients]
        done, pending = await asyncio.wait(tasks, timeout=timeout)
        for task in pending:
            task.cancel()
        records = [task.result() for task in done if not task.cancelled()]
        seen = {record["key"] for record in records}
        records += [
            {"key": spec["key"], "ok": False, "error": "timeout"}
            for spec in clients
            if spec["key"] not in seen
        ]
        return records

    async def _join_and_connect_one(self, url, spec) -> dict:
        record = {"key": spec["key"], "ok": False, "t_start": time.monotonic()}
        try:
            auth = spec.get("auth")
            source = spec.get("source")
            if spec.get("join") is not None:
                joined = await self._join(self.session(source), url, spec["join"])
                record["t_joined"] = time.monotonic()
                record["group_id"] = joined.get("group_id")
                auth = {"token": joined["participant_token"]}
            sockets = self.session(source, sockets=True)
            await self._connect(sockets, url, spec["key"], auth, spec.get("workshop_id"))
            record["t_connected"] = time.monotonic()
            await self._catch_up(spec["key"])
            self.links[spec["key"]].ready.set()
            scope = record.get("group_id") or spec.get("group_id") or spec.get("workshop_id")
            self.roles[spec["key"]] = (spec["role"], scope)
            record["t_caught_up"] = time.monotonic()
            record["ok"] = True
        except Exception as error:  # every failure is a result of the bench, not a crash
            record["error"] = f"{type(error).__name__}: {error}"[:300]
        return record

    async def _join(self, session, url, payload) -> dict:
        async with session.post(url + "/api/v1/join", json=payload) as response:
            body = await response.json(content_type=None)
            if response.status >= 300:
                raise RuntimeError(f"join answered {response.status}: {body}")
            return normalise_join_answer(body)

    async def _connect(self, session, url, key, auth, workshop_id=None) -> None:
        client = socketio.AsyncClient(reconnection=False, http_session=session)
        client.on("note:added", self._receiver(key))
        client.on("disconnect", self._disconnect_recorder(key))
        self.links[key] = Link(client, url, auth, workshop_id)
        await self._open(self.links[key])

    async def _open(self, link: Link) -> None:
        query = f"?workshop={link.workshop_id}" if link.workshop_id is not None else ""
        await link.client.connect(
            link.url + query,
            auth=link.auth,
            headers={"Origin": link.url},
            transports=["websocket"],
            wait_timeout=CONNECT_WAIT_SECONDS,
        )
        link.lost = asyncio.Event()

    async def _catch_up(self, key) -> None:
        """changes:since the cursor, as every client does after (re)connecting.

        The first one also starts the connection's broadcasts. Notes it brings that the client
        had not seen count as arrivals, as the browser applies them.
        """
        link = self.links[key]
        while True:
            answer = await link.client.call("changes:since", {"seq": link.last_seq}, timeout=60)
            if not (isinstance(answer, dict) and answer.get("ok")):
                raise RuntimeError(f"changes:since answered {answer}")
            now = time.monotonic()
            for change in answer.get("changes") or []:
                note = change.get("note") if isinstance(change, dict) else None
                if not (isinstance(note, dict) and change.get("kind") == "note:added"):
                    continue
                if self._arrived(key, str(note.get("id")), now, change.get("seq")):
                    self.caught_up.setdefault(key, set()).add(str(note.get("id")))
            link.last_seq = max(link.last_seq, int(answer.get("last_seq") or 0))
            if not answer.get("more"):
                return

    def _arrived(self, key, note_id, now, seq) -> bool:
        """Record a note of the plan the first time a client sees it; False if it had it."""
        link = self.links[key]
        if note_id in link.seen or note_id not in self.senders:
            return False
        link.seen.add(note_id)
        self.received.append((key, note_id, now, seq))
        if self.senders.get(note_id) != key:
            self.arrivals += 1
        return True

    def _receiver(self, key):
        def on_note_added(data):
            data = data if isinstance(data, dict) else {}
            note = data.get("note") if isinstance(data.get("note"), dict) else {}
            note_id, seq, now = str(note.get("id")), data.get("seq"), time.monotonic()
            link = self.links[key]
            if not self._arrived(key, note_id, now, seq):
                brought = self.caught_up.setdefault(key, set())
                if note_id in brought:
                    brought.discard(note_id)  # a catch-up was first: the browser ignores this
                    self.late_copies += 1
                elif note_id in self.senders:
                    self.received.append((key, note_id, now, seq))  # a second copy: duplicate
            # The gap rule: the cursor only moves past a change that follows on from it; a
            # change further on means one in between is missing: catch up, as the browser does.
            prev_seq = data.get("prev_seq")
            if seq is not None and (prev_seq is None or prev_seq <= link.last_seq):
                link.last_seq = max(link.last_seq, seq)
            elif seq is not None and seq > link.last_seq and not link.filling_gap:
                asyncio.get_running_loop().create_task(self._fill_gap(key))

        return on_note_added

    async def _fill_gap(self, key) -> None:
        """A catch-up for a gap the broadcasts left (they may go out in any order)."""
        link = self.links[key]
        link.filling_gap = True
        self.gap_catch_ups += 1
        try:
            if link.ready.is_set():
                await self._catch_up(key)
        except Exception:  # the connection dropped meanwhile: its reconnect catches up
            pass
        finally:
            link.filling_gap = False

    def _disconnect_recorder(self, key):
        def on_disconnect(*_reason):
            self.disconnects.append((key, time.monotonic()))
            link = self.links[key]
            link.ready.clear()
            link.lost.set()
            if not (link.closing or link.reconnecting):
                asyncio.get_running_loop().create_task(self._reconnect(key))

        return on_disconnect

    async def _reconnect(self, key) -> None:
        """Reconnect with the browser's back-off, catch up, then let the outbox resend."""
        link = self.links[key]
        link.reconnecting = True
        attempt = 0
        try:
            while not link.closing:
                await asyncio.sleep(reconnect_delay(attempt))
                attempt += 1
                try:
                    await self._open(link)
                    await self._catch_up(key)
                except Exception:  # refused, not up yet, or dropped again: try later
                    await self._drop(link)
                    continue
                link.reconnects += 1
                link.t_ready = time.monotonic()
                link.ready.set()
                return
        finally:
            link.reconnecting = False

    async def _drop(self, link: Link) -> None:
        if link.client.connected:
            link.closing = True
            await link.client.disconnect()
            link.closing = False

    # --- sending a plan ---

    async def run_plan(self, sends, notes, start_at, ack_timeout, drain_timeout) -> dict:
        """Send this worker's notes at their planned times, then wait for the expected arrivals.

        sends: [(offset_s, client_key, payload)] for this worker's clients; notes: every note of
        the plan as {id, group_id, workshop_id, sender}. A note whose connection drops before its
        acknowledgement stays in the outbox and is sent again (same id) once the client has
        reconnected and caught up. Returns the sends, acks, arrivals and reconnections.
        """
        self.received = []
        self.arrivals = 0
        self.late_copies = 0
        self.gap_catch_ups = 0
        self.caught_up = {}
        self.senders = {note["id"]: note["sender"] for note in notes}
        for link in self.links.values():
            link.t_ready = None
        expected = expected_arrivals(notes, self.roles)
        cpu_before = time.process_time()
        # The clients' own heap (a thousand connections' objects) is frozen while they measure:
        # a full collection of it paused this process's loop for 60-90 ms about once a minute,
        # and every arrival meanwhile counted late, for any server (docs/performance.md).
        gc.collect()
        gc.freeze()
        try:
            tasks = [
                asyncio.create_task(self._send_at(start_at + offset, key, payload, ack_timeout))
                for offset, key, payload in sends
            ]
            results = await asyncio.gather(*tasks) if tasks else []
            unready = await self._wait_ready(ack_timeout)
            await self._drain(expected, drain_timeout)
        finally:
            gc.unfreeze()  # the next plan collects and freezes again
        return {
            "sends": results,
            "received": self.received,
            "disconnects": self.disconnects,
            "reconnects": sum(link.reconnects for link in self.links.values()),
            "ready_times": [link.t_ready for link in self.links.values() if link.t_ready],
            "not_ready": unready,
            "late_copies": self.late_copies,
            "gap_catch_ups": self.gap_catch_ups,
            "cpu_seconds": time.process_time() - cpu_before,
        }

    async def _send_at(self, planned, key, payload, ack_timeout) -> dict:
        await asyncio.sleep(max(0.0, planned - time.monotonic()))
        record = {"key": key, "id": payload["id"], "t_planned": planned, "resent": 0}
        record["t_sent"] = time.monotonic()
        deadline = record["t_sent"] + ack_timeout
        try:
            link = self.links.get(key)
            if link is None:
                raise RuntimeError("not connected")
            while True:
                try:
                    ack = await self._call(link, "note:add", payload, deadline)
                    break
                except Disconnected:
                    record["resent"] += 1  # the outbox keeps it for the next connection
            record["t_ack"] = time.monotonic()
            record["ok"] = bool(isinstance(ack, dict) and ack.get("ok"))
            record["seq"] = ack.get("seq") if isinstance(ack, dict) else None
            if not record["ok"]:
                record["error"] = str(ack.get("error") if isinstance(ack, dict) else ack)[:300]
        except Exception as error:
            record["ok"] = False
            record["error"] = f"{type(error).__name__}: {error}"[:300]
        return record

    async def _call(self, link: Link, event: str, payload: dict, deadline: float):
        """Emit once the link is ready; the ack, or Disconnected if the connection drops first."""
        await asyncio.wait_for(link.ready.wait(), max(0.0, deadline - time.monotonic()))
        answer = asyncio.get_running_loop().create_future()

        def acknowledged(*args):
            if not answer.done():
                answer.set_result(args[0] if args else None)

        lost = link.lost
        try:
            await link.client.emit(event, payload, callback=acknowledged)
        except socketio.exceptions.SocketIOError as error:
            raise Disconnected from error
        dropped = asyncio.ensure_future(lost.wait())
        timeout = max(0.0, deadline - time.monotonic())
        done, _ = await asyncio.wait(
            {answer, dropped}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED
        )
        dropped.cancel()
        if answer in done:
            return answer.result()
        if dropped in done:
            raise Disconnected
        raise TimeoutError(f"no acknowledgement of {event}")

    async def _wait_ready(self, timeout) -> list[str]:
        """Wait until every client is connected and caught up; the keys of those that are not."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if all(link.ready.is_set() for link in self.links.values()):
                break
            await asyncio.sleep(0.05)
        return [key for key, link in self.links.items() if not link.ready.is_set()]

    async def _drain(self, expected, timeout) -> None:
        deadline = time.monotonic() + timeout
        while self.arrivals < expected and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        # A short grace period catches duplicates that arrive after the last expected event.
        await asyncio.sleep(0.3)

    # --- leaving ---

    async def stop(self) -> dict:
        for link in self.links.values():
            link.closing = True
        await asyncio.gather(
            *(link.client.disconnect() for link in self.links.values()), return_exceptions=True
        )
        return {"disconnected": len(self.links)}


def normalise_join_answer(body: dict) -> dict:
    """The join answer's token and group id, wherever the API puts the group."""
    group = body.get("group")
    group_id = body.get("group_id")
    if group_id is None and isinstance(group, dict):
        group_id = group.get("id")
    if group_id is None and isinstance(body.get("participant"), dict):
        group_id = body["participant"].get("group_id")
    token = body.get("participant_token") or body.get("token")
    return {"participant_token": token, "group_id": group_id}


def worker_main(pipe) -> None:
    """Entry point of a worker process."""
    # A client whose server drops it logs on every write; the report counts disconnects instead.
    logging.getLogger("engineio.client").setLevel(logging.CRITICAL)
    logging.getLogger("socketio.client").setLevel(logging.CRITICAL)
    asyncio.run(Worker(pipe).serve())


def expected_arrivals(notes, roles) -> int:
    """How many notes the local clients should get: group peers, their workshop's facilitators."""
    by_group = defaultdict(list)
    facilitators = Counter()
    for key, (role, scope) in roles.items():
        if role == "facilitator":
            facilitators[scope] += 1
        else:
            by_group[scope].append(key)
    total = 0
    for note in notes:
        members = by_group.get(note["group_id"], [])
        total += len(members) - (1 if note["sender"] in members else 0)
        total += facilitators[note.get("workshop_id")]
    return total
