"""Which participant this browser is, per workshop, kept in the signed session cookie.

Used by the participant pages and by the Socket.IO connect handler (cookie authentication).
"""

from flask import session

from workshop.extensions import db
from workshop.models import Participant

SESSION_KEY = "participants"


def remember_participant(workshop_id: int, participant_id: int) -> None:
    """This browser is that participant of that workshop from now on (survives restarts)."""
    joined = dict(session.get(SESSION_KEY) or {})
    joined[str(workshop_id)] = participant_id
    session[SESSION_KEY] = joined
    # A participant who closes the laptop over lunch should come back as themselves.
    session.permanent = True


def participant_id_from_session(workshop_id: int) -> int | None:
    """The participant this browser joined that workshop as (maybe removed since), or None."""
    participant_id = (session.get(SESSION_KEY) or {}).get(str(workshop_id))
    return participant_id if isinstance(participant_id, int) else None


def participant_from_session(workshop_id: int) -> Participant | None:
    """The active participant this browser joined that workshop as, or None."""
    participant_id = participant_id_from_session(workshop_id)
    if participant_id is None:
        return None
    participant = db.session.get(Participant, participant_id)
    if participant is None or participant.workshop_id != workshop_id or not participant.is_active:
        return None
    return participant


def forget_participant(workshop_id: int) -> None:
    """This browser is no longer a participant of that workshop."""
    joined = dict(session.get(SESSION_KEY) or {})
    if joined.pop(str(workshop_id), None) is not None:
        session[SESSION_KEY] = joined
