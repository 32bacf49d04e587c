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


def run_tiny(tmp_path, target: str) -> dict:
    report = run_realtime([*TINY, "--targets", target, "--output", str(tmp_path / "report.json")])
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
    run = run_tiny(tmp_path, "workshop")
    assert run["setup"] == "cli+api"  # nothing seeded behind the app's back
    assert_everything_delivered(run["results"])


def test_bench_accounts_for_every_note_through_the_bare_server(tmp_path):
    assert_everything_delivered(run_tiny(tmp_path, "bare")["results"])
