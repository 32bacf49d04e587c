"""API routes for a meeting's minutes: read, save one operation, approve, versions, export
(docs/api.md, "Minutes")."""

from flask import g, jsonify, request

from workshop.forms.common import whole_number
from workshop.forms.minutes import ApprovePayload, read_op
from workshop.minutes.edits import apply_minutes_op
from workshop.minutes.export import export_minutes
from workshop.minutes.state import minutes_state
from workshop.minutes.versions import approve_minutes, minutes_versions
from workshop.services.meetings import get_meeting_for
from workshop.web.annex_files import export_response
from workshop.web.api import bp
from workshop.web.api.common import facilitator_required, form_error_response, json_object
from workshop.web.api.minutes_openapi import OPENAPI_PATHS

__all__ = ["OPENAPI_PATHS"]
MINUTES = "/meetings/<int:meeting_id>/minutes"


@bp.get(MINUTES)
@facilitator_required
def read_minutes(meeting_id: int):
    return minutes_state(get_meeting_for(g.facilitator, meeting_id))


@bp.post(f"{MINUTES}/ops")
@facilitator_required
def save_minutes_op(meeting_id: int):
    meeting = get_meeting_for(g.facilitator, meeting_id)
    op, form = read_op(json_object())
    if op is None:
        return form_error_response(form)
    return apply_minutes_op(meeting, op)


@bp.post(f"{MINUTES}/approve")
@facilitator_required
def approve_minutes_version(meeting_id: int):
    meeting = get_meeting_for(g.facilitator, meeting_id)
    form = ApprovePayload(data=json_object() if request.get_data() else {})
    if not form.validate():
        return form_error_response(form)
    version = approve_minutes(meeting, g.facilitator, bool(form.approve_annexes.data))
    return jsonify(version), 201


@bp.get(f"{MINUTES}/versions")
@facilitator_required
def list_minutes_versions(meeting_id: int):
    return {"versions": minutes_versions(get_meeting_for(g.facilitator, meeting_id))}


@bp.get(f"{MINUTES}/export")
@facilitator_required
def export_minutes_file(meeting_id: int):
    meeting = get_meeting_for(g.facilitator, meeting_id)
    version = request.args.get("version", type=whole_number)
    return export_response(export_minutes(meeting, request.args.get("format", "docx"), version))
