"""API routes for the facilitator's account and workshops: list, create, read, change, duplicate,
delete, status and co-facilitators."""

from flask import g, url_for

from workshop.forms.workshops import SETTINGS, CoFacilitatorForm, StatusForm, WorkshopForm
from workshop.services import lifecycle, live, workshops
from workshop.web.api import bp
from workshop.web.api.common import (
    facilitator_required,
    facilitator_workshop,
    form_error_response,
    json_object,
    patch_form,
    payload_form,
    timestamp,
)
from workshop.web.api.workshops_openapi import OPENAPI_PATHS
from workshop.web.join_links import join_url

__all__ = ["OPENAPI_PATHS"]


# --- JSON shapes ---


def facilitator_json(facilitator) -> dict:
    return {
        "id": facilitator.id,
        "email": facilitator.email,
        "display_name": facilitator.display_name,
    }


def workshop_json(workshop) -> dict:
    """The one shape a workshop has in every response."""
    return {
        "id": workshop.id,
        "title": workshop.title,
        "theme": workshop.theme,
        "date": workshop.date.isoformat() if workshop.date else None,
        "place": workshop.place,
        "language": workshop.language,
        "document_number": workshop.document_number,
        "reference": workshop.reference,
        "annex_title": workshop.annex_title,
        "annex_intro": workshop.annex_intro,
        "join_code": workshop.join_code,
        "join_url": join_url(workshop),
        "status": workshop.status,
        "anonymity": workshop.anonymity,
        "group_mode": workshop.group_mode,
        "owner": facilitator_json(workshop.owner),
        "created_at": timestamp(workshop.created_at),
        "updated_at": timestamp(workshop.updated_at),
    }


def created(workshop):
    location = url_for("api.get_workshop", workshop_id=workshop.id)
    return workshop_json(workshop), 201, {"Location": location}


# --- reading the request ---


def current_settings(workshop) -> dict:
    """A workshop's settings as a form would post them, so PATCH can change only some."""
    values = {name: getattr(workshop, name) for name in SETTINGS}
    values["date"] = workshop.date.isoformat() if workshop.date else ""
    return values


# --- routes ---


@bp.get("/me")
@facilitator_required
def me():
    facilitator = g.facilitator
    return {**facilitator_json(facilitator), "language": facilitator.language}


@bp.get("/workshops")
@facilitator_required
def list_workshops():
    return {"workshops": [workshop_json(w) for w in workshops.list_workshops(g.facilitator)]}


@bp.post("/workshops")
@facilitator_required
def create_workshop():
    defaults = {"language": "en", "anonymity": "named", "group_mode": "self_select"}
    form = payload_form(WorkshopForm, {**defaults, **known_settings(json_object())})
    if not form.validate():
        return form_error_response(form)
    return created(workshops.create_workshop(g.facilitator, form.settings()))


def known_settings(payload: dict) -> dict:
    """The payload's settings; other keys (id, status, join_code, …) are read-only and ignored."""
    return {name: value for name, value in payload.items() if name in SETTINGS}


@bp.get("/workshops/<int:workshop_id>")
@facilitator_required
def get_workshop(workshop_id: int):
    return workshop_json(facilitator_workshop(workshop_id))


@bp.patch("/workshops/<int:workshop_id>")
@facilitator_required
def update_workshop(workshop_id: int):
    workshop = facilitator_workshop(workshop_id)
    form, changed = patch_form(WorkshopForm, current_settings(workshop), json_object())
    if not form.validate():
        return form_error_response(form)
    settings = form.settings()
    workshops.update_workshop(workshop, {name: settings[name] for name in changed})
    return workshop_json(workshop)


@bp.delete("/workshops/<int:workshop_id>")
@facilitator_required
def delete_workshop(workshop_id: int):
    workshops.delete_workshop(facilitator_workshop(workshop_id), g.facilitator)
    return "", 204


@bp.post("/workshops/<int:workshop_id>/duplicate")
@facilitator_required
def duplicate_workshop(workshop_id: int):
    return created(workshops.duplicate_workshop(facilitator_workshop(workshop_id), g.facilitator))


@bp.post("/workshops/<int:workshop_id>/status")
@facilitator_required
def change_status(workshop_id: int):
    workshop = facilitator_workshop(workshop_id)
    form = payload_form(StatusForm, json_object())
    if not form.validate():
        return form_error_response(form)
    live.write_live(workshop.id, lambda: lifecycle.change_status(workshop, form.status.data))
    return workshop_json(workshop)


@bp.get("/workshops/<int:workshop_id>/co-facilitators")
@facilitator_required
def list_co_facilitators(workshop_id: int):
    workshop = facilitator_workshop(workshop_id)
    people = workshops.list_co_facilitators(workshop)
    return {"co_facilitators": [facilitator_json(f) for f in people]}


@bp.post("/workshops/<int:workshop_id>/co-facilitators")
@facilitator_required
def add_co_facilitator(workshop_id: int):
    workshop = facilitator_workshop(workshop_id)
    form = payload_form(CoFacilitatorForm, json_object())
    if not form.validate():
        return form_error_response(form)
    added = workshops.add_co_facilitator(workshop, g.facilitator, form.email.data)
    return facilitator_json(added), 201


@bp.delete("/workshops/<int:workshop_id>/co-facilitators/<int:facilitator_id>")
@facilitator_required
def remove_co_facilitator(workshop_id: int, facilitator_id: int):
    workshop = facilitator_workshop(workshop_id)
    workshops.remove_co_facilitator(workshop, g.facilitator, facilitator_id)
    return "", 204
