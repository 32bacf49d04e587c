"""Forms for a workshop's settings and for sharing it with co-facilitators."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, RadioField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Optional, ValidationError

from workshop.forms.accounts import email_field
from workshop.forms.common import at_most, strip
from workshop.models.workshop import (
    LABEL_NUMBER_MAX,
    LABEL_WORD_MAX,
    LONG_TEXT_MAX,
    SHORT_TEXT_MAX,
    STATUS_LABELS,
    STATUSES,
    TITLE_MAX,
)

MEETING_LANGUAGE_CHOICES = (
    ("da", _l("Danish")),
    ("nb", _l("Norwegian Bokmål")),
    ("en", _l("English")),
)
ANONYMITY_CHOICES = (
    ("named", _l("Named: everyone sees who wrote what")),
    ("anonymous_to_peers", _l("Anonymous to other participants (facilitators see names)")),
    ("anonymous", _l("Fully anonymous: no names are asked")),
)
GROUP_MODE_CHOICES = (
    ("assigned", _l("Assigned by the facilitator")),
    ("self_select", _l("Participants choose their group")),
    ("balanced_random", _l("Placed at random, keeping groups even")),
)
# Fields of WorkshopForm that are the workshop's settings (services.workshops.WORKSHOP_FIELDS).
SETTINGS = (
    "title",
    "theme",
    "date",
    "place",
    "language",
    "document_number",
    "reference",
    "annex_title",
    "annex_intro",
    "annex_label_word",
    "annex_label_number",
    "anonymity",
    "group_mode",
)


class IsoDateField(DateField):
    """A date as YYYY-MM-DD, with our own (translated) error."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(_l("Enter a date as YYYY-MM-DD, for example 2025-03-14.")) from error


def select_choices(pairs) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


class OwnWrongChoiceError:
    """A choice whose wrong-choice error is ours (API clients can send anything)."""

    def pre_validate(self, form):
        if self.data not in {choice.value for choice in self.choices}:
            raise ValidationError(_l("Choose one of the options."))


class ChoiceField(OwnWrongChoiceError, SelectField):
    """A select of a few short options."""


class RadioChoiceField(OwnWrongChoiceError, RadioField):
    """Options too long for a select on a phone (it cannot wrap its chosen option): radios."""


def text_field(
    label, limit: int, required_message=None, area: bool = False, default=None, field_id=None
):
    validators = [at_most(limit)]
    if required_message:
        validators.insert(0, DataRequired(required_message))
    field_class = TextAreaField if area else StringField
    render_kw = {"maxlength": limit, **({"rows": 6} if area else {})}
    return field_class(
        label,
        validators=validators,
        filters=[strip],
        render_kw=render_kw,
        default=default,
        id=field_id,  # for a second field of that name on a page (see email_field)
    )


class WorkshopForm(FlaskForm):
    title = text_field(_l("Title"), TITLE_MAX, _l("Enter a title."))
    theme = text_field(_l("Theme"), SHORT_TEXT_MAX)
    date = IsoDateField(_l("Date"), validators=[Optional()], format="%Y-%m-%d")
    place = text_field(_l("Place"), SHORT_TEXT_MAX)
    language = ChoiceField(
        _l("Language of the meeting"), choices=select_choices(MEETING_LANGUAGE_CHOICES)
    )
    document_number = text_field(_l("Document number"), SHORT_TEXT_MAX)
    reference = text_field(_l("Reference"), SHORT_TEXT_MAX)
    annex_title = text_field(_l("Annex title"), TITLE_MAX)
    annex_intro = text_field(_l("Annex introduction"), LONG_TEXT_MAX, area=True)
    annex_label_word = text_field(_l("Annex label"), LABEL_WORD_MAX)
    annex_label_number = text_field(_l("Annex number"), LABEL_NUMBER_MAX, default="1")
    anonymity = RadioChoiceField(
        _l("Anonymity"), choices=select_choices(ANONYMITY_CHOICES), default="named"
    )
    group_mode = ChoiceField(
        _l("How participants get a group"),
        choices=select_choices(GROUP_MODE_CHOICES),
        default="self_select",
    )

    def settings(self) -> dict:
        return {name: self[name].data for name in SETTINGS}


class DuplicateForm(FlaskForm):
    date = IsoDateField(_l("Date of the new meeting"), validators=[Optional()], format="%Y-%m-%d")


class StatusForm(FlaskForm):
    status = ChoiceField(
        _l("Status"), choices=[SelectChoice(s, STATUS_LABELS[s]) for s in STATUSES]
    )


class CoFacilitatorForm(FlaskForm):
    email = email_field(_l("The co-facilitator's email address"))
