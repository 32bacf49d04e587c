"""`python -m bench`: the real-time load bench (default) or, with `annex`, the annex export bench.

    python -m bench --participants 1000 --group-size 10 --modes threading,gevent
    python -m bench annex …            (bench/annex_export.py, when present)

See docs/performance.md for what is measured and the figures of this machine.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import runpy
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path

from bench import check, report, servers
from bench.pool import WorkerPool
from bench.scenarios import Settings, run_all
from bench.targets import TARGETS, BareStoreTarget
from bench.topology import TopologySettings, run_topology

RESULTS = Path(__file__).resolve().parent / "results"
SCENARIOS = ("burst", "sustained", "restart", "topology")
# Scenarios only Workshop runs: the bare servers keep no feed to catch up from after a restart.
WORKSHOP_ONLY = ("restart",)


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    add = parser.add_argument
    add("--participants", type=int, default=1000)
    add("--group-size", type=int, default=10)
    add("--facilitators", type=int, default=2)
    add("--questions", type=int, default=3)
    add("--rate", type=float, default=50.0, help="notes per second in the sustained scenario")
    add("--duration", type=float, default=60.0, help="seconds of the sustained scenario")
    add("--burst-window", type=float, default=1.0, help="seconds over which the burst is sent")
    add(
        "--scenarios",
        default=",".join(SCENARIOS),
        help="burst,sustained,restart,topology (joining always runs)",
    )
    add("--modes", default="gevent", help="async modes: threading, gevent, gevent-gunicorn")
    add(
        "--targets",
        default="bare,workshop",
        help="servers to drive: bare, bare-store (the bare server committing each note), workshop",
    )
    add("--database-url", help="PostgreSQL URL of an empty database (default: a fresh SQLite file)")
    add("--workers", type=int, default=2, help="client processes of the harness")
    add("--join-concurrency", type=int, default=100)
    add("--join-timeout", type=float, default=180.0)
    add("--ack-timeout", type=float, default=30.0)
    add("--drain-timeout", type=float, default=30.0)
    add("--settle", type=float, default=2.0, help="quiet seconds between scenarios")
    add("--seed", type=int, default=1)
    add("--profile", action="store_true", help="record the server with py-spy (if installed)")
    add("--output", type=Path, help="JSON report path (default: bench/results/<time>.json)")
    add("--check", action="store_true", help="print PASS/FAIL per target; exit 1 on a FAIL")
    add(
        "--rounds",
        type=int,
        default=1,
        help="run the targets in turn this many times; the report takes the rounds together "
        "(bench/rounds.py: medians, and the worst of every loss)",
    )
    add(
        "--topology-database-url",
        default="postgresql://postgres@127.0.0.1:5432/bench_topology",
        help="topology: PostgreSQL database, dropped and created afresh by every run",
    )
    add("--redis-url", default="redis://127.0.0.1:6379/0", help="topology: the message queue")
    add("--start-rate", type=float, default=10.0, help="topology: first notes/s of the steps")
    add("--step-duration", type=float, default=8.0, help="topology: seconds of each rate step")
    add("--max-steps", type=int, default=14, help="topology: rate steps at most")
    add("--ports", help="a range such as 6300-6399 for every server (default: any free port)")
    return parser.parse_args(argv)


def settings_from(args: argparse.Namespace) -> Settings:
    return Settings(
        participants=args.participants,
        group_size=args.group_size,
        facilitators=args.facilitators,
        questions=args.questions,
        burst_window=args.burst_window,
        rate=args.rate,
        duration=args.duration,
        join_concurrency=args.join_concurrency,
        join_timeout=args.join_timeout,
        ack_timeout=args.ack_timeout,
        drain_timeout=args.drain_timeout,
        settle_seconds=args.settle,
        seed=args.seed,
    )


def run_one(target_name, mode, settings, args, workdir: Path) -> dict:
    """One server, one async mode: start it, prepare, run the scenarios, always stop it."""
    run = {"target": target_name, "mode": mode}
    target = TARGETS[target_name](mode, workdir, args.database_url)
    scenarios = [s for s in args.scenarios.split(",") if s]
    if target_name != "workshop":
        scenarios = [s for s in scenarios if s not in WORKSHOP_ONLY]
    pool = server = None
    profilers: list[subprocess.Popen] = []
    started = time.monotonic()
    print(f"-- {target_name} / {mode}: starting", flush=True)
    try:
        pool = WorkerPool(args.workers)
        server = target.start()
        run["load_average_at_start"] = [round(x, 2) for x in os.getloadavg()]
        if args.profile:
            follow_with_profiler(
                server, results_dir(args), f"profile-{target_name}-{mode}", profilers
            )
        setup = target.provision(server, settings)
        run["setup"] = setup.how
        run["setup_notes"] = setup.notes
        run["results"] = run_all(pool, server, settings, setup, scenarios)
        if isinstance(target, BareStoreTarget):
            run["stored"] = target.stored_counts()
    except Exception as error:  # a failed run is a result to report, not the end of the bench
        run["error"] = f"{type(error).__name__}: {error}"
        traceback.print_exc()
    except Stopped:
        run["error"] = "stopped by a signal"
        raise
    finally:
        if pool is not None:
            pool.close()
        if server is not None:
            run["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
            run["server_alive_at_end"] = server.alive()
            server.stop()
        for profiler in profilers:
            try:
                profiler.wait(timeout=30)
            except subprocess.TimeoutExpired:
                profiler.kill()
    run["seconds"] = round(time.monotonic() - started, 1)
    print(f"-- {target_name} / {mode}: done in {run['seconds']} s", flush=True)
    return run


def run_topology_scenario(settings: Settings, args: argparse.Namespace, workdir: Path) -> dict:
    """The production topology (bench/topology.py): nginx, gunicorn processes, PostgreSQL, Redis."""
    options = TopologySettings(
        database_url=args.topology_database_url,
        redis_url=args.redis_url,
        start_rate=args.start_rate,
        step_duration=args.step_duration,
        max_steps=args.max_steps,
    )
    print("-- topology: 1 process, then 2 behind nginx", flush=True)
    started = time.monotonic()
    try:
        result = run_topology(settings, options, args.workers, workdir)
    except Exception as error:  # reported like a failed run
        traceback.print_exc()
        result = {"error": f"{type(error).__name__}: {error}"}
    result["seconds"] = round(time.monotonic() - started, 1)
    print(f"-- topology: done in {result['seconds']} s", flush=True)
    return result


class Stopped(BaseException):
    """SIGTERM or SIGINT: stop the run in progress, clean up, and run no further ones."""


def stop(_signal_number, _frame):
    raise Stopped


def run_realtime(argv: list[str]) -> dict:
    args = parse(argv)
    settings = settings_from(args)
    runs = []
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
    if args.ports:
        servers.use_ports(*(int(p) for p in args.ports.split("-")))
    scenarios = [s for s in args.scenarios.split(",") if s]
    servers.compile_server_code()
    topology = None
    with tempfile.TemporaryDirectory(prefix="workshop-bench-") as tmp:
        try:
            for round_number in range(1, args.rounds + 1):
                for mode in [m for m in args.modes.split(",") if m]:
                    for target_name in [t for t in args.targets.split(",") if t]:
                        run = run_one(target_name, mode, settings, args, Path(tmp))
                        runs.append({**run, "round": round_number})
            if "topology" in scenarios:
                topology = run_topology_scenario(settings, args, Path(tmp))
        except Stopped:
            print("-- stopped: no further runs", flush=True)
        keep_logs(Path(tmp), runs, results_dir(args))
    command = ["python", "-m", "bench", *argv]
    result = report.build(dataclasses.asdict(settings), runs, command, topology)
    output = args.output or results_dir(args) / "report.json"
    report.write_json(result, output)
    print(report.table(result))
    print(f"\nJSON report: {output}")
    if args.check:
        lines, passed = check.text(result)
        print(lines)
        if not passed:
            sys.exit(1)
    return result


def results_dir(args: argparse.Namespace) -> Path:
    """Where this run's files go: beside --output, else bench/results/<date-time>/."""
    if args.output:
        return args.output.parent
    if not hasattr(args, "started"):
        args.started = time.strftime("%Y%m%d-%H%M%S")
    return RESULTS / args.started


