"""Who may see what: finding a workshop for a facilitator, a participant from its token."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, select

from workshop.extensions import db
from workshop.models import ApiToken, Facilitator, NotFound, Participant, Workshop
from workshop.models.base import utcnow
from workshop.models.facilitator import hash_token
from workshop.models.group import hash_participant_token
from workshop.services.prepared import Prepared


def workshop_not_found() -> NotFound:
    return NotFound("workshop_not_found", _l("There is no such workshop."))


def get_workshop_for(facilitator, workshop_id: int) -> Workshop:
    """The workshop if this facilitator may run it; otherwise 404, so nothing leaks."""
    workshop = db.session.get(Workshop, workshop_id)
    if workshop is None or not workshop.can_be_run_by(facilitator):
        raise workshop_not_found()
    return workshop


def facilitator_for_api_token(token: str) -> Facilitator | None:
    """The facilitator an API token belongs to (and note its use), or None."""
    if not token:
        return None
    api_token = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == hash_token(token)))
    if api_token is None:
        return None
    api_token.last_used_at = utcnow()
    db.session.commit()
    return api_token.facilitator


# Built once: the API reads it at every request a participant's client makes.
PARTICIPANT_BY_TOKEN = select(Participant).where(Participant.token_hash == bindparam("token_hash"))


def participant_for_token(token: str) -> Participant | None:
    """The active participant a participant token belongs to, or None."""
    if not token:
        return None
    participant = db.session.scalar(
        PARTICIPANT_BY_TOKEN, {"token_hash": hash_participant_token(token)}
    )
    if participant is None or not participant.is_active:
        return None
    return participant


# An active participant as a socket needs them — id, workshop, group, and whether the workshop
# shows names to peers — built once and run on the driver's cursor: every connect and every
# catch-up of a participant reads it (a join burst or a restart's reconnect storm a thousand
# times), and loading the participant and its workshop as objects cost several times more.
ACTIVE_PARTICIPANT = (
    select(Participant.id, Participant.workshop_id, Participant.group_id, Workshop.anonymity)
    .join(Workshop, Workshop.id == Participant.workshop_id)
    .where(Participant.removed_at.is_(None))
)
ACTIVE_BY_TOKEN = Prepared(
    ACTIVE_PARTICIPANT.where(Participant.token_hash == bindparam("token_hash"))
)
ACTIVE_IN_WORKSHOP = Prepared(
    ACTIVE_PARTICIPANT.where(
        Participant.id == bindparam("id"), Participant.workshop_id == bindparam("workshop_id")
    )
)


def active_participant_by_token(token: str):
    """(id, workshop_id, group_id, anonymity) of the active participant a token belongs to."""
    parameters = {"token_hash": hash_participant_token(token)}
    return ACTIVE_BY_TOKEN.first(db.session.connection(), parameters)


def active_participant(participant_id: int, workshop_id: int):
    """(id, workshop_id, group_id, anonymity) of that active participant of that workshop."""
    parameters = {"id": participant_id, "workshop_id": workshop_id}
    return ACTIVE_IN_WORKSHOP.first(db.session.connection(), parameters)
