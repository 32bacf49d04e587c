"""The coordinator's side of the worker processes: start them, send commands, collect answers."""

from __future__ import annotations

import contextlib
import multiprocessing
import time

from bench.clients import worker_main


class WorkerPool:
    """A few worker processes, so that the clients do not share one core with each other."""

    def __init__(self, count: int):
        context = multiprocessing.get_context("spawn")
        self.pipes = []
        self.processes = []
        for _ in range(count):
            parent, child = context.Pipe()
            process = context.Process(target=worker_main, args=(child,), daemon=True)
            process.start()
            self.pipes.append(parent)
            self.processes.append(process)

    def __len__(self) -> int:
        return len(self.pipes)

    def request(self, command: str, arguments: list[dict], timeout: float) -> list:
        """Send each worker its arguments and wait for every answer, at most `timeout` seconds."""
        for pipe, worker_arguments in zip(self.pipes, arguments, strict=True):
            pipe.send((command, worker_arguments))
        deadline = time.monotonic() + timeout
        answers = []
        for pipe in self.pipes:
            if not pipe.poll(max(0.0, deadline - time.monotonic())):
                raise TimeoutError(f"a worker did not answer {command!r} within {timeout:.0f} s")
            answers.append(pipe.recv())
        return answers

    def close(self) -> None:
        with contextlib.suppress(TimeoutError, OSError, EOFError):
            self.request("stop", [{} for _ in self.pipes], timeout=30)
        for process in self.processes:
            process.join(timeout=5)
            if process.is_alive():
                process.kill()
                process.join(timeout=5)
