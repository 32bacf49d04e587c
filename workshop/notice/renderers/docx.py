"""The notice in Word (.docx): the header, then each agenda item as a numbered heading with its
time, presenter, description, attachments and join details."""

import io
from datetime import datetime

import docx
from docx.document import Document as DocxDocument
from flask_babel import lazy_gettext as _l

from workshop.annex.renderers.docx import _NOT_XML, MEDIA_TYPE, with_fixed_times
from workshop.models.base import unix_breaks
from workshop.notice.build import notice_title
from workshop.notice.renderers import register


def clean(text: str) -> str:
    """Text Word can store: the characters XML 1.0 forbids are dropped (python-docx escapes), and
    each line break is one (python-docx makes \\r and \\n a break each, so \\r\\n would be two)."""
    return _NOT_XML.sub("", unix_breaks(text))


@register("docx", label=_l("Word"), extension="docx", media_type=MEDIA_TYPE, rank=10)
def render_docx(notice: dict) -> bytes:
    word = docx.Document()
    _header(word, notice)
    word.add_heading(clean(notice["labels"]["agenda"]), level=1)
    for item in notice["items"]:
        _item(word, item, notice["labels"])
    if not notice["items"]:
        word.add_paragraph().add_run(clean(notice["labels"]["no_items"])).italic = True
    _properties(word, notice)
    output = io.BytesIO()
    word.save(output)
    return with_fixed_times(output.getvalue(), datetime.fromisoformat(notice["generated_at"]))


def _header(word: DocxDocument, notice: dict) -> None:
    if notice["series"]:
        word.add_paragraph().add_run(clean(notice["series"])).bold = True
    word.add_paragraph().add_run(clean(notice["kind"])).italic = True
    word.add_heading(clean(notice["title"]), level=0)
    for row in notice["meta"]:
        line = word.add_paragraph()
        line.add_run(clean(f"{row['label']}: ")).bold = True
        line.add_run(clean(row["value"]))


def _item(word: DocxDocument, item: dict, labels: dict) -> None:
    word.add_heading(clean(f"{item['number']}. {item['title']}"), level=2)
    if item["summary"]:
        word.add_paragraph(clean(item["summary"]))
    if item["description"]:
        word.add_paragraph(clean(item["description"]))
    for attachment in item["attachments"]:
        text = f"{attachment['label']}: {attachment['title']}"
        text += f" ({attachment['url']})" if attachment["url"] else ""
        word.add_paragraph(clean(text), style="List Bullet")
    if item["join"]:
        text = f"{labels['join']}: {labels['join_link']} {item['join']['url']}"
        text += f", {labels['join_code']} {item['join']['code']}" if item["join"]["code"] else ""
        word.add_paragraph(clean(text))


def _properties(word: DocxDocument, notice: dict) -> None:
    properties = word.core_properties
    properties.title = clean(notice_title(notice))[:255]
    properties.language = notice["language_tag"]
    properties.author = clean(notice["series"])[:255]
