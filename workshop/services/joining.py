"""Joining a workshop: the join code, its rate limit, placing participants in groups, the roster."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import cast

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import Table, bindparam, func, insert, select
from sqlalchemy.orm.attributes import set_committed_value

from workshop.extensions import db
from workshop.models import (
    Change,
    Conflict,
    Connection,
    DomainError,
    Group,
    NotFound,
    Participant,
    Question,
    RetiredJoinCode,
    Workshop,
)
from workshop.models.base import trimmed, utcnow
from workshop.models.group import PARTICIPANT_NAME_MAX, hash_participant_token
from workshop.models.note import allocate_seq
from workshop.models.workshop import JOIN_CODE_ALPHABET, JOIN_CODE_CHANGED
from workshop.services import assignments, attempts
from workshop.services.live import rolls_back
from workshop.services.notes import commit_keeping_loaded
from workshop.services.outline import numbered_outline, outline_with_questions
from workshop.services.prepared import Prepared, held_as_loaded, loaded
from workshop.services.workshops import join_code_retired, unused_join_code

# As long as the join_code column: anything longer cannot be a code.
JOIN_CODE_STORED_MAX = 16
# Wrong join codes are counted per browser and, with a higher ceiling, per client address (see
# services/attempts.py): a venue's whole room may share one address.
JOIN_BY_BROWSER = "join:browser"
JOIN_BY_ADDRESS = "join:address"
JOIN_LIMIT_KINDS = (JOIN_BY_BROWSER, JOIN_BY_ADDRESS)
PARTICIPANT_MOVED = "participant:moved"
# People type codes from a projector with spaces or dashes, in any case.
CODE_SEPARATORS = str.maketrans("", "", " \t\r\n-‐‑‒–—_.")

# How a participant came to be in their group (the API says so; pages explain "unlisted").
PLACED_BY_CHOICE = "chosen"
PLACED_BY_BALANCE = "balanced"
PLACED_BY_LIST = "listed"
PLACED_OFF_LIST = "unlisted"

# Built once and run on the driver's cursor: a join burst reads them at every join, and through
# the ORM each read cost more in SQLAlchemy's Python than in the database.
workshop_table = cast(Table, Workshop.__table__)
group_table = cast(Table, Group.__table__)
WORKSHOP_BY_CODE = Prepared(
    select(workshop_table).where(workshop_table.c.join_code == bindparam("code"))
)
GROUP_OF_WORKSHOP = Prepared(
    select(group_table).where(
        group_table.c.id == bindparam("group_id"),
        group_table.c.workshop_id == bindparam("workshop_id"),
    )
)
# The group with the fewest active participants, a tie broken at random: one row, counted by
# the database, instead of every group loaded and every group's participants counted apart.
ACTIVE_PER_GROUP = (
    select(Participant.group_id, func.count().label("active"))
    .where(Participant.workshop_id == bindparam("workshop_id"), Participant.removed_at.is_(None))
    .group_by(Participant.group_id)
    .subquery()
)
SMALLEST_GROUP = (
    select(Group)
    .outerjoin(ACTIVE_PER_GROUP, ACTIVE_PER_GROUP.c.group_id == Group.id)
    .where(Group.workshop_id == bindparam("workshop_id"))
    .order_by(func.coalesce(ACTIVE_PER_GROUP.c.active, 0), func.random())
    .limit(1)
)
# Built once and run on the driver's cursor: through the ORM's flush, writing the participant
# cost more than the rest of the join together.
PARTICIPANT_COLUMNS = (
    "workshop_id",
    "group_id",
    "display_name",
    "token_hash",
    "joined_at",
    "last_seen_at",
)
INSERT_PARTICIPANT = Prepared(
    insert(Participant)
    .values({name: bindparam(name) for name in PARTICIPANT_COLUMNS})
    .returning(Participant.id)
)


def normalise_join_code(raw: str | None) -> str:
    """The code as stored: separators dropped, upper case."""
    return (raw or "").translate(CODE_SEPARATORS).upper()


def wrong_code() -> NotFound:
    # One message for every wrong code, so guessing learns nothing about which codes exist.
    return NotFound("join_code_invalid", _l("This join code is not valid. Check it and try again."))


def join_code_replaced() -> DomainError:
    # Said plainly: the code was real (on a printed sheet, in an e-mail) and opens nothing now.
    return DomainError(
        "join_code_replaced",
        _l(
            "This join code has been replaced by a new one. Ask the facilitator for the new "
            "code, or look for it on the screen in the room."
        ),
        status=410,
    )


def workshop_closed() -> Conflict:
    return Conflict(
        "workshop_closed", _l("This workshop is closed. It no longer accepts participants.")
    )


def too_many_attempts(message: str) -> DomainError:
    return DomainError(
        "too_many_attempts",
        message,
        status=429,
        retry_after_seconds=int(attempts.ATTEMPT_WINDOW.total_seconds()),
    )


def too_many_join_attempts(limit: attempts.Limit) -> DomainError:
    if limit.kind == JOIN_BY_BROWSER:
        return too_many_attempts(
            _l("You have typed too many wrong join codes. Wait a minute and try again.")
        )
    return too_many_attempts(
        _l(
            "Too many wrong join codes have come from your network in the last minute. "
            "Wait a minute and try again."
        )
    )


def code_guess_limits(
    kinds: tuple[str, str], address: str, browser: str | None
) -> list[attempts.Limit]:
    """The limits on wrong codes (join or submission codes) for this browser and address."""
    config = current_app.config
    per_browser = config["JOIN_ATTEMPTS_PER_MINUTE"]
    per_address = config["JOIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE"]
    return attempts.guess_limits(kinds, address, browser, per_browser, per_address)


def refuse_if_limited(
    limits: list[attempts.Limit], error_for: Callable[[attempts.Limit], DomainError]
) -> None:
    """Refuse a browser or an address that has used up its wrong codes for the last minute.

    Checked before the code, so a right code is refused too until the minute is over: else the
    answer would tell a right guess from a wrong one.
    """
    exceeded = attempts.exceeded_limit(limits)
    if exceeded is not None:
        raise error_for(exceeded)


def looks_like_a_code(code: str) -> bool:
    return 0 < len(code) <= JOIN_CODE_STORED_MAX and all(c in JOIN_CODE_ALPHABET for c in code)


def find_workshop_by_code(
    raw_code: str | None, address: str, browser: str | None = None
) -> Workshop:
    """The workshop a join code opens, for a client at `address` (rate-limited on failures).

    browser: the browser's own key where the client has one (pages; not the API).
    """
    limits = code_guess_limits(JOIN_LIMIT_KINDS, address, browser)
    refuse_if_limited(limits, too_many_join_attempts)
    code = normalise_join_code(raw_code)
    workshop = None
    if looks_like_a_code(code):
        row = WORKSHOP_BY_CODE.first(db.session.connection(), {"code": code})
        workshop = loaded(db.session(), Workshop, row) if row else None
    if workshop is None and looks_like_a_code(code) and join_code_retired(code):
        # Not a guess: not counted, so a room scanning an old sheet can still type the new code.
        raise join_code_replaced()
    if workshop is None:
        attempts.record_failed_guess(limits)
        raise wrong_code()
    if not workshop.accepts_joining:
        raise workshop_closed()
    return workshop


@rolls_back
def renew_join_code(workshop: Workshop) -> Change:
    """A new join code (and link) for the workshop: the old one stops working at once.

    Whoever joined stays in: a participant's token, not the code, is what lets them write. The
    new code is a change in the feed (run it through services.live.write_live), so the room's
    screen and the facilitators' pages show it live; participants do not receive it.
    """
    db.session.add(RetiredJoinCode(code=workshop.join_code, workshop_id=workshop.id))
    workshop.join_code = unused_join_code()
    change = Change(
        workshop_id=workshop.id,
        seq=allocate_seq(workshop.id),
        kind=JOIN_CODE_CHANGED,
        group_id=None,
        payload={"join_code": workshop.join_code},
    )
    db.session.add(change)
    db.session.commit()
    return change


def join_workshop(
    workshop: Workshop, display_name: str | None = "", group_id: int | None = None
) -> tuple[Participant, str]:
    """Add a participant to the workshop and its group; returns it and its secret token."""
    if not workshop.accepts_joining:
        raise workshop_closed()
    name = clean_display_name(workshop, display_name)
    group = place_participant(workshop, name, group_id)
    token = Participant.new_token()
    participant = insert_participant(workshop, group, name, hash_participant_token(token))
    # The answer is made from the participant, its group and the workshop: kept as written,
    # not read again one by one (in a join burst those reads were a quarter of a join's work).
    commit_keeping_loaded()
    return participant, token


def insert_participant(workshop: Workshop, group: Group, name: str, token_hash: str) -> Participant:
    """Write the participant with one prebuilt statement; the session holds it as written."""
    now = utcnow()
    fields = {
        "workshop_id": workshop.id,
        "group_id": group.id,
        "display_name": name,
        "token_hash": token_hash,
        "joined_at": now,
        "last_seen_at": now,
    }
    written = INSERT_PARTICIPANT.first(db.session.connection(), fields)
    # Already in the database: the session takes it as loaded, with nothing left to flush.
    participant = held_as_loaded(
        db.session(), Participant, {"id": written.id, "removed_at": None, **fields}
    )
    set_committed_value(participant, "group", group)
    return participant


# The name other modules were told about in the shared interface list.
join = join_workshop


def clean_display_name(workshop: Workshop, display_name: str | None) -> str:
    """The name to store: required and limited, or empty when the workshop is fully anonymous."""
    if not workshop.asks_for_names:
        return ""
    # Judged as it will be stored: a name of control characters only is no name.
    name = trimmed(display_name or "")
    if not name:
        raise DomainError("name_required", _l("Please give your name."))
    if len(name) > PARTICIPANT_NAME_MAX:
        raise DomainError(
            "name_too_long",
            _l("A name can be at most %(max)d characters.", max=PARTICIPANT_NAME_MAX),
        )
    return name


def workshop_groups(workshop: Workshop) -> list[Group]:
    return list(
        db.session.scalars(
            select(Group).where(Group.workshop_id == workshop.id).order_by(Group.position, Group.id)
        )
    )


def place_participant(workshop: Workshop, name: str, group_id: int | None) -> Group:
    """The group a joining participant goes to, by the workshop's group mode."""
    if workshop.group_mode == "self_select":
        return chosen_group(workshop, group_id)
    if workshop.group_mode == "assigned":
        listed = assignments.assigned_group(workshop, name)
        if listed is not None:
            return listed
    return smallest_group(workshop)


