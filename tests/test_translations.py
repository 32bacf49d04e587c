"""Danish and Norwegian Bokmål are complete: every string in code and templates is translated."""

import re
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
CATALOGS = ROOT / "workshop" / "translations"
METHOD_MAP = [("**.py", "python"), ("**.html", "jinja2")]
# `plural` is the live pages' helper that hands both forms of a counted phrase to the JS.
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None, "plural": (1, 2)}
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def messages_in_source() -> set[str]:
    found = set()
    for folder in ("workshop", "templates"):
        for _name, _line, message, _comments, _context in extract_from_dir(
            ROOT / folder, METHOD_MAP, keywords=KEYWORDS
        ):
            found.add(message if isinstance(message, str) else message[0])
    found.discard("")
    return found


def translated(entry) -> bool:
    forms = entry.string if isinstance(entry.string, tuple | list) else (entry.string,)
    return bool(forms) and all(forms) and not entry.fuzzy


def catalog(language: str, kind: str = "po"):
    path = CATALOGS / language / "LC_MESSAGES" / f"messages.{kind}"
    with path.open("rb") as file:
        return read_po(file) if kind == "po" else read_mo(file)


@pytest.mark.parametrize("language", ["da", "nb"])
def test_every_string_of_the_app_is_translated(language):
    po = catalog(language)
    missing = []
    for message_id in sorted(messages_in_source()):
        entry = po.get(message_id)
        if entry is None or not translated(entry):
            missing.append(message_id)
    assert missing == [], f"{len(missing)} strings lack a {language} translation: {missing[:20]}"


@pytest.mark.parametrize("language", ["da", "nb"])
def test_translations_keep_their_placeholders(language):
    for entry in catalog(language):
        if not entry.id or not entry.string:
            continue
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        expected = set(PLACEHOLDER.findall(ids[0]))
        for string in strings:
            assert set(PLACEHOLDER.findall(string)) <= expected | {"num"}, entry.id


@pytest.mark.parametrize("language", ["da", "nb"])
def test_compiled_catalog_matches_its_source(language):
    po, mo = catalog(language), catalog(language, "mo")
    for entry in po:
        if entry.id and translated(entry):
            assert mo.get(entry.id) is not None, f"{entry.id!r} is not compiled: run dev.py i18n"
            compiled = mo.get(entry.id).string
            if isinstance(entry.string, tuple):
                compiled = tuple(compiled)  # babel reads plural forms from .mo as a list
            assert compiled == entry.string, f"{entry.id!r}: run dev.py i18n"
