"""The notice of a meeting: export it (Word, PDF, Markdown, .ics), the e-mail text, and sending
it by SMTP to the members with a record of who got it."""

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid, parseaddr

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import exists, select

from workshop.annex.export import Export
from workshop.extensions import db
from workshop.file_names import meeting_file_name
from workshop.models import DomainError, Meeting, Member, NoticeDelivery
from workshop.notice.build import notice_document
from workshop.notice.email import notice_email
from workshop.notice.renderers import notice_renderer_for, notice_renderers
from workshop.services.clock import now
from workshop.services.notice_facts import JoinLink, meeting_facts


def export_notice(meeting: Meeting, format_name: str, join_link: JoinLink) -> Export:
    """The notice (or with "ics", the calendar event) as it reads now, in the meeting's language."""
    renderer = notice_renderer_for(format_name)
    notice = _notice(meeting, join_link, update=False, sequence=meeting.notice_sequence)
    return Export(
        notice_file_name(meeting, renderer.extension),
        renderer.media_type,
        renderer.render(notice),
        renderer,
    )


def notice_file_name(meeting: Meeting, extension: str) -> str:
    """ "netvaerksmoede-indkaldelse.docx": the download's name, and the .ics attachment's."""
    return meeting_file_name(meeting, _l("notice"), extension)


def notice_email_text(meeting: Meeting, join_link: JoinLink) -> dict:
    """The ready e-mail ({"subject", "body"}) for the coordinator to copy."""
    return notice_email(_notice(meeting, join_link, update=False, sequence=0))


def _notice(meeting: Meeting, join_link: JoinLink, update: bool, sequence: int) -> dict:
    return notice_document(meeting_facts(meeting, join_link, sequence), update)


# --- sending ---


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    username: str | None
    password: str | None
    starttls: bool
    sender: str
    timeout: float


@dataclass
class Sending:
    """One round of sending: who got the notice, who did not, and why it stopped (if it did)."""

    meeting: Meeting
    sequence: int
    is_update: bool
    delivered: list[NoticeDelivery]
    refused: list[Member]
    error: str = ""


def smtp_settings() -> SmtpSettings | None:
    """The mail server to send through, or None when SMTP_HOST or SMTP_FROM is not set."""
    config = current_app.config
    if not config.get("SMTP_HOST") or not config.get("SMTP_FROM"):
        return None
    return SmtpSettings(
        host=config["SMTP_HOST"],
        port=int(config.get("SMTP_PORT") or 587),
        username=config.get("SMTP_USERNAME") or None,
        password=config.get("SMTP_PASSWORD") or None,
        starttls=bool(config.get("SMTP_STARTTLS", True)),
        sender=config["SMTP_FROM"],
        timeout=float(config.get("SMTP_TIMEOUT_SECONDS") or 20),
    )


def notice_recipients(meeting: Meeting) -> list[Member]:
    """The series' members with an e-mail address, in the series' order."""
    if meeting.series is None:
        return []
    return [member for member in meeting.series.members if member.email]


def list_deliveries(meeting: Meeting) -> list[NoticeDelivery]:
    """Every notice sent for the meeting, newest round first."""
    statement = (
        select(NoticeDelivery)
        .where(NoticeDelivery.meeting_id == meeting.id)
        .order_by(NoticeDelivery.sent_at.desc(), NoticeDelivery.id)
    )
    return list(db.session.scalars(statement))


def notice_was_sent(meeting: Meeting) -> bool:
    """Whether any member has had a notice of this meeting (so the next one is an update)."""
    statement = select(exists().where(NoticeDelivery.meeting_id == meeting.id))
    return bool(db.session.scalar(statement))


def send_notice(meeting: Meeting, join_link: JoinLink) -> Sending:
    """E-mail the notice, with the .ics attached, to every member with an e-mail address.

    Each message the server accepts is recorded (and committed) at once, so whatever happens
    next there is a record of who got it. The meeting counts as notified only when everyone
    did; otherwise a DomainError says who did not and why, after the records are kept.
    """
    settings = smtp_settings()
    if settings is None:
        raise DomainError(
            "smtp_not_configured",
            _l("Sending by e-mail is not set up on this server (SMTP_HOST and SMTP_FROM)."),
        )
    recipients = notice_recipients(meeting)
    if not recipients:
        raise DomainError(
            "no_recipients", _l("No member of this meeting's network group has an e-mail address.")
        )
    is_update = notice_was_sent(meeting)
    sequence = meeting.notice_sequence + 1 if is_update else meeting.notice_sequence
    notice = _notice(meeting, join_link, is_update, sequence)
    sending = Sending(meeting, sequence, is_update, delivered=[], refused=[])
    _deliver(settings, notice, recipients, sending)
    _finish(sending)
    return sending


