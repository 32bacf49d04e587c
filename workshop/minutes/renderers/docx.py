"""The minutes as one Word file: the header, the items as real numbered headings with their
paragraphs and real bulleted lists, the coming meetings, then each workshop annex on a new page
with its own header (written by the annex's own Word renderer)."""

import docx
from flask_babel import lazy_gettext as _l

from workshop.annex.renderers.docx import (
    MEDIA_TYPE,
    Body,
    Numbering,
    paragraph,
    saved,
    set_properties,
    text_run,
    write_annex,
)
from workshop.minutes.renderers import register


@register("docx", label=_l("Word"), extension="docx", media_type=MEDIA_TYPE, rank=10)
def render_minutes_docx(document: dict) -> bytes:
    word = docx.Document()
    body = Body(word, Numbering(word))
    write_minutes(body, document)
    for annex in document["annexes"]:
        if annex["document"] is not None:
            body.page_break()
            write_annex(body, annex["document"])
    body.write_into(word)
    header = document["header"]
    set_properties(word, document, " · ".join(filter(None, (header["word"], header["title"]))))
    return saved(word, document)


def write_minutes(body: Body, document: dict) -> None:
    write_header(body, document["header"])
    labels = document["labels"]
    coming = document["coming_meetings"]
    items = body.numbering.restart("decimal")
    for item in document["items"]:
        body.heading(1, item["title"], num=items)
        write_item(body, item, labels, coming["entries"])
    if coming["entries"] and not coming["under_item"]:
        body.heading(1, coming["heading"])
        write_list(body, [{"text": entry, "children": []} for entry in coming["entries"]])


def write_header(body: Body, header: dict) -> None:
    for line in header["top"]:
        body.add(f"{line['label']}: {line['value']}", align="right")
    if header["word"]:
        body.add(header["word"], style=body.title_style)
    if header["title"]:
        body.add(header["title"], bold=True)
    for line in header["meta"]:
        labelled(body, line["label"], [{"kind": "paragraph", "lines": [line["value"]]}])
    body.add(header["status"], italic=True)


def write_item(body: Body, item: dict, labels: dict, coming: list[str]) -> None:
    if item["attachments"]:
        attachments = [{"kind": "paragraph", "lines": [line]} for line in item["attachments"]]
        labelled(body, labels["attachments"], attachments)
    if item["background"]:
        labelled(body, labels["background"], item["background"])
    write_blocks(body, item["discussion"])
    if item["coming_meetings"] and coming:
        write_list(body, [{"text": entry, "children": []} for entry in coming])
    for line in item["annex_lines"]:
        body.add(line)
    if item["decision"]:
        labelled(body, labels["decision"], item["decision"])


def labelled(body: Body, label: str, blocks: list[dict]) -> None:
    """ "Decision: …": the label in bold at the start of the first paragraph (or on its own
    line before a list)."""
    first = blocks[0]
    if first["kind"] != "paragraph":
        body.add(f"{label}:", bold=True)
        write_blocks(body, blocks)
        return
    runs = text_run(f"{label}: ", bold=True) + text_run(first["lines"][0])
    body.parts.append(paragraph(runs))
    rest = first["lines"][1:]
    write_blocks(body, ([{"kind": "paragraph", "lines": rest}] if rest else []) + blocks[1:])


def write_blocks(body: Body, blocks: list[dict]) -> None:
    for block in blocks:
        if block["kind"] == "paragraph":
            for line in block["lines"]:
                body.add(line)
        else:
            write_list(body, block["items"])


def write_list(body: Body, items: list[dict]) -> None:
    for item in items:
        body.bullet(item["text"], 0)
        for child in item["children"]:
            body.bullet(child, 1)
