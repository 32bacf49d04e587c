"""Forms for series, members, meetings, agenda items, attachments and topics (pages and API)."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, SelectMultipleField, StringField, TimeField
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)
from wtforms.widgets import DateTimeLocalInput

from workshop.formats import site_zone
from workshop.forms.accounts import email_address, email_field
from workshop.forms.common import at_most, storable_number, strip
from workshop.forms.workshops import (
    MEETING_LANGUAGE_CHOICES,
    ChoiceField,
    IsoDateField,
    select_choices,
    text_field,
)
from workshop.models.base import as_utc
from workshop.models.meeting import (
    ATTACHMENT_TITLE_MAX,
    DURATION_MAX_MINUTES,
    ITEM_DESCRIPTION_MAX,
    ITEM_TITLE_MAX,
    MAX_ITEMS,
    MEETING_STATUS_LABELS,
    MEETING_STATUSES,
    MEETING_TITLE_MAX,
    PRESENTER_MAX,
    PURPOSE_LABELS,
    PURPOSES,
)
from workshop.models.series import (
    DEPARTMENT_MAX,
    DESCRIPTION_MAX,
    EMAIL_MAX,
    LINK_MAX,
    MEMBER_NAME_MAX,
    MEMBER_ROLE_LABELS,
    MEMBER_ROLES,
    PLACE_MAX,
    RHYTHM_WEEKS_MAX,
    RHYTHM_WEEKS_MIN,
    SERIES_NAME_MAX,
)
from workshop.models.topic import DECLINE_REASON_MAX, TOPIC_DESCRIPTION_MAX, TOPIC_TITLE_MAX

ROLE_CHOICES = [(role, MEMBER_ROLE_LABELS[role]) for role in MEMBER_ROLES]
PURPOSE_CHOICES = [(purpose, PURPOSE_LABELS[purpose]) for purpose in PURPOSES]
ITEM_PURPOSE_CHOICES = [("", _l("Not said")), *PURPOSE_CHOICES]
LINK_PATTERN = r"^(https?://\S+)?$"


def link_field(label):
    return StringField(
        label,
        validators=[
            at_most(LINK_MAX),
            Regexp(
                LINK_PATTERN,
                message=_l("Enter a web address starting with https:// or http://."),
            ),
        ],
        filters=[strip],
        render_kw={"maxlength": LINK_MAX, "type": "url"},
    )


class HourMinuteField(TimeField):
    """A time of day as HH:MM, with our own (translated) error."""

    def __init__(self, label, **kwargs):
        super().__init__(label, validators=[Optional()], format=["%H:%M", "%H:%M:%S"], **kwargs)

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(_l("Enter a time as HH:MM, for example 09:30.")) from error


class MomentField(StringField):
    """A date and time: ISO 8601 with its offset, or without one in the site's time zone
    (what a page's date-and-time input sends). The data is an aware datetime or None."""

    SCHEMA = {
        "format": "date-time",
        "description": "ISO 8601; without an offset, in the site's time zone",
    }
    # The browser's own date-and-time picker, in the reader's language; it sends ISO 8601.
    widget = DateTimeLocalInput()

    def process_formdata(self, valuelist):
        self.data = None
        text = (valuelist[0] if valuelist else "").strip()
        if not text:
            return
        try:
            moment = datetime.fromisoformat(text)
        except ValueError as error:
            raise ValueError(
                _l("Enter a date and time as YYYY-MM-DDTHH:MM, for example 2025-06-01T12:00.")
            ) from error
        self.data = moment if moment.tzinfo else moment.replace(tzinfo=site_zone())

    def _value(self):
        if not self.data:
            return ""
        return as_utc(self.data).astimezone(site_zone()).strftime("%Y-%m-%dT%H:%M")


def whole_minutes(label):
    return IntegerField(
        label,
        validators=[
            Optional(),
            NumberRange(
                min=0,
                max=DURATION_MAX_MINUTES,
                message=_l("Enter minutes from 0 to %(max)d.", max=DURATION_MAX_MINUTES),
            ),
        ],
    )


class FieldsForm(FlaskForm):
    """A form whose FIELDS are what its service takes (the rest are the page's own)."""

    FIELDS: tuple[str, ...] = ()

    def fields(self) -> dict:
        return {name: self[name].data for name in self.FIELDS}


class SeriesForm(FieldsForm):
    FIELDS = (
        "name",
        "description",
        "language",
        "rhythm_weeks",
        "default_start_time",
        "default_end_time",
        "default_place",
        "default_online_link",
    )
    name = text_field(_l("Name of the network group"), SERIES_NAME_MAX, _l("Enter a name."))
    description = text_field(_l("Description"), DESCRIPTION_MAX, area=True)
    language = ChoiceField(
        _l("Language of the meetings"), choices=select_choices(MEETING_LANGUAGE_CHOICES)
    )
    rhythm_weeks = IntegerField(
        _l("Meets every … weeks"),
        default=RHYTHM_WEEKS_MAX,
        validators=[
            InputRequired(_l("Enter how many weeks apart the meetings are.")),
            NumberRange(
                min=RHYTHM_WEEKS_MIN,
                max=RHYTHM_WEEKS_MAX,
                message=_l(
                    "Enter %(min)d to %(max)d weeks: a network group meets at least four "
                    "times a year.",
                    min=RHYTHM_WEEKS_MIN,
                    max=RHYTHM_WEEKS_MAX,
                ),
            ),
        ],
    )
    default_start_time = HourMinuteField(_l("Usual start time"))
    default_end_time = HourMinuteField(_l("Usual end time"))
    default_place = text_field(_l("Usual place"), PLACE_MAX)
    default_online_link = link_field(_l("Usual online meeting link"))


class MemberForm(FieldsForm):
    FIELDS = ("name", "department", "email", "role")
    name = text_field(_l("Name"), MEMBER_NAME_MAX, _l("Enter a name."))
    department = text_field(_l("Department or organisation"), DEPARTMENT_MAX)
    email = StringField(
        _l("Email (optional)"),
        validators=[at_most(EMAIL_MAX), email_address],
        filters=[strip],
        render_kw={"autocomplete": "off", "type": "email", "maxlength": EMAIL_MAX},
    )
    role = ChoiceField(_l("Role"), choices=select_choices(ROLE_CHOICES), default="member")


class CoordinatorForm(FlaskForm):
    # Its page has the form that adds a member too, with an email field of its own.
    email = email_field(_l("The coordinator's email address"), field_id="coordinator-email")


class StandingItemForm(FieldsForm):
    FIELDS = ("title", "presenter", "duration_minutes", "description", "at_end")
    title = text_field(_l("Title"), ITEM_TITLE_MAX, _l("Enter a title."))
    presenter = text_field(_l("Presenter"), PRESENTER_MAX)
    duration_minutes = whole_minutes(_l("Duration (minutes)"))
    description = text_field(_l("Description"), ITEM_DESCRIPTION_MAX, area=True)
    at_end = BooleanField(_l("Keep at the end of the agenda"))


class MeetingForm(FieldsForm):
    FIELDS = (
        "title",
        "language",
        "date",
        "start_time",
        "end_time",
        "place",
        "online_link",
        "submission_deadline",
    )
    title = text_field(_l("Title"), MEETING_TITLE_MAX, _l("Enter a title."))
    language = ChoiceField(
        _l("Language of the meeting"), choices=select_choices(MEETING_LANGUAGE_CHOICES)
    )
    date = IsoDateField(_l("Date"), validators=[Optional()], format="%Y-%m-%d")
    start_time = HourMinuteField(_l("Start time"))
    end_time = HourMinuteField(_l("End time"))
    place = text_field(_l("Place"), PLACE_MAX)
    online_link = link_field(_l("Online meeting link"))
    submission_deadline = MomentField(_l("Deadline for sending in topics"))

    def validate_end_time(self, field):
        start = self.start_time.data
        if start and field.data and field.data <= start:
            raise ValidationError(_l("The meeting must end after it starts."))


class MeetingStatusForm(FlaskForm):
    status = ChoiceField(
        _l("Status"),
        choices=select_choices([(s, MEETING_STATUS_LABELS[s]) for s in MEETING_STATUSES]),
    )


class ItemForm(FieldsForm):
    FIELDS = (
        "title",
        "presenter",
        "duration_minutes",
        "description",
        "purpose",
        "follow_up",
        "at_end",
    )
    title = text_field(_l("Title"), ITEM_TITLE_MAX, _l("Enter a title."))
    presenter = text_field(_l("Presenter"), PRESENTER_MAX)
    duration_minutes = whole_minutes(_l("Duration (minutes)"))
    description = text_field(_l("Description"), ITEM_DESCRIPTION_MAX, area=True)
    purpose = ChoiceField(_l("For"), choices=select_choices(ITEM_PURPOSE_CHOICES), default="")
    follow_up = BooleanField(_l("Follow up at the next meeting"))
    at_end = BooleanField(_l("Keep at the end of the agenda"))


class ItemOrderForm(FlaskForm):
    """The agenda's whole order: every item id once, first to last."""

    item_ids = SelectMultipleField(
        _l("Items in their new order"),
        coerce=int,
        validate_choice=False,
        validators=[
            Length(
                min=1,
                max=MAX_ITEMS,
                message=_l("An order lists from 1 to %(max)s items.", max=MAX_ITEMS),
            )
        ],
    )


class AttachmentForm(FieldsForm):
    FIELDS = ("title", "url")
    # Its page has the item's own form too, with a title of its own.
    title = text_field(
        _l("Title of the attachment"),
        ATTACHMENT_TITLE_MAX,
        _l("Enter a title."),
        field_id="attachment-title",
    )
    url = link_field(_l("Link (optional)"))


class ItemWorkshopForm(FlaskForm):
    """Link an existing workshop to an item (none given: create a new one)."""

    workshop_id = IntegerField(_l("Workshop"), validators=[Optional(), storable_number()])


class TopicForm(FieldsForm):
    FIELDS = ("submitter_name", "department", "title", "description", "purpose")
    submitter_name = text_field(_l("Your name"), MEMBER_NAME_MAX, _l("Enter your name."))
    department = text_field(
        _l("Your department or organisation"), DEPARTMENT_MAX, _l("Enter your department.")
    )
    title = text_field(_l("Topic"), TOPIC_TITLE_MAX, _l("Enter a title for the topic."))
    description = text_field(_l("Short description"), TOPIC_DESCRIPTION_MAX, area=True)
    purpose = ChoiceField(
        _l("What do you want from the meeting?"),
        choices=select_choices(PURPOSE_CHOICES),
        default="discussion",
    )


class SubmissionCodeForm(FlaskForm):
    code = StringField(
        _l("Submission code"),
        validators=[DataRequired(_l("Enter the code.")), at_most(20)],
        filters=[strip],
        render_kw={"autocomplete": "off", "maxlength": 20},
    )


class AcceptTopicForm(FlaskForm):
    """Accept as a new item (no item given) or as a question in an item's workshop."""

    item_id = IntegerField(
        _l("Item whose workshop takes the question"), [Optional(), storable_number()]
    )
    section_id = IntegerField(_l("Section of the outline"), [Optional(), storable_number()])


class DeclineTopicForm(FlaskForm):
    reason = text_field(
        _l("Reason (the submitter sees it)"),
        DECLINE_REASON_MAX,
        _l("Give a reason: the submitter sees it."),
        area=True,
    )


class NextMeetingForm(FlaskForm):
    date = IsoDateField(_l("Date of the next meeting"), validators=[Optional()], format="%Y-%m-%d")
    reuse_workshop_item_ids = SelectMultipleField(
        _l("Reuse the workshop outline of these items"),
        coerce=int,
        validate_choice=False,
        validators=[Length(max=MAX_ITEMS)],
    )
