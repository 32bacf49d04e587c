"""From raw send and arrival records to the figures: latency percentiles and delivery counts."""

from __future__ import annotations

import math
from collections import Counter, defaultdict

PERCENTILES = (50, 95, 99)


def percentile(sorted_values: list[float], p: float) -> float | None:
    """Nearest-rank percentile of already sorted values (None when there are none)."""
    if not sorted_values:
        return None
    rank = max(1, math.ceil(p / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


def latency_summary(seconds: list[float]) -> dict:
    """count, p50/p95/p99/max in milliseconds."""
    values = sorted(seconds)
    summary = {"count": len(values)}
    for p in PERCENTILES:
        value = percentile(values, p)
        summary[f"p{p}_ms"] = None if value is None else round(value * 1000, 2)
    summary["max_ms"] = round(values[-1] * 1000, 2) if values else None
    return summary


def ack_summary(sends: list[dict]) -> dict:
    """How the server answered the notes: ok, refused (with the reasons), no answer."""
    ok = [s for s in sends if s.get("ok")]
    failed = [s for s in sends if not s.get("ok")]
    # seq counts per workshop: a run with two workshops has two sequences.
    seqs = Counter((s.get("workshop_id"), s.get("seq")) for s in ok)
    return {
        "sent": len(sends),
        "ok": len(ok),
        "failed": len(failed),
        "errors": dict(Counter(s.get("error", "?") for s in failed).most_common(5)),
        "duplicate_seq": sum(n - 1 for n in seqs.values() if n > 1),
        "latency": latency_summary([s["t_ack"] - s["t_sent"] for s in ok]),
        # How late the harness itself sent (a busy client would distort every other figure).
        "send_lag": latency_summary([s["t_sent"] - s["t_planned"] for s in sends]),
    }


def delivery_summary(
    notes: list[dict], sends: list[dict], received: list, clients: dict, start_at: float
) -> dict:
    """note → group peers and note → facilitators: latency, missing, duplicate, misdelivered,
    and the slowest notes.

    notes: [{id, group_id, workshop_id, sender}]; received: [(client key, note id, time, seq)];
    clients: connected clients by key → (role, group id; a facilitator's: its workshop id);
    start_at: when the scenario began (the slowest notes say when they were sent).
    """
    sent_at = {s["id"]: s["t_sent"] for s in sends}
    members = defaultdict(list)
    facilitators = defaultdict(list)
    for key, (role, scope) in clients.items():
        (facilitators if role == "facilitator" else members)[scope].append(key)
    arrivals = Counter((key, note_id) for key, note_id, *_ in received)
    first: dict = {}
    for key, note_id, t, *_ in received:
        first[(key, note_id)] = min(t, first.get((key, note_id), t))
    result: dict = {}
    slowest: dict[str, float] = {}  # note id → its latest first arrival, in either audience
    for audience in ("peers", "facilitators"):
        latencies, missing, expected = [], 0, set()
        for note in notes:
            if note["id"] not in sent_at:
                continue
            if audience == "peers":
                keys = [k for k in members[note["group_id"]] if k != note["sender"]]
            else:
                keys = facilitators[note.get("workshop_id")]
            for key in keys:
                expected.add((key, note["id"]))
                if (key, note["id"]) in first:
                    took = first[(key, note["id"])] - sent_at[note["id"]]
                    latencies.append(took)
                    slowest[note["id"]] = max(slowest.get(note["id"], took), took)
                else:
                    missing += 1
        result[audience] = {
            "expected": len(expected),
            "delivered": len(latencies),
            "missing": missing,
            "duplicates": sum(arrivals[pair] - 1 for pair in expected if arrivals[pair] > 1),
            "latency": latency_summary(latencies),
        }
    senders = {note["id"]: note["sender"] for note in notes}
    expected_pairs = {
        (key, note["id"])
        for note in notes
        for key in [*members[note["group_id"]], *facilitators[note.get("workshop_id")]]
    }
    result["misdelivered"] = sum(
        1
        for (key, note_id) in arrivals
        if (key, note_id) not in expected_pairs and senders.get(note_id) != key
    )
    result["stored_twice"] = stored_twice(sends, received)
    result["slowest_notes"] = slowest_notes(slowest, sent_at, start_at)
    return result


def slowest_notes(slowest: dict[str, float], sent_at: dict, start_at: float) -> list:
    """The five notes whose last expected copy took longest: [seconds into the scenario it was
    sent, ms] — when a pause fell (a pause of the server's shows in both audiences at once)."""
    worst = sorted(slowest.items(), key=lambda item: -item[1])[:5]
    return [[round(sent_at[note] - start_at, 2), round(took * 1000, 1)] for note, took in worst]


def stored_twice(sends: list[dict], received: list) -> int:
    """Notes seen with more than one seq (acks and arrivals): written twice, not idempotently."""
    seqs = defaultdict(set)
    for send in sends:
        if send.get("ok") and send.get("seq") is not None:
            seqs[send["id"]].add(send["seq"])
    for _key, note_id, _t, seq, *_ in received:
        if seq is not None:
            seqs[note_id].add(seq)
    return sum(1 for values in seqs.values() if len(values) > 1)
