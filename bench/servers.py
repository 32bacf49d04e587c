"""Start a server under test as a subprocess, wait until it answers, measure it, always stop it."""

from __future__ import annotations

import compileall
import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"  # the bench only ever talks to this machine


PORTS: list[int] = []  # where to look for a free port; empty: wherever the system says


def use_ports(first: int, last: int) -> None:
    """Start every server on a port of this range (a shared machine hands out ranges)."""
    PORTS[:] = list(range(first, last + 1))


def free_port() -> int:
    for port in PORTS:
        with socket.socket() as sock:
            try:
                sock.bind((HOST, port))
            except OSError:
                continue
        PORTS.remove(port)  # a server may take a moment to bind it: never hand it out twice
        return port
    if PORTS:
        raise RuntimeError("no free port left in the range given")
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


@dataclass
class ServerProcess:
    """One server subprocess; its output goes to a log file (a full pipe would stall it)."""

    command: list[str]
    env: dict
    log_path: Path
    port: int
    process: subprocess.Popen | None = None
    ready_path: str = "/"
    # Called with this object after each launch (the bench's profiler follows a restart).
    on_launch: Callable[[ServerProcess], object] | None = field(default=None, repr=False)
    _stats: psutil.Process | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def start(self, ready_path: str = "/", timeout: float = 60.0) -> ServerProcess:
        self.launch(ready_path)
        self.wait_until_ready(ready_path, timeout)
        return self

    def launch(self, ready_path: str = "/") -> ServerProcess:
        """Start the process without waiting for it to answer (to start several at once)."""
        self.ready_path = ready_path
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            self.command, env=self.env, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT
        )
        log.close()
        self._stats = psutil.Process(self.process.pid)
        if self.on_launch is not None:
            self.on_launch(self)
        return self

    def wait_until_ready(self, path: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"the server exited ({self.process.returncode}); see {self.log_path}"
                )
            if answers(self.url + path):
                return
            time.sleep(0.2)
        raise TimeoutError(f"the server did not answer within {timeout:.0f} s; see {self.log_path}")

    def processes(self) -> list[psutil.Process]:
        """The server and its children (gunicorn serves from a worker process)."""
        try:
            return [self._stats, *self._stats.children(recursive=True)]
        except psutil.Error:
            return [self._stats]

    def rss_bytes(self) -> int:
        return sum(p.memory_info().rss for p in self.processes())

    def cpu_seconds(self) -> float:
        return sum(sum(p.cpu_times()[:2]) for p in self.processes())

    def thread_count(self) -> int:
        return sum(p.num_threads() for p in self.processes())

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill_hard(self) -> None:
        """kill -9 the server and its children at once, as a crash would: no goodbyes."""
        for process in reversed(self.processes()):
            with contextlib.suppress(psutil.Error):
                process.kill()
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if not self.alive():
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


def answers(url: str) -> bool:
    """True once anything answers HTTP at the URL (even an error status)."""
    try:
        with urllib.request.urlopen(url, timeout=2):
            return True
    except urllib.error.HTTPError:
        return True
    except (urllib.error.URLError, OSError):
        return False


def compile_server_code() -> None:
    """Write the bytecode of the code the servers import, as installing a package does.

    pip compiles a package's modules when it installs them; an editable install leaves that to
    the first import, which does not write it where PYTHONDONTWRITEBYTECODE is set (as on the
    bench's machine): each start, the restart's too, would compile every module again.
    """
    for path in (ROOT / "workshop", ROOT / "migrations", ROOT / "bench"):
        compileall.compile_dir(path, quiet=1)
    compileall.compile_file(ROOT / "config.py", quiet=1)


def python_command(*args: str) -> list[str]:
    return [sys.executable, *args]


def workshop_command(port: int, mode: str) -> list[str]:
    """`workshop run`; gevent: monkey-patched first (bench/serve.py); gevent-gunicorn: gunicorn."""
    if mode == "gevent":
        return python_command("-m", "bench.serve", "--port", str(port))
    if mode == "gevent-gunicorn":
        return gunicorn_command(port, "workshop:create_app()", *WORKSHOP_GUNICORN_HOOKS)
    return [workshop_script(), "run", "--port", str(port)]


def gunicorn_command(port: int, app: str, *options: str) -> list[str]:
    """gunicorn with one gevent worker serving `app` on 127.0.0.1:port."""
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    return [gunicorn, *options, *GUNICORN_OPTIONS, "--bind", f"{HOST}:{port}", app]


def gunicorn_version() -> tuple:
    try:
        import gunicorn
    except ImportError:
        return ()
    return tuple(gunicorn.version_info)


# One worker (Socket.IO needs sticky sessions between processes); its default of 1,000
# simultaneous connections would refuse the 1,001st participant.
GUNICORN_OPTIONS = ["--worker-class", "gevent", "--workers", "1", "--worker-connections", "10000"]
# As the README's production command: the worker warms the app up and freezes its start-up heap.
WORKSHOP_GUNICORN_HOOKS = ("-c", "python:workshop.gunicorn_hooks")
if gunicorn_version() >= (27,):
    # gunicorn 27's control socket has one default path: two instances would share it.
    GUNICORN_OPTIONS.append("--no-control-socket")


def async_mode_of(mode: str) -> str:
    """The SOCKETIO_ASYNC_MODE of a bench mode (threading, gevent, gevent-gunicorn)."""
    return mode.split("-")[0]


def workshop_script() -> str:
    """The `workshop` console script installed beside this Python."""
    return str(Path(sys.executable).parent / "workshop")


def base_environment() -> dict:
    env = {key: value for key, value in os.environ.items() if not key.startswith("FLASK_")}
    env["PYTHONUNBUFFERED"] = "1"
    return env
