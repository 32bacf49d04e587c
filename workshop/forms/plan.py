"""Payloads of the plan and the room (socket events and JSON API): fields, types and limits.

Each payload is described once, here; the OpenAPI schemas are derived from these forms
(web/api/plan_openapi.py), and the socket events validate with the same classes.
"""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    Field,
    Form,
    IntegerField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, StopValidation

from workshop.forms.common import JsonValue, at_most, strip
from workshop.forms.notes import EmptyPayload, number_field
from workshop.models.room import (
    DISPLAY_NAME_MAX,
    STEP_GUIDANCE_MAX,
    STEP_KINDS,
    STEP_TITLE_MAX,
)

STEP_KIND_LABELS = {
    "information": _l("Information (nobody writes)"),
    "group_round": _l("Group round (its questions are open for writing)"),
    "plenary": _l("Plenary (one question at a time on the projector)"),
    "break": _l("Break"),
}
TIMER_ACTIONS = ("start", "pause", "resume", "extend", "clear")
PLENARY_ACTIONS = ("next", "previous", "show")
LOCK_TARGETS = ("question", "section")
SECONDS_MAX = 8 * 60 * 60
# What the form lets through; the service holds the text to the configured limit
# (BROADCAST_TEXT_MAX) with a message that says it.
BROADCAST_FORM_MAX = 5000
LIST_MAX = 1000


class OneOf:
    """The JSON value is one of `choices` (kept on the validator for the OpenAPI schema)."""

    def __init__(self, choices: tuple[str, ...]):
        self.choices = choices

    def __call__(self, form, field):
        if field.object_data not in self.choices:
            raise StopValidation(_l("Choose one of: %(choices)s.", choices=", ".join(self.choices)))


class JsonBool:
    """The JSON value is true or false."""

    required = True
    kind = bool

    def __call__(self, form, field):
        if not isinstance(field.object_data, bool):
            raise StopValidation(_l("This must be true or false."))


class JsonIdList:
    """An optional JSON list of ids (whole numbers of at least 1)."""

    required = False
    kind = list

    def __call__(self, form, field):
        value = field.object_data
        if value is None:
            raise StopValidation()
        if not isinstance(value, list) or len(value) > LIST_MAX:
            raise StopValidation(_l("This must be a list of ids."))
        if any(isinstance(item, bool) or not isinstance(item, int) or item < 1 for item in value):
            raise StopValidation(_l("This must be a list of ids."))


def text(required: bool, limit: int) -> Field:
    return Field(
        validators=[
            JsonValue(str, required),
            Length(max=limit, message=_l("At most %(max)d characters.", max=limit)),
        ]
    )


def choice(choices: tuple[str, ...]) -> Field:
    return Field(validators=[JsonValue(str), OneOf(choices)])


def seconds(required: bool) -> Field:
    return Field(
        validators=[
            JsonValue(int, required),
            NumberRange(
                min=1, max=SECONDS_MAX, message=_l("A time must be between 1 second and 8 hours.")
            ),
        ]
    )


def id_list() -> Field:
    return Field(validators=[JsonIdList()])


# --- the plan ---


class StepPayload(Form):
    """A step of the plan (POST …/plan/steps; a PATCH is checked as the step it would make)."""

    title = text(True, STEP_TITLE_MAX)
    kind = choice(STEP_KINDS)
    # The upper limit is the configured STEP_DURATION_MAX_MINUTES, held by the service.
    duration_minutes = number_field(required=False)
    guidance = text(False, STEP_GUIDANCE_MAX)
    section_ids = id_list()
    question_ids = id_list()


STEP_FIELDS = ("title", "kind", "duration_minutes", "guidance", "section_ids", "question_ids")


class StepOrderPayload(Form):
    """PUT …/plan/order: every step of the plan, once, in the new order."""

    step_ids = Field(validators=[JsonIdList()])


# --- running the room ---


class GotoPayload(Form):
    """`step:goto`: the step to make current."""

    step_id = number_field()


