"""The report: JSON for the record, a table for people, ratios to the bare server, the targets."""

from __future__ import annotations

import json
import os
import platform
from pathlib import Path

import psutil

from bench.check import DESIGN_TARGETS as TARGETS
from bench.check import rows as check_rows
from bench.rounds import merged_rounds

RATIO_METRICS = [
    ("join", ("join_and_connect_latency", "p99_ms")),
    ("join", ("server_rss_per_connection_kb",)),
    ("join", ("server_cpu_ms_per_connection",)),
    ("burst", ("peers", "latency", "p50_ms")),
    ("burst", ("peers", "latency", "p99_ms")),
    ("burst", ("facilitators", "latency", "p99_ms")),
    ("burst", ("server_cpu_ms_per_note",)),
    ("sustained", ("peers", "latency", "p50_ms")),
    ("sustained", ("peers", "latency", "p99_ms")),
    ("sustained", ("peers", "latency", "max_ms")),
    ("sustained", ("facilitators", "latency", "p99_ms")),
    ("sustained", ("acks", "latency", "p99_ms")),
    ("sustained", ("server_cpu_ms_per_note",)),
]


def machine() -> dict:
    cpu_model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpus": os.cpu_count(),
        "cpu_model": cpu_model,
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def dig(data: dict, scenario: str, path: tuple):
    value = data.get(scenario)
    for key in path:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def ratios(runs: list[dict], yardstick: str = "bare") -> list[dict]:
    """Workshop's figures divided by a yardstick's (the bare server's), per async mode."""
    by_key = {(run["target"], run["mode"]): run.get("results", {}) for run in runs}
    rows = []
    for (target, mode), ours in by_key.items():
        bare = by_key.get((yardstick, mode))
        if target != "workshop" or bare is None:
            continue
        row = {"mode": mode}
        for scenario, path in RATIO_METRICS:
            a, b = dig(ours, scenario, path), dig(bare, scenario, path)
            row[f"{scenario}.{'.'.join(path)}"] = round(a / b, 2) if a is not None and b else None
        rows.append(row)
    return rows


def target_check(run: dict) -> dict:
    """DESIGN.md's targets for one run: met (True), missed (False) or not measured (None)."""
    results = run.get("results", {})
    sustained_peers = dig(results, "sustained", ("peers", "latency")) or {}
    sustained_facs = dig(results, "sustained", ("facilitators", "latency")) or {}
    burst = results.get("burst") or {}

    def at_most(values, limit):
        values = [v for v in values if v is not None]
        return None if not values else all(v <= limit for v in values)

    return {
        "sustained_p50_le_10ms": at_most(
            [sustained_peers.get("p50_ms"), sustained_facs.get("p50_ms")],
            TARGETS["sustained_p50_ms"],
        ),
        "sustained_p99_le_50ms": at_most(
            [sustained_peers.get("p99_ms"), sustained_facs.get("p99_ms")],
            TARGETS["sustained_p99_ms"],
        ),
        "burst_all_delivered": (None if not burst else all_delivered(burst)),
        "burst_p99_le_1500ms": at_most(
            [
                dig(results, "burst", ("peers", "latency", "p99_ms")),
                dig(results, "burst", ("facilitators", "latency", "p99_ms")),
            ],
            TARGETS["burst_p99_ms"],
        ),
        "rss_le_60kb_per_connection": at_most(
            [dig(results, "join", ("server_rss_per_connection_kb",))],
            TARGETS["rss_per_connection_kb"],
        ),
    }


def all_delivered(scenario: dict) -> bool:
    return (
        scenario["acks"]["failed"] == 0
        and all(
            scenario[a]["missing"] == 0 and scenario[a]["duplicates"] == 0
            for a in ("peers", "facilitators")
        )
        and scenario["misdelivered"] == 0
    )


def build(settings: dict, runs: list[dict], command: list[str], topology=None) -> dict:
    """The report of these runs; of several rounds, the runs are the rounds taken together
    (bench/rounds.py) and every round's own run is kept under `rounds`."""
    merged = merged_rounds(runs)
    for run in merged:
        run["targets_met"] = target_check(run)
    report = {
        "command": command,
        "machine": machine(),
        "settings": settings,
        "runs": merged,
        "ratios_to_bare": ratios(merged),
        "ratios_to_bare_store": ratios(merged, "bare-store"),
    }
    if len(merged) < len(runs):
        report["rounds"] = runs
    if topology is not None:
        report["topology"] = topology
    report["check"] = {
        section: [{**vars(row), "verdict": row.word} for row in rows]
        for section, rows in check_rows(report).items()
    }
    return report


