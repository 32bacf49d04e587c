"""The minutes as Markdown: headings, paragraphs and nested lists, every user character escaped;
each workshop annex follows after a thematic break, as the annex's own Markdown renders it."""

from flask_babel import lazy_gettext as _l

from workshop.annex.renderers.markdown import (
    escape,
    escape_inline,
    escaped_lines,
    hard_lines,
    markdown_text,
)
from workshop.minutes.renderers import register


@register("md", label=_l("Markdown"), extension="md", media_type="text/markdown", rank=30)
def render_minutes_markdown(document: dict) -> bytes:
    parts = ["\n\n".join(minutes_blocks(document)) + "\n"]
    for annex in document["annexes"]:
        if annex["document"] is not None:
            parts.append(markdown_text(annex["document"]))
    return "\n---\n\n".join(parts).encode("utf-8")


def minutes_blocks(document: dict) -> list[str]:
    blocks = header_blocks(document["header"])
    labels, coming = document["labels"], document["coming_meetings"]
    for item in document["items"]:
        blocks.append(f"## {item['number']}. {escape_inline(item['title'])}")
        blocks.extend(item_blocks(item, labels, coming["entries"]))
    if coming["entries"] and not coming["under_item"]:
        blocks.append(f"## {escape(coming['heading'])}")
        blocks.append(list_text([plain(entry) for entry in coming["entries"]]))
    return blocks


def header_blocks(header: dict) -> list[str]:
    blocks = []
    if header["top"]:
        blocks.append(
            hard_lines(
                f"{escape(line['label'])}: {escape_inline(line['value'])}" for line in header["top"]
            )
        )
    if header["word"]:
        blocks.append(f"# {escape(header['word'])}")
    if header["title"]:
        blocks.append(f"**{escape(header['title'])}**")
    if header["meta"]:
        blocks.append(
            hard_lines(
                f"{escape(line['label'])}: {escape_inline(line['value'])}"
                for line in header["meta"]
            )
        )
    blocks.append(f"*{escape(header['status'])}*")
    return blocks


def item_blocks(item: dict, labels: dict, coming: list[str]) -> list[str]:
    blocks = []
    if item["attachments"]:
        blocks.append(f"**{escape(labels['attachments'])}:** " + escaped_lines(item["attachments"]))
    if item["background"]:
        blocks.extend(labelled(labels["background"], item["background"]))
    blocks.extend(text_blocks(item["discussion"]))
    if item["coming_meetings"] and coming:
        blocks.append(list_text([plain(entry) for entry in coming]))
    blocks.extend(escape(line) for line in item["annex_lines"])
    if item["decision"]:
        blocks.extend(labelled(labels["decision"], item["decision"]))
    return blocks


def labelled(label: str, blocks: list[dict]) -> list[str]:
    rendered = text_blocks(blocks)
    if blocks[0]["kind"] == "paragraph":
        return [f"**{escape(label)}:** {rendered[0]}", *rendered[1:]]
    return [f"**{escape(label)}:**", *rendered]


def text_blocks(blocks: list[dict]) -> list[str]:
    return [
        escaped_lines(block["lines"]) if block["kind"] == "paragraph" else list_text(block["items"])
        for block in blocks
    ]


def plain(text: str) -> dict:
    return {"text": text, "children": []}


def list_text(items: list[dict]) -> str:
    lines = []
    for item in items:
        lines.append(f"- {escape(item['text'])}")
        lines.extend(f"  - {escape(child)}" for child in item["children"])
    return "\n".join(lines)