def chosen_group(workshop: Workshop, group_id: int | None) -> Group:
    if group_id is not None:
        parameters = {"group_id": group_id, "workshop_id": workshop.id}
        chosen = GROUP_OF_WORKSHOP.first(db.session.connection(), parameters)
        if chosen is not None:  # one row, not every group of the workshop (a join burst's cost)
            return loaded(db.session(), Group, chosen)
    groups = workshop_groups(workshop)
    if not groups:
        raise no_groups()
    if group_id is None and len(groups) == 1:
        return groups[0]
    # The groups to choose from go with the refusal: the join code shows them on the join page,
    # and a client of its own has no other way to learn them.
    choices = [{"id": g.id, "name": g.name, "position": g.position} for g in groups]
    if group_id is None:
        raise DomainError("group_required", _l("Please choose a group."), groups=choices)
    raise DomainError(
        "group_not_found", _l("That group is not part of this workshop."), groups=choices
    )


def no_groups() -> Conflict:
    return Conflict(
        "no_groups",
        _l("The facilitator has not created any groups yet. Please try again shortly."),
    )


def smallest_group(workshop: Workshop) -> Group:
    """The group with the fewest active participants; a tie is broken at random."""
    group = db.session.scalar(SMALLEST_GROUP, {"workshop_id": workshop.id})
    if group is None:
        raise no_groups()
    return group


