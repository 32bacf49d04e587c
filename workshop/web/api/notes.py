"""API routes for notes: the change feed, snapshots, and the same idempotent writes as the socket.

Writes go through the same services as the Socket.IO events and are broadcast to the sockets.
"""

from flask import g, request
from flask_babel import gettext as _

from workshop.forms.notes import (
    ChangesQuery,
    NoteAddPayload,
    NoteDeletePayload,
    NoteEditPayload,
    NotesQuery,
    payload_form,
)
from workshop.realtime import emitter
from workshop.services import access, changes, joining, notes
from workshop.services.changes import viewer_of
from workshop.web.api import bp
from workshop.web.api.common import (
    error_response,
    facilitator_required,
    form_error_response,
    participant_required,
)
from workshop.web.api.notes_openapi import OPENAPI_PATHS

__all__ = ["OPENAPI_PATHS"]


# --- Who is asking ---


def participant_workshop():
    participant = g.participant
    return joining.participant_workshop(participant), participant


def facilitator_workshop(workshop_id: int):
    return access.get_workshop_for(g.facilitator, workshop_id), g.facilitator


# --- Shared handling ---


def json_payload():
    payload = request.get_json(silent=True)
    return payload if isinstance(payload, dict) else None


def not_a_json_object():
    return error_response(400, "invalid_input", _("Send a JSON object."))


def read_changes(workshop, actor):
    query = ChangesQuery(formdata=request.args)
    if not query.validate():
        return form_error_response(query)
    return changes.changes_since(workshop, query.since.data or 0, viewer_of(actor, workshop))


def read_notes(workshop, actor):
    query = NotesQuery(formdata=request.args)
    if not query.validate():
        return form_error_response(query)
    viewer = viewer_of(actor, workshop)
    return changes.notes_snapshot(workshop, viewer, query.question_id.data, query.group_id.data)


def written(workshop, actor, write, created_status: int = 200):
    """Run a write in seq order, broadcast it if new, answer {seq, note} for the writer."""
    with emitter.in_order(workshop.id):
        result = write()
        if result.created:
            emitter.emit_change(result.change)
    note = changes.note_seen_by(result.note, workshop, viewer_of(actor, workshop))
    return {"seq": result.seq, "note": note}, created_status if result.created else 200


def add(workshop, actor):
    payload = json_payload()
    if payload is None:
        return not_a_json_object()
    form = payload_form(NoteAddPayload, payload)
    if not form.validate():
        return form_error_response(form)
    data = form.data
    return written(
        workshop,
        actor,
        lambda: notes.add_note(
            workshop,
            actor,
            data["id"],
            data["question_id"],
            data["text"],
            group_id=data["group_id"],
        ),
        created_status=201,
    )


def edit(workshop, actor, note_id: str):
    payload = json_payload()
    if payload is None:
        return not_a_json_object()
    form = payload_form(NoteEditPayload, {**payload, "id": note_id})
    if not form.validate():
        return form_error_response(form)
    data = form.data
    return written(
        workshop,
        actor,
        lambda: notes.edit_note(
            workshop, actor, note_id, data["op_id"], data["base_revision"], data["text"]
        ),
    )


def delete(workshop, actor, note_id: str):
    payload = {"id": note_id, "op_id": request.args.get("op_id")}
    if request.args.get("base_revision", "").isdigit():
        payload["base_revision"] = int(request.args["base_revision"])
    form = payload_form(NoteDeletePayload, payload)
    if not form.validate():
        return form_error_response(form)
    data = form.data
    return written(
        workshop,
        actor,
        lambda: notes.delete_note(
            workshop, actor, note_id, data["op_id"], base_revision=data["base_revision"]
        ),
    )


# --- Participants (participant token) ---


@bp.get("/participant/changes")
@participant_required
def participant_changes():
    return read_changes(*participant_workshop())


@bp.get("/participant/notes")
@participant_required
def participant_notes():
    return read_notes(*participant_workshop())


@bp.post("/participant/notes")
@participant_required
def participant_add_note():
    return add(*participant_workshop())


@bp.patch("/participant/notes/<note_id>")
@participant_required
def participant_edit_note(note_id):
    return edit(*participant_workshop(), note_id)


@bp.delete("/participant/notes/<note_id>")
@participant_required
def participant_delete_note(note_id):
    return delete(*participant_workshop(), note_id)


# --- Facilitators (API token) ---


@bp.get("/workshops/<int:workshop_id>/changes")
@facilitator_required
def workshop_changes(workshop_id):
    return read_changes(*facilitator_workshop(workshop_id))


@bp.get("/workshops/<int:workshop_id>/notes")
@facilitator_required
def workshop_notes(workshop_id):
    return read_notes(*facilitator_workshop(workshop_id))


@bp.get("/workshops/<int:workshop_id>/note-counts")
@facilitator_required
def workshop_note_counts(workshop_id):
    workshop, _facilitator = facilitator_workshop(workshop_id)
    return changes.note_counts(workshop)


@bp.post("/workshops/<int:workshop_id>/notes")
@facilitator_required
def workshop_add_note(workshop_id):
    return add(*facilitator_workshop(workshop_id))


@bp.patch("/workshops/<int:workshop_id>/notes/<note_id>")
@facilitator_required
def workshop_edit_note(workshop_id, note_id):
    return edit(*facilitator_workshop(workshop_id), note_id)


@bp.delete("/workshops/<int:workshop_id>/notes/<note_id>")
@facilitator_required
def workshop_delete_note(workshop_id, note_id):
    return delete(*facilitator_workshop(workshop_id), note_id)
