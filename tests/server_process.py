"""A Workshop server run as its own process (`workshop run`), for tests that kill or multiply it."""

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import requests

WORKSHOP_COMMAND = str(Path(sys.executable).parent / "workshop")


class ServerProcess:
    """`workshop run` as a separate process, as a deployment runs it."""

    def __init__(
        self,
        database_url: str,
        port: int,
        log_path: Path,
        command: tuple[str, ...] = (WORKSHOP_COMMAND, "run"),
        **environment: str,
    ):
        self.command = command
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "SECRET_KEY": "server-process-test",
            **environment,
        }
        self.log_path = log_path
        self.process = None

    def start(self, *options: str):
        log = self.log_path.open("a")
        self.process = subprocess.Popen(
            [*self.command, "--port", str(self.port), *options],
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            # Its own process group, so that a test can end whatever it started, children too.
            start_new_session=True,
        )
        self.wait_until_ready()
        return self

    def wait_until_ready(self):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log_path.read_text()
            try:
                if requests.get(f"{self.url}/socket.io/?EIO=4&transport=polling", timeout=1).ok:
                    return
            except requests.ConnectionError:
                time.sleep(0.05)  # polling for the server to listen, not an assertion
        raise AssertionError("the server did not start:\n" + self.log_path.read_text())

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def kill_group(self):
        """End the process and everything it started, whether or not it passed signals on."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
