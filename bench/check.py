"""The targets in one place: DESIGN.md's and issue 9's table, judged PASS/FAIL from one report."""

from __future__ import annotations

from dataclasses import dataclass

# DESIGN.md's targets (2-core machine, one process).
DESIGN_TARGETS = {
    "sustained_p50_ms": 10.0,
    "sustained_p99_ms": 50.0,
    "burst_p99_ms": 1500.0,
    "rss_per_connection_kb": 60.0,
}

# Issue 9's table: every limit the --check mode judges.
LIMITS = {
    "sustained_cpu_ratio": 1.5,  # CPU per note, sustained, ÷ bare
    "burst_p99_ms": 1500.0,
    "sustained_p99_ms": 50.0,
    "sustained_p99_ratio": 1.3,  # ÷ bare
    "sustained_max_ms": 60.0,
    "join_cpu_ms_per_connection": 3.0,
    "restart_heal_seconds": 10.0,
    "rss_ratio": 1.05,  # memory per connection ÷ bare
    "scale_out_ratio": 1.7,  # 2 processes' notes/s ÷ 1 process's, both at p99 ≤ 50 ms
    "scale_out_p99_ms": 50.0,
}


@dataclass
class Row:
    """One line of the check: what is measured, its figure, the bare server's, the verdict."""

    measure: str
    target: str
    workshop: object = None
    bare: object = None
    verdict: bool | None = None  # None: not measured in this run
    informative: bool = False  # a figure beside another yardstick, judged by no target

    @property
    def word(self) -> str:
        if self.informative:
            return "info"
        return {True: "PASS", False: "FAIL", None: "n/a"}[self.verdict]


def dig(data, *path):
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def worst(*values):
    """The larger of the figures measured (peers and facilitators), None if none was."""
    present = [v for v in values if v is not None]
    return max(present) if present else None


def ratio(ours, bare):
    return round(ours / bare, 2) if ours is not None and bare else None


def at_most(value, limit) -> bool | None:
    return None if value is None else value <= limit


def both(*verdicts) -> bool | None:
    """All measured verdicts hold; None when nothing was measured."""
    measured = [v for v in verdicts if v is not None]
    return None if not measured else all(measured)


def latency(results: dict, scenario: str, key: str):
    return worst(
        dig(results, scenario, "peers", "latency", key),
        dig(results, scenario, "facilitators", "latency", key),
    )


def join_cpu_ms(results: dict):
    return dig(results, "join", "server_cpu_ms_per_connection")


def delivered(scenario: dict | None) -> bool | None:
    """Every note acknowledged and delivered exactly once to every peer and facilitator."""
    if not scenario:
        return None
    return (
        scenario["acks"]["failed"] == 0
        and scenario["acks"]["duplicate_seq"] == 0
        and all(
            scenario[a]["missing"] == 0 and scenario[a]["duplicates"] == 0
            for a in ("peers", "facilitators")
        )
        and scenario["misdelivered"] == 0
    )


def pair_rows(ours: dict, bare: dict) -> list[Row]:
    """The rows that compare Workshop with the bare server of the same mode and run."""
    limits = LIMITS
    cpu, bare_cpu = (dig(r, "sustained", "server_cpu_ms_per_note") for r in (ours, bare))
    p99, bare_p99 = latency(ours, "sustained", "p99_ms"), latency(bare, "sustained", "p99_ms")
    rss, bare_rss = (dig(r, "join", "server_rss_per_connection_kb") for r in (ours, bare))
    burst = latency(ours, "burst", "p99_ms")
    restart = ours.get("restart") or {}
    heal = restart.get("heal_seconds")
    return [
        Row(
            "CPU per note, sustained (ms)",
            f"≤ {limits['sustained_cpu_ratio']}× bare",
            cpu,
            bare_cpu,
            at_most(ratio(cpu, bare_cpu), limits["sustained_cpu_ratio"]),
        ),
        Row(
            "burst p99 (ms; 1,000 notes at full scale), all delivered",
            f"≤ {limits['burst_p99_ms']:.0f} ms",
            burst,
            latency(bare, "burst", "p99_ms"),
            both(at_most(burst, limits["burst_p99_ms"]), delivered(ours.get("burst"))),
        ),
        Row(
            "sustained p99 (ms)",
            f"≤ {limits['sustained_p99_ms']:.0f} ms and ≤ {limits['sustained_p99_ratio']}× bare",
            p99,
            bare_p99,
            both(
                at_most(p99, limits["sustained_p99_ms"]),
                at_most(ratio(p99, bare_p99), limits["sustained_p99_ratio"]),
            ),
        ),
        Row(
            "sustained max (ms), all delivered",
            f"≤ {limits['sustained_max_ms']:.0f} ms",
            latency(ours, "sustained", "max_ms"),
            latency(bare, "sustained", "max_ms"),
            both(
                at_most(latency(ours, "sustained", "max_ms"), limits["sustained_max_ms"]),
                delivered(ours.get("sustained")),
            ),
        ),
        Row(
            "join, CPU per connection (ms)",
            f"≤ {limits['join_cpu_ms_per_connection']:.0f} ms",
            join_cpu_ms(ours),
            join_cpu_ms(bare),
            at_most(join_cpu_ms(ours), limits["join_cpu_ms_per_connection"]),
        ),
        Row(
            "kill -9 mid-burst → all reconnected, caught up, resent acked (s); none lost/doubled",
            f"≤ {limits['restart_heal_seconds']:.0f} s",
            heal,
            None,
            both(at_most(heal, limits["restart_heal_seconds"]), restart.get("intact"))
            if restart
            else None,
        ),
        Row(
            "memory per connection (KB)",
            f"≤ {limits['rss_ratio']}× bare",
            rss,
            bare_rss,
            at_most(ratio(rss, bare_rss), limits["rss_ratio"]),
        ),
    ]


