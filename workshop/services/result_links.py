"""A participant's own link to the workshop's results: the published annex, on any device."""

from __future__ import annotations

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

from workshop.extensions import db
from workshop.models import Participant

# Signed with the app's secret under a purpose of its own: no other signed value (the session
# cookie, …) can pass for it, and it opens the results only, never the participant's page.
SALT = "workshop.participant-results"
RESULTS_TOKEN_MAX = 200


def signer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def results_token(participant: Participant) -> str:
    """The same token every time for one participant, so their page can show it at each load."""
    return signer().dumps([participant.workshop_id, participant.id])


def participant_of_results_token(token: str) -> Participant | None:
    """The participant a results token was made for, if it is genuine and they are still in."""
    if len(token) > RESULTS_TOKEN_MAX:
        return None
    try:
        workshop_id, participant_id = signer().loads(token)
    except (BadSignature, TypeError, ValueError):
        return None
    participant = db.session.get(Participant, participant_id)
    if participant is None or participant.workshop_id != workshop_id or not participant.is_active:
        return None
    return participant
