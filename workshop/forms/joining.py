"""Forms for joining a workshop and for managing who joined (pages and JSON payloads)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field, Form, IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, ValidationError

from workshop.formats import lazy_number
from workshop.forms.common import JsonValue, strip
from workshop.models.assignment import MAX_ASSIGNMENTS
from workshop.models.group import PARTICIPANT_NAME_MAX

# One name a line: room for the whole list in one group's box, and not much more.
ASSIGNMENT_TEXT_MAX = MAX_ASSIGNMENTS * (PARTICIPANT_NAME_MAX + 2)
# Longer than any code we hand out (spaces and dashes allowed), short of a pasted paragraph.
JOIN_CODE_INPUT_MAX = 32


def code_length():
    return Length(
        max=JOIN_CODE_INPUT_MAX,
        message=_l("A join code has at most %(max)d characters.", max=JOIN_CODE_INPUT_MAX),
    )


def name_length():
    return Length(
        max=PARTICIPANT_NAME_MAX,
        message=_l("A name can be at most %(max)d characters.", max=PARTICIPANT_NAME_MAX),
    )


class EnterCodeForm(FlaskForm):
    code = StringField(
        _l("Join code"),
        filters=[strip],
        validators=[DataRequired(message=_l("Please type the join code.")), code_length()],
        render_kw={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"},
    )


class JoinForm(FlaskForm):
    display_name = StringField(
        _l("Your name"),
        filters=[strip],
        validators=[DataRequired(message=_l("Please give your name.")), name_length()],
        render_kw={"autocomplete": "name"},
    )
    group_id = RadioField(
        _l("Your group"),
        coerce=int,
        validators=[InputRequired(message=_l("Please choose a group."))],
        validate_choice=True,
    )


def join_form_for(workshop, groups, **kwargs) -> JoinForm:
    """The join form with only the questions this workshop asks: name, and group if chosen."""
    form = JoinForm(**kwargs)
    if not workshop.asks_for_names:
        del form.display_name
    if workshop.group_mode == "self_select" and len(groups) > 1:
        form.group_id.choices = [(group.id, group.name) for group in groups]
    else:
        del form.group_id
    return form


class MoveParticipantForm(FlaskForm):
    group_id = SelectField(_l("Move to group"), coerce=int)


def names_from_text(text: str | None) -> list[str]:
    """One name a line; blank lines are ignored."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def assignments_form_for(groups, names_by_group: dict[int, list[str]], **kwargs):
    """A form with one "names in this group" box per group, filled with the current list."""

    class AssignmentsForm(FlaskForm):
        pass

    for group in groups:
        field = TextAreaField(
            _l("Names in %(group)s (one a line)", group=group.name),
            validators=[
                Length(
                    max=ASSIGNMENT_TEXT_MAX,
                    message=_l(
                        "This list is too long: at most %(max)s characters.",
                        max=lazy_number(ASSIGNMENT_TEXT_MAX),
                    ),
                )
            ],
            default="\n".join(names_by_group.get(group.id, [])),
            render_kw={"rows": 6},
        )
        setattr(AssignmentsForm, f"group_{group.id}", field)
    return AssignmentsForm(**kwargs)


def submitted_assignments(form, groups) -> dict[int, list[str]]:
    return {group.id: names_from_text(form[f"group_{group.id}"].data) for group in groups}


# --- JSON payloads (validated with plain WTForms: no CSRF, data instead of form data) ---


class JoinPayload(Form):
    code = StringField(
        validators=[
            JsonValue(str),
            DataRequired(_l("Please type the join code.")),
            code_length(),
        ]
    )
    name = StringField(filters=[strip], validators=[JsonValue(str, required=False), name_length()])
    group_id = IntegerField(validators=[JsonValue(int, required=False)])


class MovePayload(Form):
    group_id = IntegerField(validators=[JsonValue(int)])


def check_assignment_groups(form, field):
    value = field.object_data
    if not isinstance(value, list):
        raise ValidationError(_l("This must be a list of groups with their names."))
    for item in value:
        if not (
            isinstance(item, dict)
            and isinstance(item.get("group_id"), int)
            and not isinstance(item.get("group_id"), bool)
            and isinstance(item.get("names"), list)
        ):
            raise ValidationError(
                _l('Each item needs a "group_id" (a whole number) and "names" (a list).')
            )


class AssignmentsPayload(Form):
    groups = Field(validators=[check_assignment_groups])

    def names_by_group(self) -> dict[int, list[str]]:
        return {item["group_id"]: item["names"] for item in self.groups.object_data}
