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
from dataclasses import asdict, dataclass, replace

from flask import current_app
from flask_babel import lazy_gettext as _l

from workshop.extensions import db
from workshop.models import (
    Change,
    Conflict,
    DomainError,
    NotFound,
    Participant,
    Vote,
    VotePoint,
    Workshop,
)
from workshop.models.base import utcnow
from workshop.models.note import allocate_seq
from workshop.models.plenary import (
    DOTS_CHANGED,
    DOTS_COUNTED,
    VOTE_CHANGED,
    VOTE_DOT,
    VOTE_POINTS_MAX,
    require_vote_open,
)
from workshop.services import clock, presence
from workshop.services.dot_statements import (
    DOT_WITH_VOTE,
    INSERT_DOT,
    OWN_DOTS,
    POINT_WITH_VOTE,
    TAKE_BACK_DOT,
)
from workshop.services.live import rolls_back, write_live
from workshop.services.note_statements import (
    INSERT_CHANGE,
    WRITER,
    IdentityChanged,
    change_row,
    is_current_writer,
    take_seqs,
)
from workshop.services.plenary_points import points_of, scoped_question_ids
from workshop.services.plenary_state import current_vote, tally, vote_dict
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
class Voter:
    """Who places or takes back a dot: their workshop, their id and their group.

    `unchecked`: known from their socket only (the quick way); the write checks them in its own
    transaction and raises IdentityChanged if they were removed or moved meanwhile.
    """

    workshop_id: int
    participant_id: int
    group_id: int | None
    unchecked: bool = False

    @classmethod
    def of(cls, participant: Participant) -> Voter:
        """A participant just read from the database."""
        return cls(participant.workshop_id, participant.id, participant.group_id)


@dataclass(frozen=True)
class NewDot:
    """A dot being placed: the client's id, its point and vote."""

    id: str
    point_id: int
    vote_id: int


@dataclass(frozen=True)
class DotResult:
    """A dot write's answer: its seq, the dot, the participant's own dots; the change if new,
    and then the participant's open sockets (their devices, which follow their dots)."""

    seq: int
    dot: dict
    mine: dict
    change: Change | None = None
    devices: tuple[str, ...] = ()

    @property
    def new_changes(self) -> tuple[Change, ...]:
        return (self.change,) if self.change is not None else ()

    def answer(self) -> dict:
        """What the participant who placed or took back the dot is answered (API and socket)."""
        return {"seq": self.seq, "dot": self.dot, "mine": self.mine}


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


def dot_json(dot, removed: bool) -> dict:
    """A dot as its participant sees it (a row of DOT_WITH_VOTE or one being written)."""
    return {"id": dot.id, "point_id": dot.point_id, "vote_id": dot.vote_id, "removed": removed}


TOTALS_SCHEDULER = "workshop.totals_scheduler"


def install_totals_scheduler(app, schedule: Callable[[int, int], None]) -> None:
    """Called once by the realtime layer in create_app: how a vote's totals follow its dots,
    `schedule(workshop_id, vote_id)` (coalesced, then written by record_totals)."""
    app.extensions[TOTALS_SCHEDULER] = schedule


DEVICES_MESSENGER = "workshop.votes_devices_messenger"


def install_devices_messenger(app, send: Callable[[tuple[str, ...], dict], None]) -> None:
    """Called once by the realtime layer in create_app: how a participant's devices hear of
    their own dots, `send(socket_ids, message)` (vote:mine)."""
    app.extensions[DEVICES_MESSENGER] = send


def dot_written(
    voter: Voter, write: Callable[[], DotResult], sending_socket: str | None = None
) -> DotResult:
    """Run a dot write through the one entry point; then the participant's devices follow —
    all but the socket that sent it, which has `mine` in its answer (through the API, every
    device: none of them sent it)."""
    result = write_live(voter.workshop_id, write)
    send = current_app.extensions.get(DEVICES_MESSENGER)
    if result.change is not None and send is not None:  # a new dot or a removal
        devices = tuple(sid for sid in result.devices if sid != sending_socket)
        if devices:
            mine = {"vote_id": result.dot["vote_id"], "seq": result.seq, "mine": result.mine}
            send(devices, mine)
    return result


def tally_payload(workshop: Workshop, vote: Vote) -> dict:
    return {
        "vote_id": vote.id,
        "status": vote.status,
        "show_totals": vote.show_totals,
        **tally(vote, workshop),
    }


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


def dot_id_taken() -> Conflict:
    return Conflict("dot_id_taken", _l("This dot id is already used for another dot."))


def own_dot(connection, voter: Voter, dot_id: str):
    """A dot with this client id, if any; another person's id is refused (not revealed)."""
    dot = DOT_WITH_VOTE.first(connection, {"dot_id": dot_id})
    if dot is None:
        return None
    if dot.participant_id != voter.participant_id or dot.workshop_id != voter.workshop_id:
        raise dot_id_taken()
    return dot


def own_dots(connection, vote_id: int, voter: Voter) -> list[dict]:
    rows = OWN_DOTS.rows(connection, {"vote_id": vote_id, "participant_id": voter.participant_id})
    return [{"id": row.id, "point_id": row.point_id} for row in rows]


