"""A room voting at once: every participant places their dots within a few seconds.

    python -m bench.voting [--participants 1000] [--dots 3] [--seconds 30] [--hidden-totals]

A fresh Workshop server (gevent), its participants joined and connected as in bench.phases and a
facilitator connected; 30 of them write a note each, the facilitator opens a vote on those notes
(running totals shown to everyone unless --hidden-totals), then every participant places --dots
dots at random moments within --seconds. Reports the server's CPU per dot, the acknowledgements'
latency, and how many totals each participant and the facilitator received. Raises if a dot is
refused or a client drops.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import tempfile
import time
import uuid
from pathlib import Path

import socketio

from bench.phases import at_most_in_flight, connect_all, join_all
from bench.scenarios import Settings
from bench.servers import use_ports
from bench.targets import TARGETS

NOTES = 30
TOTALS = ("dots:changed", "dots:counted")


def percentile(sorted_values: list[float], share: float) -> float:
    return sorted_values[max(0, int(len(sorted_values) * share) - 1)]


class Counter:
    """How many totals one client received."""

    def __init__(self, client: socketio.AsyncClient) -> None:
        self.count = 0
        for kind in TOTALS:
            client.on(kind, self.arrived)

    async def arrived(self, _data=None) -> None:
        self.count += 1


async def ok(client: socketio.AsyncClient, event: str, payload: dict) -> dict:
    answer = await client.call(event, payload, timeout=120)
    if not answer.get("ok"):
        raise RuntimeError(f"{event} answered {answer}")
    return answer


async def open_vote(facilitator, voters, question_id: int, show_totals: bool) -> list[int]:
    """A note from each of the first voters, then a vote on them: the points' ids."""
    for voter in voters[:NOTES]:
        note = {"id": str(uuid.uuid4()), "question_id": question_id, "text": "A point to vote on"}
        await ok(voter, "note:add", note)
    settings = {"source": "raw", "scope": "all", "show_totals": show_totals}
    dots = {"dots_per_participant": 50, "max_per_point": 50}
    opened = await ok(facilitator, "vote:open", {**settings, **dots})
    return [point["id"] for point in opened["change"]["vote"]["points"]]


async def vote(voters, points: list[int], dots: int, seconds: float) -> list[float]:
    """Every voter places `dots` dots at random moments within `seconds`: each ack's latency."""
    latencies: list[float] = []

    async def voter_votes(voter) -> None:
        for _ in range(dots):
            await asyncio.sleep(random.random() * seconds / dots)
            sent = time.monotonic()
            dot = {"id": str(uuid.uuid4()), "point_id": random.choice(points)}
            await ok(voter, "dot:place", dot)
            latencies.append(time.monotonic() - sent)

    await asyncio.gather(*(voter_votes(voter) for voter in voters))
    return sorted(latencies)


async def measure(
    participants: int, dots: int, seconds: float, show_totals: bool, mode: str = "gevent"
) -> dict:
    """One run on a server started for it; the figures a run reports."""
    target = TARGETS["workshop"](mode, Path(tempfile.mkdtemp(prefix="bench-voting-")))
    server = target.start()
    voters: list[socketio.AsyncClient] = []
    facilitator = socketio.AsyncClient(reconnection=False)
    try:
        setup = target.provision(server, Settings(participants=participants, facilitators=0))
        voters = await connect_all(server.url, await join_all(server.url, setup, participants))
        counters = [Counter(voter) for voter in voters]
        facilitator_counter = Counter(facilitator)
        await facilitator.connect(server.url, auth=setup.facilitator_auth, transports=["websocket"])
        readers = [*voters, facilitator]  # first the rooms: a client's catch-up subscribes it
        await at_most_in_flight([ok(client, "changes:since", {"seq": 0}) for client in readers])
        points = await open_vote(facilitator, voters, setup.question_ids[0], show_totals)
        await asyncio.sleep(1)
        cpu_before = server.cpu_seconds()
        latencies = await vote(voters, points, dots, seconds)
        await asyncio.sleep(2)  # the last totals go out
        cpu = server.cpu_seconds() - cpu_before
        if not all(client.connected for client in readers):
            raise RuntimeError("a client dropped during the vote")
        return {
            "dots": len(latencies),
            "server_cpu_ms_per_dot": cpu / len(latencies) * 1000,
            "ack_p50_ms": statistics.median(latencies) * 1000,
            "ack_p99_ms": percentile(latencies, 0.99) * 1000,
            "ack_max_ms": latencies[-1] * 1000,
            "totals_per_participant": statistics.mean(c.count for c in counters),
            "totals_to_facilitator": facilitator_counter.count,
        }
    finally:
        for client in [*voters, facilitator]:
            if client.connected:
                await client.disconnect()
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.voting", description=__doc__)
    parser.add_argument("--participants", type=int, default=1000)
    parser.add_argument("--dots", type=int, default=3, help="per participant")
    parser.add_argument("--seconds", type=float, default=30.0, help="the time they vote in")
    parser.add_argument("--hidden-totals", action="store_true", help="totals for facilitators")
    parser.add_argument("--ports", default="6300-6399", help="a range for the server it starts")
    args = parser.parse_args()
    first, last = (int(port) for port in args.ports.split("-"))
    use_ports(first, last)
    shown = not args.hidden_totals
    results = asyncio.run(measure(args.participants, args.dots, args.seconds, shown))
    print(
        f"{args.participants} participants x {args.dots} dots within {args.seconds:g} s, "
        f"running totals {'shown to everyone' if shown else 'for facilitators'}: "
        f"{results['dots']} dots, server CPU {results['server_cpu_ms_per_dot']:.1f} ms per dot; "
        f"ack p50 {results['ack_p50_ms']:.0f} ms, p99 {results['ack_p99_ms']:.0f} ms, "
        f"max {results['ack_max_ms']:.0f} ms; totals received per participant "
        f"{results['totals_per_participant']:.0f}, by the facilitator "
        f"{results['totals_to_facilitator']}"
    )


if __name__ == "__main__":
    main()
