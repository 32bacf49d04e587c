"""The minutes' text fields as blocks: paragraphs and bulleted lists with sub-points.

The "- " convention of the notes, with indentation for depth: a line starting with "- " is a
bullet, an indented "- " line is a sub-point of the bullet above it, any other line is text, and
a blank line ends a paragraph.
"""

import re

from workshop.annex.text import clean_line
from workshop.models.base import unix_breaks

_BULLET = re.compile(r"^(\s*)[-–•]\s+")


def text_blocks(text: str) -> list[dict]:
    """[{"kind": "paragraph", "lines": [...]}, {"kind": "list", "items": [{"text",
    "children"}]}, …] in the order written."""
    blocks: list[dict] = []
    # Not clean_text: it would strip the indentation that says a line is a sub-point.
    for raw_line in unix_breaks(text or "").split("\n"):
        bullet = _BULLET.match(raw_line)
        line = clean_line(raw_line[bullet.end() :] if bullet else raw_line)
        if not line:
            if not bullet:
                blocks.append({"kind": "break"})
            continue
        if bullet:
            add_bullet(blocks, line, indented=bool(bullet.group(1)))
        else:
            add_line(blocks, line)
    return [block for block in blocks if block["kind"] != "break"]


def add_bullet(blocks: list[dict], line: str, indented: bool) -> None:
    last = blocks[-1] if blocks else None
    if last is None or last["kind"] != "list":
        last = {"kind": "list", "items": []}
        blocks.append(last)
    if indented and last["items"]:
        last["items"][-1]["children"].append(line)
    else:
        last["items"].append({"text": line, "children": []})


def add_line(blocks: list[dict], line: str) -> None:
    last = blocks[-1] if blocks else None
    if last is not None and last["kind"] == "paragraph":
        last["lines"].append(line)
    else:
        blocks.append({"kind": "paragraph", "lines": [line]})
