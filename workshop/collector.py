"""Keeping the garbage collector's full passes off a serving process's hot path (GC_FREEZE)."""

from __future__ import annotations

import gc

from flask import Flask

# Pages nearly every visitor loads first: rendering them once builds their templates, URL maps
# and language catalogs before the heap is frozen, so those stay out of every later full pass.
WARM_UP_PATHS = ("/", "/login")
# Set on an app whose serving process froze its heap: connections' objects are frozen as well.
COLLECTOR_SETTLED = "workshop.collector_settled"


def settle_collector(app: Flask) -> str:
    """Warm the app up, freeze what start-up built and raise the collector's thresholds.

    A full (generation 2) collection walks every tracked object: over the few hundred thousand
    a started app holds (SQLAlchemy, Flask, Babel, the app's own modules) it takes a noticeable
    fraction of a second, and every message sent meanwhile waits. Frozen objects are never
    walked again; they are still freed by reference counting when they go. Returns what was
    done, in one line for the server's log.
    """
    if not app.config["GC_FREEZE"]:
        return "Collector: Python's defaults (GC_FREEZE is off)"
    warm_up(app)
    gc.collect()  # whatever start-up left as garbage goes first, not into the frozen heap
    gc.freeze()
    thresholds = tuple(app.config["GC_THRESHOLDS"])
    gc.set_threshold(*thresholds)
    app.extensions[COLLECTOR_SETTLED] = True  # later connects are frozen too (realtime.heap)
    return (
        f"Collector: {gc.get_freeze_count()} start-up objects frozen, "
        f"thresholds {','.join(str(value) for value in thresholds)}"
    )


def warm_up(app: Flask) -> None:
    """Render the first pages once inside the process (a failure only costs the warm-up)."""
    # An app context of its own: its database session ends with it, and holds nothing (on
    # SQLite, an open transaction could block the server's first requests).
    with app.app_context(), app.test_client() as client:
        for path in WARM_UP_PATHS:
            try:
                client.get(path)
            except Exception:  # a database not reachable yet must not stop the server starting
                app.logger.warning("Warm-up request %s failed", path, exc_info=True)


def refreeze(full: bool) -> None:
    """Collect what is not frozen, then freeze what survived (the connections' objects too).

    Full: unfreeze everything first, so that cycles among frozen objects that have become
    garbage since (a disconnected socket's, say) are freed too; that pass walks the whole heap.
    """
    if full:
        gc.unfreeze()
    gc.collect()
    gc.freeze()
