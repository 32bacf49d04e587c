"""What every API route shares: bearer-token authentication and JSON errors."""

from functools import wraps

from flask import g, jsonify, request
from flask_babel import gettext as _

from workshop.models import DomainError
from workshop.services import access
from workshop.web.api import bp


def bearer_token() -> str:
    header = request.headers.get("Authorization", "")
    scheme, _space, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def error_response(status: int, code: str, message: str, **details):
    error = {"code": code, "message": message}
    if details:
        error["details"] = details
    return jsonify({"error": error}), status


def unauthorised():
    return error_response(401, "unauthorised", _("A valid API token is required."))


def facilitator_required(view):
    """The route needs a facilitator's API token; g.facilitator is set for the view."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        facilitator = access.facilitator_for_api_token(bearer_token())
        if facilitator is None:
            return unauthorised()
        g.facilitator = facilitator
        return view(*args, **kwargs)

    return wrapper


def participant_required(view):
    """The route needs a participant token (returned by joining); g.participant is set."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        participant = access.participant_for_token(bearer_token())
        if participant is None:
            return error_response(401, "unauthorised", _("A valid participant token is required."))
        g.participant = participant
        return view(*args, **kwargs)

    return wrapper


def form_error_response(form):
    """A 400 listing each invalid field with its (translated) messages."""
    fields = {name: [str(m) for m in messages] for name, messages in form.errors.items()}
    return error_response(400, "invalid_input", _("Some fields are not valid."), fields=fields)


@bp.errorhandler(DomainError)
def domain_error(error: DomainError):
    return jsonify({"error": error.as_dict()}), error.status


@bp.errorhandler(404)
def not_found(_error):
    return error_response(404, "not_found", _("Not found."))


@bp.errorhandler(405)
def method_not_allowed(_error):
    return error_response(405, "method_not_allowed", _("This method is not allowed here."))


@bp.errorhandler(413)
def too_large(_error):
    return error_response(413, "too_large", _("The request is too large."))
