"""Forms for the outline: sections, blocks, questions, numbering, moving and the pasted text."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Optional

from workshop.forms.common import at_most
from workshop.models.outline import (
    GUIDANCE_MAX,
    HEADING_MAX,
    OUTLINE_TEXT_MAX,
    PROMPT_MAX,
    QUESTION_MAX,
)


def style_choices():
    """The numbering styles as a select shows them; the samples need no translation."""
    return [
        SelectChoice("none", _l("No numbers")),
        SelectChoice("decimal", "1. 2. 3."),
        SelectChoice("upper", "A. B. C."),
        SelectChoice("lower", "a) b) c)"),
        SelectChoice("roman", "I. II. III."),
    ]


class NewSectionForm(FlaskForm):
    """A new section or block: it is numbered like its siblings until its styles are changed."""

    heading = StringField(
        _l("Heading"),
        validators=[DataRequired(message=_l("Enter a heading.")), at_most(HEADING_MAX)],
        render_kw={"dir": "auto"},
    )
    prompt = TextAreaField(
        _l("Lead-in (optional)"),
        validators=[Optional(), at_most(PROMPT_MAX)],
        description=_l("For example “How can the institute, strategically:”"),
        render_kw={"rows": 2, "dir": "auto"},
    )


class SectionForm(NewSectionForm):
    number_style = SelectField(_l("Number this heading"), choices=style_choices)
    question_style = SelectField(_l("Number its questions"), choices=style_choices)


class QuestionForm(FlaskForm):
    text = TextAreaField(
        _l("Question"),
        validators=[DataRequired(message=_l("Enter the question.")), at_most(QUESTION_MAX)],
        render_kw={"rows": 2, "dir": "auto"},
    )
    guidance = TextAreaField(
        _l("Guidance for the groups (optional)"),
        validators=[Optional(), at_most(GUIDANCE_MAX)],
        render_kw={"rows": 2, "dir": "auto"},
    )


class NumberingForm(FlaskForm):
    section_style = SelectField(_l("Sections"), choices=style_choices)
    block_style = SelectField(_l("Blocks"), choices=style_choices)
    question_style = SelectField(_l("Questions"), choices=style_choices)


class MoveForm(FlaskForm):
    direction = SelectField(
        _l("Direction"),
        choices=[SelectChoice("up", _l("Up")), SelectChoice("down", _l("Down"))],
        validate_choice=True,
    )


class ConfirmForm(FlaskForm):
    """A button that only needs its CSRF token: delete this, replace that."""


class OutlineTextForm(FlaskForm):
    text = TextAreaField(
        _l("Outline as text"),
        validators=[
            DataRequired(message=_l("Paste the outline first.")),
            at_most(OUTLINE_TEXT_MAX),
        ],
        render_kw={"rows": 14, "spellcheck": "false", "dir": "auto"},
    )
