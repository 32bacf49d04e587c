"""API routes for running the room: the plan and its steps, the room's actions, the room's state
for each kind of reader, and display links. Every write goes through services.live.write_live,
so the sockets follow (docs/api.md, "Running the room")."""

from collections.abc import Callable

from flask import g, request
from flask_babel import gettext as _
from wtforms import Form

from workshop.extensions import db
from workshop.forms.notes import EmptyPayload
from workshop.forms.plan import (
    EVENT_PAYLOADS,
    DisplayLinkPayload,
    PlenaryPayload,
    StepOrderPayload,
    StepPayload,
    TimerPayload,
)
from workshop.models import Workshop
from workshop.services import displays, joining, live, room, room_state
from workshop.services import plan as plan_service
from workshop.services.changes import Viewer, shaped_change, viewer_of
from workshop.web.api import bp
from workshop.web.api.common import (
    bearer_token,
    error_response,
    facilitator_required,
    facilitator_workshop,
    json_object,
    participant_required,
    timestamp,
)
from workshop.web.api.common import form_error_response as invalid
from workshop.web.api.plan_openapi import OPENAPI_PATHS
from workshop.web.join_links import display_url

__all__ = ["OPENAPI_PATHS"]


class Refused(Exception):
    """A payload its form refuses; answered as 400 invalid_input with the fields."""

    def __init__(self, form: Form):
        super().__init__("invalid_input")
        self.form = form


@bp.errorhandler(Refused)
def refused(error: Refused):
    return invalid(error.form)


def payload(form_class: type[Form], body: dict | None = None) -> dict:
    """The JSON body's fields once the form accepts them (typed: "12" is not a number)."""
    form = form_class(data=json_object() if body is None else body)
    if not form.validate():
        raise Refused(form)
    return form.data


def optional_body() -> dict:
    """Routes without fields accept no body or an empty JSON object."""
    return json_object() if request.get_data() else {}


# --- the plan ---


@bp.get("/workshops/<int:workshop_id>/plan")
@facilitator_required
def read_plan(workshop_id: int):
    return plan_service.read_plan(facilitator_workshop(workshop_id))


def edit(workshop: Workshop, write: Callable[[], plan_service.PlanEdit]):
    return live.write_live(workshop.id, write)


@bp.post("/workshops/<int:workshop_id>/plan/steps")
@facilitator_required
def add_step(workshop_id: int):
    workshop = facilitator_workshop(workshop_id)
    data = payload(StepPayload)
    result = edit(workshop, lambda: plan_service.add_step(workshop, data))
    return plan_service.read_step(workshop, result.step_id or 0), 201


@bp.patch("/workshops/<int:workshop_id>/plan/steps/<int:step_id>")
@facilitator_required
def change_step(workshop_id: int, step_id: int):
    workshop = facilitator_workshop(workshop_id)
    current = plan_service.current_step_fields(workshop, step_id)
    changes = {key: value for key, value in json_object().items() if key in current}
    data = payload(StepPayload, {**current, **changes})
    edit(workshop, lambda: plan_service.change_step(workshop, step_id, data))
    return plan_service.read_step(workshop, step_id)


@bp.delete("/workshops/<int:workshop_id>/plan/steps/<int:step_id>")
@facilitator_required
def delete_step(workshop_id: int, step_id: int):
    workshop = facilitator_workshop(workshop_id)
    edit(workshop, lambda: plan_service.delete_step(workshop, step_id))
    return "", 204


@bp.put("/workshops/<int:workshop_id>/plan/order")
@facilitator_required
def reorder_steps(workshop_id: int):
    workshop = facilitator_workshop(workshop_id)
    step_ids = payload(StepOrderPayload)["step_ids"] or []
    edit(workshop, lambda: plan_service.reorder_steps(workshop, step_ids))
    return plan_service.read_plan(workshop)


@bp.post("/workshops/<int:workshop_id>/plan/reset")
@facilitator_required
def reset_plan(workshop_id: int):
    workshop = facilitator_workshop(workshop_id)
    edit(workshop, lambda: plan_service.reset_plan(workshop))
    return plan_service.read_plan(workshop)