def placement_of(workshop: Workshop, participant: Participant) -> str:
    """Why the participant is in their group: chosen, balanced, listed or unlisted."""
    if workshop.group_mode == "self_select":
        return PLACED_BY_CHOICE
    if workshop.group_mode == "assigned":
        listed = assignments.assigned_group(workshop, participant.display_name)
        return PLACED_BY_LIST if listed is not None else PLACED_OFF_LIST
    return PLACED_BY_BALANCE


def participant_not_found() -> NotFound:
    return NotFound("participant_not_found", _l("There is no such participant."))


def find_participant(workshop: Workshop, participant_id: int) -> Participant:
    """An active participant of this workshop, or 404."""
    participant = db.session.get(Participant, participant_id)
    if participant is None or participant.workshop_id != workshop.id or not participant.is_active:
        raise participant_not_found()
    return participant


def workshop_of_participant(facilitator, participant_id: int) -> Workshop:
    """The workshop of an active participant, if this facilitator runs it; otherwise 404."""
    participant = db.session.get(Participant, participant_id)
    if participant is None or not participant.is_active:
        raise participant_not_found()
    workshop = participant_workshop(participant)
    if not workshop.can_be_run_by(facilitator):
        raise participant_not_found()
    return workshop


def participant_workshop(participant: Participant) -> Workshop:
    return db.session.get_one(Workshop, participant.workshop_id)