def write_json(report: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=2) + "\n")


def fmt(value, width=8) -> str:
    if value is None:
        return "-".rjust(width)
    if isinstance(value, float):
        return f"{value:{width}.1f}"
    return str(value).rjust(width)


def latency_cells(latency: dict | None) -> str:
    latency = latency or {}
    return "".join(fmt(latency.get(k), 8) for k in ("p50_ms", "p95_ms", "p99_ms", "max_ms"))


def table(report: dict) -> str:
    """The readable summary printed at the end of a run."""
    lines = []
    machine_info = report["machine"]
    lines.append(
        f"Machine: {machine_info['cpus']} CPUs ({machine_info['cpu_model']}), "
        f"{machine_info['memory_gb']} GB, Python {machine_info['python']}"
    )
    for run in report["runs"]:
        lines.extend(run_lines(run))
    if report.get("topology"):
        lines.extend(topology_lines(report["topology"]))
    titles = {
        "ratios_to_bare": "Workshop ÷ bare server (same mode, same harness, same run):",
        "ratios_to_bare_store": "Workshop ÷ bare server committing each note (same run):",
    }
    for key, title in titles.items():
        if report.get(key):
            lines.extend(["", title])
            for row in report[key]:
                cells = [f"{k}={v}" for k, v in row.items() if k != "mode"]
                lines.append(f"  {row['mode']}: " + ", ".join(cells))
    return "\n".join(lines)


def run_lines(run: dict) -> list[str]:
    lines = ["", f"== {run['target']} / {run['mode']}  (setup: {run.get('setup', '-')})"]
    if run.get("error"):
        lines.append(f"   ERROR: {run['error']}")
    results = run.get("results", {})
    join = results.get("join")
    if join:
        lines.append(
            f"   join burst: {join['connected']}/{join['clients']} connected in "
            f"{join['wall_seconds']} s ({join['joins_per_second']}/s); join+connect p50/p99 "
            f"{fmt(dig(results, 'join', ('join_and_connect_latency', 'p50_ms')), 0)}/"
            f"{fmt(dig(results, 'join', ('join_and_connect_latency', 'p99_ms')), 0)} ms; "
            f"server RSS {join['server_rss_before_mb']} → {join['server_rss_after_mb']} MB "
            f"= {join['server_rss_per_connection_kb']} KB/connection"
        )
        if join["errors"]:
            lines.append(f"   join errors: {join['errors']}")
    header = (
        f"   {'scenario':<11}{'notes':>6} | {'to peers: p50':>14}{'p95':>8}{'p99':>8}{'max':>8} | "
        f"{'to facilitators: p50':>21}{'p95':>8}{'p99':>8}{'max':>8} | {'ack p50':>8}{'p99':>8} | "
        f"{'missing':>8}{'dup':>5}{'failed':>7} | {'cpu ms/note':>11}"
    )
    scenario_lines = []
    for name in ("burst", "sustained"):
        scenario = results.get(name)
        if not scenario:
            continue
        missing = scenario["peers"]["missing"] + scenario["facilitators"]["missing"]
        duplicates = scenario["peers"]["duplicates"] + scenario["facilitators"]["duplicates"]
        peers, facilitators, acks = (scenario[k] for k in ("peers", "facilitators", "acks"))
        scenario_lines.append(
            f"   {name:<11}{scenario['notes']:>6} | {fmt(peers['latency']['p50_ms'], 14)}"
            f"{latency_cells(peers['latency'])[8:]} | "
            f"{fmt(facilitators['latency']['p50_ms'], 21)}"
            f"{latency_cells(facilitators['latency'])[8:]} | "
            f"{fmt(acks['latency']['p50_ms'])}{fmt(acks['latency']['p99_ms'])} | "
            f"{missing:>8}{duplicates:>5}{acks['failed']:>7} | "
            f"{fmt(scenario['server_cpu_ms_per_note'], 11)}"
        )
        scenario_lines.append(
            f"      {name}: wall {scenario['wall_seconds']} s; CPU s: server "
            f"{scenario['server_cpu_seconds']}, harness {sum(scenario['client_cpu_seconds']):.2f}, "
            f"other processes {scenario.get('other_cpu_seconds', '-')}; harness send lag p99 "
            f"{acks['send_lag']['p99_ms']} ms; disconnects {scenario['disconnects']}; "
            f"catch-ups for gaps {scenario.get('gap_catch_ups', 0)}"
        )
        if scenario.get("slowest_notes"):
            slowest = ", ".join(f"{ms} ms at {at} s" for at, ms in scenario["slowest_notes"])
            scenario_lines.append(f"      slowest notes (sent at, into the scenario): {slowest}")
        if scenario["acks"]["errors"]:
            scenario_lines.append(f"      ack errors: {scenario['acks']['errors']}")
    if scenario_lines:
        lines.append(header)
        lines.extend(scenario_lines)
    restart = results.get("restart")
    if restart:
        lines.append(restart_line(restart))
    met = run.get("targets_met", {})
    if met:
        lines.append("   targets: " + ", ".join(f"{k}={v}" for k, v in met.items()))
    return lines


