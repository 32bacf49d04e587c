"""Payloads of the minutes' operations and approval (JSON API and the minutes page).

Each operation is one form, chosen by its `op`; the OpenAPI schemas are derived from them.
A `set` operation's `value` is typed by its field (text, a date, a list), so the service checks
it against the field's own rule.
"""

from flask_babel import lazy_gettext as _l
from wtforms import Field, Form
from wtforms.validators import Length, StopValidation

from workshop.forms.common import JsonValue
from workshop.forms.notes import number_field
from workshop.forms.plan import JsonBool, OneOf, text
from workshop.models.minutes import ANNEX_TITLE_MAX, ITEM_TITLE_MAX, OP_ID_MAX

HEADER_FIELDS = (
    "document_number",
    "reference",
    "theme",
    "minutes_word",
    "title",
    "date",
    "start_time",
    "end_time",
    "place",
    "coming_meetings",
)
ITEM_FIELDS = (
    "title",
    "attachments",
    "background",
    "discussion",
    "decision",
    "coming_meetings_here",
)
OP_KINDS = ("set", "add_item", "move_item", "leave_out", "add_annex", "remove_annex")


class AnyJson:
    """The field may hold any JSON value (its meaning is checked by the service)."""

    required = False
    kind = None

    def __call__(self, form, field):
        raise StopValidation()


def op_id_field() -> Field:
    return Field(
        validators=[
            JsonValue(str, True),
            Length(min=1, max=OP_ID_MAX, message=_l("1 to %(max)d characters.", max=OP_ID_MAX)),
        ]
    )


def op_field() -> Field:
    return Field(validators=[OneOf(OP_KINDS)])


class MinutesOpPayload(Form):
    """What every operation has: its id (the idempotency key) and its kind."""

    op_id = op_id_field()
    op = op_field()


class SetFieldPayload(MinutesOpPayload):
    """Set one field of the header (item_id null) or of an item, if its revision is unchanged."""

    item_id = number_field(required=False)
    field = Field(validators=[OneOf(tuple(dict.fromkeys(HEADER_FIELDS + ITEM_FIELDS)))])
    value = Field(validators=[AnyJson()])
    base_revision = number_field(minimum=0)


class AddItemPayload(MinutesOpPayload):
    """Add an item of the minutes only, after an item (default: before the closing standing
    items)."""

    title = text(True, ITEM_TITLE_MAX)
    after_item_id = number_field(required=False)


class MoveItemPayload(MinutesOpPayload):
    """Move an item to a place among the items that are not standing (0-based)."""

    item_id = number_field()
    position = number_field(minimum=0)


class LeaveOutPayload(MinutesOpPayload):
    """Leave an item out of the document (true) or take it back (false)."""

    item_id = number_field()
    left_out = Field(validators=[JsonBool()])


class AddAnnexPayload(MinutesOpPayload):
    """Attach another document as an annex, by its title (of an item, or of the minutes)."""

    title = text(True, ANNEX_TITLE_MAX)
    item_id = number_field(required=False)


class RemoveAnnexPayload(MinutesOpPayload):
    """Remove a document attached by title."""

    annex_id = number_field()


OP_PAYLOADS: dict[str, type[Form]] = {
    "set": SetFieldPayload,
    "add_item": AddItemPayload,
    "move_item": MoveItemPayload,
    "leave_out": LeaveOutPayload,
    "add_annex": AddAnnexPayload,
    "remove_annex": RemoveAnnexPayload,
}


class OptionalBool(JsonBool):
    """true, false, or absent (null)."""

    required = False

    def __call__(self, form, field):
        if field.object_data is None:
            raise StopValidation()
        super().__call__(form, field)


class ApprovePayload(Form):
    """Approve the minutes; with approve_annexes, approve their unapproved workshop annexes too."""

    approve_annexes = Field(validators=[OptionalBool()])


def read_op(body: dict) -> tuple[dict | None, Form]:
    """(the operation's fields, typed, or None if its form refuses them; the form)."""
    form_class = OP_PAYLOADS.get(body.get("op"), MinutesOpPayload)  # type: ignore[arg-type]
    form = form_class(data=body)
    if not form.validate():
        return None, form
    return form.data, form
