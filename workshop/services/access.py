"""Who may see what: finding a workshop for a facilitator, a participant from its token."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, select

from workshop.extensions import db
from workshop.models import ApiToken, Facilitator, NotFound, Participant, Workshop
from workshop.models.base import utcnow
from workshop.models.facilitator import hash_token
from workshop.models.group import hash_participant_token


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


# Built once: every connect of a participant's socket reads it (a join burst a thousand times).
PARTICIPANT_BY_TOKEN = (
    select(Participant, Workshop)
    .join(Workshop, Workshop.id == Participant.workshop_id)
    .where(Participant.token_hash == bindparam("token_hash"))
)


def participant_for_token(token: str) -> Participant | None:
    """The active participant a participant token belongs to, or None."""
    found = participant_and_workshop_for_token(token)
    return found[0] if found else None


def participant_and_workshop_for_token(token: str) -> tuple[Participant, Workshop] | None:
    """The active participant a participant token belongs to and its workshop, or None."""
    if not token:
        return None
    row = db.session.execute(
        PARTICIPANT_BY_TOKEN, {"token_hash": hash_participant_token(token)}
    ).first()
    if row is None or not row[0].is_active:
        return None
    return row[0], row[1]
