"""The load harness at a tiny scale: it drives real servers and accounts for every note.

No timing is asserted; these tests prove that the bench's counting works, so that its figures
at full scale (docs/performance.md) can be trusted.
"""

import asyncio
import json
import os
import random
from concurrent.futures import ThreadPoolExecutor

from bench import (
    browser_join,
    check,
    compression,
    deletion,
    instructions,
    phases,
    topology,
    voting,
)
from bench.__main__ import run_realtime
from bench.postgres import create_database, database_beside
from bench.report import build as build_report
from bench.scenarios import Settings, burst_plan, run_notes
from tests.conftest import require

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


def run_tiny(tmp_path, target: str, scenarios: str = "burst,sustained", *more: str) -> dict:
    output = str(tmp_path / "report.json")
    arguments = [*TINY, "--targets", target, "--scenarios", scenarios, "--output", output, *more]
    report = run_realtime(arguments)
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
        assert_slowest_notes_named(scenario)


def assert_slowest_notes_named(scenario: dict) -> None:
    """The report names when the slowest notes were sent: the slowest is the scenario's max."""
    slowest = scenario["slowest_notes"]
    assert 1 <= len(slowest) <= 5
    took = [ms for _sent_at, ms in slowest]
    assert took == sorted(took, reverse=True)
    assert all(sent_at >= 0 for sent_at, _ms in slowest)
    worst = max(scenario[audience]["latency"]["max_ms"] for audience in ("peers", "facilitators"))
    assert abs(took[0] - worst) <= 0.1


def test_bench_prepares_workshop_through_cli_and_api_and_accounts_for_every_note(tmp_path):
    # A burst over 4 s: the kill at its middle falls well between two of its six sends.
    run = run_tiny(tmp_path, "workshop", "burst,sustained,restart", "--burst-window", "4")
    assert run["setup"] == "cli+api"  # nothing seeded behind the app's back
    assert_everything_delivered(run["results"])
    assert_restart_healed(run["results"]["restart"])


def assert_restart_healed(restart: dict) -> None:
    """kill -9 mid-burst: every client came back and every note reached everyone exactly once."""
    assert restart["notes"] == 6
    assert 0 < restart["sent_before_kill"] < 6  # the server died with the burst under way
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


def test_the_storing_bare_server_commits_every_join_and_note_it_delivers(tmp_path):
    run = run_tiny(tmp_path, "bare-store")
    assert_everything_delivered(run["results"])
    # Read from its file after the run: each note of the burst and of the sustained run, once;
    # each participant who joined.
    assert run["stored"] == {"notes": 12, "distinct_seq": 12, "participants": 6}


def test_bench_runs_the_bare_server_under_gunicorn_when_workshop_runs_under_it(tmp_path):
    """In the gevent-gunicorn mode both servers run on gunicorn's gevent worker: the ratios
    compare the apps, not two web servers."""
    run = run_tiny(tmp_path, "bare", "burst,sustained", "--modes", "gevent-gunicorn")
    assert_everything_delivered(run["results"])
    log = (tmp_path / "bare-gevent-gunicorn.log").read_text()
    assert "Using worker: gevent" in log


# The topology runs on PostgreSQL (as test_realtime_ordering.py), in a database of its own that it
# creates afresh beside the test database.
POSTGRES_URL = (
    os.environ.get("TEST_DATABASE_URL", "")
    if os.environ.get("TEST_DATABASE_URL", "").startswith("postgresql")
    else "postgresql://postgres@127.0.0.1:5432/test"
)


