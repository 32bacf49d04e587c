"""Values and filters every template can use."""

from flask import Flask
from flask_babel import get_locale


def register(app: Flask) -> None:
    @app.context_processor
    def inject_language():
        return {"current_language": str(get_locale() or "en"), "languages": LANGUAGE_NAMES}


# Each language named in itself, as a language switcher shows it.
LANGUAGE_NAMES = {"en": "English", "da": "Dansk", "nb": "Norsk bokmål"}
