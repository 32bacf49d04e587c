"""The three scenarios — join burst, submit burst, sustained rate — run against one server."""

from __future__ import annotations

import random
import threading
import time
import uuid
from dataclasses import dataclass, field

import psutil

from bench.pool import WorkerPool
from bench.servers import ServerProcess
from bench.stats import ack_summary, delivery_summary, latency_summary

START_DELAY_SECONDS = 1.0  # time for every worker to receive its plan before the first send


@dataclass
class Settings:
    participants: int = 1000
    group_size: int = 10
    facilitators: int = 2
    questions: int = 3
    burst_window: float = 1.0
    rate: float = 50.0
    duration: float = 20.0
    join_concurrency: int = 100
    join_timeout: float = 180.0
    ack_timeout: float = 30.0
    drain_timeout: float = 30.0
    settle_seconds: float = 2.0  # quiet time between scenarios
    seed: int = 1

    @property
    def groups(self) -> int:
        return max(1, -(-self.participants // self.group_size))


@dataclass
class Setup:
    """What a target gives the harness after preparing a workshop."""

    workshop_id: int
    group_ids: list[int]
    question_ids: list[int]
    facilitator_auth: dict
    join_payload: object  # callable(group_id, name) -> dict for POST /api/v1/join
    how: str = "api"
    notes: list[str] = field(default_factory=list)


@dataclass
class Population:
    """Every client of the run: its key, role, group, and which worker hosts it."""

    specs: list[dict]
    by_worker: list[list[dict]]
    connected: dict = field(default_factory=dict)  # key -> (role, group id or workshop id)
    workshop_of: dict = field(default_factory=dict)  # key -> workshop id
    questions: dict = field(default_factory=dict)  # workshop id -> its question ids

    @property
    def participants(self) -> list[str]:
        return [k for k, (role, _g) in self.connected.items() if role == "participant"]


def build_population(settings: Settings, setups, workers: int, source=None) -> Population:
    """Facilitators and participants of each workshop (setups: one Setup or several).

    source(i) gives the i-th client its own source address, for a proxy that is sticky by
    address; None: every client connects from 127.0.0.1.
    """
    setups = setups if isinstance(setups, list) else [setups]
    specs = []
    for w, setup in enumerate(setups):
        prefix = f"w{w}" if len(setups) > 1 else ""
        specs += [
            {
                "key": f"{prefix}f{i}",
                "role": "facilitator",
                "auth": setup.facilitator_auth,
                "workshop_id": setup.workshop_id,
            }
            for i in range(settings.facilitators)
        ]
        for i in range(settings.participants // len(setups)):
            group_id = setup.group_ids[i // settings.group_size % len(setup.group_ids)]
            specs.append(
                {
                    "key": f"{prefix}p{i}",
                    "role": "participant",
                    "group_id": group_id,
                    "workshop_id": setup.workshop_id,
                    "join": setup.join_payload(group_id, f"Bench participant {i}"),
                }
            )
    if source is not None:
        for i, spec in enumerate(specs):
            spec["source"] = source(i)
    by_worker = [specs[w::workers] for w in range(workers)]
    workshop_of = {spec["key"]: spec["workshop_id"] for spec in specs}
    questions = {setup.workshop_id: setup.question_ids for setup in setups}
    return Population(specs, by_worker, workshop_of=workshop_of, questions=questions)


def run_join_burst(pool: WorkerPool, server: ServerProcess, settings, population) -> dict:
    """Facilitators connect first (they must see everything), then all participants at once."""
    rss_before = server.rss_bytes()
    cpu_before = server.cpu_seconds()
    started = time.monotonic()
    records = []
    for role in ("facilitator", "participant"):
        arguments = [
            {
                "url": server.url,
                "clients": [s for s in share if s["role"] == role],
                "concurrency": max(1, settings.join_concurrency // len(pool)),
                "timeout": settings.join_timeout,
            }
            for share in population.by_worker
        ]
        for answer in pool.request("join_and_connect", arguments, settings.join_timeout + 30):
            records.extend(answer)
    elapsed = time.monotonic() - started
    time.sleep(settings.settle_seconds)
    roles = {spec["key"]: spec for spec in population.specs}
    for record in records:
        if record["ok"]:
            spec = roles[record["key"]]
            # The group the server placed the participant in, as the join answered; a
            # facilitator sees its whole workshop.
            scope = record.get("group_id") or spec.get("group_id") or spec["workshop_id"]
            if spec["role"] == "facilitator":
                scope = spec["workshop_id"]
            population.connected[record["key"]] = (spec["role"], scope)
    connections = len(population.connected)
    rss_after = server.rss_bytes()
    return {
        "clients": len(records),
        "connected": connections,
        "failed": len(records) - connections,
        "errors": sorted({r.get("error", "") for r in records if not r["ok"]})[:5],
        "wall_seconds": round(elapsed, 2),
        "joins_per_second": round(connections / elapsed, 1) if elapsed else None,
        "join_latency": latency_summary(
            [r["t_joined"] - r["t_start"] for r in records if r["ok"] and "t_joined" in r]
        ),
        "join_and_connect_latency": latency_summary(
            [r["t_caught_up"] - r["t_start"] for r in records if r["ok"]]
        ),
        "server_cpu_seconds": round(server.cpu_seconds() - cpu_before, 2),
        "server_rss_before_mb": round(rss_before / 2**20, 1),
        "server_rss_after_mb": round(rss_after / 2**20, 1),
        "server_rss_per_connection_kb": (
            round((rss_after - rss_before) / connections / 1024, 1) if connections else None
        ),
        "server_cpu_ms_per_connection": (
            round((server.cpu_seconds() - cpu_before) / connections * 1000, 2)
            if connections
            else None
        ),
        "server_threads": server.thread_count(),
    }


def burst_plan(settings: Settings, population: Population, rng) -> list[tuple]:
    """Every connected participant sends one note, spread evenly over the burst window."""
    senders = population.participants
    rng.shuffle(senders)
    step = settings.burst_window / max(1, len(senders))
    return [(i * step, key, question_for(population, key, rng)) for i, key in enumerate(senders)]


def sustained_plan(settings: Settings, population: Population, rng) -> list[tuple]:
    """`rate` notes per second for `duration` seconds, from participants taken in turn."""
    senders = population.participants
    rng.shuffle(senders)
    count = int(settings.rate * settings.duration)
    return [
        (i / settings.rate, key, question_for(population, key, rng))
        for i in range(count)
        if senders
        for key in [senders[i % len(senders)]]
    ]


def question_for(population: Population, key: str, rng) -> int:
    return rng.choice(population.questions[population.workshop_of[key]])


def run_notes(pool, server, settings, population, plan, label, meanwhile=None) -> dict:
    """Send the plan's notes and measure delivery to peers and facilitators, acks, server cost.

    meanwhile(start_at), if given, runs in a thread while the clients send (the restart
    scenario kills the server from there); what it returns is reported as "meanwhile".
    """
    notes, per_worker = [], [[] for _ in range(len(pool))]
    worker_of = {s["key"]: w for w, share in enumerate(population.by_worker) for s in share}
    for index, (offset, key, question_id) in enumerate(plan):
        note_id = str(uuid.uuid4())
        notes.append(
            {
                "id": note_id,
                "group_id": population.connected[key][1],
                "workshop_id": population.workshop_of[key],
                "sender": key,
            }
        )
        text = f"{label} note {index}: a point the group wants in the annex, from {key}."
        payload = {"id": note_id, "question_id": question_id, "text": text}
        per_worker[worker_of[key]].append((offset, key, payload))
    last_offset = plan[-1][0] if plan else 0.0
    cpu_before, started = server.cpu_seconds(), time.monotonic()
    machine_before = machine_busy_seconds()
    start_at = started + START_DELAY_SECONDS
    arguments = [
        {
            "sends": sends,
            "notes": notes,
            "start_at": start_at,
            "ack_timeout": settings.ack_timeout,
            "drain_timeout": settings.drain_timeout,
        }
        for sends in per_worker
    ]
    timeout = START_DELAY_SECONDS + last_offset + 2 * settings.ack_timeout
    timeout += settings.drain_timeout + 30
    side = Background(meanwhile, start_at) if meanwhile else None
    answers = pool.request("run_plan", arguments, timeout)
    side_result = side.result() if side else None
    cpu = server.cpu_seconds() - cpu_before
    machine = machine_busy_seconds() - machine_before
    wall = time.monotonic() - start_at
    client_cpu = sum(a["cpu_seconds"] for a in answers)
    sends = [s for answer in answers for s in answer["sends"]]
    for send in sends:
        send["workshop_id"] = population.workshop_of[send["key"]]
    received = [r for answer in answers for r in answer["received"]]
    time.sleep(settings.settle_seconds)
    result = {
        "notes": len(notes),
        "acks": ack_summary(sends),
        **delivery_summary(notes, sends, received, population.connected, start_at),
        "server_cpu_seconds": round(cpu, 2),
        "server_cpu_ms_per_note": round(cpu / len(notes) * 1000, 2) if notes else None,
        "server_cpu_utilisation": round(cpu / wall, 2) if wall > 0 else None,
        "client_cpu_seconds": [round(a["cpu_seconds"], 2) for a in answers],
        # CPU used meanwhile by everything else on the machine: other work disturbs the figures.
        "other_cpu_seconds": round(max(0.0, machine - cpu - client_cpu), 2),
        "wall_seconds": round(wall, 2),
        "disconnects": sum(len(a["disconnects"]) for a in answers),
        "reconnects": sum(a["reconnects"] for a in answers),
        "resent": sum(s.get("resent", 0) for s in sends),
        "not_ready": sum(len(a["not_ready"]) for a in answers),
        "late_copies": sum(a["late_copies"] for a in answers),
        "gap_catch_ups": sum(a["gap_catch_ups"] for a in answers),
    }
    if side is not None:
        result["meanwhile"] = side_result
        ready_times = [t for answer in answers for t in answer["ready_times"]]
        result["_raw"] = {"sends": sends, "ready_times": ready_times}
    return result


class Background:
    """A function run in a thread; result() waits for it and re-raises what it raised."""

    def __init__(self, function, *args):
        self.value = self.error = None
        self.thread = threading.Thread(target=self.run, args=(function, *args), daemon=True)
        self.thread.start()

    def run(self, function, *args) -> None:
        try:
            self.value = function(*args)
        except Exception as error:  # handed to the caller of result()
            self.error = error

    def result(self):
        self.thread.join()
        if self.error is not None:
            raise self.error
        return self.value


def machine_busy_seconds() -> float:
    """CPU seconds the whole machine has spent busy (all cores, all processes)."""
    times = psutil.cpu_times()
    return times.user + times.nice + times.system + times.irq + times.softirq


def run_all(pool, server, settings: Settings, setup: Setup, scenarios) -> dict:
    """Join, then the note scenarios asked for; each result is kept even if a later one fails."""
    rng = random.Random(settings.seed)
    population = build_population(settings, setup, len(pool))
    results = {"join": run_join_burst(pool, server, settings, population)}
    if not population.participants:
        results["error"] = "no participant could join and connect"
        return results
    if "burst" in scenarios:
        plan = burst_plan(settings, population, rng)
        results["burst"] = run_notes(pool, server, settings, population, plan, "Burst")
    if "sustained" in scenarios:
        plan = sustained_plan(settings, population, rng)
        results["sustained"] = run_notes(pool, server, settings, population, plan, "Sustained")
    if "restart" in scenarios:
        from bench.restart import run_restart  # it builds on this module's scenarios

        results["restart"] = run_restart(pool, server, settings, population, rng)
    results["server_rss_end_mb"] = round(server.rss_bytes() / 2**20, 1)
    return results