def keep_logs(workdir: Path, runs: list[dict], destination: Path) -> None:
    """Copy the servers' logs next to the report; failed runs also get their tail inline."""
    destination.mkdir(parents=True, exist_ok=True)
    for log in workdir.glob("*.log"):
        shutil.copy(log, destination / log.name)
    for run in runs:
        if run.get("error"):
            for log in sorted(workdir.glob(f"{run['target']}-{run['mode']}*.log")):
                run.setdefault("server_log_tail", log.read_text(errors="replace")[-3000:])


def follow_with_profiler(server, directory: Path, stem: str, profilers: list) -> None:
    """Profile the server, and each process it is restarted as (restart: `<stem>-2.txt`)."""

    def profile(process) -> None:
        suffix = f"-{len(profilers) + 1}" if profilers else ""
        profiler = start_profiler(process, directory / f"{stem}{suffix}.txt")
        if profiler is not None:
            profilers.append(profiler)

    profile(server)
    server.on_launch = profile


def start_profiler(server, path: Path) -> subprocess.Popen | None:
    """py-spy sampling the server until it exits (all threads, idle ones left out)."""
    py_spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    if not Path(py_spy).exists():
        print("py-spy is not installed: no profile", flush=True)
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    command = [py_spy, "record", "--pid", str(server.process.pid), "--format", "raw"]
    command += ["--rate", "200", "--output", str(path), "--nonblocking"]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def run_annex(argv: list[str]) -> None:
    if not (Path(__file__).resolve().parent / "annex_export.py").exists():
        sys.exit("bench/annex_export.py is not there (yet).")
    sys.argv = ["python -m bench annex", *argv]
    runpy.run_module("bench.annex_export", run_name="__main__")


def main(argv: list[str]) -> None:
    if argv[:1] == ["annex"]:
        run_annex(argv[1:])
    else:
        run_realtime(argv[1:] if argv[:1] == ["realtime"] else argv)


if __name__ == "__main__":
    main(sys.argv[1:])
