"""The names of downloaded and written files, in the document's own language and plain ASCII.

The words ("bilag-v2-kladde", "innkalling") are in the language the document is written in —
the workshop's or meeting's — not the reader's, as the document's own fixed words are. Plain
ASCII needs no RFC 5987 `filename*` in Content-Disposition, whose ASCII fallback (Werkzeug's)
would drop æ, ø and å where we spell them out; a mail client shows it as is too.
"""

import re
import unicodedata

from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

from workshop.i18n import force_language
from workshop.models import Meeting, Workshop

# Letters NFKD does not take apart, spelled as a file name would have them.
_TRANSLITERATE = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "ß": "ss"})


def workshop_file_name(workshop: Workshop, words: LazyString, extension: str) -> str:
    """A workshop document's name: a Danish "Strategi 2030" gives "strategi-2030-bilag-v1.docx"."""
    fallback = _l("workshop-%(number)s", number=workshop.id)
    return _file_name(workshop.language, workshop.title, fallback, words, extension)


def meeting_file_name(meeting: Meeting, words: LazyString, extension: str) -> str:
    """A meeting document's name: a Norwegian "Nettverksmøte 1/2026" gives
    "nettverksmoete-1-2026-innkalling.pdf"."""
    fallback = _l("meeting-%(number)s", number=meeting.id)
    return _file_name(meeting.language, meeting.title, fallback, words, extension)


def outline_file_name(workshop: Workshop) -> str:
    """The outline as text, named by the workshop's number: "disposition-7.txt" in Danish."""
    words = _l("outline-%(number)s", number=workshop.id)
    return f"{name_part(workshop.language, words)}.txt"


def _file_name(
    language: str | None, title: str, fallback: LazyString, words: LazyString, extension: str
) -> str:
    name = slug(title) or name_part(language, fallback)
    return f"{name}-{name_part(language, words)}.{extension}"


def name_part(language: str | None, words: LazyString) -> str:
    """Words of a file name put in `language`, as plain ASCII: "møde-3" → "moede-3"."""
    with force_language(language or "en"):
        return slug(str(words))


def slug(title: str) -> str:
    """A plain-ASCII file name part: "Strategi for æøå" → "strategi-for-aeoeaa"."""
    text = unicodedata.normalize("NFKD", title.translate(_TRANSLITERATE))
    text = text.encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:60].strip("-")
