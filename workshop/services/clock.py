"""The app's clock: the current time in UTC, settable through the CLOCK setting (tests)."""

from datetime import datetime

from flask import current_app

from workshop.models.base import utcnow


def now() -> datetime:
    """Now, from the app's CLOCK (a function returning an aware datetime) if one is set."""
    clock = current_app.config.get("CLOCK")
    return clock() if clock is not None else utcnow()
