"""The notice as a ready e-mail (subject and plain text), to copy or to send."""

from flask_babel import gettext as _

from workshop.i18n import force_language


def notice_email(notice: dict) -> dict:
    """{"subject", "body"} in the notice's language; plain text, so nothing needs escaping."""
    with force_language(notice["language"]):
        greeting = _("Dear members,")
        invitation = (
            _("The agenda has changed since the notice; this updated notice replaces it.")
            if notice["update"]
            else _("You are invited to the meeting below. The agenda follows.")
        )
        calendar = _("The calendar file (.ics) adds the meeting to your calendar.")
    date = next((row["value"] for row in notice["meta"] if row["key"] == "date"), "")
    # The series too: "Meeting 1/2026" is every series' first, and members of two networks get
    # both notices.
    series = f" ({notice['series']})" if notice["series"] else ""
    subject = f"{notice['kind']}: {notice['title']}{series}" + (f", {date}" if date else "")
    lines = [greeting, "", invitation, "", notice["title"]]
    lines += [f"{row['label']}: {row['value']}" for row in notice["meta"]]
    lines += ["", *agenda_lines(notice), "", calendar]
    return {"subject": subject, "body": "\n".join(lines) + "\n"}


def agenda_lines(notice: dict) -> list[str]:
    """The agenda as plain text lines: numbered items, their times, presenters and attachments."""
    labels = notice["labels"]
    lines = [labels["agenda"]]
    for item in notice["items"]:
        lines.append("")
        lines.append(f"{item['number']}. {item['title']}")
        if item["summary"]:
            lines.append(f"   {item['summary']}")
        lines += [f"   {line}" for line in item["description"].splitlines() if line.strip()]
        for attachment in item["attachments"]:
            url = f" ({attachment['url']})" if attachment["url"] else ""
            lines.append(f"   {attachment['label']}: {attachment['title']}{url}")
        if item["join"]:
            code = f", {labels['join_code']} {item['join']['code']}" if item["join"]["code"] else ""
            lines.append(f"   {labels['join']}: {item['join']['url']}{code}")
    if not notice["items"]:
        lines.append(labels["no_items"])
    return lines
