"""Dot-voting: open, close, reveal and reopen a vote; place and take back dots.

Every write takes the workshop's next seq first — which serialises the workshop's writers until
the commit — so that budget and cap are checked against every dot already committed, however
many participants vote at once. A repeated client id returns the first result and counts
nothing twice. No change in the feed names who placed a dot.

Each dot that changes something is one vote:dot change, for the facilitators, naming nobody. The
totals follow coalesced (install_totals_scheduler): one dots:changed (or dots:counted) for every
dot within TALLY_UPDATE_SECONDS. Counted per dot, the totals cost a count of every dot of the
vote at each dot, and a room of a thousand voting at once would send every participant a tally
per dot: a thousand messages for each dot.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from workshop.extensions import db
from workshop.models import (
    Change,
    Conflict,
    DomainError,
    Dot,
    NotFound,
    Participant,
    Vote,
    VotePoint,
    Workshop,
)
from workshop.models.note import allocate_seq
from workshop.models.plenary import (
    DOTS_CHANGED,
    DOTS_COUNTED,
    VOTE_CHANGED,
    VOTE_DOT,
    VOTE_POINTS_MAX,
)
from workshop.services import clock
from workshop.services.live import rolls_back
from workshop.services.notes import commit_keeping_loaded
from workshop.services.plenary_points import points_of, scoped_question_ids
from workshop.services.plenary_state import counted_dots, current_vote, my_dots, tally, vote_dict
from workshop.services.room import record
from workshop.services.room_state import plan_for, timer_dict


@dataclass(frozen=True)
class VoteSettings:
    source: str = "curated"
    scope: str = "all"
    target_id: int | None = None
    dots_per_participant: int = 5
    max_per_point: int = 3
    show_totals: bool = False
    timer: bool = False


@dataclass(frozen=True)
class DotResult:
    """A dot write's answer: its seq, the dot, the participant's own dots; the change if new."""

    seq: int
    dot: dict
    mine: dict
    change: Change | None = None

    @property
    def new_changes(self) -> tuple[Change, ...]:
        return (self.change,) if self.change is not None else ()


# --- the vote ---


def vote_points(workshop: Workshop, settings: VoteSettings) -> list[VotePoint]:
    question_ids = scoped_question_ids(workshop, settings.scope, settings.target_id)
    points = points_of(workshop, settings.source, question_ids)
    if not points:
        raise Conflict("vote_no_points", _l("These questions have no points to vote on yet."))
    if len(points) > VOTE_POINTS_MAX:
        raise Conflict(
            "vote_too_many_points",
            _l("A vote can be on at most %(max)d points.", max=VOTE_POINTS_MAX),
            max=VOTE_POINTS_MAX,
        )
    return [
        VotePoint(
            position=position,
            question_id=point["question_id"],
            group_id=point["group_id"],
            annex_point_id=point.get("annex_point_id"),
            note_id=None if settings.source == "curated" else point["id"],
            text=point["text"],
        )
        for position, point in enumerate(points, start=1)
    ]


def check_settings(settings: VoteSettings) -> None:
    if settings.max_per_point > settings.dots_per_participant:
        raise DomainError(
            "invalid_input",
            _l("The most dots on one point cannot be more than the dots per participant."),
            field="max_per_point",
        )


@rolls_back
def open_vote(workshop: Workshop, settings: VoteSettings) -> Change:
    """Open a new vote on the points of the chosen questions (only one vote is open at once)."""
    check_settings(settings)
    points = vote_points(workshop, settings)  # before the seq: compiling the annex may commit
    seq = allocate_seq(workshop.id)
    current = current_vote(workshop)
    if current is not None and current.status == "open":
        raise Conflict("vote_already_open", _l("The vote is already open."))
    vote = Vote(
        workshop_id=workshop.id,
        source=settings.source,
        scope=settings.scope,
        target_id=None if settings.scope == "all" else settings.target_id,
        dots_per_participant=settings.dots_per_participant,
        max_per_point=settings.max_per_point,
        show_totals=settings.show_totals,
        timer=settings.timer,
        opened_at=clock.now(),
        points=points,
    )
    db.session.add(vote)
    payload: dict = {}
    if settings.timer:
        payload["timer"] = start_step_timer(workshop)
    db.session.flush()
    return record(workshop, seq, VOTE_CHANGED, {"vote": vote_dict(vote, workshop), **payload})


def start_step_timer(workshop: Workshop) -> dict:
    """The vote's timer is the current step's: start it for the step's duration."""
    plan = plan_for(workshop)
    step = plan.current_step
    if step is None or not step.duration_minutes:
        raise Conflict("no_duration", _l("The current step has no duration for a timer."))
    plan.start_timer(step.duration_minutes * 60_000, clock.now())
    return timer_dict(plan)


