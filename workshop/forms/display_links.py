"""The dashboard's page form for display links (the API's payload is forms/plan.py's)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField

from workshop.forms.common import at_most, strip
from workshop.models.room import DISPLAY_NAME_MAX


class DisplayLinkForm(FlaskForm):
    """Make a display link for the room's PC; its name only helps to tell links apart."""

    name = StringField(
        _l("Name of a new display link (optional)"),
        filters=[strip],
        validators=[at_most(DISPLAY_NAME_MAX)],
    )
