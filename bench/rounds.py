"""Several rounds of the same runs taken together: each figure's median, each loss's worst.

On a shared machine the servers' CPU per note drifts by ±10 % within minutes, and the servers run
one after the other: one round's ratio says as much about the drift as about the code. With
`--rounds N` the targets run in turn N times, and the report's runs are these rounds merged — per
server and mode, the median of every measured figure, but the worst of every count of what went
wrong (a note missing in one round is missing) and the highest of every maximum (the max target
is about any pause).
"""

from __future__ import annotations

import statistics
from typing import Any

# Counts of what went wrong: the merged run has the most of any round.
WORST_IF_HIGH = {
    "failed",
    "missing",
    "duplicates",
    "duplicate_seq",
    "misdelivered",
    "stored_twice",
    "disconnects",
    "reconnects",
    "resent",
    "not_ready",
    "late_copies",
    "gap_catch_ups",
    "max_ms",
}
# Counts of what went right: the fewest of any round.
WORST_IF_LOW = {"delivered", "connected", "ok"}


def merged_rounds(runs: list[dict]) -> list[dict]:
    """One run per server and mode, from all its rounds (the runs as they are, for one round)."""
    by_key: dict[tuple[str, str], list[dict]] = {}
    for run in runs:
        by_key.setdefault((run["target"], run["mode"]), []).append(run)
    return [merged_run(group) for group in by_key.values()]


def merged_run(group: list[dict]) -> dict:
    if len(group) == 1:
        return group[0]
    measured = [run for run in group if not run.get("error")] or group[:1]
    merged = {**measured[0], "rounds": len(group), "rounds_merged": len(measured)}
    errors = [run["error"] for run in group if run.get("error")]
    if errors:
        merged["round_errors"] = errors
    merged["results"] = merged_value("results", [run.get("results", {}) for run in measured])
    return merged


def merged_value(key: str, values: list[Any]) -> Any:
    """The rounds' values of one figure, taken together (see the module's docstring)."""
    first = values[0]
    if isinstance(first, dict):
        keys = [k for k in first if all(isinstance(v, dict) and k in v for v in values)]
        return {k: merged_value(k, [v[k] for v in values]) for k in keys}
    if isinstance(first, bool) or not all(is_number(v) for v in values):
        return merged_list(values) if isinstance(first, list) else first
    if key in WORST_IF_HIGH:
        return max(values)
    if key in WORST_IF_LOW:
        return min(values)
    return round(statistics.median(values), 2)


def merged_list(values: list[Any]) -> list:
    """Lists of errors from every round; lists of figures (one per client) from the first."""
    if all(isinstance(item, str) for value in values for item in value):
        return [item for value in values for item in value]
    return values[0]


def is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
