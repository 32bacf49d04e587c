"""API routes for joining: join with a code, the participant's own view, and who joined."""

from flask import g, url_for

from workshop.client import client_address
from workshop.forms.joining import AssignmentsPayload, JoinPayload, MovePayload
from workshop.services import assignments, joining, live
from workshop.web.api import bp
from workshop.web.api.common import (
    facilitator_required,
    facilitator_workshop,
    form_error_response,
    json_object,
    participant_required,
    timestamp,
)
from workshop.web.api.joining_openapi import OPENAPI_PATHS
from workshop.web.join_links import enter_code_url, join_url, public_base_url, qr_response

__all__ = ["OPENAPI_PATHS"]


# --- JSON shapes ---


def participant_json(participant) -> dict:
    return {
        "id": participant.id,
        "display_name": participant.display_name,
        "group_id": participant.group_id,
        "joined_at": timestamp(participant.joined_at),
        "last_seen_at": timestamp(participant.last_seen_at),
    }


def group_json(group) -> dict | None:
    if group is None:
        return None
    return {"id": group.id, "name": group.name, "position": group.position}


def workshop_json(workshop) -> dict:
    """What a participant may know about the workshop they joined."""
    return {
        "id": workshop.id,
        "title": workshop.title,
        "theme": workshop.theme,
        "language": workshop.language,
        "status": workshop.status,
        "anonymity": workshop.anonymity,
        "group_mode": workshop.group_mode,
    }


def member_json(member) -> dict:
    return {**participant_json(member.participant), "online": member.online}


def roster_json(roster) -> dict:
    return {
        "group": group_json(roster.group),
        "participants": [member_json(member) for member in roster.members],
    }


# --- Participants ---


@bp.post("/join")
def join_workshop():
    form = JoinPayload(data=json_object())
    if not form.validate():
        return form_error_response(form)
    workshop = joining.find_workshop_by_code(form.code.data, client_address())
    participant, token = joining.join_workshop(workshop, form.name.data, form.group_id.data)
    body = {
        "participant_token": token,
        "participant": participant_json(participant),
        "workshop": workshop_json(workshop),
        "group": group_json(participant.group),
        "placement": joining.placement_of(workshop, participant),
    }
    return body, 201, {"Location": url_for("api.participant_me")}


@bp.get("/participant/me")
@participant_required
def participant_me():
    participant = g.participant
    workshop = joining.participant_workshop(participant)
    return {
        "participant": participant_json(participant),
        "workshop": workshop_json(workshop),
        "group": group_json(participant.group),
        "outline": joining.outline_for_participant(participant),
    }


# --- Facilitators ---


@bp.get("/workshops/<int:workshop_id>/participants")
@facilitator_required
def list_participants(workshop_id):
    workshop = facilitator_workshop(workshop_id)
    rosters = joining.participants_by_group(workshop)
    return {"groups": [roster_json(roster) for roster in rosters]}


@bp.patch("/participants/<int:participant_id>")
@facilitator_required
def move_participant(participant_id):
    workshop = joining.workshop_of_participant(g.facilitator, participant_id)
    form = MovePayload(data=json_object())
    if not form.validate():
        return form_error_response(form)
    moved = live.write_live(
        workshop.id, lambda: joining.move_participant(workshop, participant_id, form.group_id.data)
    )
    participant = moved.participant
    return {"participant": participant_json(participant), "group": group_json(participant.group)}


@bp.delete("/participants/<int:participant_id>")
@facilitator_required
def remove_participant(participant_id):
    workshop = joining.workshop_of_participant(g.facilitator, participant_id)
    joining.remove_participant(workshop, participant_id)
    return "", 204


@bp.get("/workshops/<int:workshop_id>/join-info")
@facilitator_required
def join_info(workshop_id):
    return join_info_json(facilitator_workshop(workshop_id))


@bp.post("/workshops/<int:workshop_id>/join-code")
@facilitator_required
def renew_join_code(workshop_id):
    workshop = facilitator_workshop(workshop_id)
    live.write_live(workshop.id, lambda: joining.renew_join_code(workshop))
    return join_info_json(workshop)


def join_info_json(workshop) -> dict:
    return {
        "code": workshop.join_code,
        "url": join_url(workshop),
        "enter_code_url": enter_code_url(),
        "qr_svg_url": public_base_url() + url_for("api.join_qr", workshop_id=workshop.id),
    }


@bp.get("/workshops/<int:workshop_id>/join-qr.svg")
@facilitator_required
def join_qr(workshop_id):
    workshop = facilitator_workshop(workshop_id)
    return qr_response(join_url(workshop))


@bp.get("/workshops/<int:workshop_id>/group-assignments")
@facilitator_required
def get_group_assignments(workshop_id):
    workshop = facilitator_workshop(workshop_id)
    return assignments_json(workshop)


@bp.put("/workshops/<int:workshop_id>/group-assignments")
@facilitator_required
def put_group_assignments(workshop_id):
    workshop = facilitator_workshop(workshop_id)
    form = AssignmentsPayload(data=json_object())
    if not form.validate():
        return form_error_response(form)
    assignments.set_group_assignments(workshop, form.names_by_group())
    return assignments_json(workshop)


def assignments_json(workshop) -> dict:
    names = assignments.group_assignments(workshop)
    return {
        "groups": [
            {"group_id": group.id, "group_name": group.name, "names": names.get(group.id, [])}
            for group in joining.workshop_groups(workshop)
        ]
    }