def topology_database_url() -> str:
    """The topology's database, one per pytest-xdist worker (test_bench_topology_gw0, …): each
    test drops and creates it, which two workers running such tests at once must not do to each
    other's."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    suffix = f"_bench_topology_{worker}" if worker else "_bench_topology"
    return database_beside(POSTGRES_URL, suffix)


def test_bench_accounts_for_every_note_across_two_processes_behind_nginx(
    tmp_path, needs_postgres, needs_redis
):
    require(topology.nginx_path() is not None, "nginx is not installed (apt-get install nginx)")
    database_url = topology_database_url()
    create_database(database_url)
    options = topology.TopologySettings(database_url, redis_url="redis://127.0.0.1:6379/0")
    target = topology.ClusterTarget(tmp_path, options)
    settings = Settings(participants=6, group_size=3, facilitators=2, settle_seconds=0.2)
    shared = topology.shared_workshop(settings, target, workers=2)
    assert "error" not in shared, shared.get("error")
    assert shared["join"]["connected"] == 8
    # ip_hash over the clients' own 127.x.y.1 addresses: both processes have clients.
    assert all(count > 0 for count in shared["connections_per_process"])
    assert sum(shared["connections_per_process"]) == 8
    burst = shared["burst"]
    assert burst["acks"]["ok"] == 6
    assert burst["peers"]["delivered"] == burst["peers"]["expected"] == 12
    assert burst["facilitators"]["delivered"] == 12
    assert burst["peers"]["duplicates"] == burst["facilitators"]["duplicates"] == 0
    assert burst["misdelivered"] == 0 and burst["stored_twice"] == 0
    assert shared["intact"] is True


def test_bench_routes_each_workshop_to_one_process_behind_nginx(
    tmp_path, needs_postgres, needs_redis
):
    require(topology.nginx_path() is not None, "nginx is not installed (apt-get install nginx)")
    database_url = topology_database_url()
    create_database(database_url)
    options = topology.TopologySettings(database_url, redis_url="redis://127.0.0.1:6379/0")
    target = topology.ClusterTarget(tmp_path, options)
    settings = Settings(participants=6, group_size=3, facilitators=2, settle_seconds=0.2)

    def burst(pool, cluster, population):
        plan = burst_plan(settings, population, random.Random(1))
        return {"burst": run_notes(pool, cluster, settings, population, plan, "Burst")}

    outcome = topology.with_cluster(settings, target, 2, 2, 2, burst)
    assert "error" not in outcome, outcome.get("error")
    # Routed by the workshop in the Socket.IO URL: each workshop's 3 participants and 2
    # facilitators on one process, the two workshops on different ones.
    assert outcome["connections_per_process"] == [5, 5]
    burst_result = outcome["burst"]
    assert burst_result["acks"]["ok"] == 6
    assert burst_result["peers"]["delivered"] == burst_result["peers"]["expected"] == 12
    assert burst_result["facilitators"]["delivered"] == 12
    assert burst_result["misdelivered"] == 0 and burst_result["stored_twice"] == 0


def scenario(p99: float, max_ms: float, cpu: float, missing: int = 0) -> dict:
    """A scenario's figures as the report holds them (only what the check reads)."""
    latency = {"p99_ms": p99, "max_ms": max_ms}
    audience = {"missing": missing, "duplicates": 0, "latency": latency}
    return {
        "acks": {"failed": 0, "duplicate_seq": 0},
        "peers": audience,
        "facilitators": audience,
        "misdelivered": 0,
        "server_cpu_ms_per_note": cpu,
    }


def test_check_judges_every_row_of_issue_9s_table_from_the_report():
    join = {"server_cpu_ms_per_connection": 2.5, "server_rss_per_connection_kb": 70.0}
    workshop = {
        "join": join,
        "burst": scenario(1400.0, 1450.0, 1.0, missing=1),  # fast enough, but one note lost
        "sustained": scenario(40.0, 70.0, 2.0),
        "restart": {"heal_seconds": 8.0, "intact": True},
    }
    bare = {
        "join": {"server_cpu_ms_per_connection": 1.0, "server_rss_per_connection_kb": 67.0},
        "burst": scenario(100.0, 120.0, 0.5),
        "sustained": scenario(35.0, 40.0, 1.5),
    }
    report = {
        "runs": [
            {"target": "bare", "mode": "gevent", "results": bare},
            {"target": "workshop", "mode": "gevent", "results": workshop},
        ],
        "topology": {
            "one_process": {"best_rate": 100.0},
            "two_processes": {"best_rate": 160.0},
            "one_workshop_across_both": {"intact": True},
        },
    }
    rows = check.rows(report)
    verdicts = [row.word for row in rows["gevent"]]
    # CPU ×1.33; burst lost a note; p99 40 ms but ×1.14; max 70 ms; join 2.5 ms; restart 8 s;
    # memory ×1.04
    assert verdicts == ["PASS", "FAIL", "PASS", "FAIL", "PASS", "PASS", "PASS"]
    [topology_row, no_loss_row] = next(v for k, v in rows.items() if k.startswith("topology"))
    assert topology_row.word == "FAIL"  # ×1.6 < ×1.7
    assert no_loss_row.word == "PASS"
    text, passed = check.text(report)
    assert not passed and text.count("FAIL") == 3
    del workshop["restart"]
    assert check.rows(report)["gevent"][5].word == "n/a"  # not measured is not a pass


