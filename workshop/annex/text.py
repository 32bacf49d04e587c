"""Cleaning user text for documents and reading a point's "- " sub-point lines."""

import re
import unicodedata

from workshop.models.base import trimmed, unix_breaks

# Characters XML 1.0 forbids (C0 controls except tab/newline/CR, lone surrogates, U+FFFE/FFFF)
# plus the C1 controls and DEL, which no document should carry either.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# A sub-point's marker: "- " (also "– " or "• "), or one alone on its line: a "- " whose space
# was trimmed away is an empty sub-point, not a point "-". live-ui.js LIST_MARK is the same.
_SUB_POINT = re.compile(r"^\s*[-–•](?:\s+|$)")


def clean_line(text: str) -> str:
    """One line of user text, safe for every format: no control characters, no tabs, trimmed
    (of what shows nothing too)."""
    return trimmed(_FORBIDDEN.sub("", text.replace("\t", " ")))


def clean_text(text: str | None) -> str:
    """Multi-line user text with control characters removed and line endings normalised."""
    if not text:
        return ""
    text = unix_breaks(text)
    return "\n".join(clean_line(line) for line in text.split("\n")).strip("\n")


def needs_cleaning(texts: list[str]) -> bool:
    """Whether any of the texts has a character clean_line would remove (one scan for all)."""
    joined = "".join(texts)
    return "\t" in joined or _FORBIDDEN.search(joined) is not None


def parse_items(text: str, clean: bool = True) -> list[dict]:
    """A point's text as list items: each plain line is an item, "- " lines are its sub-points.

    A "- " line with no plain line above it is an item of its own: a text that is only a "- "
    list is a plain list of items (as on the web pages, live-ui.js notePoints), and nothing is
    dropped. clean=False skips the character cleaning for text known to need none (see
    needs_cleaning).
    """
    if "\n" not in text and not _SUB_POINT.match(text):
        line = clean_line(text) if clean else text.strip()  # the common case: one plain line
        return [{"text": line, "children": []}] if line else []
    items: list[dict] = []
    under_plain_line = False  # whether the last item came from a plain line
    for raw_line in text.split("\n"):
        sub_point = _SUB_POINT.match(raw_line)
        line = clean_line(raw_line[sub_point.end() :] if sub_point else raw_line)
        if not line:
            continue
        if sub_point and under_plain_line:
            items[-1]["children"].append(line)
        else:
            items.append({"text": line, "children": []})
            under_plain_line = not sub_point
    return items


def one_point(texts: list[str]) -> str:
    """Several points' text as one point: their lines joined into one line (a sentence's own
    full stop, else "; ", between them), their "- " sub-points kept under it, in order."""
    lines = [line.strip() for text in texts for line in text.strip().split("\n") if line.strip()]
    subs = [line for line in lines if _SUB_POINT.match(line)]
    joined = ""
    for line in (line for line in lines if not _SUB_POINT.match(line)):
        joined += line if not joined else (" " if joined[-1] in ".!?" else "; ") + line
    return "\n".join([joined, *subs] if joined else subs)


def is_right_to_left(text: str) -> bool:
    """True when the first letter with a strong direction is Hebrew, Arabic or the like."""
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False
