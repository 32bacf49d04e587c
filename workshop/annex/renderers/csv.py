"""CSV of the raw notes: one row per note, headed in the workshop's language, UTF-8 with BOM."""

import csv
import io
import re

from flask_babel import lazy_gettext as _l

from workshop.annex.renderers import register
from workshop.annex.text import clean_text

_FORMULA = re.compile(r"^(?:[=+@]|-(?=[^ ]))")


@register(
    "csv",
    label=_l("CSV (raw notes)"),
    extension="csv",
    media_type="text/csv",
    source="notes",
    rank=60,
)
def render_csv(raw: dict) -> bytes:
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\r\n")
    writer.writerow([raw["headings"][column] for column in raw["columns"]])
    for note in raw["notes"]:
        writer.writerow([_cell(note[column]) for column in raw["columns"]])
    # The byte order mark makes spreadsheet programs read the file as UTF-8 (æøå stay intact).
    return ("\ufeff" + output.getvalue()).encode("utf-8")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    # Control characters break some spreadsheet importers; the JSON export keeps them exactly.
    text = clean_text(str(value))
    # A spreadsheet would run "=…", "+…", "@…" as a formula: a leading apostrophe keeps it text.
    if _FORMULA.match(text):
        return "'" + text
    return text
