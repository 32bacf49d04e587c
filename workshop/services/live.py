"""The one entry point for a live change: write and commit it, then publish it, in seq order.

Every caller of every live change (notes, status, steps, timers, locks, broadcasts, …) runs its
service through `write_live`. Services stay free of sockets: the realtime layer installs the
publisher (the function that broadcasts one committed Change) on the app at creation, and this
module hands each new change to it after the commit.

Order: allocating a seq and committing are atomic (the workshop row's UPDATE serialises writers
in every process until they commit). No lock is held across the network: within a process, a
workshop's writers commit one at a time and hand over to publishing in the same order (see
Sequencer), so clients rarely see a reorder; across processes the client's gap rule (prev_seq and
changes:since) restores the order.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import wraps
from typing import Protocol, TypeVar

from flask import current_app, g

from workshop.extensions import db
from workshop.models import Change, Workshop

PUBLISHER = "workshop.live_publisher"
SEQUENCERS = "workshop.live_sequencers"
NAMES_VISIBLE = "live_names_visible"  # on g: workshop id → names visible to peers

Result = TypeVar("Result")


class HasNewChanges(Protocol):
    """A service's result that knows which of its changes are new (and so to be published)."""

    @property
    def new_changes(self) -> tuple[Change, ...]: ...


def rolls_back(service: Callable[..., Result]) -> Callable[..., Result]:
    """A refused write leaves nothing behind: no half-written row, no seq, no lock held."""

    @wraps(service)
    def wrapper(*args, **kwargs):
        try:
            return service(*args, **kwargs)
        except Exception:
            db.session.rollback()
            raise

    return wrapper


def install_publisher(app, publish: Callable[[Change], None]) -> None:
    """Called once by the realtime layer in create_app: how a committed change is broadcast."""
    app.extensions[PUBLISHER] = publish


def publish(change: Change) -> None:
    publisher = current_app.extensions.get(PUBLISHER)
    if publisher is not None:
        publisher(change)


def new_changes_of(result) -> tuple[Change, ...]:
    """The changes a service's result asks to publish: a Change, a HasNewChanges, or nothing
    (None, or a result that queued its change itself with publish_when_done)."""
    if isinstance(result, Change):
        return (result,)
    return tuple(getattr(result, "new_changes", ()))


def publish_when_done(change: Change) -> None:
    """Publish a committed change whose service returns something else (an outline edit returns
    the section): when the write_live or in_order it runs under ends, in order; outside one (the
    command line, a workshop's creation), at once."""
    held = g.get("live_order_held", {})
    if change.workshop_id in held:
        held[change.workshop_id].append(change)
    else:
        publish(change)


def write_live(workshop_id: int, write: Callable[[], Result]) -> Result:
    """Run `write` (a service that commits), then publish its new changes, in seq order.

    A repeated write (same client id) publishes nothing: its result has no new changes.
    """
    with in_order(workshop_id):
        result = write()
        to_publish(workshop_id).extend(new_changes_of(result))
        return result


def writing(workshop_id: int, service: Callable[..., Result]) -> Callable[..., Result]:
    """`service`, to be called through write_live: `writing(workshop.id, add_section)(…)`."""

    def write(*args, **kwargs) -> Result:
        return write_live(workshop_id, lambda: service(*args, **kwargs))

    return write


@dataclass
class Sequencer:
    """One workshop's order in this process: one writer commits at a time, and publishes in turn.

    A writer holds `committing` through write and commit, takes `publishing` before letting the
    next writer commit, and publishes after: the next writer's commit overlaps this publish, yet
    the publishes go out in commit (= seq) order.
    """

    committing: threading.Lock = field(default_factory=threading.Lock)
    publishing: threading.Lock = field(default_factory=threading.Lock)


def sequencer(workshop_id: int) -> Sequencer:
    # Kept on the app (not in a module global); dict.setdefault is atomic, so none is lost.
    sequencers = current_app.extensions.setdefault(SEQUENCERS, {})
    return sequencers.get(workshop_id) or sequencers.setdefault(workshop_id, Sequencer())


def to_publish(workshop_id: int) -> list[Change]:
    """The changes committed under the current in_order, published when it ends."""
    return g.live_order_held[workshop_id]


@contextmanager
def in_order(workshop_id: int) -> Iterator[None]:
    """Hold around "write, commit": the changes queued by to_publish go out after, in order.

    Re-entrant within one request or socket event: a socket write takes it early (to re-read
    the person in the write's transaction) and its write_live then runs inside it.
    """
    held: dict[int, list[Change]] = g.setdefault("live_order_held", {})
    if workshop_id in held:
        yield
        return
    # Never wait for the lock inside a transaction: on SQLite every transaction holds the
    # database's write lock (BEGIN IMMEDIATE), and the lock's holder may be waiting for it.
    end_transaction(db.session.commit)
    order = sequencer(workshop_id)
    changes: list[Change] = []
    publishing = False
    try:
        with order.committing:
            held[workshop_id] = changes
            try:
                yield
            finally:
                del held[workshop_id]
                end_transaction(db.session.rollback)
                order.publishing.acquire()  # before the next writer may commit: keeps the order
                publishing = True
    finally:
        if publishing:
            publish_in_turn(order, changes)
        g.pop(NAMES_VISIBLE, None)  # known for this round only: a later write may change it


def publish_in_turn(order: Sequencer, changes: list[Change]) -> None:
    """Publish what was committed (also if the caller failed after its commit), in order."""
    try:
        for change in changes:
            publish(change)
    finally:
        order.publishing.release()
        # End the publisher's reads (on SQLite they hold the write lock).
        end_transaction(db.session.rollback)


def end_transaction(end: Callable[[], None]) -> None:
    """Commit or roll back the session's transaction, if it has one (the session's own way
    costs as much again when there is none: it begins one to end it). A write that used no
    session (the note batch's kept connection) is not given one just to find it idle."""
    registry = db.session.registry  # the scoped session does not proxy in_transaction
    if registry.has() and registry().in_transaction():
        end()


def names_visible_to_peers(workshop_id: int) -> bool:
    """Whether the workshop shows authors' names to peers, for the publisher of its changes.

    A writer that read it in its own transaction says so (knows_names_visible), sparing the
    publisher a transaction of its own; otherwise the workshop is asked (usually still loaded).
    """
    known = g.setdefault(NAMES_VISIBLE, {})
    if workshop_id not in known:
        known[workshop_id] = db.session.get_one(Workshop, workshop_id).names_visible_to_peers
    return known[workshop_id]


def knows_names_visible(workshop_id: int, visible: bool) -> None:
    g.setdefault(NAMES_VISIBLE, {})[workshop_id] = visible
