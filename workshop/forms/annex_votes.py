"""Forms of the annex's votes (order by votes, mark the top N, include votes) and of publishing
the approved annex to participants; the page and the API validate with them."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField
from wtforms.validators import NumberRange, Optional

from workshop.forms.common import storable_number
from workshop.models.plenary import TOP_MAX


class IncludeVotesForm(FlaskForm):
    include_votes = BooleanField(_l("Show each point's votes in Word, PDF, Markdown and HTML"))


class OrderByVotesForm(FlaskForm):
    """Order by votes: one question (or every question, without one), marking the top N."""

    question_id = IntegerField(_l("Question"), validators=[Optional(), storable_number()])
    top = IntegerField(
        _l("Mark the top points"),
        default=0,
        validators=[
            Optional(),
            NumberRange(
                min=0,
                max=TOP_MAX,
                message=_l("Mark between 0 and %(max)d top points.", max=TOP_MAX),
            ),
        ],
    )


class PublishForm(FlaskForm):
    """Publish an approved version (the latest, without a number) to the participants."""

    version = IntegerField(_l("Version"), validators=[Optional(), storable_number()])
    include_votes = BooleanField(_l("Include the vote results"))