def _deliver(settings: SmtpSettings, notice: dict, recipients: list[Member], sending: Sending):
    email = notice_email(notice)
    calendar = notice_renderer_for("ics").render(notice)
    calendar_name = notice_file_name(sending.meeting, "ics")
    try:
        with _connect(settings) as server:
            for member in recipients:
                try:
                    message = _message(settings.sender, member, email, calendar, calendar_name)
                    server.send_message(message)
                except smtplib.SMTPRecipientsRefused:
                    sending.refused.append(member)  # this address only: go on with the others
                    continue
                sending.delivered.append(_record(sending, member))
    except (smtplib.SMTPException, OSError) as error:
        sending.error = _reason(error)


def _connect(settings: SmtpSettings) -> smtplib.SMTP:
    """An open, authenticated connection; port 465 speaks TLS from the start."""
    if settings.port == 465:
        server: smtplib.SMTP = smtplib.SMTP_SSL(
            settings.host, settings.port, timeout=settings.timeout
        )
    else:
        server = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
    try:
        if settings.starttls and settings.port != 465:
            server.starttls(context=ssl.create_default_context())
        if settings.username:
            server.login(settings.username, settings.password or "")
    except BaseException:
        server.close()  # a server that refused TLS or the login is not left open
        raise
    return server


def _message(
    sender: str, member: Member, email: dict, calendar: bytes, calendar_name: str
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    # Headers hold one line: stray line breaks in a name or title must not start new headers.
    message["To"] = formataddr((" ".join(member.name.split()), member.email))
    message["Subject"] = " ".join(email["subject"].split())
    message["Date"] = format_datetime(now())
    message["Message-ID"] = make_msgid(domain=parseaddr(sender)[1].rpartition("@")[2] or None)
    message.set_content(email["body"])
    message.add_attachment(
        calendar,
        maintype="text",
        subtype="calendar",
        filename=calendar_name,
        params={"method": "PUBLISH"},
    )
    return message


def _record(sending: Sending, member: Member) -> NoticeDelivery:
    delivery = NoticeDelivery(
        meeting_id=sending.meeting.id,
        member_id=member.id,
        recipient_name=member.name,
        recipient_email=member.email,
        sequence=sending.sequence,
        is_update=sending.is_update,
        sent_at=now(),
    )
    db.session.add(delivery)
    db.session.commit()
    return delivery


def _reason(error: Exception) -> str:
    """What the server said (or why it could not be reached), on one line."""
    if isinstance(error, smtplib.SMTPResponseException):
        text = error.smtp_error
        text = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
        return f"{error.smtp_code} {' '.join(text.split())}"
    return " ".join(str(error).split()) or type(error).__name__


def _finish(sending: Sending) -> None:
    meeting = sending.meeting
    if sending.delivered:
        # Calendars that got this SEQUENCE must see a higher one in the next notice.
        meeting.notice_sequence = sending.sequence
    if sending.delivered and not sending.refused and not sending.error:
        meeting.notice_sent_at = now()
    db.session.commit()
    if sending.error or sending.refused:
        raise _not_everyone(sending)


def _not_everyone(sending: Sending) -> DomainError:
    delivered = [d.recipient_email for d in sending.delivered]
    refused = [member.email for member in sending.refused]
    details = {"delivered": delivered, "refused": refused, "reason": sending.error}
    if not delivered:
        message = _l(
            "The notice was not sent: the mail server said “%(reason)s”. Nobody got it; "
            "try again when the server works.",
            reason=sending.error or _l("it refused every address"),
        )
        return DomainError("notice_not_sent", message, status=502, **details)
    message = _l(
        "The notice reached %(delivered)s but not everyone: %(reason)s. Those who got it are "
        "listed as sent; sending again sends it to everyone as an update.",
        delivered=", ".join(delivered),
        reason=sending.error
        or _l("the mail server refused %(addresses)s", addresses=", ".join(refused)),
    )
    return DomainError("notice_partly_sent", message, status=502, **details)


def notice_formats():
    """The notice's formats (Word, PDF, Markdown, .ics), in the order they are offered."""
    return notice_renderers()