def the_vote(workshop: Workshop) -> Vote:
    vote = current_vote(workshop)
    if vote is None:
        raise NotFound("vote_not_found", _l("There is no vote in this workshop."))
    return vote


def change_vote(workshop: Workshop, move) -> Change:
    seq = allocate_seq(workshop.id)
    vote = the_vote(workshop)
    move(vote)
    db.session.flush()
    return record(workshop, seq, VOTE_CHANGED, {"vote": vote_dict(vote, workshop)})


@rolls_back
def close_vote(workshop: Workshop) -> Change:
    return change_vote(workshop, lambda vote: vote.close(clock.now()))


@rolls_back
def reveal_vote(workshop: Workshop) -> Change:
    return change_vote(workshop, lambda vote: vote.reveal(clock.now()))


@rolls_back
def reopen_vote(workshop: Workshop) -> Change:
    return change_vote(workshop, lambda vote: vote.reopen())


# --- dots ---


def dot_dict(dot: Dot) -> dict:
    return {
        "id": dot.id,
        "point_id": dot.point_id,
        "vote_id": dot.vote_id,
        "removed": dot.removed_at is not None,
    }


TOTALS_SCHEDULER = "workshop.totals_scheduler"


def install_totals_scheduler(app, schedule: Callable[[int, int], None]) -> None:
    """Called once by the realtime layer in create_app: how a vote's totals follow its dots,
    `schedule(workshop_id, vote_id)` (coalesced, then written by record_totals)."""
    app.extensions[TOTALS_SCHEDULER] = schedule


def tally_payload(workshop: Workshop, vote: Vote) -> dict:
    return {
        "vote_id": vote.id,
        "status": vote.status,
        "show_totals": vote.show_totals,
        **tally(vote, workshop),
    }


def commit_dot(answer: DotResult, workshop_id: int, vote_id: int, seq: int) -> DotResult:
    """Commit a dot placed or taken back, with its vote:dot change; the totals follow
    (record_totals). `answer` was made in the transaction, which holds the write lock."""
    change = Change(workshop_id=workshop_id, seq=seq, kind=VOTE_DOT, payload={"vote_id": vote_id})
    db.session.add(change)
    # The change is broadcast right after: kept as written, not read again after the commit.
    commit_keeping_loaded()
    schedule = current_app.extensions.get(TOTALS_SCHEDULER)
    if schedule is not None:
        schedule(workshop_id, vote_id)
    return replace(answer, change=change)


@rolls_back
def record_totals(workshop_id: int, vote_id: int) -> Change | None:
    """The vote's totals now, one change for the dots since the last: dots:changed for everyone
    when the vote shows running totals, else dots:counted for the facilitators."""
    vote = db.session.get(Vote, vote_id)
    if vote is None or vote.workshop_id != workshop_id:
        return None  # deleted meanwhile: nobody is left to tell
    seq = allocate_seq(workshop_id)
    db.session.refresh(vote)  # as the seq's lock has it: every dot committed before is counted
    workshop = db.session.get_one(Workshop, workshop_id)
    kind = DOTS_CHANGED if vote.show_totals else DOTS_COUNTED
    return record(workshop, seq, kind, tally_payload(workshop, vote))


def own_dot(workshop: Workshop, participant: Participant, dot_id: str) -> Dot | None:
    """A dot with this client id, if any; another person's id is refused (not revealed)."""
    dot = db.session.get(Dot, dot_id, populate_existing=True)
    if dot is None:
        return None
    vote = db.session.get(Vote, dot.vote_id)
    if dot.participant_id != participant.id or vote is None or vote.workshop_id != workshop.id:
        raise Conflict("dot_id_taken", _l("This dot id is already used for another dot."))
    return dot


