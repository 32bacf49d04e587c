"""Markdown: headings and nested bullet lists; every user character escaped so it stays literal."""

import re

from flask_babel import lazy_gettext as _l

from workshop.annex.renderers import register

# Characters with a meaning anywhere in a line (CommonMark and GitHub's tables/strikethrough).
_INLINE = re.compile(r"([\\`*_\[\]<>#|~])")
# An ampersand only matters where it would start an entity such as &amp; or &#65;.
_ENTITY = re.compile(r"&(?=#?\w+;)")
# What would start a list, quote, heading underline or thematic break at the start of a line.
_LEADING_NUMBER = re.compile(r"^(\d{1,9})([.)])")
_ANY_SPECIAL = re.compile(r"[\\`*_\[\]<>#|~&]")


def escape_inline(text: str) -> str:
    """User text as Markdown that renders exactly as typed, inside a line."""
    if not _ANY_SPECIAL.search(text):
        return text  # most text needs nothing: one search instead of two substitutions
    return _ENTITY.sub(r"\\&", _INLINE.sub(r"\\\1", text))


def escape(text: str) -> str:
    """User text as Markdown that renders exactly as typed, also at the start of a line."""
    text = escape_inline(text)
    # Up to three spaces before a list marker or an underline still make one.
    body = text.lstrip(" \t")
    indent = text[: len(text) - len(body)]
    if body[:1].isdigit():
        body = _LEADING_NUMBER.sub(r"\1\\\2", body)
    if body[:1] in ("-", "+", "="):
        body = "\\" + body
    return indent + body


def escaped_lines(lines) -> str:
    """Lines of one paragraph as typed, each escaped: every line can start a list or heading."""
    return hard_lines(escape(line) for line in lines)


def hard_lines(lines) -> str:
    """Lines of one paragraph, each on its own line (a backslash at the end is a line break)."""
    return "\\\n".join(lines)


@register("md", label=_l("Markdown"), extension="md", media_type="text/markdown", rank=30)
def render_markdown(document: dict) -> bytes:
    return markdown_text(document).encode("utf-8")


def markdown_text(document: dict) -> str:
    blocks = _header(document["header"])
    for section in document["sections"]:
        blocks.extend(_section(section, document))
    if not document["question_count"]:
        blocks.append(f"*{escape(document['labels']['no_notes'])}*")
    return "\n\n".join(blocks) + "\n"


def _header(header: dict) -> list[str]:
    blocks = [f"**{escape(header['label'])}**"]
    meta = [f"{escape(item['label'])}: {escape_inline(item['value'])}" for item in header["meta"]]
    if meta:
        # A backslash at the end of a line is a hard line break.
        blocks.append("\\\n".join(meta))
    blocks.append(f"*{escape(header['status'])}*")
    blocks.append(f"# {escape(header['title'])}")
    blocks.extend(escape(paragraph).replace("\n", "\\\n") for paragraph in header["intro"])
    return blocks


def _heading(level: int, label: str, text: str) -> str:
    prefix = "#" * min(level, 6)
    return f"{prefix} {label} {escape(text)}" if label else f"{prefix} {escape(text)}"


def _section(section: dict, document: dict) -> list[str]:
    level = section["level"] + 1
    blocks = [_heading(level, section["label"], section["heading"])]
    if section["prompt"]:
        blocks.append(escape(section["prompt"]).replace("\n", "\\\n"))
    for question in section["questions"]:
        blocks.extend(_question(question, level + 1, document))
    for block in section["blocks"]:
        blocks.extend(_section(block, document))
    return blocks


def _question(question: dict, level: int, document: dict) -> list[str]:
    blocks = [_heading(level, question["label"], question["text"])]
    if not question["parts"]:
        blocks.append(f"*{escape(document['labels']['no_notes'])}*")
    for part in question["parts"]:
        if part["heading"]:
            blocks.append(_heading(level + 1, "", part["heading"]))
        blocks.append("\n".join(_point_lines(point) for point in part["points"]))
    return blocks


def _point_lines(point: dict) -> str:
    lines = []
    for index, item in enumerate(point["items"]):
        line = f"- {escape(item['text'])}"
        if index == 0 and point["mark"]:
            line += f" *({escape_inline(point['mark'])})*"
        lines.append(line)
        lines.extend(f"  - {escape(child)}" for child in item["children"])
    return "\n".join(lines)
