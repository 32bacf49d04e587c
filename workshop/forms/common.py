"""What the forms share: trimming text, the length-limit message, and checking JSON payloads."""

from flask_babel import lazy_gettext as _l
from wtforms import Form
from wtforms.validators import Length, StopValidation

from workshop.formats import lazy_number


def strip(value):
    """A filter: text without leading and trailing whitespace (other values as they are)."""
    return value.strip() if isinstance(value, str) else value


def at_most(limit: int) -> Length:
    return Length(max=limit, message=_l("At most %(max)s characters.", max=lazy_number(limit)))


class JsonValue:
    """The raw JSON value of a payload field must have this type (or be absent or null, unless
    required). The fields keep the decoded value, so a string "12" is not taken for a number."""

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


def form_errors(form: Form) -> dict[str, list[str]]:
    """Field name → translated messages, for error details."""
    return {name: [str(message) for message in messages] for name, messages in form.errors.items()}
