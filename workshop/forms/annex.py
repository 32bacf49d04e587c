"""Forms of the annex page (also used to validate the annex API's JSON payloads)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from workshop.forms.common import at_most, storable_number, strip, whole_number
from workshop.models.annex import (
    INHERITED_HEADER,
    INTRO_MAX,
    LABEL_NUMBER_MAX,
    LABEL_WORD_MAX,
    MAX_POINTS_PER_QUESTION,
    MERGE_MAX,
    POINT_TEXT_MAX,
)
from workshop.models.workshop import SHORT_TEXT_MAX, TITLE_MAX

ATTRIBUTION_CHOICES = (
    ("none", _l("No attribution (as in minutes)")),
    ("mark", _l("Mark each point with its group")),
    ("grouped", _l("Points grouped per group")),
)
HEADER_FIELDS = (*INHERITED_HEADER, "attribution")


def choices(pairs) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


def point_text_field(label):
    return TextAreaField(
        label,
        filters=[strip],
        validators=[
            DataRequired(message=_l("A point needs some text.")),
            at_most(POINT_TEXT_MAX),
        ],
    )


class AnnexHeaderForm(FlaskForm):
    date = DateField(_l("Date"), validators=[Optional()])
    document_number = StringField(
        _l("Document number"), filters=[strip], validators=[at_most(SHORT_TEXT_MAX)]
    )
    reference = StringField(_l("Reference"), filters=[strip], validators=[at_most(SHORT_TEXT_MAX)])
    label_word = StringField(
        _l("Annex label"), filters=[strip], validators=[at_most(LABEL_WORD_MAX)]
    )
    label_number = StringField(
        _l("Annex number"), filters=[strip], validators=[at_most(LABEL_NUMBER_MAX)]
    )
    title = StringField(
        _l("Title"),
        filters=[strip],
        validators=[DataRequired(message=_l("The annex needs a title.")), at_most(TITLE_MAX)],
    )
    intro = TextAreaField(_l("Introduction"), filters=[strip], validators=[at_most(INTRO_MAX)])
    attribution = RadioField(
        _l("Groups in the document"), choices=choices(ATTRIBUTION_CHOICES), default="none"
    )

    def values(self) -> dict:
        return {name: self[name].data for name in HEADER_FIELDS}


class PointTextForm(FlaskForm):
    text = point_text_field(_l("Wording"))


class MoveForm(FlaskForm):
    direction = SelectField(
        _l("Direction"),
        choices=choices((("up", _l("Up")), ("down", _l("Down")))),
        validators=[InputRequired()],
    )


class PositionForm(FlaskForm):
    position = IntegerField(
        _l("Position"),
        validators=[
            InputRequired(message=_l("Give the position to move the point to.")),
            NumberRange(
                min=1,
                max=MAX_POINTS_PER_QUESTION,
                message=_l(
                    "A position is a number from 1 to %(max)s.", max=MAX_POINTS_PER_QUESTION
                ),
            ),
        ],
    )


class OrderForm(FlaskForm):
    """A question's whole order of points: every point id once, first to last."""

    point_ids = SelectMultipleField(
        _l("Points in their new order"),
        coerce=int,
        validate_choice=False,
        validators=[
            Length(
                min=1,
                max=MAX_POINTS_PER_QUESTION,
                message=_l("An order lists from 1 to %(max)s points.", max=MAX_POINTS_PER_QUESTION),
            )
        ],
    )


class MergeForm(FlaskForm):
    point_ids = SelectMultipleField(_l("Points"), coerce=whole_number, validate_choice=False)
    # Empty on the first step (choose points); the wording on the second (confirm).
    text = TextAreaField(
        _l("Wording of the merged point"),
        filters=[strip],
        validators=[at_most(POINT_TEXT_MAX)],
        render_kw={"rows": 6},  # several points' wording in view at once
    )

    def validate_point_ids(self, field):
        if len(set(field.data or [])) < 2:
            raise ValidationError(_l("Choose at least two points to merge."))
        if len(set(field.data)) > MERGE_MAX:
            raise ValidationError(
                _l("At most %(max)s points can be merged at once.", max=MERGE_MAX)
            )


def point_id_field() -> IntegerField:
    return IntegerField(validators=[InputRequired(), storable_number(), NumberRange(min=1)])


class PairForm(FlaskForm):
    first_point_id = point_id_field()
    second_point_id = point_id_field()


class ActionForm(FlaskForm):
    """A button that only needs the CSRF token (exclude, include, approve, take in, …)."""
