"""API routes for the outline: the numbered tree, the text format, sections, blocks, questions."""

from flask import Response, request

from workshop.forms.outline import MoveForm, NewSectionForm, QuestionForm, SectionForm
from workshop.services import live, outline_text
from workshop.services import outline as outline_service
from workshop.web.api import bp
from workshop.web.api.common import (
    facilitator_required,
    facilitator_workshop,
    form_error_response,
    integer,
    json_object,
    patch_form,
    payload_form,
    request_text,
    wrong_type,
)
from workshop.web.api.outline_openapi import OPENAPI_PATHS

__all__ = ["OPENAPI_PATHS"]


def outline_json(workshop) -> dict:
    return {"workshop_id": workshop.id, "sections": outline_service.numbered_outline(workshop)}


def section_json(workshop, section_id: int) -> dict:
    outline = outline_service.numbered_outline(workshop)
    node = outline_service.find_section_node(outline, section_id)
    if node is None:
        raise outline_service.section_not_found()
    return node


def question_json(workshop, question_id: int) -> dict:
    outline = outline_service.numbered_outline(workshop)
    node = outline_service.find_question_node(outline, question_id)
    if node is None:
        raise outline_service.question_not_found()
    return node


# --- the whole outline ---


@bp.get("/workshops/<int:workshop_id>/outline")
@facilitator_required
def get_outline(workshop_id: int):
    return outline_json(facilitator_workshop(workshop_id))


@bp.get("/workshops/<int:workshop_id>/outline/text")
@facilitator_required
def get_outline_text(workshop_id: int):
    text = outline_text.export_outline(facilitator_workshop(workshop_id))
    wanted = request.accept_mimetypes.best_match(["text/plain", "application/json"])
    if wanted == "application/json":
        return {"text": text}
    return Response(text, mimetype="text/plain")


@bp.put("/workshops/<int:workshop_id>/outline/text")
@facilitator_required
def put_outline_text(workshop_id: int):
    """Replace the outline with a text (text/plain body, or JSON {"text": ...})."""
    workshop = facilitator_workshop(workshop_id)
    if request.is_json:
        text = json_object().get("text")
        if not isinstance(text, str):
            raise wrong_type()
    else:
        text = request_text()
    live.writing(workshop.id, outline_text.import_outline)(workshop, text)
    return outline_json(workshop)


@bp.put("/workshops/<int:workshop_id>/outline/numbering")
@facilitator_required
def put_numbering(workshop_id: int):
    """Number whole levels; a level left out keeps its numbering (the service checks styles)."""
    workshop = facilitator_workshop(workshop_id)
    payload = json_object()
    live.writing(workshop.id, outline_service.set_numbering)(
        workshop,
        payload.get("section_style"),
        payload.get("block_style"),
        payload.get("question_style"),
    )
    return outline_json(workshop)


# --- sections and blocks ---


@bp.post("/workshops/<int:workshop_id>/sections")
@facilitator_required
def create_section(workshop_id: int):
    workshop = facilitator_workshop(workshop_id)
    payload = json_object()
    form = payload_form(NewSectionForm, pick(payload, "heading", "prompt"))
    if not form.validate():
        return form_error_response(form)
    parent = None
    if payload.get("parent_id") is not None:
        parent = outline_service.get_section(workshop, integer(payload["parent_id"]))
    section = live.writing(workshop.id, outline_service.add_section)(
        workshop,
        form.heading.data,
        form.prompt.data or "",
        parent=parent,
        number_style=payload.get("number_style"),
        question_style=payload.get("question_style"),
    )
    return section_json(workshop, section.id), 201


def pick(payload: dict, *names: str) -> dict:
    return {name: payload[name] for name in names if name in payload}


@bp.patch("/workshops/<int:workshop_id>/sections/<int:section_id>")
@facilitator_required
def update_section(workshop_id: int, section_id: int):
    workshop = facilitator_workshop(workshop_id)
    section = outline_service.get_section(workshop, section_id)
    fields = ("heading", "prompt", "number_style", "question_style")
    current = {name: getattr(section, name) for name in fields}
    form, changed = patch_form(SectionForm, current, json_object())
    if not form.validate():
        return form_error_response(form)
    live.writing(workshop.id, outline_service.edit_section)(
        section, **{name: form[name].data for name in changed}
    )
    return section_json(workshop, section.id)


@bp.delete("/workshops/<int:workshop_id>/sections/<int:section_id>")
@facilitator_required
def delete_section(workshop_id: int, section_id: int):
    workshop = facilitator_workshop(workshop_id)
    live.writing(workshop.id, outline_service.delete_section)(
        outline_service.get_section(workshop, section_id)
    )
    return "", 204


@bp.post("/workshops/<int:workshop_id>/sections/<int:section_id>/move")
@facilitator_required
def move_section(workshop_id: int, section_id: int):
    workshop = facilitator_workshop(workshop_id)
    section = outline_service.get_section(workshop, section_id)
    form = payload_form(MoveForm, json_object())
    if not form.validate():
        return form_error_response(form)
    live.writing(workshop.id, outline_service.move_section)(section, form.direction.data)
    return outline_json(workshop)


# --- questions ---


@bp.post("/workshops/<int:workshop_id>/sections/<int:section_id>/questions")
@facilitator_required
def create_question(workshop_id: int, section_id: int):
    workshop = facilitator_workshop(workshop_id)
    section = outline_service.get_section(workshop, section_id)
    form = payload_form(QuestionForm, pick(json_object(), "text", "guidance"))
    if not form.validate():
        return form_error_response(form)
    question = live.writing(workshop.id, outline_service.add_question)(
        section, form.text.data, form.guidance.data or ""
    )
    return question_json(workshop, question.id), 201


@bp.patch("/workshops/<int:workshop_id>/questions/<int:question_id>")
@facilitator_required
def update_question(workshop_id: int, question_id: int):
    workshop = facilitator_workshop(workshop_id)
    question = outline_service.get_question(workshop, question_id)
    current = {"text": question.text, "guidance": question.guidance}
    form, changed = patch_form(QuestionForm, current, json_object())
    if not form.validate():
        return form_error_response(form)
    live.writing(workshop.id, outline_service.edit_question)(
        question, **{name: form[name].data for name in changed}
    )
    return question_json(workshop, question.id)


@bp.delete("/workshops/<int:workshop_id>/questions/<int:question_id>")
@facilitator_required
def delete_question(workshop_id: int, question_id: int):
    workshop = facilitator_workshop(workshop_id)
    live.writing(workshop.id, outline_service.delete_question)(
        outline_service.get_question(workshop, question_id)
    )
    return "", 204


@bp.post("/workshops/<int:workshop_id>/questions/<int:question_id>/move")
@facilitator_required
def move_question(workshop_id: int, question_id: int):
    workshop = facilitator_workshop(workshop_id)
    question = outline_service.get_question(workshop, question_id)
    form = payload_form(MoveForm, json_object())
    if not form.validate():
        return form_error_response(form)
    live.writing(workshop.id, outline_service.move_question)(question, form.direction.data)
    return outline_json(workshop)
