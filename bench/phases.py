"""The join row taken apart: server CPU per connection for each step of joining, one at a time.

    python -m bench.phases [--targets workshop,bare] [--participants 1000] [--runs 3]
                           [--transports polling,websocket]

The bench's join burst interleaves a thousand `POST /api/v1/join`, connects and first
`changes:since`; its CPU figure is their sum (and the settling after). This runs the same
steps one after the other against a fresh server (the same `workshop` and bare servers the bench
starts, gevent), at most 50 in flight, and reads the server's CPU around each: the HTTP join,
the socket connect with the join's token (WebSocket), the first `changes:since {seq: 0}`, and
leaving: every client disconnects (the server forgets its socket, updates presence and, after
a thousand disconnects, refreezes its heap: read LEAVE_SETTLE_SECONDS later).

The sockets connect by WebSocket, as the bench's clients do and a browser's page reconnects once
it has had one (static/js/live-client.js). --transports polling,websocket connects as a page's
first connection does: a long-polling session, then the upgrade to a WebSocket (the connect's
step then includes the upgrade).
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

import aiohttp
import socketio

from bench.scenarios import Settings
from bench.servers import use_ports
from bench.targets import TARGETS

IN_FLIGHT = 50
JOIN_STEPS = ("join", "connect", "catch-up")  # the bench's join row is their sum
STEPS = (*JOIN_STEPS, "leave")
# After the last disconnect: GC_SETTLE_SECONDS (1 s) before the refreeze, presence within 1 s.
LEAVE_SETTLE_SECONDS = 3.0


async def at_most_in_flight(coroutines) -> list:
    gate = asyncio.Semaphore(IN_FLIGHT)

    async def one(coroutine):
        async with gate:
            return await coroutine

    return await asyncio.gather(*(one(c) for c in coroutines))


async def join_all(url: str, setup, count: int) -> list[str]:
    async with aiohttp.ClientSession() as session:

        async def join(index: int) -> str:
            group_id = setup.group_ids[index % len(setup.group_ids)]
            payload = setup.join_payload(group_id, f"Participant {index}")
            async with session.post(url + "/api/v1/join", json=payload) as response:
                return (await response.json())["participant_token"]

        return await at_most_in_flight([join(i) for i in range(count)])


async def connect_all(
    url: str, tokens: list[str], transports: tuple[str, ...] = ("websocket",)
) -> list[socketio.AsyncClient]:
    async def connect(token: str) -> socketio.AsyncClient:
        client = socketio.AsyncClient(reconnection=False)
        await client.connect(url, auth={"token": token}, transports=list(transports))
        return client

    return await at_most_in_flight([connect(token) for token in tokens])


async def catch_up_all(clients: list[socketio.AsyncClient]) -> None:
    async def catch_up(client: socketio.AsyncClient) -> None:
        answer = await client.call("changes:since", {"seq": 0}, timeout=60)
        if not answer.get("ok"):
            raise RuntimeError(f"changes:since answered {answer}")

    await at_most_in_flight([catch_up(client) for client in clients])


async def leave_all(clients: list[socketio.AsyncClient]) -> None:
    await at_most_in_flight([client.disconnect() for client in clients])
    await asyncio.sleep(LEAVE_SETTLE_SECONDS - 0.5)  # `step` waits the other 0.5 s


async def measure(
    target_name: str,
    participants: int,
    mode: str = "gevent",
    transports: tuple[str, ...] = ("websocket",),
) -> dict[str, float]:
    """Server CPU ms per connection for each step, on a server started for this run."""
    target = TARGETS[target_name](mode, Path(tempfile.mkdtemp(prefix="bench-phases-")))
    server = target.start()
    clients: list[socketio.AsyncClient] = []
    try:
        settings = Settings(participants=participants, facilitators=0)
        setup = target.provision(server, settings)
        time.sleep(1)  # let the provisioning's work settle
        cpu: dict[str, float] = {}

        async def step(name: str, work):
            before = server.cpu_seconds()
            result = await work
            await asyncio.sleep(0.5)  # what the step set off (presence, acks) runs out
            cpu[name] = (server.cpu_seconds() - before) / participants * 1000
            return result

        tokens = await step("join", join_all(server.url, setup, participants))
        clients = await step("connect", connect_all(server.url, tokens, transports))
        if any(client.transport() != "websocket" for client in clients):
            raise RuntimeError("a client did not end on a WebSocket")
        await step("catch-up", catch_up_all(clients))
        if len(clients) != participants or not all(client.connected for client in clients):
            raise RuntimeError("not every participant stayed connected")
        await step("leave", leave_all(clients))
        return cpu
    finally:
        for client in clients:
            if client.connected:  # a step failed before everyone left
                await client.disconnect()
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.phases", description=__doc__)
    parser.add_argument("--targets", default="workshop,bare")
    parser.add_argument("--participants", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--ports", default="6300-6399", help="a range for the servers it starts")
    parser.add_argument(
        "--transports", default="websocket", help="polling,websocket: long-poll, then upgrade"
    )
    args = parser.parse_args()
    transports = tuple(args.transports.split(","))
    first, last = (int(port) for port in args.ports.split("-"))
    use_ports(first, last)
    print(
        f"server CPU ms per connection ({args.participants} participants, gevent, "
        f"connecting by {' then '.join(transports)})"
    )
    columns = (*JOIN_STEPS, "sum", "leave")
    print(f"{'target':10}" + "".join(f"{name:>10}" for name in columns))
    for target_name in args.targets.split(","):
        for _ in range(args.runs):
            cpu = asyncio.run(measure(target_name, args.participants, transports=transports))
            cpu["sum"] = sum(cpu[name] for name in JOIN_STEPS)
            cells = "".join(f"{cpu[name]:10.2f}" for name in columns)
            print(f"{target_name:10}{cells}", flush=True)


if __name__ == "__main__":
    main()
