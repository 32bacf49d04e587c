"""The load harness at a tiny scale: it drives real servers and accounts for every note.

No timing is asserted; these tests prove that the bench's counting works, so that its figures
at full scale (docs/performance.md) can be trusted.
"""

from bench.__main__ import run_realtime

TINY = [
    "--participants", "6",
    "--group-size", "3",
    "--facilitators", "2",
    "--rate", "6",
    "--duration", "1",
    "--workers", "2",
    "--settle", "0.2",
    "--drain-timeout", "15",
    "--modes", "threading",
]  # fmt: skip


def run_tiny(tmp_path, target: str, scenarios: str = "burst,sustained") -> dict:
    output = str(tmp_path / "report.json")
    report = run_realtime(
        [*TINY, "--targets", target, "--scenarios", scenarios, "--output", output]
    )
    assert (tmp_path / "report.json").exists()
    [run] = report["runs"]
    assert "error" not in run, run.get("error")
    return run


def assert_everything_delivered(results: dict) -> None:
    assert results["join"]["connected"] == 8  # 6 participants + 2 facilitators
    assert results["join"]["failed"] == 0
    for name, notes in (("burst", 6), ("sustained", 6)):
        scenario = results[name]
        assert scenario["notes"] == notes
        assert scenario["acks"]["ok"] == notes
        assert scenario["acks"]["duplicate_seq"] == 0
        # groups of 3: each note reaches its 2 peers and both facilitators, exactly once
        assert scenario["peers"]["expected"] == scenario["peers"]["delivered"] == notes * 2
        assert scenario["facilitators"]["delivered"] == notes * 2
        for audience in ("peers", "facilitators"):
            assert scenario[audience]["missing"] == 0
            assert scenario[audience]["duplicates"] == 0
        assert scenario["misdelivered"] == 0


def test_bench_prepares_workshop_through_cli_and_api_and_accounts_for_every_note(tmp_path):
    run = run_tiny(tmp_path, "workshop", "burst,sustained,restart")
    assert run["setup"] == "cli+api"  # nothing seeded behind the app's back
    assert_everything_delivered(run["results"])
    assert_restart_healed(run["results"]["restart"])


def assert_restart_healed(restart: dict) -> None:
    """kill -9 mid-burst: every client came back and every note reached everyone exactly once."""
    assert restart["notes"] == 6
    assert 0 < restart["killed_after_sends"] < 6  # the server died with the burst under way
    assert restart["reconnects"] == 8  # every client, facilitators too
    assert restart["not_ready"] == 0
    assert restart["acks"]["ok"] == 6  # the notes pending at the kill were resent and acked
    assert restart["stored_twice"] == 0 and restart["acks"]["duplicate_seq"] == 0
    assert restart["peers"]["delivered"] == restart["peers"]["expected"] == 12
    assert restart["facilitators"]["delivered"] == 12
    for audience in ("peers", "facilitators"):
        assert restart[audience]["missing"] == 0
        assert restart[audience]["duplicates"] == 0
    assert restart["intact"] is True
    assert restart["heal_seconds"] is not None


def test_bench_accounts_for_every_note_through_the_bare_server(tmp_path):
    assert_everything_delivered(run_tiny(tmp_path, "bare")["results"])