def test_check_sets_workshop_beside_the_storing_bare_server_without_judging_it():
    workshop = {"join": {"server_cpu_ms_per_connection": 2.5}, "sustained": scenario(8, 30, 3.0)}
    stored = {"join": {"server_cpu_ms_per_connection": 1.5}, "sustained": scenario(6, 25, 2.0)}
    report = {
        "runs": [
            {"target": "bare-store", "mode": "gevent", "results": stored},
            {"target": "workshop", "mode": "gevent", "results": workshop},
        ]
    }
    [beside] = [rows for title, rows in check.rows(report).items() if "committing" in title]
    assert [(row.workshop, row.bare, row.word) for row in beside] == [
        (3.0, 2.0, "info"),
        (8, 6, "info"),
        (2.5, 1.5, "info"),
    ]
    text, passed = check.text(report)
    assert "info  CPU per note, sustained (ms): 3.00 | 2.00 | ×1.50" in text
    assert passed  # a yardstick is no target: nothing here can fail the check


def test_rounds_are_judged_by_their_medians_and_a_loss_in_any_round_counts():
    def run(target, round_number, cpu, max_ms, missing=0):
        results = {"sustained": scenario(5.0, max_ms, cpu, missing)}
        return {"target": target, "mode": "gevent", "round": round_number, "results": results}

    runs = [
        run("bare", 1, 2.0, 30.0),
        run("workshop", 1, 2.6, 40.0),
        run("bare", 2, 1.6, 25.0),
        run("workshop", 2, 3.4, 35.0, missing=1),  # a slow round (×2.1), and a note lost in it
        run("bare", 3, 1.8, 28.0),
        run("workshop", 3, 2.7, 45.0),
    ]
    report = build_report({}, runs, ["python", "-m", "bench"])

    bare, workshop = report["runs"]
    assert (workshop["rounds"], len(report["rounds"])) == (3, 6)  # every round kept as measured
    sustained = workshop["results"]["sustained"]
    assert sustained["server_cpu_ms_per_note"] == 2.7  # the median, not the slow round's 3.4
    assert bare["results"]["sustained"]["server_cpu_ms_per_note"] == 1.8
    assert sustained["peers"]["latency"]["max_ms"] == 45.0  # the longest pause of any round
    assert sustained["peers"]["missing"] == 1  # lost in one round is lost
    verdicts = {row.measure: row.word for row in check.rows(report)["gevent"]}
    assert verdicts["CPU per note, sustained (ms)"] == "PASS"  # ×1.5 of the medians
    assert verdicts["sustained max (ms), all delivered"] == "FAIL"  # the lost note


def test_bench_runs_its_targets_in_turn_for_each_round(tmp_path):
    output = str(tmp_path / "report.json")
    arguments = [*TINY, "--targets", "bare", "--scenarios", "sustained", "--rounds", "2"]
    report = run_realtime([*arguments, "--output", output])

    assert [run["round"] for run in report["rounds"]] == [1, 2]
    [merged] = report["runs"]
    assert merged["rounds"] == merged["rounds_merged"] == 2
    assert merged["results"]["sustained"]["acks"]["ok"] == 6  # each round's notes, all acked
    assert merged["results"]["sustained"]["peers"]["missing"] == 0


