"""Build the minutes as plain data: header, numbered items with their text blocks, the coming
meetings, and the annexes (each workshop annex's own built document, numbered in item order).

Like the annex, the result is a JSON-serialisable dict that every renderer reads and an approved
version freezes; fixed words and dates are put in the meeting's language here, once.
"""

from __future__ import annotations

from datetime import date, datetime, time

from flask_babel import format_date, format_time
from flask_babel import gettext as _
from sqlalchemy import select

from workshop.annex.build import build_document, status_line
from workshop.annex.sync import compile_annex
from workshop.annex.text import clean_line
from workshop.extensions import db
from workshop.i18n import document_tag, force_language
from workshop.minutes.annexes import NumberedAnnex, numbered_annexes
from workshop.minutes.state import header_values, item_numbers
from workshop.minutes.text import text_blocks
from workshop.models import AnnexVersion
from workshop.models.base import utcnow
from workshop.models.meeting import Meeting
from workshop.models.minutes import Minutes, MinutesItem

DOCUMENT_FORMAT = 1


def minutes_labels() -> dict:
    """The minutes' own words, in the locale in force."""
    return {
        "attachments": _("Attachments"),
        "background": _("Background"),
        "decision": _("Decision"),
        "annex": _("Annex"),
        "coming_meetings": _("Coming meetings"),
        "document_number": _("Document number"),
        "reference": _("Reference"),
        "theme": _("Theme"),
        "date": _("Date"),
        "time": _("Time"),
        "place": _("Place"),
    }


def build_minutes_document(
    meeting: Meeting, minutes: Minutes, approved_at: datetime | None = None
) -> dict:
    """The minutes as they read now; with approved_at, as the version being approved."""
    annexes = numbered_annexes(minutes)
    values, _inherited = header_values(minutes, meeting)
    with force_language(meeting.language):
        labels = minutes_labels()
        header = build_header(values, labels, minutes, approved_at)
        items = build_items(minutes, annexes, labels)
        coming = [coming_meeting_line(entry) for entry in values["coming_meetings"]]
        annex_parts = [annex_part(annex, labels) for annex in annexes]
    return {
        "format": DOCUMENT_FORMAT,
        "kind": "minutes",
        "language": meeting.language,
        "language_tag": document_tag(meeting.language),
        "generated_at": (approved_at or utcnow()).isoformat(),
        "labels": labels,
        "header": header,
        "items": items,
        "coming_meetings": {
            "heading": labels["coming_meetings"],
            "entries": coming,
            "under_item": any(item["coming_meetings"] for item in items),
        },
        "annexes": annex_parts,
    }


def build_header(values: dict, labels: dict, minutes: Minutes, approved_at) -> dict:
    """The header in the order of a set of minutes: document number, reference, theme, the word
    for minutes, the meeting, then its date, time and place."""
    top = [
        {"label": labels[field], "value": clean_line(values[field] or "")}
        for field in ("document_number", "reference", "theme")
        if clean_line(values[field] or "")
    ]
    meta = []
    if values["date"]:
        meta.append({"label": labels["date"], "value": long_date(values["date"])})
    if values["start_time"]:
        meta.append({"label": labels["time"], "value": time_span(values)})
    if clean_line(values["place"] or ""):
        meta.append({"label": labels["place"], "value": clean_line(values["place"])})
    return {
        "top": top,
        "word": clean_line(values["minutes_word"] or ""),
        "title": clean_line(values["title"] or ""),
        "meta": meta,
        "status": status_line(minutes, approved_at),
    }


def long_date(iso: str) -> str:
    return format_date(date.fromisoformat(iso), "long")


def local_time(hhmm: str) -> str:
    return format_time(time.fromisoformat(hhmm), "short")


def time_span(values: dict) -> str:
    start = local_time(values["start_time"])
    return f"{start}–{local_time(values['end_time'])}" if values["end_time"] else start


def coming_meeting_line(entry: dict) -> str:
    """ "Thursday 4 March 2027, 13:00–16:00 (note)" in the meeting's language."""
    text = format_date(date.fromisoformat(entry["date"]), "full")
    if entry["start"]:
        text += ", " + time_span({"start_time": entry["start"], "end_time": entry["end"]})
    if entry["note"]:
        text += f" ({clean_line(entry['note'])})"
    return text


def build_items(minutes: Minutes, annexes: list[NumberedAnnex], labels: dict) -> list[dict]:
    numbers = item_numbers(minutes)
    return [
        build_item(item, numbers[item.id], [a for a in annexes if a.item_id == item.id])
        for item in minutes.items
        if not item.left_out
    ]


def build_item(item: MinutesItem, number: int, annexes: list[NumberedAnnex]) -> dict:
    return {
        "number": number,
        "title": clean_line(item.title),
        "attachments": [line for line in map(clean_line, item.attachments.split("\n")) if line],
        "background": text_blocks(item.background),
        "discussion": text_blocks(item.discussion),
        "annex_lines": [annex_line(annex) for annex in annexes],
        "decision": text_blocks(item.decision),
        "coming_meetings": item.coming_meetings_here,
    }


def annex_line(annex: NumberedAnnex) -> str:
    if annex.kind == "workshop":
        return _("A summary from the groups is attached as Annex %(number)s.", number=annex.number)
    return _("Annex %(number)s: %(title)s", number=annex.number, title=clean_line(annex.title))


def annex_part(annex: NumberedAnnex, labels: dict) -> dict:
    """An annex as the minutes carry it: its label and, for a workshop, its whole document."""
    label = f"{labels['annex']} {annex.number}"
    document = workshop_annex_document(annex) if annex.workshop is not None else None
    if document is not None:
        document = {**document, "header": {**document["header"], "label": label.upper()}}
    return {
        "number": annex.number,
        "kind": annex.kind,
        "label": label,
        "title": clean_line(annex.title),
        "document": document,
    }


def workshop_annex_document(annex: NumberedAnnex) -> dict:
    """The approved version when the annex stands approved, else its current draft."""
    workshop_annex = annex.annex
    if workshop_annex is not None and workshop_annex.status == "approved":
        version = db.session.scalar(
            select(AnnexVersion).where(
                AnnexVersion.annex_id == workshop_annex.id,
                AnnexVersion.number == workshop_annex.version,
            )
        )
        if version is not None:
            return version.document
    assert annex.workshop is not None
    return build_document(annex.workshop, compile_annex(annex.workshop))
