"""Build the notice as plain data: header, numbered agenda items with times, attachments and join
details. The fixed words, dates and times are put in the series' language here, once."""

from datetime import datetime

from babel.dates import format_date, format_time
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _

from workshop.models.base import utcnow
from workshop.notice.agenda import Item, MeetingFacts, item_times

# Word and the document properties want a region; the meeting languages map to these.
LANGUAGE_TAGS = {"da": "da-DK", "nb": "nb-NO", "en": "en-GB"}


def notice_document(facts: MeetingFacts, update: bool = False) -> dict:
    """The notice of `facts`' meeting; `update` marks a re-sent notice of a changed agenda."""
    with force_locale(facts.language):
        labels = fixed_labels()
        items = [
            _item(number, item, times, facts.language)
            for number, (item, times) in enumerate(
                zip(facts.items, item_times(facts), strict=True), start=1
            )
        ]
    return {
        "language": facts.language,
        "language_tag": LANGUAGE_TAGS.get(facts.language, facts.language),
        "generated_at": utcnow().isoformat(),
        "update": update,
        "labels": labels,
        "kind": labels["update"] if update else labels["notice"],
        "series": facts.series_name,
        "title": facts.title,
        "meta": _meta(facts, labels),
        "items": items,
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
        "attachments": _("Attachments"),
        "join": _("Group work in Workshop"),
        "join_link": _("Join link"),
        "join_code": _("Join code"),
        "no_items": _("The agenda has no items yet."),
    }


def _meta(facts: MeetingFacts, labels: dict) -> list[dict]:
    language = facts.language
    rows = [
        ("date", format_date(facts.date, "full", locale=language) if facts.date else ""),
        ("time", time_span(facts.starts_at, facts.ends_at, language)),
        ("place", facts.place),
        ("online", facts.online_url),
    ]
    return [{"key": key, "label": labels[key], "value": value} for key, value in rows if value]


def time_span(start: datetime | None, end: datetime | None, language: str) -> str:
    """10:00–11:30 as the language writes times; just the start if the end is unknown."""
    if start is None:
        return ""
    text = format_time(start, "short", locale=language)
    return f"{text}–{format_time(end, 'short', locale=language)}" if end else text


def _item(number: int, item: Item, times: tuple, language: str) -> dict:
    minutes = item.duration_minutes
    time = time_span(*times, language)
    duration = ngettext("%(num)d minute", "%(num)d minutes", minutes) if minutes else ""
    presenter = _("Presenter: %(name)s", name=item.presenter) if item.presenter else ""
    return {
        "number": str(number),
        "title": item.title,
        "presenter": item.presenter,
        "time": time,
        "duration": duration,
        # One line for every format: "10:00–10:15 · 15 minutes · Presenter: Kari Nordmann".
        "summary": " · ".join(fact for fact in (time, duration, presenter) if fact),
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
