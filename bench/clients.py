"""A worker process of the harness: hosts a share of the Socket.IO clients on one asyncio loop.

The coordinator sends commands over a pipe (join, connect, send a plan, disconnect); the worker
answers with raw records — times from time.monotonic(), which is one clock for every process on
Linux, so a note's send time in one worker and its arrival in another can be subtracted.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import defaultdict

import aiohttp
import socketio

CONNECT_WAIT_SECONDS = 30.0


class Worker:
    """The clients of one worker process, keyed by the coordinator's client keys."""

    def __init__(self, pipe):
        self.pipe = pipe
        self.clients: dict[str, socketio.AsyncClient] = {}
        self.received: list[tuple[str, str, float]] = []
        self.roles: dict[str, tuple[str, int | None]] = {}  # key -> (role, group id)
        self.senders: dict[str, str] = {}  # note id -> key of the client that sends it
        self.arrivals = 0  # note:added events at a client other than the note's sender
        self.disconnects: list[tuple[str, float]] = []
        self.http: aiohttp.ClientSession | None = None

    async def serve(self) -> None:
        loop = asyncio.get_running_loop()
        self.http = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0))
        try:
            while True:
                command, arguments = await loop.run_in_executor(None, self.pipe.recv)
                result = await getattr(self, command)(**arguments)
                self.pipe.send(result)
                if command == "stop":
                    return
        finally:
            await self.http.close()

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
            if spec.get("join") is not None:
                joined = await self._join(url, spec["join"])
                record["t_joined"] = time.monotonic()
                record["group_id"] = joined.get("group_id")
                auth = {"token": joined["participant_token"]}
            await self._connect(url, spec["key"], auth)
            record["t_connected"] = time.monotonic()
            await self._catch_up(spec["key"])
            group_id = record.get("group_id") or spec.get("group_id")
            self.roles[spec["key"]] = (spec["role"], group_id)
            record["t_caught_up"] = time.monotonic()
            record["ok"] = True
        except Exception as error:  # every failure is a result of the bench, not a crash
            record["error"] = f"{type(error).__name__}: {error}"[:300]
        return record

    async def _join(self, url, payload) -> dict:
        async with self.http.post(url + "/api/v1/join", json=payload) as response:
            body = await response.json(content_type=None)
            if response.status >= 300:
                raise RuntimeError(f"join answered {response.status}: {body}")
            return normalise_join_answer(body)

    async def _connect(self, url, key, auth) -> None:
        client = socketio.AsyncClient(reconnection=False)
        client.on("note:added", self._receiver(key))
        client.on("disconnect", self._disconnect_recorder(key))
        await client.connect(
            url,
            auth=auth,
            headers={"Origin": url},
            transports=["websocket"],
            wait_timeout=CONNECT_WAIT_SECONDS,
        )
        self.clients[key] = client

    async def _catch_up(self, key) -> None:
        """changes:since 0, as every client does after connecting: it also starts the broadcasts."""
        answer = await self.clients[key].call("changes:since", {"seq": 0}, timeout=60)
        if not (isinstance(answer, dict) and answer.get("ok")):
            raise RuntimeError(f"changes:since answered {answer}")

    def _receiver(self, key):
        def on_note_added(data):
            note = data.get("note") if isinstance(data, dict) else None
            note_id = note.get("id") if isinstance(note, dict) else None
            self.received.append((key, str(note_id), time.monotonic()))
            if self.senders.get(str(note_id)) != key:
                self.arrivals += 1

        return on_note_added

    def _disconnect_recorder(self, key):
        def on_disconnect(*_reason):
            self.disconnects.append((key, time.monotonic()))

        return on_disconnect

    # --- sending a plan ---

    async def run_plan(self, sends, notes, start_at, ack_timeout, drain_timeout) -> dict:
        """Send this worker's notes at their planned times, then wait for the expected arrivals.

        sends: [(offset_s, client_key, payload)] for this worker's clients; notes: every note of
        the plan as {id, group_id, sender}. Returns the sends, acks and arrivals.
        """
        self.received = []
        self.arrivals = 0
        self.senders = {note["id"]: note["sender"] for note in notes}
        expected = expected_arrivals(notes, self.roles)
        cpu_before = time.process_time()
        tasks = [
            asyncio.create_task(self._send_at(start_at + offset, key, payload, ack_timeout))
            for offset, key, payload in sends
        ]
        results = await asyncio.gather(*tasks) if tasks else []
        await self._drain(expected, drain_timeout)
        return {
            "sends": results,
            "received": self.received,
            "disconnects": self.disconnects,
            "cpu_seconds": time.process_time() - cpu_before,
        }

    async def _send_at(self, planned, key, payload, ack_timeout) -> dict:
        await asyncio.sleep(max(0.0, planned - time.monotonic()))
        record = {"key": key, "id": payload["id"], "t_planned": planned}
        record["t_sent"] = time.monotonic()
        client = self.clients.get(key)
        try:
            if client is None:
                raise RuntimeError("not connected")
            ack = await client.call("note:add", payload, timeout=ack_timeout)
            record["t_ack"] = time.monotonic()
            record["ok"] = bool(isinstance(ack, dict) and ack.get("ok"))
            record["seq"] = ack.get("seq") if isinstance(ack, dict) else None
            if not record["ok"]:
                record["error"] = str(ack.get("error") if isinstance(ack, dict) else ack)[:300]
        except Exception as error:
            record["ok"] = False
            record["error"] = f"{type(error).__name__}: {error}"[:300]
        return record

    async def _drain(self, expected, timeout) -> None:
        deadline = time.monotonic() + timeout
        while self.arrivals < expected and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        # A short grace period catches duplicates that arrive after the last expected event.
        await asyncio.sleep(0.3)

    # --- leaving ---

    async def stop(self) -> dict:
        await asyncio.gather(
            *(client.disconnect() for client in self.clients.values()), return_exceptions=True
        )
        return {"disconnected": len(self.clients)}


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
    """How many note:added events the local clients should get: group peers and facilitators."""
    by_group = defaultdict(list)
    facilitators = 0
    for key, (role, group_id) in roles.items():
        if role == "facilitator":
            facilitators += 1
        else:
            by_group[group_id].append(key)
    total = 0
    for note in notes:
        members = by_group.get(note["group_id"], [])
        total += len(members) - (1 if note["sender"] in members else 0) + facilitators
    return total
