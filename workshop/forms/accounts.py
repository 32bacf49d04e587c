"""Forms for first-run setup, logging in and the facilitator's own account."""

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

from workshop.forms.common import at_most, strip
from workshop.models.facilitator import EMAIL_MAX, NAME_MAX, PASSWORD_MAX, PASSWORD_MIN

EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# Each interface language named in itself, as language switchers show them.
INTERFACE_LANGUAGES = (("en", "English"), ("da", "Dansk"), ("nb", "Norsk bokmål"))


def email_address(_form, field) -> None:
    if field.data and not EMAIL_PATTERN.match(field.data):
        raise ValidationError(_l("Enter a valid email address, like name@example.org."))


def email_field(label=None, field_id=None) -> StringField:
    """`field_id`: for a second email field on a page (each label must name its own field)."""
    return StringField(
        label or _l("Email"),
        id=field_id,
        validators=[
            DataRequired(_l("Enter an email address.")),
            at_most(EMAIL_MAX),
            email_address,
        ],
        filters=[strip],
        render_kw={"autocomplete": "email", "type": "email", "maxlength": EMAIL_MAX},
    )


def new_password_field(label) -> PasswordField:
    return PasswordField(
        label,
        validators=[
            DataRequired(_l("Enter a password.")),
            Length(
                min=PASSWORD_MIN,
                max=PASSWORD_MAX,
                # Not the hint's words again: it says what is wrong with this one.
                message=_l("The password must have between %(min)d and %(max)d characters."),
            ),
        ],
        render_kw={"autocomplete": "new-password", "maxlength": PASSWORD_MAX},
    )


def confirm_field(other: str) -> PasswordField:
    return PasswordField(
        _l("Repeat the password"),
        validators=[EqualTo(other, message=_l("The two passwords are not the same."))],
        render_kw={"autocomplete": "new-password", "maxlength": PASSWORD_MAX},
    )


def display_name_field() -> StringField:
    return StringField(
        _l("Your name"),
        validators=[
            DataRequired(_l("Enter your name.")),
            at_most(NAME_MAX),
        ],
        filters=[strip],
        render_kw={"autocomplete": "name", "maxlength": NAME_MAX},
    )


class SetupForm(FlaskForm):
    """The first facilitator account of a fresh installation."""

    display_name = display_name_field()
    email = email_field()
    password = new_password_field(_l("Password"))
    confirm = confirm_field("password")
    load_demo = BooleanField(_l("Also load a demo workshop to look around in"))


class LoginForm(FlaskForm):
    email = email_field()
    password = PasswordField(
        _l("Password"),
        validators=[
            DataRequired(_l("Enter your password.")),
            at_most(PASSWORD_MAX),
        ],
        render_kw={"autocomplete": "current-password"},
    )
    remember = BooleanField(_l("Keep me logged in on this device"))


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(
        _l("Current password"),
        validators=[
            DataRequired(_l("Enter your current password.")),
            at_most(PASSWORD_MAX),
        ],
        render_kw={"autocomplete": "current-password"},
    )
    new_password = new_password_field(_l("New password"))
    confirm = confirm_field("new_password")


class LanguageForm(FlaskForm):
    language = SelectField(
        _l("Interface language"),
        choices=[
            SelectChoice("", _l("The browser's language")),
            *(SelectChoice(code, name) for code, name in INTERFACE_LANGUAGES),
        ],
    )


class ApiTokenForm(FlaskForm):
    name = StringField(
        _l("Token name"),
        validators=[
            DataRequired(_l("Give the token a name, for example where it is used.")),
            at_most(NAME_MAX),
        ],
        filters=[strip],
        render_kw={"maxlength": NAME_MAX},
    )
