"""Forms for breakout groups: create several, add, rename, and choose their questions."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, RadioField, SelectChoice, SelectMultipleField, StringField
from wtforms.validators import DataRequired, InputRequired, NumberRange

from workshop.forms.common import at_most
from workshop.models.group import GROUP_NAME_MAX, MAX_GROUPS


class CreateGroupsForm(FlaskForm):
    count = IntegerField(
        _l("How many groups"),
        default=3,
        validators=[
            InputRequired(message=_l("Enter a number.")),
            NumberRange(
                min=1,
                max=MAX_GROUPS,
                message=_l("Enter a number from 1 to %(max)d.", max=MAX_GROUPS),
            ),
        ],
        render_kw={"min": 1, "max": MAX_GROUPS},
    )


class GroupNameForm(FlaskForm):
    name = StringField(
        _l("Name"),
        validators=[
            DataRequired(message=_l("Enter a name for the group.")),
            at_most(GROUP_NAME_MAX),
        ],
    )


class GroupQuestionsForm(FlaskForm):
    """The choices of section_ids and question_ids are the workshop's outline, set by the view."""

    scope = RadioField(
        _l("The group works on"),
        choices=[
            SelectChoice("all", _l("All questions (also ones added later)")),
            SelectChoice("chosen", _l("Only the questions chosen below")),
        ],
        default="all",
    )
    section_ids = SelectMultipleField(_l("Whole sections"), coerce=int, choices=[])
    question_ids = SelectMultipleField(_l("Questions"), coerce=int, choices=[])

    def set_outline(self, outline_sections: list[dict], questions: list[dict]) -> None:
        self.section_ids.choices = [SelectChoice(n["id"], n["heading"]) for n in outline_sections]
        self.question_ids.choices = [SelectChoice(n["id"], n["text"]) for n in questions]
