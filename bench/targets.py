"""The servers the harness can drive: Workshop itself and the bare fan-out server."""

from __future__ import annotations

import subprocess
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
        log = self.workdir / f"bare-{self.async_mode}.log"
        return ServerProcess(self.command(port), base_environment(), log, port).start(
            "/api/v1/join", SERVER_START_TIMEOUT
        )

    def command(self, port: int) -> list[str]:
        """The web server Workshop runs on in this mode: gunicorn's gevent worker too, in
        gevent-gunicorn (so that the ratios compare the apps, not two web servers)."""
        if self.async_mode == "gevent-gunicorn":
            return gunicorn_command(port, "bench.bare_server:gunicorn_app()")
        return python_command(
            "-m",
            "bench.bare_server",
            "--port",
            str(port),
            "--async-mode",
            async_mode_of(self.async_mode),
        )

    def provision(self, server: ServerProcess, settings: Settings) -> Setup:
        return Setup(
            workshop_id=1,
            group_ids=list(range(1, settings.groups + 1)),
            question_ids=list(range(1, settings.questions + 1)),
            facilitator_auth={"token": "wsf_bare", "workshop_id": 1},
            join_payload=lambda group_id, name: {"group_id": group_id, "name": name},
            how="none (no database)",
        )


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


TARGETS = {"workshop": WorkshopTarget, "bare": BareTarget}