def dot_answer(seq: int, dot: dict, mine: list[dict], dots_per_participant: int) -> DotResult:
    left = max(0, dots_per_participant - len(mine))
    return DotResult(seq, dot, {"dots": mine, "left": left})


def first_answer(connection, dot, voter: Voter, seq: int) -> DotResult:
    """The answer a repeated id gets: the dot as it is, the participant's dots now. The
    transaction is rolled back: a repeat writes nothing and spends no seq."""
    mine = own_dots(connection, dot.vote_id, voter)
    db.session.rollback()
    removed = dot.removed_at is not None
    return dot_answer(seq, dot_json(dot, removed), mine, dot.dots_per_participant)


def point_in(connection, voter: Voter, point_id: int):
    point = POINT_WITH_VOTE.first(connection, {"point_id": point_id})
    if point is None or point.workshop_id != voter.workshop_id:
        raise NotFound("point_not_found", _l("There is no such point in this workshop's vote."))
    return point


def require_room_for_dot(point, mine: list[dict]) -> None:
    """The participant's budget and the per-point cap, counted from committed dots."""
    if len(mine) >= point.dots_per_participant:
        raise Conflict(
            "vote_over_budget",
            _l("You have used all your %(budget)d dots.", budget=point.dots_per_participant),
            budget=point.dots_per_participant,
        )
    if sum(1 for dot in mine if dot["point_id"] == point.id) >= point.max_per_point:
        raise Conflict(
            "vote_over_cap",
            _l("At most %(max)d dots can go on one point.", max=point.max_per_point),
            max=point.max_per_point,
        )


def commit_dot(connection, answer: DotResult, voter: Voter) -> DotResult:
    """Commit a dot placed or taken back, with its vote:dot change; the totals follow
    (record_totals). `answer` was made in the transaction, which holds the write lock."""
    vote_id, workshop_id = answer.dot["vote_id"], voter.workshop_id
    # Read in this transaction: on SQLite a read of its own would take the write lock again.
    devices = tuple(presence.sockets_of(connection, voter.participant_id))
    change = Change(
        workshop_id=workshop_id,
        seq=answer.seq,
        kind=VOTE_DOT,
        payload={"vote_id": vote_id},
        created_at=utcnow(),
    )
    INSERT_CHANGE.run(connection, change_row(change))
    db.session.commit()
    schedule = current_app.extensions.get(TOTALS_SCHEDULER)
    if schedule is not None:
        schedule(workshop_id, vote_id)
    return replace(answer, change=change, devices=devices)


def take_seq_as(connection, voter: Voter) -> int:
    """The workshop's next seq (its other writers wait from here to the commit); a voter known
    from their socket only is checked against the database first, under that lock."""
    seq = take_seqs(connection, voter.workshop_id, 1)[0]
    if voter.unchecked:
        writer = WRITER.first(connection, {"id": voter.participant_id})
        if not is_current_writer(writer, voter.workshop_id, voter.group_id):
            raise IdentityChanged()
    return seq


@rolls_back
def place_dot(voter: Voter, dot_id: str, point_id: int) -> DotResult:
    """Place one dot on a point of the open vote; the same id again answers the first result."""
    connection = db.session.connection()
    seq = take_seq_as(connection, voter)
    repeated = own_dot(connection, voter, dot_id)
    if repeated is not None:
        if repeated.point_id != point_id:
            raise dot_id_taken()
        return first_answer(connection, repeated, voter, repeated.placed_seq)
    point = point_in(connection, voter, point_id)
    require_vote_open(point.status)
    mine = own_dots(connection, point.vote_id, voter)
    require_room_for_dot(point, mine)
    dot = NewDot(dot_id, point.id, point.vote_id)
    INSERT_DOT.run(
        connection,
        {
            **asdict(dot),
            "participant_id": voter.participant_id,
            "group_id": voter.group_id,
            "placed_seq": seq,
            "placed_at": clock.now(),
        },
    )
    mine.append({"id": dot.id, "point_id": dot.point_id})
    answer = dot_answer(seq, dot_json(dot, False), mine, point.dots_per_participant)
    return commit_dot(connection, answer, voter)


def dot_to_remove(connection, voter: Voter, dot_id: str):
    try:
        dot = own_dot(connection, voter, dot_id)
    except Conflict:
        dot = None
    if dot is None:
        raise NotFound("dot_not_found", _l("You have no such dot."))
    return dot


@rolls_back
def remove_dot(voter: Voter, dot_id: str) -> DotResult:
    """Take back one of the participant's dots; taking it back again answers the first result."""
    connection = db.session.connection()
    seq = take_seq_as(connection, voter)
    dot = dot_to_remove(connection, voter, dot_id)
    if dot.removed_seq is not None:
        return first_answer(connection, dot, voter, dot.removed_seq)
    require_vote_open(dot.status)
    TAKE_BACK_DOT.run(connection, {"dot_id": dot.id, "removed_at": clock.now(), "removed_seq": seq})
    mine = own_dots(connection, dot.vote_id, voter)
    answer = dot_answer(seq, dot_json(dot, True), mine, dot.dots_per_participant)
    return commit_dot(connection, answer, voter)
