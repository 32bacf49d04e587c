"""Choosing the interface language, and the meeting's language for fixed words in documents."""

from flask import current_app, has_request_context, request, session
from flask_login import current_user

# Browsers say "no" or "nn" for Norwegian; Bokmål is the catalog we have.
LANGUAGE_ALIASES = {"no": "nb", "nn": "nb", "nb-no": "nb", "da-dk": "da"}


def normalise_language(code: str | None) -> str | None:
    """Map a browser or user language code to one of ours, or None."""
    if not code:
        return None
    code = code.strip().lower().replace("_", "-")
    code = LANGUAGE_ALIASES.get(code, code.split("-")[0])
    code = LANGUAGE_ALIASES.get(code, code)
    return code if code in current_app.config["LANGUAGES"] else None


def select_locale() -> str:
    """The interface language: the user's choice, else the browser's, else English."""
    if not has_request_context():
        # CLI commands and background work: messages in the source language.
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    chosen = session.get("language")
    if isinstance(chosen, str) and chosen in current_app.config["LANGUAGES"]:
        return chosen
    if current_user and current_user.is_authenticated and current_user.language:
        return current_user.language
    for code, _quality in request.accept_languages:
        language = normalise_language(code)
        if language:
            return language
    return current_app.config["BABEL_DEFAULT_LOCALE"]