def answer_of(dot: Dot, participant: Participant, seq: int, change=None) -> DotResult:
    vote = db.session.get_one(Vote, dot.vote_id)
    return DotResult(seq, dot_dict(dot), my_dots(vote, participant.id), change)


def repeated_place(
    workshop: Workshop, participant: Participant, dot_id: str, point_id: int
) -> DotResult | None:
    dot = own_dot(workshop, participant, dot_id)
    if dot is None:
        return None
    if dot.point_id != point_id:
        raise Conflict("dot_id_taken", _l("This dot id is already used for another dot."))
    return answer_of(dot, participant, dot.placed_seq)


def point_in(workshop: Workshop, point_id: int) -> tuple[Vote, VotePoint]:
    point = db.session.get(VotePoint, point_id)
    vote = db.session.get(Vote, point.vote_id, populate_existing=True) if point else None
    if point is None or vote is None or vote.workshop_id != workshop.id:
        raise NotFound("point_not_found", _l("There is no such point in this workshop's vote."))
    return vote, point


def require_room_for_dot(vote: Vote, point: VotePoint, participant: Participant) -> None:
    """The participant's budget and the per-point cap, counted from committed dots."""
    rows = db.session.execute(
        select(Dot.point_id, func.count())
        .where(*counted_dots(vote.id), Dot.participant_id == participant.id)
        .group_by(Dot.point_id)
    )
    placed = dict(rows.all())
    if sum(placed.values()) >= vote.dots_per_participant:
        raise Conflict(
            "vote_over_budget",
            _l("You have used all your %(budget)d dots.", budget=vote.dots_per_participant),
            budget=vote.dots_per_participant,
        )
    if placed.get(point.id, 0) >= vote.max_per_point:
        raise Conflict(
            "vote_over_cap",
            _l("At most %(max)d dots can go on one point.", max=vote.max_per_point),
            max=vote.max_per_point,
        )


@rolls_back
def place_dot(workshop: Workshop, participant: Participant, dot_id: str, point_id: int):
    """Place one dot on a point of the open vote; the same id again answers the first result."""
    repeated = repeated_place(workshop, participant, dot_id, point_id)
    if repeated is not None:
        return repeated
    seq = allocate_seq(workshop.id)
    # The same id may have been committed while this writer waited for the seq.
    repeated = repeated_place(workshop, participant, dot_id, point_id)
    if repeated is not None:
        db.session.rollback()
        return repeated
    vote, point = point_in(workshop, point_id)
    vote.require_open()
    require_room_for_dot(vote, point, participant)
    dot = Dot(
        id=dot_id,
        vote_id=vote.id,
        point_id=point.id,
        participant_id=participant.id,
        group_id=participant.group_id,
        placed_seq=seq,
        placed_at=clock.now(),
    )
    db.session.add(dot)
    db.session.flush()
    return commit_dot(answer_of(dot, participant, seq), workshop.id, vote.id, seq)


def dot_to_remove(workshop: Workshop, participant: Participant, dot_id: str) -> Dot:
    try:
        dot = own_dot(workshop, participant, dot_id)
    except Conflict:
        dot = None
    if dot is None:
        raise NotFound("dot_not_found", _l("You have no such dot."))
    return dot


@rolls_back
def remove_dot(workshop: Workshop, participant: Participant, dot_id: str) -> DotResult:
    """Take back one of the participant's dots; taking it back again answers the first result."""
    dot = dot_to_remove(workshop, participant, dot_id)
    if dot.removed_seq is not None:
        return answer_of(dot, participant, dot.removed_seq)
    seq = allocate_seq(workshop.id)
    dot = dot_to_remove(workshop, participant, dot_id)
    if dot.removed_seq is not None:
        db.session.rollback()
        return answer_of(dot, participant, dot.removed_seq)
    vote = db.session.get_one(Vote, dot.vote_id, populate_existing=True)
    vote.require_open()
    dot.removed_at = clock.now()
    dot.removed_seq = seq
    db.session.flush()
    return commit_dot(answer_of(dot, participant, seq), workshop.id, vote.id, seq)