# --- running the room ---

# route (under /workshops/<id>/) → the room event it does (docs/api.md, "Running it")
ROUTE_EVENTS = {
    "plan/start": "plan:start",
    "plan/finish": "plan:finish",
    "plan/next": "step:next",
    "plan/previous": "step:previous",
    "plan/goto": "step:goto",
    "locks": "lock:set",
    "broadcasts": "broadcast:send",
    "broadcasts/clear": "broadcast:clear",
    "focus": "focus:set",
}
# route → (its body, the event family its "action" field chooses in)
ROUTE_FAMILIES: dict[str, tuple[type[Form], str]] = {
    "timer": (TimerPayload, "timer"),
    "plenary": (PlenaryPayload, "plenary"),
}


def run_room_event(workshop: Workshop, event: str, data: dict) -> dict:
    """One room action through the live entry point, answered {seq, change}."""
    change = live.write_live(workshop.id, lambda: room.ACTIONS[event](workshop, data))
    return {"seq": change.seq, "change": shaped_change(change, workshop, True)}


def route_for_event(path: str, event: str) -> None:
    body_form = EVENT_PAYLOADS[event]

    def view(workshop_id: int):
        workshop = facilitator_workshop(workshop_id)
        data = payload(body_form, optional_body() if body_form is EmptyPayload else None)
        return run_room_event(workshop, event, data)

    register_room_route(path, view)


def route_for_family(path: str, body_form: type[Form], family: str) -> None:
    def view(workshop_id: int):
        workshop = facilitator_workshop(workshop_id)
        data = payload(body_form)
        return run_room_event(workshop, f"{family}:{data['action']}", data)

    register_room_route(path, view)


def register_room_route(path: str, view) -> None:
    endpoint = "room_" + path.replace("/", "_")
    view.__name__ = endpoint
    bp.post(f"/workshops/<int:workshop_id>/{path}", endpoint=endpoint)(facilitator_required(view))


for room_path, room_event in ROUTE_EVENTS.items():
    route_for_event(room_path, room_event)
for room_path, (room_body, room_family) in ROUTE_FAMILIES.items():
    route_for_family(room_path, room_body, room_family)


# --- the room now ---


@bp.get("/workshops/<int:workshop_id>/room")
@facilitator_required
def facilitator_room(workshop_id: int):
    workshop = facilitator_workshop(workshop_id)
    return room_state.room_state(workshop, viewer_of(g.facilitator, workshop))


@bp.get("/participant/room")
@participant_required
def participant_room():
    workshop = joining.participant_workshop(g.participant)
    return room_state.room_state(workshop, viewer_of(g.participant, workshop))


@bp.get("/display/room")
def display_room():
    link = displays.link_for_token(bearer_token())
    if link is None:
        return error_response(401, "unauthorised", _("This display link is not valid."))
    workshop = db.session.get_one(Workshop, link.workshop_id)
    return room_state.room_state(workshop, Viewer(workshop.id, display=True))


# --- display links ---


def link_json(link) -> dict:
    return {
        "id": link.id,
        "name": link.name,
        "created_at": timestamp(link.created_at),
        "last_used_at": timestamp(link.last_used_at),
        "revoked": not link.is_active,
    }


@bp.get("/workshops/<int:workshop_id>/display-links")
@facilitator_required
def list_display_links(workshop_id: int):
    workshop = facilitator_workshop(workshop_id)
    return {"display_links": [link_json(link) for link in displays.list_display_links(workshop)]}


@bp.post("/workshops/<int:workshop_id>/display-links")
@facilitator_required
def create_display_link(workshop_id: int):
    workshop = facilitator_workshop(workshop_id)
    data = payload(DisplayLinkPayload, optional_body())
    made = displays.create_display_link(workshop, data["name"] or "")
    url = display_url(made.token)
    return {**link_json(made.link), "token": made.token, "url": url}, 201


@bp.delete("/workshops/<int:workshop_id>/display-links/<int:link_id>")
@facilitator_required
def revoke_display_link(workshop_id: int, link_id: int):
    displays.revoke_display_link(facilitator_workshop(workshop_id), link_id)
    return "", 204