def outline_for_participant(participant: Participant) -> list[dict]:
    """The numbered outline cut down to the questions the participant's group works on."""
    group = participant.group
    if group is None:
        return []
    workshop = participant_workshop(participant)
    questions = db.session.scalars(select(Question).where(Question.workshop_id == workshop.id))
    kept = {question.id for question in questions if group.works_on(question)}
    return outline_with_questions(numbered_outline(workshop), kept)


@dataclass
class Moved:
    """A participant put in another group, and the change that tells their pages (None when
    they were in that group already)."""

    participant: Participant
    change: Change | None

    @property
    def new_changes(self) -> tuple[Change, ...]:
        return (self.change,) if self.change else ()


@rolls_back
def move_participant(workshop: Workshop, participant_id: int, group_id: int | None) -> Moved:
    """Put a participant in another group of the same workshop, and record it in the change
    feed: their open pages follow (run it through services.live.write_live)."""
    participant = find_participant(workshop, participant_id)
    group = db.session.get(Group, group_id) if group_id is not None else None
    if group is None or group.workshop_id != workshop.id:
        raise DomainError("group_not_found", _l("That group is not part of this workshop."))
    if participant.group_id == group.id:
        return Moved(participant, None)
    participant.group_id = group.id
    # For everyone (group_id None): the participant's sockets are still in the old group's room
    # until their next event, and a catch-up by the new group's reads it too.
    change = Change(
        workshop_id=workshop.id,
        seq=allocate_seq(workshop.id),
        kind=PARTICIPANT_MOVED,
        group_id=None,
        payload={"participant_id": participant.id, "group_id": group.id},
    )
    db.session.add(change)
    db.session.commit()
    return Moved(participant, change)


def remove_participant(workshop: Workshop, participant_id: int) -> Participant:
    """Take a participant out of the workshop; their token stops working at once."""
    participant = find_participant(workshop, participant_id)
    participant.removed_at = utcnow()
    db.session.commit()
    return participant


@dataclass
class Member:
    """A participant as the facilitator's roster shows them."""

    participant: Participant
    online: bool

    @property
    def last_seen_at(self) -> datetime:
        return self.participant.last_seen_at


@dataclass
class GroupRoster:
    """One group (None: participants whose group was deleted) and who is in it."""

    group: Group | None
    members: list[Member]


def online_participant_ids(workshop_id: int) -> set[int]:
    rows = db.session.scalars(
        select(Connection.participant_id).where(
            Connection.workshop_id == workshop_id, Connection.participant_id.is_not(None)
        )
    )
    return {participant_id for participant_id in rows if participant_id is not None}


def participants_by_group(workshop: Workshop) -> list[GroupRoster]:
    """Every group in order with its active participants, and whether each is online."""
    online = online_participant_ids(workshop.id)
    participants = db.session.scalars(
        select(Participant)
        .where(Participant.workshop_id == workshop.id, Participant.removed_at.is_(None))
        .order_by(Participant.joined_at, Participant.id)
    ).all()
    by_group: dict[int | None, list[Member]] = {}
    for participant in participants:
        member = Member(participant, participant.id in online)
        by_group.setdefault(participant.group_id, []).append(member)
    rosters = [GroupRoster(g, by_group.get(g.id, [])) for g in workshop_groups(workshop)]
    if by_group.get(None):
        rosters.append(GroupRoster(None, by_group[None]))
    return rosters
