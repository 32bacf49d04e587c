"""Payloads of the live notes (socket events and JSON API): their fields, types and limits."""

import re

from flask_babel import lazy_gettext as _l
from wtforms import Field, Form, IntegerField
from wtforms.validators import NumberRange, Optional, StopValidation

from workshop.formats import lazy_number
from workshop.forms.common import JsonValue, is_whole_number
from workshop.models.base import INTEGER_MAX

# The canonical form of a UUID, as crypto.randomUUID() and Python's str(uuid4()) write it: in
# lower case, so that one id cannot be written two ways (and stored as two notes).
UUID_PATTERN = re.compile(r"^[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$")
LIVE_STATUSES = ("live", "closed")
SEQ_MAX = INTEGER_MAX  # seq and revisions are INTEGER columns too


def client_id(form, field):
    """An id the client chose: a UUID, written the canonical way."""
    if not UUID_PATTERN.match(field.object_data):
        raise StopValidation(
            _l("This must be a UUID in lower case, like 3f2b8c1e-7a4d-4e2f-9b1a-0c5d6e7f8a9b.")
        )


def positive_number():
    return NumberRange(min=1, max=SEQ_MAX, message=_l("This must be a positive whole number."))


# JSON payload fields are plain Fields: they keep the decoded value as it is, so that the
# validators see its real type (a string "12" is not a question id).


def id_field(required: bool = True) -> Field:
    return Field(validators=[JsonValue(str, required), client_id])


def number_field(required: bool = True, minimum: int = 1) -> Field:
    message = _l("This must be a whole number of at least %(min)d.", min=minimum)
    return Field(
        validators=[
            JsonValue(int, required),
            NumberRange(min=minimum, max=SEQ_MAX, message=message),
        ]
    )


def text_field() -> Field:
    # The length limit (NOTE_TEXT_MAX) is the service's: it counts after normalising the text,
    # and the socket's message size limit bounds what arrives here.
    return Field(validators=[JsonValue(str)])


class NoteAddPayload(Form):
    """`note:add` and POST …/notes: a new note with the id the client chose."""

    id = id_field()
    question_id = number_field()
    text = text_field()
    # Only facilitators name the group; a participant always writes in their own.
    group_id = number_field(required=False)


class NoteEditPayload(Form):
    """`note:edit`: new text for a note, based on the revision the user saw."""

    id = id_field()
    op_id = id_field()
    base_revision = number_field()
    text = text_field()


class NoteDeletePayload(Form):
    """`note:delete`: a soft deletion; base_revision is optional."""

    id = id_field()
    op_id = id_field()
    base_revision = number_field(required=False)


class ChangesSincePayload(Form):
    """`changes:since`: the last seq the client has seen (0: from the beginning)."""

    seq = number_field(minimum=0)


class SnapshotPayload(Form):
    """`notes:snapshot`: optional narrowing by question (and, for facilitators, group)."""

    question_id = number_field(required=False)
    group_id = number_field(required=False)


def live_status(form, field):
    if field.object_data not in LIVE_STATUSES:
        raise StopValidation(_l("The status must be “live” or “closed”."))


class StatusPayload(Form):
    """`workshop:status`: open (live) or close the workshop for new notes."""

    status = Field(validators=[JsonValue(str), live_status])


class EmptyPayload(Form):
    """Events that take no fields (extra fields are ignored)."""


# --- Query strings of the JSON API (text values, converted) ---


def seq_number() -> NumberRange:
    message = _l("This must be a whole number from 0 to %(max)s.", max=lazy_number(SEQ_MAX))
    return NumberRange(min=0, max=SEQ_MAX, message=message)


class SeqField(IntegerField):
    """A seq in a query string: what is not a whole number gets the range's one message."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            self.data = None  # the range check says what a seq must be


class ChangesQuery(Form):
    since = SeqField(validators=[Optional(), seq_number()], default=0)


class NotesQuery(Form):
    question_id = IntegerField(validators=[Optional(), positive_number()])
    group_id = IntegerField(validators=[Optional(), positive_number()])


# --- The quick check of the busiest payload ---


def is_positive_number(value) -> bool:
    return is_whole_number(value) and 1 <= value <= SEQ_MAX


def plain_note_add(payload) -> dict | None:
    """note:add's fields when they are plainly right, checked by hand; None: ask the form.

    The form (NoteAddPayload) costs more than the write it guards; this check accepts exactly
    what it accepts, and everything else goes to the form, which says what is wrong.
    """
    if type(payload) is not dict:
        return None
    fields = {name: payload.get(name) for name in ("id", "question_id", "text", "group_id")}
    note_id, group_id = fields["id"], fields["group_id"]
    if (
        type(note_id) is str
        and UUID_PATTERN.match(note_id)
        and is_positive_number(fields["question_id"])
        and type(fields["text"]) is str
        and (group_id is None or is_positive_number(group_id))
    ):
        return fields
    return None


def plain_changes_since(payload) -> dict | None:
    """changes:since's seq when it is plainly right, checked by hand; None: ask the form.

    Every client asks at each connect and after each gap (a restart's thousand at once); this
    check accepts exactly what ChangesSincePayload accepts, and the form words any refusal.
    """
    if type(payload) is not dict:
        return None
    seq = payload.get("seq")
    return {"seq": seq} if type(seq) is int and 0 <= seq <= SEQ_MAX else None  # not a bool