class TimerStartPayload(Form):
    """`timer:start`: a time, or none for the current step's duration."""

    seconds = seconds(required=False)


class TimerExtendPayload(Form):
    """`timer:extend`: the time to add (60 is +1 minute)."""

    seconds = seconds(required=True)


class TimerPayload(Form):
    """POST …/timer: one timer action."""

    action = choice(TIMER_ACTIONS)
    seconds = seconds(required=False)


class LockPayload(Form):
    """`lock:set`: lock or unlock a question, or a section or block."""

    target = choice(LOCK_TARGETS)
    id = number_field()
    locked = Field(validators=[JsonBool()])


class BroadcastPayload(Form):
    """`broadcast:send`: a short message to everyone, or to one group."""

    text = text(True, BROADCAST_FORM_MAX)
    group_id = number_field(required=False)


class BroadcastClearPayload(Form):
    """`broadcast:clear`: take back the message to everyone, or to one group."""

    group_id = number_field(required=False)


class QuestionPayload(Form):
    """`focus:set` and `plenary:show`: one question of the outline."""

    question_id = number_field()


class PlenaryPayload(Form):
    """POST …/plenary: page the plenary, or show one of its questions."""

    action = choice(PLENARY_ACTIONS)
    question_id = number_field(required=False)


class DisplayLinkPayload(Form):
    """POST …/display-links: an optional name for the link ("Room PC")."""

    name = text(False, DISPLAY_NAME_MAX)


# The payload of each room event (services.room.ACTIONS has the call each makes).
EVENT_PAYLOADS: dict[str, type[Form]] = {
    "plan:start": EmptyPayload,
    "plan:finish": EmptyPayload,
    "step:next": EmptyPayload,
    "step:previous": EmptyPayload,
    "step:goto": GotoPayload,
    "timer:start": TimerStartPayload,
    "timer:pause": EmptyPayload,
    "timer:resume": EmptyPayload,
    "timer:extend": TimerExtendPayload,
    "timer:clear": EmptyPayload,
    "lock:set": LockPayload,
    "broadcast:send": BroadcastPayload,
    "broadcast:clear": BroadcastClearPayload,
    "focus:set": QuestionPayload,
    "plenary:next": EmptyPayload,
    "plenary:previous": EmptyPayload,
    "plenary:show": QuestionPayload,
}


# --- the plan page (HTML forms) ---


class StepForm(FlaskForm):
    """A step on the plan page; the choices of sections and questions are set by the view."""

    title = StringField(
        _l("Title (shown to everyone)"),
        filters=[strip],
        validators=[DataRequired(message=_l("A step needs a title.")), at_most(STEP_TITLE_MAX)],
    )
    kind = SelectField(
        _l("Kind"),
        choices=[SelectChoice(kind, label) for kind, label in STEP_KIND_LABELS.items()],
        default="group_round",
        validate_choice=True,
    )
    duration_minutes = IntegerField(
        _l("Duration in minutes (optional)"),
        validators=[Optional()],
        render_kw={"min": 1, "inputmode": "numeric"},
    )
    guidance = TextAreaField(
        _l("Guidance (optional)"), filters=[strip], validators=[at_most(STEP_GUIDANCE_MAX)]
    )
    section_ids = SelectMultipleField(_l("Whole sections and blocks"), coerce=int, choices=[])
    question_ids = SelectMultipleField(_l("Single questions"), coerce=int, choices=[])

    def set_outline(self, sections: list[dict], questions: list[dict]) -> None:
        self.section_ids.choices = [
            SelectChoice(node["id"], f"{node['full_label']} {node['heading']}".strip())
            for node in sections
        ]
        self.question_ids.choices = [
            SelectChoice(node["id"], f"{node['full_label']} {node['text']}".strip())
            for node in questions
        ]

    def step_fields(self) -> dict:
        """The values as the plan service takes them."""
        return {name: self[name].data for name in STEP_FIELDS}
