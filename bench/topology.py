"""The production topology: nginx in front of gunicorn+gevent processes on PostgreSQL.

One process against two (with Redis as the message queue between them), each behind the same
proxy: two workshops of half the participants each, the sustained rate stepped up until the p99
passes 50 ms; then one workshop with every participant spread over both processes, a burst, and
every note must reach everyone exactly once.

The proxy routes sockets as README's production configuration does: by the workshop in the
Socket.IO URL (`hash $arg_workshop consistent`), so that a workshop's writers and audience share
one process; other requests by client address (ip_hash). The one-workshop check routes sockets
by address as well, to spread one workshop over both processes. nginx's ip_hash keys on the first
three octets of the client's IPv4 address, so each client connects from its own 127.x.y.1 (Linux
routes all of 127.0.0.0/8 to the loopback device).
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import random
import shutil
import time
from pathlib import Path

import psutil
import socketio

from bench import provision
from bench.check import LIMITS, delivered
from bench.pool import WorkerPool
from bench.postgres import create_database
from bench.scenarios import (
    Settings,
    Setup,
    build_population,
    burst_plan,
    run_join_burst,
    run_notes,
    sustained_plan,
)
from bench.servers import HOST, ServerProcess, free_port, python_command, workshop_command
from bench.targets import SERVER_START_TIMEOUT, WorkshopTarget

NGINX_CONFIG = """daemon off;
worker_processes 1;
worker_rlimit_nofile 20000;
pid {dir}/nginx.pid;
error_log {dir}/nginx-error.log warn;
events {{ worker_connections 10000; }}
http {{
    access_log off;
    client_body_temp_path {dir}/client_body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    upstream workshop {{
        ip_hash;
{servers}
    }}
    upstream live {{
        {live_balance};
{servers}
    }}
    map $http_upgrade $connection_upgrade {{ default upgrade; '' close; }}
    server {{
        listen {host}:{port};
        location / {{
            proxy_pass http://workshop;
{proxy_settings}
        }}
        location /socket.io/ {{
            proxy_pass http://live;
{proxy_settings}
        }}
    }}
}}
"""
PROXY_SETTINGS = """            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            # $http_host keeps the port: Socket.IO compares the Origin with it.
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_read_timeout 120s;
            proxy_buffering off;"""
# Sockets by workshop (its id is in the Socket.IO URL): each workshop's writers and audience on
# one process, as README's production configuration does.
BY_WORKSHOP = "hash $arg_workshop consistent"
# Sockets by client address: one workshop's clients spread over every process (the no-loss check).
BY_ADDRESS = "ip_hash"


# Below this a step of a few seconds has too few notes for a p99 to mean anything.
MIN_RATE = 2.0


@dataclasses.dataclass
class TopologySettings:
    database_url: str  # PostgreSQL; the database is dropped and created afresh
    redis_url: str
    start_rate: float = 10.0
    step_factor: float = 1.25
    max_steps: int = 14
    step_duration: float = 8.0


DEBIAN_NGINX = "/usr/sbin/nginx"  # not on the PATH of every user


def nginx_path() -> str | None:
    return shutil.which("nginx") or (DEBIAN_NGINX if Path(DEBIAN_NGINX).exists() else None)


def source_address(index: int) -> str:
    """127.x.y.1, one /24 per client: ip_hash tells clients apart by three octets only."""
    return f"127.{index // 250 % 250}.{index % 250 + 1}.1"


class Cluster:
    """nginx and the gunicorn processes behind it, measured as one server."""

    def __init__(self, proxy: ServerProcess, backends: list[ServerProcess]):
        self.proxy, self.backends = proxy, backends

    @property
    def url(self) -> str:
        return self.proxy.url

    def cpu_seconds(self) -> float:
        return sum(b.cpu_seconds() for b in self.backends)

    def rss_bytes(self) -> int:
        return sum(b.rss_bytes() for b in self.backends)

    def thread_count(self) -> int:
        return sum(b.thread_count() for b in self.backends)

    def proxy_cpu_seconds(self) -> float:
        return self.proxy.cpu_seconds()

    def connections(self) -> list[int]:
        """Established connections each backend holds (the proxy's upstream connections)."""
        return [established(backend) for backend in self.backends]

    def stop(self) -> None:
        self.proxy.stop()
        for backend in self.backends:
            backend.stop()


class ClusterTarget(WorkshopTarget):
    """Workshop as production runs it: gunicorn+gevent processes, PostgreSQL, Redis, nginx.

    One target serves the whole topology run: the schema and the facilitator's token are made
    once, on the database every configuration shares.
    """

    name = "cluster"

    def __init__(self, workdir: Path, topology: TopologySettings):
        super().__init__("gevent-gunicorn", workdir, topology.database_url)
        self.topology = topology
        self.processes = 1
        self.token: str | None = None

    def environment(self) -> dict:
        env = super().environment()
        if self.processes > 1:
            env["REDIS_URL"] = self.topology.redis_url
            # A channel of its own: nothing else on this Redis hears the bench's messages.
            env["SOCKETIO_CHANNEL"] = f"workshop-bench-{self.workdir.name}"
        return env

    def start_cluster(self, processes: int, live_balance: str = BY_WORKSHOP) -> Cluster:
        """The processes (started side by side), then nginx in front of them."""
        if self.token is None:
            self.run_cli(python_command("-m", "bench.seed", "schema"))
        self.processes = processes
        backends = []
        try:
            for index in range(processes):
                port = free_port()
                log = self.workdir / f"cluster{processes}-process{index}.log"
                command = workshop_command(port, "gevent-gunicorn")
                backends.append(ServerProcess(command, self.environment(), log, port).launch())
            for backend in backends:
                backend.wait_until_ready("/", SERVER_START_TIMEOUT)
            directory = self.workdir / f"nginx{processes}"
            proxy = start_nginx(directory, [b.port for b in backends], live_balance)
        except BaseException:
            for backend in backends:
                backend.stop()
            raise
        return Cluster(proxy, backends)

    def provision(self, server, settings: Settings) -> Setup:
        if self.token is None:
            self.token = provision.facilitator_token(self)
        return provision.through_interfaces(self, server, settings, self.token)


def established(backend: ServerProcess) -> int:
    """Connections to a backend's port that are open now, over its processes."""
    count = 0
    for process in backend.processes():
        with contextlib.suppress(psutil.Error):
            count += sum(
                1
                for c in process.net_connections(kind="tcp")
                if c.status == psutil.CONN_ESTABLISHED and c.laddr.port == backend.port
            )
    return count


def start_nginx(directory: Path, ports: list[int], live_balance: str) -> ServerProcess:
    """nginx as a subprocess with a configuration of its own: no root paths, not a daemon."""
    nginx = nginx_path()
    if nginx is None:
        raise RuntimeError("nginx is not installed (apt-get install -y nginx)")
    directory.mkdir(parents=True, exist_ok=True)
    port = free_port()
    servers = "\n".join(f"        server {HOST}:{p};" for p in ports)
    config = directory / "nginx.conf"
    config.write_text(
        NGINX_CONFIG.format(
            dir=directory,
            servers=servers,
            host=HOST,
            port=port,
            live_balance=live_balance,
            proxy_settings=PROXY_SETTINGS,
        )
    )
    command = [nginx, "-p", str(directory), "-c", str(config), "-e", str(directory / "error.log")]
    log = directory.parent / f"{directory.name}.log"
    return ServerProcess(command, {}, log, port).start("/", SERVER_START_TIMEOUT)


def run_topology(settings: Settings, topology: TopologySettings, workers: int, workdir) -> dict:
    """1 process, then 2: the rate each holds; then one workshop across both: no loss."""
    create_database(topology.database_url)
    target = ClusterTarget(Path(workdir), topology)
    result: dict = {"settings": dataclasses.asdict(topology)}
    result["one_process"] = rate_steps(settings, target, 1, workers)
    result["two_processes"] = rate_steps(settings, target, 2, workers)
    result["one_workshop_across_both"] = shared_workshop(settings, target, workers)
    one = result["one_process"].get("best_rate")
    two = result["two_processes"].get("best_rate")
    result["ratio"] = round(two / one, 2) if one and two is not None else None
    return result


def with_cluster(settings, target, processes, workers, workshops, body, balance=BY_WORKSHOP):
    """Start a cluster, prepare its workshops, join everyone; run body; always stop it all."""
    outcome: dict = {"processes": processes, "workshops": workshops, "sockets_by": balance}
    pool = cluster = None
    try:
        pool = WorkerPool(workers)
        started = time.monotonic()
        cluster = target.start_cluster(processes, balance)
        each = dataclasses.replace(settings, participants=settings.participants // workshops)
        if balance == BY_WORKSHOP and processes > 1:
            setups = workshops_on_distinct_processes(target, cluster, each, workshops)
        else:
            setups = [target.provision(cluster, each) for _ in range(workshops)]
        outcome["prepared_in_seconds"] = round(time.monotonic() - started, 1)
        population = build_population(settings, setups, len(pool), source=source_address)
        outcome["join"] = run_join_burst(pool, cluster, settings, population)
        print(
            f"   {processes} process(es), {workshops} workshop(s): started and prepared in "
            f"{outcome['prepared_in_seconds']} s, {outcome['join']['connected']} joined in "
            f"{outcome['join']['wall_seconds']} s",
            flush=True,
        )
        outcome["connections_per_process"] = cluster.connections()
        if population.participants:
            outcome.update(body(pool, cluster, population))
        else:
            outcome["error"] = "no participant could join and connect"
    except Exception as error:  # a failed configuration is a result, not the end of the bench
        outcome["error"] = f"{type(error).__name__}: {error}"
    finally:
        if pool is not None:
            pool.close()
        if cluster is not None:
            outcome["server_alive_at_end"] = all(b.alive() for b in cluster.backends)
            cluster.stop()
    return outcome


def workshops_on_distinct_processes(target, cluster, settings, count, tries=12) -> list:
    """Prepare workshops until `count` of them are served by different processes.

    Sockets are routed by a hash of the workshop: two workshops share one of two processes half
    of the time. A site with many workshops spreads them; a bench that measures two must take two
    the proxy spreads. Which process serves a workshop is observed, not computed: a facilitator's
    socket for it is opened through the proxy, and the process holding one more connection is it.
    """
    chosen, used = [], set()
    for _ in range(tries):
        setup = target.provision(cluster, settings)
        process = serving_process(cluster, setup)
        if process is not None and process not in used:
            chosen.append(setup)
            used.add(process)
        if len(chosen) == count:
            return chosen
    raise RuntimeError(f"no {count} workshops on distinct processes in {tries} tries")


def serving_process(cluster, setup) -> int | None:
    """The index of the backend that a socket for this workshop reaches through the proxy."""
    before = cluster.connections()
    client = socketio.Client(reconnection=False)
    client.connect(
        f"{cluster.url}?workshop={setup.workshop_id}",
        auth=setup.facilitator_auth,
        transports=["websocket"],  # websocket-client sends the site's own Origin itself
    )
    try:
        after = cluster.connections()
        grown = [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if b > a]
    finally:
        client.disconnect()
    return grown[0] if len(grown) == 1 else None


def rate_steps(settings, target, processes, workers) -> dict:
    """Two workshops; the highest sustained rate at which p99 ≤ 50 ms and nothing is lost.

    From the start rate it steps up by the step factor while the rate holds; if the start rate
    does not hold, it steps down until one does (0: none did down to MIN_RATE).
    """
    topology = target.topology

    def body(pool, cluster, population):
        rng = random.Random(settings.seed)
        # Unmeasured: the first notes of a fresh process pay for its caches and connections.
        warm_up = dataclasses.replace(settings, rate=topology.start_rate, duration=2.0)
        plan = sustained_plan(warm_up, population, rng)
        run_notes(pool, cluster, warm_up, population, plan, "Warm-up")
        steps: list[dict] = []

        def holds(rate: float) -> bool:
            step = dataclasses.replace(settings, rate=rate, duration=topology.step_duration)
            plan = sustained_plan(step, population, rng)
            scenario = run_notes(pool, cluster, step, population, plan, f"Rate {rate:.0f}")
            p99 = step_p99(scenario)
            ok = bool(delivered(scenario)) and p99 is not None
            ok = ok and p99 <= LIMITS["scale_out_p99_ms"]
            steps.append(step_summary(rate, scenario, p99, ok))
            print(f"   {processes} process(es), {rate:.1f} notes/s: p99 {p99} ms", flush=True)
            return ok

        return {"best_rate": highest_rate(topology, holds), "steps": steps}

    return with_cluster(settings, target, processes, workers, 2, body)


def highest_rate(topology: TopologySettings, step_holds) -> float:
    """The highest rate of the geometric steps that holds (0 if none); max_steps rates at most.

    A rate that fails is run once more before it counts as failed: near the limit, one stall (a
    checkpoint, a collection) puts a short step's p99 over the limit, and the climb would end on
    chance. Both configurations are judged the same way; every run is in the report's steps.
    """

    def holds(rate: float) -> bool:
        return step_holds(rate) or step_holds(rate)

    rate, tries = topology.start_rate, 1
    if not holds(rate):
        while rate / topology.step_factor >= MIN_RATE and tries < topology.max_steps:
            rate, tries = round(rate / topology.step_factor, 1), tries + 1
            if holds(rate):
                return rate
        return 0.0
    while tries < topology.max_steps:
        higher, tries = round(rate * topology.step_factor, 1), tries + 1
        if not holds(higher):
            break
        rate = higher
    return rate


def step_p99(scenario: dict) -> float | None:
    """The worse p99 of group peers and facilitators."""
    values = [scenario[a]["latency"]["p99_ms"] for a in ("peers", "facilitators")]
    values = [v for v in values if v is not None]
    return max(values) if values else None


def step_summary(rate: float, scenario: dict, p99, holds: bool) -> dict:
    return {
        "rate": rate,
        "notes": scenario["notes"],
        "p99_ms": p99,
        "p50_ms": scenario["peers"]["latency"]["p50_ms"],
        "max_ms": scenario["peers"]["latency"]["max_ms"],
        "ack_p99_ms": scenario["acks"]["latency"]["p99_ms"],
        "all_delivered": bool(delivered(scenario)),
        "missing": scenario["peers"]["missing"] + scenario["facilitators"]["missing"],
        "duplicates": scenario["peers"]["duplicates"] + scenario["facilitators"]["duplicates"],
        "misdelivered": scenario["misdelivered"],
        "failed": scenario["acks"]["failed"],
        "errors": scenario["acks"]["errors"],
        "server_cpu_ms_per_note": scenario["server_cpu_ms_per_note"],
        "other_cpu_seconds": scenario["other_cpu_seconds"],
        "client_cpu_seconds": round(sum(scenario["client_cpu_seconds"]), 2),
        "machine_busy": machine_busy(scenario),
        "holds": holds,
    }


def machine_busy(scenario: dict) -> float | None:
    """The share of all the machine's cores used in a step: servers, harness and the rest.

    Near 1, the machine itself is the limit, whatever the number of server processes.
    """
    used = scenario["server_cpu_seconds"] + sum(scenario["client_cpu_seconds"])
    used += scenario["other_cpu_seconds"]
    capacity = scenario["wall_seconds"] * (os.cpu_count() or 1)
    return round(used / capacity, 2) if capacity > 0 else None


def shared_workshop(settings, target, workers) -> dict:
    """One workshop with every participant, spread over both processes: a burst, none lost."""

    def body(pool, cluster, population):
        plan = burst_plan(settings, population, random.Random(settings.seed))
        burst = run_notes(pool, cluster, settings, population, plan, "Shared burst")
        return {"burst": burst, "intact": bool(delivered(burst)) and burst["stored_twice"] == 0}

    return with_cluster(settings, target, 2, workers, 1, body, BY_ADDRESS)
