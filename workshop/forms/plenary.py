"""Payloads of the plenary (socket events and JSON API): share, vote and dots.

Each payload is described once, here; the OpenAPI schemas are derived from these forms
(web/api/plenary_openapi.py), and the socket events validate with the same classes.
"""

from flask_babel import lazy_gettext as _l
from wtforms import Field, Form
from wtforms.validators import NumberRange, StopValidation

from workshop.forms.common import JsonValue
from workshop.forms.notes import EmptyPayload, id_field, number_field
from workshop.forms.plan import JsonBool, choice
from workshop.models.plenary import DOTS_PER_PARTICIPANT_MAX, SHARE_SCOPES, SHARE_SOURCES


class OptionalJsonBool(JsonBool):
    """The JSON value, if given, is true or false."""

    required = False

    def __call__(self, form, field):
        if field.object_data is None:
            raise StopValidation()
        super().__call__(form, field)


def dots_field() -> Field:
    message = _l("Choose between 1 and %(max)d dots.", max=DOTS_PER_PARTICIPANT_MAX)
    return Field(
        validators=[
            JsonValue(int, required=False),
            NumberRange(min=1, max=DOTS_PER_PARTICIPANT_MAX, message=message),
        ]
    )


class SharePayload(Form):
    """`share:set`: raw notes or curated points, of every question, a section or a question."""

    source = choice(SHARE_SOURCES)
    scope = choice(SHARE_SCOPES)
    target_id = number_field(required=False)


class VoteOpenPayload(Form):
    """`vote:open`: the points (as a share names them) and the vote's settings."""

    source = choice(SHARE_SOURCES)
    scope = choice(SHARE_SCOPES)
    target_id = number_field(required=False)
    dots_per_participant = dots_field()
    max_per_point = dots_field()
    show_totals = Field(validators=[OptionalJsonBool()])
    timer = Field(validators=[OptionalJsonBool()])


class DotPlacePayload(Form):
    """`dot:place` and POST …/participant/dots: a dot with the id the client chose."""

    id = id_field()
    point_id = number_field()


class DotRemovePayload(Form):
    """`dot:remove`: take back one of your dots."""

    id = id_field()


EVENT_PAYLOADS: dict[str, type[Form]] = {
    "share:set": SharePayload,
    "share:withdraw": EmptyPayload,
    "vote:open": VoteOpenPayload,
    "vote:close": EmptyPayload,
    "vote:reveal": EmptyPayload,
    "vote:reopen": EmptyPayload,
}