def test_phases_join_connect_catch_up_and_leave_every_participant_of_both_servers():
    # bench.phases raises if a join, a connect or a catch-up fails, or a client dropped. It runs
    # its own event loop, in a thread of its own: the browser tests leave one running here.
    for target in ("workshop", "bare"):
        with ThreadPoolExecutor(max_workers=1) as thread:
            cpu = thread.submit(measure_phases, target).result()
        assert list(cpu) == list(phases.STEPS)
        assert all(value >= 0 for value in cpu.values())


def test_phases_connect_as_a_pages_first_connection_and_end_on_a_websocket():
    # With --transports polling,websocket it raises unless every client upgraded.
    with ThreadPoolExecutor(max_workers=1) as thread:
        cpu = thread.submit(measure_phases, "workshop", ("polling", "websocket")).result()
    assert list(cpu) == list(phases.STEPS)


def measure_phases(target: str, transports: tuple[str, ...] = ("websocket",)) -> dict:
    """bench.phases at a tiny scale, on an event loop of this thread's own."""
    return asyncio.run(phases.measure(target, 4, mode="threading", transports=transports))


def test_deletion_bench_deletes_one_workshop_and_keeps_the_others_whole(capsys):
    # bench.deletion raises if the deleted workshop left rows behind or another lost notes.
    assert deletion.main(["--participants", "20", "--workshops", "3"]) == 0
    printed = capsys.readouterr().out
    results = json.loads(printed[: printed.rindex("}") + 1])
    assert results["notes_per_workshop"] == 200
    assert results["other_workshops_notes_intact"] == 400  # two workshops of 200 notes each
    assert "deleting one of 3 workshops of 20 participants and 200 notes" in printed


def test_voting_bench_acknowledges_every_dot_and_counts_the_totals_received():
    # bench.voting raises if a dot is refused or a client drops; its own event loop, in a thread.
    with ThreadPoolExecutor(max_workers=1) as thread:
        results = thread.submit(vote_tiny).result()
    assert results["dots"] == 8  # four participants, two dots each
    assert results["totals_per_participant"] >= 1 and results["totals_to_facilitator"] >= 1
    assert results["ack_p50_ms"] <= results["ack_max_ms"]


def vote_tiny() -> dict:
    return asyncio.run(voting.measure(4, 2, 0.5, show_totals=True, mode="threading"))


def test_browser_join_bench_joins_through_the_pages_and_fetches_their_files():
    # bench.browser_join raises if a page does not answer 200 or the join form is refused.
    with ThreadPoolExecutor(max_workers=1) as thread:
        result = thread.submit(join_tiny).result()
    assert list(result["cpu_ms"]) == list(browser_join.STEPS)
    assert all(value >= 0 for value in result["cpu_ms"].values())
    # Style sheets, the Socket.IO client and the page's modules with the modules they import.
    assert result["static_files_per_page"] > 10


def join_tiny() -> dict:
    return asyncio.run(browser_join.measure(3, mode="threading"))


def test_instructions_bench_joins_every_participant_it_counts():
    # What bench.instructions runs under valgrind (valgrind itself takes minutes: not here).
    assert instructions.join_many(3) == instructions.WARM_UP + 3


def test_instructions_bench_writes_every_note_it_counts():
    # Every note written (none refused: a refusal raises), the warm-up's and the counted ones.
    assert instructions.write_many(3) == instructions.WARM_UP + 3


def test_compression_bench_offers_it_as_a_browser_does_and_reports_it_declined():
    # Its own event loop, in a thread of its own: the browser tests leave one running here.
    with ThreadPoolExecutor(max_workers=1) as thread:
        figures = thread.submit(compression.measure, 5, True, "threading").result()
    assert figures["connections"] == 5
    assert figures["offered"] is True
    assert figures["compression_taken"] is False
    assert figures["rss_after_mb"] > 0
