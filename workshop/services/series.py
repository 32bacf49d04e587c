"""Series (network groups): create, list, edit, delete, coordinators and the standing items."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select

from workshop.extensions import db
from workshop.i18n import force_language
from workshop.models import Conflict, Facilitator, Forbidden, NotFound, Series, StandingItem
from workshop.models.meeting import (
    DURATION_MAX_MINUTES,
    ITEM_DESCRIPTION_MAX,
    ITEM_TITLE_MAX,
    PRESENTER_MAX,
)
from workshop.models.series import (
    DESCRIPTION_MAX,
    LINK_MAX,
    PLACE_MAX,
    RHYTHM_WEEKS_MAX,
    RHYTHM_WEEKS_MIN,
    SERIES_NAME_MAX,
    series_coordinators,
)
from workshop.models.workshop import MEETING_LANGUAGES
from workshop.services.accounts import facilitator_to_invite
from workshop.services.field_rules import Rule, clean_fields, invalid_field, require_fields

MAX_COORDINATORS = 50
MAX_STANDING_ITEMS = 20

SERIES_RULES = {
    "name": Rule(max=SERIES_NAME_MAX, required=True),
    "description": Rule(max=DESCRIPTION_MAX),
    "language": Rule(kind="choice", choices=MEETING_LANGUAGES),
    "rhythm_weeks": Rule(kind="int", min=RHYTHM_WEEKS_MIN, max=RHYTHM_WEEKS_MAX, required=False),
    "default_start_time": Rule(kind="time"),
    "default_end_time": Rule(kind="time"),
    "default_place": Rule(max=PLACE_MAX),
    "default_online_link": Rule(kind="link", max=LINK_MAX),
}
STANDING_ITEM_RULES = {
    "title": Rule(max=ITEM_TITLE_MAX, required=True),
    "presenter": Rule(max=PRESENTER_MAX),
    "duration_minutes": Rule(kind="int", min=0, max=DURATION_MAX_MINUTES),
    "description": Rule(max=ITEM_DESCRIPTION_MAX),
    "at_end": Rule(kind="flag"),
}
# The template a new series starts with: (title, at the end of the agenda), in its language.
DEFAULT_STANDING_ITEMS = (
    (_l("Approval of the agenda"), False),
    (_l("Approval of the minutes of the last meeting"), False),
    (_l("Reports from the departments"), False),
    (_l("Any other business"), True),
    (_l("Next meetings"), True),
)


def series_not_found() -> NotFound:
    return NotFound("series_not_found", _l("There is no such network group."))


def list_series(facilitator: Facilitator) -> list[Series]:
    """The series this facilitator owns or coordinates, by name."""
    coordinated = select(series_coordinators.c.series_id).where(
        series_coordinators.c.facilitator_id == facilitator.id
    )
    statement = (
        select(Series)
        .where(or_(Series.owner_id == facilitator.id, Series.id.in_(coordinated)))
        .order_by(Series.name, Series.id)
    )
    return list(db.session.scalars(statement))


def get_series_for(facilitator, series_id: int) -> Series:
    """The series if this facilitator runs it; otherwise 404, so nothing leaks."""
    series = db.session.get(Series, series_id)
    if series is None or not series.can_be_run_by(facilitator):
        raise series_not_found()
    return series


def create_series(owner: Facilitator, fields: dict) -> Series:
    """A new series, with the default standing items in its language."""
    cleaned = clean_fields(fields, SERIES_RULES)
    require_fields(cleaned, SERIES_RULES)
    if cleaned.get("rhythm_weeks") is None:
        cleaned.pop("rhythm_weeks", None)
    series = Series(owner_id=owner.id, **cleaned)
    series.standing_items = default_standing_items(series.language or "en")
    db.session.add(series)
    db.session.commit()
    return series


def default_standing_items(language: str) -> list[StandingItem]:
    with force_language(language):
        return [
            StandingItem(title=str(title), at_end=at_end, position=position)
            for position, (title, at_end) in enumerate(DEFAULT_STANDING_ITEMS)
        ]


def update_series(series: Series, fields: dict) -> Series:
    cleaned = clean_fields(fields, SERIES_RULES)
    if cleaned.get("rhythm_weeks", 0) is None:
        raise invalid_field("rhythm_weeks", _l("This field is required."))
    for name, value in cleaned.items():
        setattr(series, name, value)
    db.session.commit()
    return series


def delete_series(series: Series, acting: Facilitator) -> None:
    """Delete a series with its members and meetings; only its owner may."""
    require_series_owner(series, acting)
    db.session.delete(series)
    db.session.commit()


def require_series_owner(series: Series, facilitator: Facilitator) -> None:
    if facilitator is None or series.owner_id != facilitator.id:
        raise Forbidden(
            "owner_only",
            _l("Only the network group's owner may delete it or change who coordinates it."),
        )


# --- coordinators ---


def add_coordinator(series: Series, acting: Facilitator, email: str) -> Facilitator:
    """Let another facilitator (found by email) coordinate the series; only the owner may."""
    require_series_owner(series, acting)
    facilitator = facilitator_to_invite(email)
    if facilitator.id == series.owner_id or facilitator in series.coordinators:
        raise Conflict(
            "already_coordinator", _l("They already coordinate this network group."), field="email"
        )
    if len(series.coordinators) >= MAX_COORDINATORS:
        raise Conflict(
            "too_many_coordinators",
            _l("A network group can have at most %(max)d coordinators.", max=MAX_COORDINATORS),
        )
    series.coordinators.append(facilitator)
    db.session.commit()
    return facilitator


def remove_coordinator(series: Series, acting: Facilitator, facilitator_id: int) -> None:
    require_series_owner(series, acting)
    facilitator = next((f for f in series.coordinators if f.id == facilitator_id), None)
    if facilitator is None:
        raise NotFound("coordinator_not_found", _l("This facilitator is not a coordinator here."))
    series.coordinators.remove(facilitator)
    db.session.commit()


# --- the standing items (the template every meeting's agenda starts with) ---


def replace_standing_items(series: Series, items: list[dict]) -> list[StandingItem]:
    """Set the series' standing items, in the order given (meetings already planned keep theirs)."""
    if not isinstance(items, list) or len(items) > MAX_STANDING_ITEMS:
        raise invalid_field(
            "standing_items",
            _l("A network group can have at most %(max)d standing items.", max=MAX_STANDING_ITEMS),
        )
    new_items = []
    for position, fields in enumerate(items):
        cleaned = clean_fields(fields, STANDING_ITEM_RULES)
        require_fields(cleaned, STANDING_ITEM_RULES)
        new_items.append(StandingItem(position=position, **cleaned))
    series.standing_items = new_items
    db.session.commit()
    return series.standing_items
