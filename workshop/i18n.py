"""Choosing the interface language, and the meeting's language for fixed words in documents.

A language is one of config LANGUAGES ("en", "da", "nb"): what users choose, meetings store and
the live pages send. Babel is given a locale for it, which decides how dates, times and numbers
are written. English is written the British way (en_GB: 11 Mar 2027, 09:00): our users are
Nordic councils, directorates and NGOs, who expect European conventions, and the Word documents
already say en-GB. en_GB has no catalogue of its own, so messages stay in the source language.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from flask import current_app, has_request_context, request, session
from flask_babel import force_locale, get_locale
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


# A language's Babel locale, where it is not the language itself.
BABEL_LOCALES = {"en": "en_GB"}
# A language's tag on a web page (<html lang>), where it is not the language itself: the same
# region as the dates, so a browser's spell checker and a screen reader's voice are British too.
PAGE_TAGS = {"en": "en-GB"}
# Word files and document properties want a region for every language, not only where a page does.
DOCUMENT_TAGS = {"da": "da-DK", "nb": "nb-NO"}


def babel_locale(language: str) -> str:
    """The Babel locale that writes a language's dates and numbers: "en" -> "en_GB"."""
    return BABEL_LOCALES.get(language, language)


def page_tag(language: str) -> str:
    """The language's tag for a page's lang attribute: "en" -> "en-GB", "da" -> "da"."""
    return PAGE_TAGS.get(language, language)


def document_tag(language: str) -> str:
    """The language's tag in a Word file or a document's properties: "da" -> "da-DK", and as on a
    page where the page's tag already names the region: "en" -> "en-GB"."""
    return DOCUMENT_TAGS.get(language, page_tag(language))


def current_language() -> str:
    """The language in force ("en", "da", "nb"), whatever locale Babel writes it with."""
    locale = get_locale()
    return locale.language if locale else current_app.config["BABEL_DEFAULT_LOCALE"]


@contextmanager
def force_language(language: str | None) -> Iterator[None]:
    """Words, dates and numbers in this language for a while (a meeting's, a socket's); without
    one, in the language the request would choose."""
    with force_locale(babel_locale(language or select_language())):
        yield


def select_locale() -> str:
    """The Babel locale for the interface language (Flask-Babel's locale selector)."""
    return babel_locale(select_language())


def select_language() -> str:
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
