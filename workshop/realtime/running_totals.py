"""A vote's totals, coalesced: at most one dots:changed (or dots:counted) per workshop each
TALLY_UPDATE_SECONDS, with the totals of then (services/votes.py says why).

The change is written, committed and broadcast through the one entry point (services.live), so
it carries its seq and changes:since returns it like any other. The totals are counted from the
database, so the change is right whichever process's dots it follows.
"""

from __future__ import annotations

from functools import partial

from flask import Flask

from workshop.realtime import coalesced
from workshop.services import live, votes

RUNNING_TOTALS = "workshop.running_totals"


def install(app: Flask) -> None:
    votes.install_totals_scheduler(app, lambda workshop_id, vote_id: due(app, workshop_id, vote_id))


def due(app: Flask, workshop_id: int, vote_id: int) -> None:
    """A dot was counted: everyone's totals follow within TALLY_UPDATE_SECONDS."""
    seconds = app.config["TALLY_UPDATE_SECONDS"]
    coalesced.run_soon(app, RUNNING_TOTALS, seconds, workshop_id, vote_id, send_totals)


def send_totals(_server, workshop_id: int, vote_ids: set[int]) -> None:
    for vote_id in sorted(vote_ids):
        live.write_live(workshop_id, partial(votes.record_totals, workshop_id, vote_id))


def stop_running_totals(app: Flask) -> None:
    """Send no more totals, waiting for a sending under way (at shutdown, before the tables go)."""
    coalesced.stop(app, RUNNING_TOTALS)
