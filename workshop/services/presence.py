"""Who is online: one Connection row per live socket, so that every server process sees them."""

from collections.abc import Callable

from sqlalchemy import delete, func, select

from workshop.extensions import db
from workshop.models import Connection, Facilitator, Group, Participant
from workshop.models.base import utcnow


def open_connection(
    sid: str,
    workshop_id: int,
    participant: Participant | None = None,
    facilitator: Facilitator | None = None,
) -> None:
    """Record a socket that has just been authenticated."""
    db.session.merge(
        Connection(
            sid=sid,
            workshop_id=workshop_id,
            participant_id=participant.id if participant else None,
            facilitator_id=facilitator.id if facilitator else None,
            group_id=participant.group_id if participant else None,
            connected_at=utcnow(),
        )
    )
    if participant is not None:
        participant.last_seen_at = utcnow()
    db.session.commit()


def close_connection(sid: str) -> tuple[int, int | None] | None:
    """Forget a socket; returns (workshop_id, group_id) it was in, or None if unknown."""
    connection = db.session.get(Connection, sid)
    if connection is None:
        return None
    where = (connection.workshop_id, connection.group_id)
    if connection.participant_id is not None:
        participant = db.session.get(Participant, connection.participant_id)
        if participant is not None:
            participant.last_seen_at = utcnow()
    db.session.delete(connection)
    db.session.commit()
    return where


def move_connection(sid: str, group_id: int | None) -> None:
    """The participant behind this socket is now in another group."""
    connection = db.session.get(Connection, sid)
    if connection is not None and connection.group_id != group_id:
        connection.group_id = group_id
        db.session.commit()


def forget_stale_connections(workshop_id: int, is_live: Callable[[str], bool]) -> None:
    """Drop rows whose socket is gone (a server killed before it could say goodbye)."""
    sids = db.session.scalars(select(Connection.sid).where(Connection.workshop_id == workshop_id))
    stale = [sid for sid in sids if not is_live(sid)]
    if stale:
        db.session.execute(delete(Connection).where(Connection.sid.in_(stale)))
        db.session.commit()


def online_counts(workshop_id: int, group_id: int | None = None) -> dict:
    """{online: {"<group_id>": participants}, facilitators: n}; one group's only if given."""
    query = (
        select(Connection.group_id, func.count(func.distinct(Connection.participant_id)))
        .where(Connection.workshop_id == workshop_id, Connection.participant_id.is_not(None))
        .where(Connection.group_id.is_not(None))
        .group_by(Connection.group_id)
    )
    if group_id is not None:
        query = query.where(Connection.group_id == group_id)
    counted = dict(db.session.execute(query).all())
    if group_id is not None:
        return {"online": {str(group_id): counted.get(group_id, 0)}}
    # Every group, those with nobody online too: clients merge the map into what they show.
    group_ids = db.session.scalars(select(Group.id).where(Group.workshop_id == workshop_id))
    online = {str(group): counted.get(group, 0) for group in group_ids}
    facilitators = db.session.scalar(
        select(func.count(func.distinct(Connection.facilitator_id))).where(
            Connection.workshop_id == workshop_id, Connection.facilitator_id.is_not(None)
        )
    )
    return {"online": online, "facilitators": facilitators or 0}
