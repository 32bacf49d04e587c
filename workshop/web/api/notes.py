"""API routes for notes: the change feed, snapshots, and the same idempotent writes as the socket.

Writes go through the same services as the Socket.IO events and are broadcast to the sockets.
"""

from flask import g, request

from workshop.forms.notes import (
    ChangesQuery,
    NoteAddPayload,
    NoteDeletePayload,
    NoteEditPayload,
    NotesQuery,
)
from workshop.services import changes, joining, live, notes
from workshop.services.changes import viewer_of
from workshop.web.api import bp
from workshop.web.api.common import (
    facilitator_required,
    facilitator_workshop,
    form_error_response,
    json_object,
    participant_required,
)
from workshop.web.api.notes_openapi import OPENAPI_PATHS

__all__ = ["OPENAPI_PATHS"]


# --- Who is asking ---


def as_participant():
    """The participant's workshop and the participant, for the shared handling below."""
    participant = g.participant
    return joining.participant_workshop(participant), participant


def as_facilitator(workshop_id: int):
    """The workshop (if the facilitator runs it) and the facilitator."""
    return facilitator_workshop(workshop_id), g.facilitator


# --- Shared handling ---


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
    result = live.write_live(workshop.id, write)
    note = changes.note_seen_by(result.note, workshop, viewer_of(actor, workshop))
    return {"seq": result.seq, "note": note}, created_status if result.created else 200


def add(workshop, actor):
    form = NoteAddPayload(data=json_object())
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
    form = NoteEditPayload(data={**json_object(), "id": note_id})
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
    payload: dict = {"id": note_id, "op_id": request.args.get("op_id")}
    if request.args.get("base_revision", "").isdigit():
        payload["base_revision"] = int(request.args["base_revision"])
    form = NoteDeletePayload(data=payload)
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
    return read_changes(*as_participant())


@bp.get("/participant/notes")
@participant_required
def participant_notes():
    return read_notes(*as_participant())


@bp.post("/participant/notes")
@participant_required
def participant_add_note():
    return add(*as_participant())


@bp.patch("/participant/notes/<note_id>")
@participant_required
def participant_edit_note(note_id):
    return edit(*as_participant(), note_id)


@bp.delete("/participant/notes/<note_id>")
@participant_required
def participant_delete_note(note_id):
    return delete(*as_participant(), note_id)


# --- Facilitators (API token) ---


@bp.get("/workshops/<int:workshop_id>/changes")
@facilitator_required
def workshop_changes(workshop_id):
    return read_changes(*as_facilitator(workshop_id))


@bp.get("/workshops/<int:workshop_id>/notes")
@facilitator_required
def workshop_notes(workshop_id):
    return read_notes(*as_facilitator(workshop_id))


@bp.get("/workshops/<int:workshop_id>/note-counts")
@facilitator_required
def workshop_note_counts(workshop_id):
    return changes.note_counts(facilitator_workshop(workshop_id))


@bp.post("/workshops/<int:workshop_id>/notes")
@facilitator_required
def workshop_add_note(workshop_id):
    return add(*as_facilitator(workshop_id))


@bp.patch("/workshops/<int:workshop_id>/notes/<note_id>")
@facilitator_required
def workshop_edit_note(workshop_id, note_id):
    return edit(*as_facilitator(workshop_id), note_id)


@bp.delete("/workshops/<int:workshop_id>/notes/<note_id>")
@facilitator_required
def workshop_delete_note(workshop_id, note_id):
    return delete(*as_facilitator(workshop_id), note_id)
