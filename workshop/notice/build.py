"""Build the notice as plain data: header, numbered agenda items with times, attachments and join
details. The fixed words, dates and times are put in the series' language here, once."""

from datetime import time, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time
from flask_babel import gettext as _
from flask_babel import ngettext

from workshop.i18n import babel_locale, document_tag, force_language
from workshop.models.base import utcnow
from workshop.notice.agenda import Item, MeetingFacts


def notice_document(facts: MeetingFacts, update: bool = False) -> dict:
    """The notice of `facts`' meeting; `update` marks a re-sent notice of a changed agenda."""
    with force_language(facts.language):
        labels = fixed_labels()
        items = [
            _item(number, item, facts.language) for number, item in enumerate(facts.items, start=1)
        ]
    return {
        "language": facts.language,
        "language_tag": document_tag(facts.language),
        "generated_at": utcnow().isoformat(),
        "update": update,
        "labels": labels,
        "kind": labels["update"] if update else labels["notice"],
        "series": facts.series_name,
        "title": facts.title,
        "meta": _meta(facts, labels),
        "items": items,
        "calendar": calendar_event(facts),
    }


def notice_title(notice: dict) -> str:
    """The title a file manager, a PDF viewer or a screen reader gives the notice: what it is, the
    meeting and its series, as the header says ("Meeting 1/2026" is every series' first)."""
    return " · ".join(part for part in (notice["kind"], notice["title"], notice["series"]) if part)


def calendar_event(facts: MeetingFacts) -> dict | None:
    """What the .ics needs, in ISO 8601: aware times in the meeting's zone, or a whole day when
    the meeting has no start time; None while the meeting has no date."""
    if facts.date is None:
        return None
    starts_at, ends_at = facts.starts_at, facts.ends_at
    if starts_at is None:
        start, end = facts.date, facts.date + timedelta(days=1)
    else:
        zone = ZoneInfo(facts.timezone)
        # Without a known end, an hour is what calendars assume for a meeting.
        if ends_at is None or ends_at <= starts_at:
            ends_at = starts_at + timedelta(hours=1)
        start, end = starts_at.replace(tzinfo=zone), ends_at.replace(tzinfo=zone)
    return {
        "uid": facts.calendar_uid,
        "sequence": facts.sequence,
        "start": start.isoformat(),
        "end": end.isoformat(),
        "timezone": facts.timezone,
        "summary": f"{facts.series_name}: {facts.title}" if facts.series_name else facts.title,
        "location": facts.place or facts.online_url,
        "url": facts.online_url,
    }


def fixed_labels() -> dict:
    """The notice's own words, in the locale in force."""
    return {
        "notice": _("Notice of meeting"),
        "update": _("Updated notice of meeting"),
        "date": _("Date"),
        "time": _("Time"),
        "place": _("Place"),
        "online": _("Online meeting"),
        "agenda": _("Agenda"),
        "join": _("Group work in Workshop"),
        "join_link": _("Join link"),
        "join_code": _("Join code"),
        "no_items": _("The agenda has no items yet."),
    }


def _meta(facts: MeetingFacts, labels: dict) -> list[dict]:
    language = facts.language
    locale = babel_locale(language)
    rows = [
        ("date", format_date(facts.date, "full", locale=locale) if facts.date else ""),
        ("time", time_span(facts.start, facts.end_time, language)),
        ("place", facts.place),
        ("online", facts.online_url),
    ]
    return [{"key": key, "label": labels[key], "value": value} for key, value in rows if value]


def time_span(start: time | None, end: time | None, language: str) -> str:
    """10:00–11:30 as the language writes times; just the start if the end is unknown."""
    if start is None:
        return ""
    locale = babel_locale(language)
    text = format_time(start, "short", locale=locale)
    return f"{text}–{format_time(end, 'short', locale=locale)}" if end else text


def purpose_label(purpose: str) -> str:
    """What an item asks of the meeting as an agenda says it ("For decision"); "" if not said."""
    labels = {
        "decision": _("For decision"),
        "discussion": _("For discussion"),
        "information": _("For information"),
    }
    return labels.get(purpose, "")


def _item(number: int, item: Item, language: str) -> dict:
    minutes = item.duration_minutes
    clock = time_span(item.starts_at, item.ends_at, language)
    duration = ngettext("%(num)d minute", "%(num)d minutes", minutes) if minutes else ""
    presenter = _("Presenter: %(name)s", name=item.presenter) if item.presenter else ""
    purpose = purpose_label(item.purpose)
    return {
        "number": str(number),
        "title": item.title,
        "presenter": item.presenter,
        "time": clock,
        "duration": duration,
        "purpose": purpose,
        # One line for every format: "For decision · 10:00–10:15 · 15 minutes · Presenter: Kari
        # Nordmann" — what the item asks first: members prepare differently for a decision.
        "summary": " · ".join(fact for fact in (purpose, clock, duration, presenter) if fact),
        "description": item.description,
        "attachments": [
            {
                # "Bilag 3.1": numbered by the item and its place among the item's attachments.
                "label": _("Attachment %(number)s", number=f"{number}.{index}"),
                "title": attachment.title,
                "url": attachment.url,
            }
            for index, attachment in enumerate(item.attachments, start=1)
        ],
        "join": {"url": item.join_url, "code": item.join_code} if item.join_url else None,
    }
