"""The servers the harness can drive: Workshop itself, the bare fan-out server and the bare server
that commits every join and note (the least a server that loses nothing does)."""

from __future__ import annotations

import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

from bench import provision
from bench.scenarios import Settings, Setup
from bench.servers import (
    ServerProcess,
    async_mode_of,
    base_environment,
    free_port,
    gunicorn_command,
    python_command,
    workshop_command,
)

SERVER_START_TIMEOUT = 90.0


class BareTarget:
    """bench/bare_server.py: no database; tokens name their group, so any group id works."""

    name = "bare"

    def __init__(self, async_mode: str, workdir: Path, database_url: str | None = None):
        self.async_mode = async_mode
        self.workdir = workdir

    def start(self) -> ServerProcess:
        port = free_port()
        log = self.workdir / f"{self.name}-{self.async_mode}.log"
        return ServerProcess(self.command(port), base_environment(), log, port).start(
            "/api/v1/join", SERVER_START_TIMEOUT
        )

    def store_path(self) -> str | None:
        return None

    def command(self, port: int) -> list[str]:
        """The web server Workshop runs on in this mode: gunicorn's gevent worker too, in
        gevent-gunicorn (so that the ratios compare the apps, not two web servers)."""
        store = self.store_path()
        if self.async_mode == "gevent-gunicorn":
            argument = repr(store) if store else ""
            return gunicorn_command(port, f"bench.bare_server:gunicorn_app({argument})")
        mode = ["--async-mode", async_mode_of(self.async_mode)]
        stored = ["--store", store] if store else []
        return python_command("-m", "bench.bare_server", "--port", str(port), *mode, *stored)

    def provision(self, server: ServerProcess, settings: Settings) -> Setup:
        return Setup(
            workshop_id=1,
            group_ids=list(range(1, settings.groups + 1)),
            question_ids=list(range(1, settings.questions + 1)),
            facilitator_auth={"token": "wsf_bare", "workshop_id": 1},
            join_payload=lambda group_id, name: {"group_id": group_id, "name": name},
            how="none (no database)",
        )


class BareStoreTarget(BareTarget):
    """The bare server committing every join and note to a fresh SQLite file before it answers:
    a yardstick for what the write itself costs (`--targets bare,bare-store,workshop`)."""

    name = "bare-store"

    def store_path(self) -> str | None:
        return str(self.workdir / f"bare-store-{self.async_mode}.sqlite")

    def start(self) -> ServerProcess:
        path = Path(str(self.store_path()))
        for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            stale.unlink(missing_ok=True)
        return super().start()

    def stored_counts(self) -> dict:
        """What its file holds after the run: every acknowledged note must be there, once."""
        with closing(sqlite3.connect(str(self.store_path()))) as stored:
            counted = "SELECT count(*), count(DISTINCT seq) FROM note"
            notes, seqs = stored.execute(counted).fetchone()
            [participants] = stored.execute("SELECT count(*) FROM participant").fetchone()
        return {"notes": notes, "distinct_seq": seqs, "participants": participants}

    def provision(self, server: ServerProcess, settings: Settings) -> Setup:
        setup = super().provision(server, settings)
        setup.how = "none (the bare server's own SQLite file)"
        return setup


class WorkshopTarget:
    """`workshop run` on a fresh SQLite file (or the PostgreSQL database given)."""

    name = "workshop"

    def __init__(self, async_mode: str, workdir: Path, database_url: str | None = None):
        self.async_mode = async_mode
        self.workdir = workdir
        self.database_url = database_url or f"sqlite:///{workdir / f'bench-{async_mode}.sqlite'}"

    def environment(self) -> dict:
        env = base_environment()
        env.update(
            DATABASE_URL=self.database_url,
            SOCKETIO_ASYNC_MODE=async_mode_of(self.async_mode),
            SECRET_KEY="bench-only-not-secret",
            # Every join of the bench comes from 127.0.0.1: do not slow it down as guessing.
            JOIN_ATTEMPTS_PER_MINUTE="1000000",
        )
        return env

    def start(self) -> ServerProcess:
        self.run_cli(python_command("-m", "bench.seed", "schema"))
        port = free_port()
        log = self.workdir / f"workshop-{self.async_mode}.log"
        command = workshop_command(port, self.async_mode)
        return ServerProcess(command, self.environment(), log, port).start(
            "/", SERVER_START_TIMEOUT
        )

    def run_cli(self, command: list[str], stdin: str | None = None) -> str:
        """Run a command against this target's database; its last line of output."""
        result = subprocess.run(
            command,
            env=self.environment(),
            input=stdin,
            capture_output=True,
            text=True,
            timeout=120,
            cwd=provision.ROOT,
        )
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(command[:4])} failed: {result.stderr[-2000:]}")
        lines = result.stdout.strip().splitlines()
        return lines[-1] if lines else ""

    def provision(self, server: ServerProcess, settings: Settings) -> Setup:
        return provision.through_interfaces(self, server, settings)


TARGETS = {"workshop": WorkshopTarget, "bare": BareTarget, "bare-store": BareStoreTarget}
