"""API routes for breakout groups: list, create (several or one), rename, move, delete, and the
questions each group works on."""

from flask import g

from workshop.forms.groups import GroupNameForm
from workshop.forms.outline import MoveForm
from workshop.services import groups as groups_service
from workshop.services import live
from workshop.services import outline as outline_service
from workshop.web.api import bp
from workshop.web.api.common import (
    facilitator_required,
    facilitator_workshop,
    form_error_response,
    integer,
    json_object,
    payload_form,
    wrong_type,
)
from workshop.web.api.groups_openapi import OPENAPI_PATHS

__all__ = ["OPENAPI_PATHS"]


def group_json(group, outline: list[dict], participants: dict[int, int]) -> dict:
    return {
        "id": group.id,
        "workshop_id": group.workshop_id,
        "name": group.name,
        "position": group.position,
        "all_questions": group.all_questions,
        "question_ids": groups_service.group_question_ids(group, outline),
        "section_ids": [section.id for section in group.chosen_sections],
        "participant_count": participants.get(group.id, 0),
    }


def groups_json(workshop, groups) -> list[dict]:
    outline = outline_service.numbered_outline(workshop)
    participants = groups_service.participant_counts(workshop)
    return [group_json(group, outline, participants) for group in groups]


def one_group_json(group) -> dict:
    workshop = facilitator_workshop(group.workshop_id)
    return groups_json(workshop, [group])[0]


@bp.get("/workshops/<int:workshop_id>/groups")
@facilitator_required
def list_groups(workshop_id: int):
    workshop = facilitator_workshop(workshop_id)
    return {"groups": groups_json(workshop, groups_service.list_groups(workshop))}


@bp.post("/workshops/<int:workshop_id>/groups")
@facilitator_required
def create_groups(workshop_id: int):
    """{"count": N} creates N groups named "Group …"; {"name": ...} adds one group."""
    workshop = facilitator_workshop(workshop_id)
    payload = json_object()
    if "count" in payload:
        created = groups_service.create_groups(workshop, integer(payload["count"]))
        return {"groups": groups_json(workshop, created)}, 201
    form = payload_form(GroupNameForm, {"name": payload.get("name")})
    if not form.validate():
        return form_error_response(form)
    group = groups_service.add_group(workshop, form.name.data)
    return groups_json(workshop, [group])[0], 201


@bp.get("/groups/<int:group_id>")
@facilitator_required
def get_group(group_id: int):
    return one_group_json(groups_service.get_group_for(g.facilitator, group_id))


@bp.patch("/groups/<int:group_id>")
@facilitator_required
def rename_group(group_id: int):
    group = groups_service.get_group_for(g.facilitator, group_id)
    payload = json_object()
    form = payload_form(GroupNameForm, {"name": payload.get("name", group.name)})
    if not form.validate():
        return form_error_response(form)
    groups_service.rename_group(group, form.name.data)
    return one_group_json(group)


@bp.delete("/groups/<int:group_id>")
@facilitator_required
def delete_group(group_id: int):
    groups_service.delete_group(groups_service.get_group_for(g.facilitator, group_id))
    return "", 204


@bp.post("/groups/<int:group_id>/move")
@facilitator_required
def move_group(group_id: int):
    group = groups_service.get_group_for(g.facilitator, group_id)
    form = payload_form(MoveForm, json_object())
    if not form.validate():
        return form_error_response(form)
    groups_service.move_group(group, form.direction.data)
    workshop = facilitator_workshop(group.workshop_id)
    return {"groups": groups_json(workshop, groups_service.list_groups(workshop))}


@bp.put("/groups/<int:group_id>/questions")
@facilitator_required
def choose_questions(group_id: int):
    """{"all": true}, or {"question_ids": [...]} and/or {"section_ids": [...]}."""
    group = groups_service.get_group_for(g.facilitator, group_id)
    payload = json_object()
    all_questions = payload.get("all", False)
    if not isinstance(all_questions, bool):
        raise wrong_type()
    live.writing(group.workshop_id, groups_service.choose_group_questions)(
        group,
        all_questions,
        id_list(payload.get("question_ids", [])),
        id_list(payload.get("section_ids", [])),
    )
    return one_group_json(group)


def id_list(value) -> list[int]:
    if not isinstance(value, list):
        raise wrong_type()
    return [integer(item) for item in value]
