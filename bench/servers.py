"""Start a server under test as a subprocess, wait until it answers, measure it, always stop it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"  # the bench only ever talks to this machine


def free_port() -> int:
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
    _stats: psutil.Process | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def start(self, ready_path: str = "/", timeout: float = 60.0) -> ServerProcess:
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            self.command, env=self.env, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT
        )
        log.close()
        self._stats = psutil.Process(self.process.pid)
        self.wait_until_ready(ready_path, timeout)
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

    def rss_bytes(self) -> int:
        return self._stats.memory_info().rss

    def cpu_seconds(self) -> float:
        times = self._stats.cpu_times()
        return times.user + times.system

    def thread_count(self) -> int:
        return self._stats.num_threads()

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

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


def python_command(*args: str) -> list[str]:
    return [sys.executable, *args]


def workshop_command(port: int, async_mode: str) -> list[str]:
    """`workshop run`; in gevent mode monkey-patched first (bench/serve.py)."""
    if async_mode == "gevent":
        return python_command("-m", "bench.serve", "--port", str(port))
    return [workshop_script(), "run", "--port", str(port)]


def workshop_script() -> str:
    """The `workshop` console script installed beside this Python."""
    return str(Path(sys.executable).parent / "workshop")


def base_environment() -> dict:
    env = {key: value for key, value in os.environ.items() if not key.startswith("FLASK_")}
    env["PYTHONUNBUFFERED"] = "1"
    return env
