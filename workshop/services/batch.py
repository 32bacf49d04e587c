"""Group commit: the writes that reach one workshop together are committed in one transaction.

A writer queues its work for the workshop. If no batch is being written, it leads: once it is
the workshop's turn to commit, it takes everything queued (up to MAX_BATCH), wakes the first
writer left waiting to lead the next batch, writes its batch in one transaction and hands each
writer its own outcome. The next leader waits for its turn, so writes that arrive while a batch
commits gather in the next one, however many they are: a burst becomes a few dozen commits, a
lone write is not delayed at all. Works under threads and under gevent (its
monkey-patched locks and events).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from flask import current_app

Work = TypeVar("Work")
Outcome = TypeVar("Outcome")

QUEUES = "workshop.batch_queues"
# Big enough to absorb a burst in a few dozen commits, small enough for a short transaction.
MAX_BATCH = 64

# A batch writer: the works in order → an outcome (a result or an exception) for each.
BatchWriter = Callable[[Sequence[Work]], list[Outcome | Exception]]
Turn = Callable[[], AbstractContextManager]


class Ticket(Generic[Work, Outcome]):
    """One queued write: woken when its outcome is known, or when it is its turn to lead."""

    __slots__ = ("finished", "outcome", "wake", "work")

    def __init__(self, work: Work) -> None:
        self.work = work
        self.outcome: Outcome | Exception | None = None
        self.finished = False
        self.wake = threading.Event()

    def finish(self, outcome: Outcome | Exception) -> None:
        self.outcome = outcome
        self.finished = True
        self.wake.set()


@dataclass
class Queue:
    """A workshop's writes waiting for a batch; `busy` while some writer leads one."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    waiting: list[Ticket] = field(default_factory=list)
    busy: bool = False


def queue_of(key: object) -> Queue:
    # Kept on the app (not in a module global); dict.setdefault is atomic, so none is lost.
    queues = current_app.extensions.setdefault(QUEUES, {})
    return queues.get(key) or queues.setdefault(key, Queue())


def submit(key: object, work: Work, write_batch: BatchWriter, turn: Turn) -> Any:
    """Write `work` in the next batch for `key`; its own result, or its own error raised.

    `turn()` is held around taking and writing a batch (live.in_order: the commit order of the
    workshop, and the publishing after it), so the next batch gathers while this one commits.
    """
    queue = queue_of(key)
    ticket: Ticket = Ticket(work)
    with queue.lock:
        queue.waiting.append(ticket)
        leads = not queue.busy
        queue.busy = True
    if not leads:
        ticket.wake.wait()
    if not ticket.finished:  # leads this batch, or woken to lead the next (which holds it)
        lead(queue, write_batch, turn, in_a_run=not leads)
    if isinstance(ticket.outcome, Exception):
        raise ticket.outcome
    return ticket.outcome


def lead(queue: Queue, write_batch: BatchWriter, turn: Turn, in_a_run: bool) -> None:
    """Write one batch and give every writer in it its outcome. `in_a_run`: this batch follows
    one that was being written when its first writer came (the workshop is busy)."""
    batch: list[Ticket] = []
    try:
        with turn():
            batch = take_batch(queue, in_a_run)
            outcomes = written(batch, write_batch)
    except Exception as error:  # not written, or not published: each writer hears it
        outcomes = [error] * len(batch)
    for ticket, outcome in zip(batch, outcomes, strict=True):
        ticket.finish(outcome)


def take_batch(queue: Queue, in_a_run: bool) -> list[Ticket]:
    """What waits now is this batch; the first writer after it leads the next one."""
    if in_a_run:
        # Let the writers that are ready run up to their submit first: under gevent with a
        # blocking database driver nobody else runs while a batch commits, so without this
        # pause a burst would gather only what arrived during the last batch's publish. A write
        # that finds the workshop idle (notes typed in a room come tens of milliseconds apart)
        # does not pause: the pause lets every other ready connection run first.
        time.sleep(0)
    with queue.lock:
        batch = queue.waiting[:MAX_BATCH]
        del queue.waiting[:MAX_BATCH]
        queue.busy = bool(queue.waiting)
        if queue.busy:
            # It waits for this batch's turn to end, gathering whatever arrives meanwhile.
            queue.waiting[0].wake.set()
    return batch


def written(batch: list[Ticket], write_batch: BatchWriter) -> list:
    """The batch's outcomes; if the batch fails as a whole, each write is tried on its own.

    A refused write (stale, locked, …) is an outcome, not a failure; a failure is what the
    database refused unexpectedly, and it must not take the others with it.
    """
    works = [ticket.work for ticket in batch]
    try:
        return write_batch(works)
    except Exception:
        if len(works) == 1:
            raise
    return [alone(work, write_batch) for work in works]


def alone(work, write_batch: BatchWriter):
    try:
        return write_batch([work])[0]
    except Exception as error:
        return error
