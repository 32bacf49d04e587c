"""The notice in Markdown: every user character escaped so it stays literal."""

from flask_babel import lazy_gettext as _l

from workshop.annex.renderers.markdown import escape, escape_inline, escaped_lines
from workshop.notice.renderers import register


@register("md", label=_l("Markdown"), extension="md", media_type="text/markdown", rank=30)
def render_markdown(notice: dict) -> bytes:
    return notice_markdown(notice).encode("utf-8")


def notice_markdown(notice: dict) -> str:
    blocks = [f"**{escape(notice['series'])}**"] if notice["series"] else []
    blocks.append(f"*{escape(notice['kind'])}*")
    blocks.append(f"# {escape(notice['title'])}")
    meta = [f"{escape(row['label'])}: {escape_inline(row['value'])}" for row in notice["meta"]]
    if meta:
        blocks.append("\\\n".join(meta))  # a backslash at the end of a line breaks the line
    blocks.append(f"## {escape(notice['labels']['agenda'])}")
    blocks.extend(_item(item, notice["labels"]) for item in notice["items"])
    if not notice["items"]:
        blocks.append(f"*{escape(notice['labels']['no_items'])}*")
    return "\n\n".join(blocks) + "\n"


def _item(item: dict, labels: dict) -> str:
    blocks = [f"### {item['number']}. {escape_inline(item['title'])}"]
    if item["summary"]:
        blocks.append(escape(item["summary"]))
    if item["description"]:
        blocks.append(escaped_lines(item["description"].split("\n")))
    if item["attachments"]:
        blocks.append("\n".join(_attachment(attachment) for attachment in item["attachments"]))
    if item["join"]:
        blocks.append(_join(item["join"], labels))
    return "\n\n".join(blocks)


def _attachment(attachment: dict) -> str:
    line = f"- {escape_inline(attachment['label'])}: {escape_inline(attachment['title'])}"
    # URLs as escaped text: an autolink would keep the escapes' backslashes in the address.
    return f"{line} ({escape_inline(attachment['url'])})" if attachment["url"] else line


def _join(join: dict, labels: dict) -> str:
    line = f"{escape_inline(labels['join'])}: {escape_inline(labels['join_link'])} "
    line += escape_inline(join["url"])
    if join["code"]:
        line += f", {escape_inline(labels['join_code'])} **{escape_inline(join['code'])}**"
    return line
