"""API routes for a meeting's notice: read it (formats, e-mail text, deliveries), export it in
any format or as .ics, and send it by e-mail."""

from flask import g, jsonify, request, url_for

from workshop.models import Meeting
from workshop.services import notices
from workshop.services.meetings import get_meeting_for
from workshop.web.annex_files import export_response
from workshop.web.api import bp
from workshop.web.api.common import facilitator_required, timestamp
from workshop.web.api.notices_openapi import OPENAPI_PATHS
from workshop.web.join_links import join_url

__all__ = ["OPENAPI_PATHS"]
NOTICE = "/meetings/<int:meeting_id>/notice"


def notice_json(meeting: Meeting) -> dict:
    return {
        "meeting_id": meeting.id,
        "sent_at": timestamp(meeting.notice_sent_at),
        "sequence": meeting.notice_sequence,
        "calendar_uid": meeting.calendar_uid,
        "exports": {
            renderer.name: url_for(
                "api.export_notice_file", meeting_id=meeting.id, format=renderer.name
            )
            for renderer in notices.notice_formats()
        },
        "email": notices.notice_email_text(meeting, join_url),
        "smtp_configured": notices.smtp_settings() is not None,
        "recipients": [
            {"member_id": member.id, "name": member.name, "email": member.email}
            for member in notices.notice_recipients(meeting)
        ],
        "deliveries": [delivery_json(delivery) for delivery in notices.list_deliveries(meeting)],
    }


def delivery_json(delivery) -> dict:
    return {
        "member_id": delivery.member_id,
        "name": delivery.recipient_name,
        "email": delivery.recipient_email,
        "sequence": delivery.sequence,
        "update": delivery.is_update,
        "sent_at": timestamp(delivery.sent_at),
    }


@bp.get(NOTICE)
@facilitator_required
def get_notice(meeting_id):
    return jsonify(notice_json(get_meeting_for(g.facilitator, meeting_id)))


@bp.get(f"{NOTICE}/export")
@facilitator_required
def export_notice_file(meeting_id):
    meeting = get_meeting_for(g.facilitator, meeting_id)
    result = notices.export_notice(meeting, request.args.get("format", "docx"), join_url)
    return export_response(result)


@bp.post(f"{NOTICE}/send")
@facilitator_required
def send_notice(meeting_id):
    meeting = get_meeting_for(g.facilitator, meeting_id)
    sending = notices.send_notice(meeting, join_url)
    body = {
        "sequence": sending.sequence,
        "update": sending.is_update,
        "sent_at": timestamp(meeting.notice_sent_at),
        "deliveries": [delivery_json(delivery) for delivery in sending.delivered],
    }
    return jsonify(body), 201
