"""The restart scenario: kill -9 the server mid-burst, start it again on the same database, and
time how long until every client is back, caught up, and every note it had pending acknowledged.

The clients behave as our browser code does (bench/clients.py): they reconnect with its jittered
back-off, catch up with `changes:since` from their cursor, and send the notes still in their
outbox again with the same ids, which the server acknowledges idempotently.
"""

from __future__ import annotations

import time

from bench.check import delivered
from bench.scenarios import burst_plan, run_notes

RESTART_TIMEOUT = 90.0


def run_restart(pool, server, settings, population, rng) -> dict:
    """A burst during which the server is killed halfway through the window and restarted."""
    plan = burst_plan(settings, population, rng)
    kill_after = settings.burst_window / 2

    def kill_and_restart(start_at: float) -> dict:
        time.sleep(max(0.0, start_at + kill_after - time.monotonic()))
        t_kill = time.monotonic()
        server.kill_hard()
        t_restart = time.monotonic()
        server.start(server.ready_path, RESTART_TIMEOUT)
        return {"t_kill": t_kill, "t_restart": t_restart, "t_ready": time.monotonic()}

    result = run_notes(pool, server, settings, population, plan, "Restart", kill_and_restart)
    return summarise(result)


def summarise(result: dict) -> dict:
    """Heal time from the restart: the last client ready again or the last note acknowledged."""
    raw, times = result.pop("_raw"), result.pop("meanwhile")
    # The server's CPU counters start again with the new process: not a figure of this scenario.
    for key in ("server_cpu_seconds", "server_cpu_ms_per_note", "server_cpu_utilisation"):
        result.pop(key, None)
    acked = [s["t_ack"] for s in raw["sends"] if s.get("ok")]
    everyone_back = result["not_ready"] == 0 and result["acks"]["failed"] == 0
    last = max([*acked, *raw["ready_times"]], default=None)
    result["sent_before_kill"] = sum(1 for s in raw["sends"] if s["t_sent"] < times["t_kill"])
    result["server_start_seconds"] = round(times["t_ready"] - times["t_restart"], 2)
    result["heal_seconds"] = (
        round(last - times["t_restart"], 2) if everyone_back and last is not None else None
    )
    result["intact"] = bool(delivered(result)) and result["stored_twice"] == 0 and everyone_back
    return result
