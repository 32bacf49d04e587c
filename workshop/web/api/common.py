"""What every API route shares: bearer-token authentication, reading JSON bodies, JSON errors."""

from datetime import UTC
from functools import wraps

from flask import g, jsonify, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict
from wtforms import SelectMultipleField
from wtforms.fields.core import UnboundField

from workshop.forms.common import form_errors, in_integer_range, out_of_range
from workshop.models import DomainError
from workshop.services import access
from workshop.web.api import bp
from workshop.web.errors import http_headers

# --- who is asking ---


def bearer_token() -> str:
    header = request.headers.get("Authorization", "")
    scheme, _space, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


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


def facilitator_workshop(workshop_id: int):
    """The workshop if the token's facilitator runs it; otherwise 404, so nothing leaks."""
    return access.get_workshop_for(g.facilitator, workshop_id)


# --- reading JSON bodies ---


@bp.before_request
def read_json_body_first():
    """Decode a JSON body before any route runs, so that one nested too deeply (or holding
    what is not text) is refused on every route, those that take no body included."""
    if request.is_json:
        request.get_json(silent=True)  # malformed JSON is each route's to refuse, as before


class InvalidPayload(Exception):
    """The body is not a JSON object, or a value in it has a type the route cannot take."""

    def __init__(self, message: str | None = None):
        super().__init__(message)
        self.message = message


def wrong_type() -> InvalidPayload:
    return InvalidPayload(_("Send a JSON object whose values are text, numbers or lists of them."))


def json_object() -> dict:
    """The request's body, which must be a JSON object (InvalidPayload otherwise)."""
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict):
        raise InvalidPayload
    return payload


def integer(value) -> int:
    """A JSON whole number a database can hold (true and false are not numbers)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise wrong_type()
    if not in_integer_range(value):
        raise DomainError("invalid_input", out_of_range())
    return value


def request_text() -> str:
    """The body as UTF-8 text; anything else is refused with the line it goes wrong on, rather
    than stored with replacement characters."""
    body = request.get_data()
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        line = body.count(b"\n", 0, error.start) + 1
        raise DomainError(
            "invalid_encoding",
            _l("Line %(line)d is not UTF-8 text. Save it as UTF-8 and send it again.", line=line),
            line=line,
        ) from None


def payload_form(form_class, payload: dict):
    """A page form filled from a JSON object the way a browser would post it (no CSRF token:
    the API authenticates with bearer tokens).

    null and false post an empty field, true "y", numbers their digits; a list posts the
    repeated values of a multiple-choice field. Nested objects, or a list for any other field,
    are a wrong type.
    """
    formdata: MultiDict = MultiDict()
    for name, value in payload.items():
        several = isinstance(value, list) and takes_several_values(form_class, name)
        for item in value if several else [value]:
            if isinstance(item, dict | list):
                raise wrong_type()
            formdata.add(name, form_value(item))
    return form_class(formdata=formdata, meta={"csrf": False})


def takes_several_values(form_class, name: str) -> bool:
    field = getattr(form_class, name, None)
    return isinstance(field, UnboundField) and issubclass(field.field_class, SelectMultipleField)


def form_value(value) -> str:
    if value is None or value is False:
        return ""
    if value is True:
        return "y"
    return str(value)


def patch_form(form_class, current: dict, payload: dict):
    """A PATCH's form: the current values, replaced by those the payload sends.

    Returns the form and the names the payload changes (keys not in `current` are ignored).
    """
    changes = [name for name in payload if name in current]
    values = {**current, **{name: payload[name] for name in changes}}
    return payload_form(form_class, values), changes


# --- answering ---


def timestamp(value) -> str | None:
    """ISO 8601 in UTC with its offset (SQLite hands back naive datetimes, stored in UTC)."""
    if value is None:
        return None
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()


def error_response(status: int, code: str, message: str, **details):
    error: dict = {"code": code, "message": message}
    if details:
        error["details"] = details
    return jsonify({"error": error}), status


def form_error_response(form, **details):
    """A 400 listing each invalid field with its (translated) messages."""
    fields = form_errors(form)
    message = _("Some fields are not valid.")
    return error_response(400, "invalid_input", message, fields=fields, **details)


class InvalidForm(Exception):
    """A payload's form did not validate: answered as form_error_response (with details)."""

    def __init__(self, form, **details):
        super().__init__("invalid form")
        self.form = form
        self.details = details


def valid_form(form_class, payload: dict):
    """The form filled from the payload and validated (InvalidForm otherwise)."""
    form = payload_form(form_class, payload)
    if not form.validate():
        raise InvalidForm(form)
    return form


def valid_changes(form_class, current: dict, payload: dict) -> dict:
    """A PATCH's validated changes: the fields the payload sends, as the form's fields() gives
    them (for forms that have fields(), the dict their service takes)."""
    form, changed = patch_form(form_class, current, payload)
    if not form.validate():
        raise InvalidForm(form)
    fields = form.fields()
    return {name: fields[name] for name in changed}


@bp.errorhandler(InvalidPayload)
def invalid_payload(error: InvalidPayload):
    return error_response(400, "invalid_json", error.message or _("Send a JSON object."))


@bp.errorhandler(InvalidForm)
def invalid_form(error: InvalidForm):
    return form_error_response(error.form, **error.details)


@bp.errorhandler(DomainError)
def domain_error(error: DomainError):
    return jsonify({"error": error.as_dict()}), error.status, http_headers(error)


@bp.errorhandler(404)
def not_found(_error):
    return error_response(404, "not_found", _("Not found."))


@bp.errorhandler(405)
def method_not_allowed(_error):
    return error_response(405, "method_not_allowed", _("This method is not allowed here."))


@bp.errorhandler(413)
def too_large(_error):
    return error_response(413, "too_large", _("The request is too large."))
