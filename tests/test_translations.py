"""Danish and Norwegian Bokmål are complete: every string in code and templates is translated."""

import re
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from tests.translation_calls import marked_strings

ROOT = Path(__file__).resolve().parent.parent
CATALOGS = ROOT / "workshop" / "translations"
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def extracted_messages() -> set[str]:
    """What `dev.py i18n` puts in the catalogs: pybabel's extraction as babel.cfg sets it up."""
    with (ROOT / "babel.cfg").open() as file:
        method_map, options_map = parse_mapping_cfg(file)
    found = set()
    for folder in ("workshop", "templates"):
        for _name, _line, message, _comments, _context in extract_from_dir(
            ROOT / folder, method_map, options_map, keywords=DEFAULT_KEYWORDS
        ):
            found.add(message if isinstance(message, str) else message[0])
    found.discard("")
    return found


def messages_in_source() -> set[str]:
    """Every string marked for translation, by extraction or by whatever its call resolves to."""
    return extracted_messages() | {marked.message for marked in marked_strings(ROOT / "workshop")}


def test_extraction_finds_every_string_the_code_translates():
    """A gettext imported under a name babel.cfg does not list would never reach the catalogs."""
    extracted = extracted_messages()
    missed = [str(m) for m in marked_strings(ROOT / "workshop") if m.message not in extracted]
    assert missed == [], (
        "pybabel does not extract these (use _, _l or ngettext, or add the name to babel.cfg): "
        f"{missed}"
    )


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


def test_the_scan_sees_through_any_name_a_translating_call_uses(tmp_path):
    """What makes the tests above independent of call names: aliases, modules and helpers."""
    package = tmp_path / "sample"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "words.py").write_text(
        "import flask_babel as fb\n"
        "from flask_babel import gettext as translate, ngettext\n"
        "say = fb.lazy_gettext\n"
        "def counted(one, many, n):\n"
        "    return ngettext(one, many, n)\n"
        "A = translate('Group %(number)s', number=1)\n"
        "B = fb.gettext('Closed')\n"
        "C = say('Draft')\n"
        "D = counted('%(num)d note', '%(num)d notes', 2)\n"
        "E = translate(A)\n"
    )
    (package / "user.py").write_text(
        "from sample.words import counted as count\n"
        "F = count('%(num)d group', '%(num)d groups', 3)\n"
    )
    found = {marked.message for marked in marked_strings(package)}
    assert found == {"Group %(number)s", "Closed", "Draft", "%(num)d note", "%(num)d group"}