def topology_rows(topology: dict | None) -> list[Row]:
    """2 processes + Redis behind nginx against 1 process: capacity, and no loss across both."""
    topology = topology or {}
    one = dig(topology, "one_process", "best_rate")
    two = dig(topology, "two_processes", "best_rate")
    shared = topology.get("one_workshop_across_both")
    return [
        Row(
            "2 processes + Redis ÷ 1 process, notes/s at p99 ≤ "
            f"{LIMITS['scale_out_p99_ms']:.0f} ms (two workshops)",
            f"≥ {LIMITS['scale_out_ratio']}×",
            f"{two} vs {one}" if one is not None or two is not None else None,
            None,
            None if one is None or two is None else scaled(one, two),
        ),
        Row(
            "one workshop across both processes: no loss",
            "all delivered once",
            None if shared is None else ("yes" if shared.get("intact") else "no"),
            None,
            None if shared is None else bool(shared.get("intact")),
        ),
    ]


def beside_storing_rows(ours: dict, stored: dict) -> list[Row]:
    """Workshop beside the bare server that commits every join and note (`bare-store`): no
    target of issue 9, but what Workshop costs beyond the write that no loss requires."""
    figures = (
        ("CPU per note, sustained (ms)", lambda r: dig(r, "sustained", "server_cpu_ms_per_note")),
        ("sustained p99 (ms)", lambda r: latency(r, "sustained", "p99_ms")),
        ("join, CPU per connection (ms)", join_cpu_ms),
    )
    return [
        Row(measure, "none: a yardstick", read(ours), read(stored), informative=True)
        for measure, read in figures
    ]


def scaled(one: float, two: float) -> bool:
    return bool(one) and two / one >= LIMITS["scale_out_ratio"]


def rows(report: dict) -> dict[str, list[Row]]:
    """The check's rows for each async mode measured with both servers, and for the topology."""
    by_key = {(r["target"], r["mode"]): r.get("results", {}) for r in report["runs"]}
    table = {}
    for (target, mode), ours in by_key.items():
        if target == "workshop":
            table[mode] = pair_rows(ours, by_key.get(("bare", mode), {}))
            stored = by_key.get(("bare-store", mode))
            if stored:
                section = f"{mode}, beside the bare server committing each note (Workshop | it)"
                table[section] = beside_storing_rows(ours, stored)
    if report.get("topology"):
        table["topology (gevent-gunicorn, PostgreSQL, Redis, nginx)"] = topology_rows(
            report["topology"]
        )
    return table


def cell(value) -> str:
    if value is None:
        return "-"
    return f"{value:.2f}" if isinstance(value, float) else str(value)


def text(report: dict) -> tuple[str, bool]:
    """The PASS/FAIL lines to print, and whether every measured target passed."""
    lines, passed = ["", "Check against issue 9's targets (Workshop | bare | ratio):"], True
    for section, section_rows in rows(report).items():
        lines.append(f"  {section}:")
        for row in section_rows:
            figures = f"{cell(row.workshop)} | {cell(row.bare)}"
            both_numbers = isinstance(row.workshop, float | int) and isinstance(
                row.bare, float | int
            )
            if both_numbers:
                figures += f" | ×{cell(ratio(row.workshop, row.bare))}"
            lines.append(f"    {row.word:<5} {row.measure}: {figures}   (target {row.target})")
            passed = passed and row.verdict is not False
    return "\n".join(lines), passed
