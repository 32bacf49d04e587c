"""Values and filters every template can use."""

from flask import Flask
from flask_babel import get_locale

from workshop.formats import local_date, local_datetime, local_number, local_time


def register(app: Flask) -> None:
    @app.context_processor
    def inject_language():
        return {"current_language": str(get_locale() or "en"), "languages": LANGUAGE_NAMES}

    # Every date, time and number a page shows goes through these, so all pages agree.
    app.add_template_filter(local_date, "date")
    app.add_template_filter(local_datetime, "datetime")
    app.add_template_filter(local_number, "number")
    app.add_template_filter(local_time, "time")


# Each language named in itself, as a language switcher shows it.
LANGUAGE_NAMES = {"en": "English", "da": "Dansk", "nb": "Norsk bokmål"}
