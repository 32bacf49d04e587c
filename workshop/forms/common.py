"""What the forms share: cleaning text, the length-limit message, and checking JSON payloads."""

from flask_babel import lazy_gettext as _l
from wtforms import Form
from wtforms.validators import Length, NumberRange, StopValidation

from workshop.formats import lazy_number
from workshop.models.base import INTEGER_MAX, INTEGER_MIN, trimmed, unix_breaks


def strip(value):
    """A filter: text as it will be stored (no control characters), without leading and trailing
    whitespace and with each line break as one \\n (a browser sends \\r\\n, and counts it as one
    character toward maxlength), so that "required" and length checks judge what is kept (other
    values as they are)."""
    if not isinstance(value, str):
        return value
    return trimmed(unix_breaks(value))


def at_most(limit: int) -> Length:
    return Length(max=limit, message=_l("At most %(max)s characters.", max=lazy_number(limit)))


def is_whole_number(value) -> bool:
    """A JSON whole number a database can hold (true and false are not numbers)."""
    return isinstance(value, int) and not isinstance(value, bool) and in_integer_range(value)


def in_integer_range(value: int) -> bool:
    return INTEGER_MIN <= value <= INTEGER_MAX


def whole_number(text) -> int:
    """A number typed as text (query strings, choices), ValueError when no database can hold it:
    for request.args.get(type=…) and a choice field's coerce."""
    value = int(text)
    if not in_integer_range(value):
        raise ValueError("out of range")
    return value


def out_of_range():
    return _l("This number is out of range.")


def storable_number() -> NumberRange:
    """For a form's IntegerField: refuses a number no database holds (before a query sees it)."""
    return NumberRange(min=INTEGER_MIN, max=INTEGER_MAX, message=out_of_range())


class JsonValue:
    """The raw JSON value of a payload field must have this type (or be absent or null, unless
    required). The fields keep the decoded value, so a string "12" is not taken for a number;
    a number too large for the database is refused here, before any query sees it."""

    def __init__(self, kind: type, required: bool = True):
        self.kind = kind
        self.required = required

    def __call__(self, form, field):
        value = field.object_data
        if value is None:
            if self.required:
                raise StopValidation(_l("This field is required."))
            raise StopValidation()  # absent and optional: nothing more to check
        if isinstance(value, bool) or not isinstance(value, self.kind):
            if self.kind is str:
                raise StopValidation(_l("This must be text."))
            raise StopValidation(_l("This must be a whole number."))
        if self.kind is int and not in_integer_range(value):
            raise StopValidation(out_of_range())


def form_errors(form: Form) -> dict[str, list[str]]:
    """Field name → translated messages, for error details."""
    return {name: [str(message) for message in messages] for name, messages in form.errors.items()}