def restart_line(restart: dict) -> str:
    """The restart scenario in one line: how long it took to heal, and whether anything was lost."""
    peers, facilitators = restart["peers"], restart["facilitators"]
    return (
        f"   restart (kill -9 mid-burst): healed in {fmt(restart['heal_seconds'], 0)} s after the "
        f"restart (server up in {restart['server_start_seconds']} s); {restart['notes']} notes, "
        f"{restart['sent_before_kill']} sent before the kill, {restart['resent']} resent, "
        f"{restart['acks']['failed']} failed; reconnects {restart['reconnects']}, not back "
        f"{restart['not_ready']}; missing {peers['missing'] + facilitators['missing']}, "
        f"duplicates {peers['duplicates'] + facilitators['duplicates']}, stored twice "
        f"{restart['stored_twice']}: {'intact' if restart['intact'] else 'NOT INTACT'}"
    )


def topology_lines(topology: dict) -> list[str]:
    """Each configuration of the topology: where the clients went, the rate steps, the verdicts."""
    lines = ["", "== topology: nginx (ip_hash) → gunicorn+gevent processes, PostgreSQL, Redis"]
    if topology.get("error"):
        lines.append(f"   ERROR: {topology['error']}")
    for name in ("one_process", "two_processes", "one_workshop_across_both"):
        part = topology.get(name)
        if not part:
            continue
        join = part.get("join") or {}
        lines.append(
            f"   {name}: {part['processes']} process(es), {part['workshops']} workshop(s); "
            f"{join.get('connected')}/{join.get('clients')} joined in "
            f"{join.get('wall_seconds')} s; "
            f"connections per process {part.get('connections_per_process')}"
        )
        if part.get("error"):
            lines.append(f"      ERROR: {part['error']}")
        for step in part.get("steps", []):
            lines.append(
                f"      {step['rate']:>6} notes/s: p50 {step['p50_ms']} p99 {step['p99_ms']} "
                f"max {step['max_ms']} ms, ack p99 {step.get('ack_p99_ms')} ms; "
                f"missing {step['missing']}, dup {step['duplicates']}, "
                f"failed {step['failed']}; CPU {step['server_cpu_ms_per_note']} ms/note; "
                f"harness CPU s {step.get('client_cpu_seconds')}, "
                f"other CPU s {step['other_cpu_seconds']}, "
                f"machine busy {step.get('machine_busy')} → {'holds' if step['holds'] else 'no'}"
            )
        if "best_rate" in part:
            lines.append(f"      highest rate that holds: {part['best_rate']} notes/s")
        if "intact" in part:
            burst = part["burst"]
            lines.append(
                f"      burst of {burst['notes']}: peers p99 "
                f"{burst['peers']['latency']['p99_ms']} ms; missing "
                f"{burst['peers']['missing'] + burst['facilitators']['missing']}, duplicates "
                f"{burst['peers']['duplicates'] + burst['facilitators']['duplicates']}, failed "
                f"{burst['acks']['failed']}: {'intact' if part['intact'] else 'NOT INTACT'}"
            )
    if topology.get("ratio") is not None:
        lines.append(f"   2 processes ÷ 1: ×{topology['ratio']}")
    return lines
