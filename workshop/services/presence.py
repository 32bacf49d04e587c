"""Who is online: one Connection row per live socket, so that every server process sees them."""

from collections.abc import Callable, Sequence

from sqlalchemy import Row, bindparam, delete, func, insert, null, select, union_all, update

from workshop.extensions import db
from workshop.models import Connection, Group, Participant
from workshop.models.base import utcnow
from workshop.services.prepared import Prepared

# Built once: a join burst or a restart's reconnect storm runs them a thousand times.
INSERT_CONNECTION = Prepared(
    insert(Connection).values(
        {
            name: bindparam(name)
            for name in ("sid", "workshop_id", "participant_id", "facilitator_id", "group_id")
        }
        | {"connected_at": bindparam("now")}
    )
)
PARTICIPANT_SOCKETS = Prepared(
    select(Connection.sid).where(Connection.participant_id == bindparam("participant_id"))
)
FORGET_CONNECTION = Prepared(
    delete(Connection)
    .where(Connection.sid == bindparam("sid"))
    .returning(Connection.workshop_id, Connection.group_id, Connection.participant_id)
)
PARTICIPANT_SEEN = Prepared(
    update(Participant)
    .where(Participant.id == bindparam("id"))
    .values(last_seen_at=bindparam("now"))
)


def open_connection(
    sid: str,
    workshop_id: int,
    participant_id: int | None = None,
    facilitator_id: int | None = None,
    group_id: int | None = None,
) -> None:
    """Record a socket that has just been authenticated (two statements, nothing flushed)."""
    connection, now = db.session.connection(), utcnow()
    row = {
        "sid": sid,
        "workshop_id": workshop_id,
        "participant_id": participant_id,
        "facilitator_id": facilitator_id,
        "group_id": group_id,
        "now": now,
    }
    INSERT_CONNECTION.run(connection, row)
    if participant_id is not None:
        PARTICIPANT_SEEN.run(connection, {"id": participant_id, "now": now})
    db.session.commit()


def sockets_of(connection, participant_id: int) -> list[str]:
    """The sockets a participant has open now, in any server process (their devices)."""
    return [
        row.sid for row in PARTICIPANT_SOCKETS.rows(connection, {"participant_id": participant_id})
    ]


def close_connection(sid: str) -> tuple[int, int | None] | None:
    """Forget a socket; returns (workshop_id, group_id) it was in, or None if unknown."""
    # Two prebuilt statements, nothing loaded: a room's thousand disconnects stay cheap.
    connection = db.session.connection()
    gone = FORGET_CONNECTION.first(connection, {"sid": sid})
    if gone is not None and gone.participant_id is not None:
        PARTICIPANT_SEEN.run(connection, {"id": gone.participant_id, "now": utcnow()})
    db.session.commit()
    return None if gone is None else (gone.workshop_id, gone.group_id)


def move_connection(sid: str, group_id: int | None) -> None:
    """The participant behind this socket is now in another group."""
    connection = db.session.get(Connection, sid)
    if connection is not None and connection.group_id != group_id:
        connection.group_id = group_id
        db.session.commit()


def forget_stale_connections(workshop_id: int | None, is_live: Callable[[str], bool]) -> None:
    """Drop rows whose socket is gone (a server killed before it could say goodbye).

    One workshop's rows, or every workshop's if workshop_id is None.
    """
    query = select(Connection.sid)
    if workshop_id is not None:
        query = query.where(Connection.workshop_id == workshop_id)
    stale = [sid for sid in db.session.scalars(query) if not is_live(sid)]
    if stale:
        db.session.execute(delete(Connection).where(Connection.sid.in_(stale)))
        db.session.commit()


def online_counts(workshop_id: int, group_id: int | None = None) -> dict:
    """{online: {"<group_id>": participants}, facilitators: n}; one group's only if given."""
    if group_id is not None:
        return {"online": {str(group_id): group_online(workshop_id, group_id)}}
    return workshop_online(workshop_id)


def group_online(workshop_id: int, group_id: int) -> int:
    return (
        db.session.scalar(
            select(func.count(func.distinct(Connection.participant_id))).where(
                Connection.workshop_id == workshop_id,
                Connection.group_id == group_id,
                Connection.participant_id.is_not(None),
            )
        )
        or 0
    )


def workshop_online(workshop_id: int) -> dict:
    """Every group's count (those with nobody online too) and the facilitators', in one query."""
    counted = (
        select(
            Connection.group_id,
            func.count(func.distinct(Connection.participant_id)),
            func.count(func.distinct(Connection.facilitator_id)),
        )
        .where(Connection.workshop_id == workshop_id)
        .group_by(Connection.group_id)
    )
    # Every group of the workshop with (NULL, NULL): the groups nobody is connected to yet.
    groups = select(Group.id, null(), null()).where(Group.workshop_id == workshop_id)
    rows: Sequence[Row] = db.session.execute(union_all(counted, groups)).all()
    online = {group: 0 for group, participants, _ in rows if participants is None}
    facilitators = 0
    for group, participants, facilitators_here in rows:
        if participants is None:
            continue
        facilitators += facilitators_here  # facilitators' rows have no group
        if group in online:
            online[group] += participants
    # Clients merge the map into what they show, so it names every group.
    return {"online": {str(group): n for group, n in online.items()}, "facilitators": facilitators}
