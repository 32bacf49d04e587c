"""Log in, log out, and the facilitator's own account (placeholder until its feature fills it)."""

from flask import Blueprint

from workshop.extensions import db, login_manager
from workshop.models import Facilitator

bp = Blueprint("auth", __name__)


@login_manager.user_loader
def load_facilitator(facilitator_id: str):
    return db.session.get(Facilitator, int(facilitator_id))
