"""The minutes page's save route: the same operations and answers as the API's
POST /api/v1/meetings/{id}/minutes/ops, with the login session and a CSRF token in the
X-CSRFToken header (docs/api.md, "Minutes"). Every answer is JSON, so the page's outbox can act
on it."""

from flask import Blueprint, request
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import CSRFError

from workshop.forms.common import form_errors
from workshop.forms.minutes import read_op
from workshop.minutes.edits import apply_minutes_op
from workshop.models import DomainError
from workshop.services.meetings import get_meeting_for

bp = Blueprint("minutes_save", __name__)


def json_error(status: int, code: str, message: str, **details):
    error: dict = {"code": code, "message": message}
    if details:
        error["details"] = details
    return {"error": error}, status


@bp.before_request
def require_login():
    if not current_user.is_authenticated:
        return json_error(401, "unauthorised", _("Log in again to save: your edits are kept."))
    return None


@bp.errorhandler(DomainError)
def refused(error: DomainError):
    return {"error": error.as_dict()}, error.status


@bp.errorhandler(CSRFError)
def csrf_failed(_error):
    return json_error(
        400, "csrf_failed", _("The page has expired. Reload it: your edits are kept.")
    )


@bp.post("/meetings/<int:meeting_id>/minutes/ops")
def save_op(meeting_id: int):
    meeting = get_meeting_for(current_user, meeting_id)
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return json_error(400, "invalid_json", _("Send a JSON object."))
    op, form = read_op(body)
    if op is None:
        return json_error(
            400, "invalid_input", _("Some fields are not valid."), fields=form_errors(form)
        )
    return apply_minutes_op(meeting, op)
