"""API routes of the plenary: the share, the vote and its facilitator actions, and the
participant's own dots. Every write goes through services.live.write_live, so the sockets follow
(docs/api.md, "Plenary: share and vote")."""

from flask import g

from workshop.forms.notes import EmptyPayload
from workshop.forms.plenary import EVENT_PAYLOADS, DotPlacePayload, DotRemovePayload
from workshop.models import Workshop
from workshop.services import joining, live, plenary, votes
from workshop.services.changes import current_last_seq, shaped_change, viewer_of
from workshop.services.plenary_state import share_for, vote_for
from workshop.web.api import bp
from workshop.web.api.common import (
    facilitator_required,
    facilitator_workshop,
    participant_required,
)
from workshop.web.api.plan import optional_body, payload
from workshop.web.api.plenary_openapi import OPENAPI_PATHS

__all__ = ["OPENAPI_PATHS"]

# (method, route under /workshops/<id>/) → the plenary event it does
ROUTE_EVENTS = {
    ("PUT", "share"): "share:set",
    ("DELETE", "share"): "share:withdraw",
    ("POST", "vote"): "vote:open",
    ("POST", "vote/close"): "vote:close",
    ("POST", "vote/reveal"): "vote:reveal",
    ("POST", "vote/reopen"): "vote:reopen",
}


def run_plenary_event(workshop: Workshop, event: str, data: dict) -> dict:
    change = live.write_live(workshop.id, lambda: plenary.ACTIONS[event](workshop, data))
    return {"seq": change.seq, "change": shaped_change(change, workshop, True)}


def route_for_event(method: str, path: str, event: str) -> None:
    body_form = EVENT_PAYLOADS[event]

    def view(workshop_id: int):
        workshop = facilitator_workshop(workshop_id)
        data = payload(body_form, optional_body() if body_form is EmptyPayload else None)
        return run_plenary_event(workshop, event, data)

    endpoint = "plenary_" + event.replace(":", "_")
    view.__name__ = endpoint
    bp.route(f"/workshops/<int:workshop_id>/{path}", methods=[method], endpoint=endpoint)(
        facilitator_required(view)
    )


for (route_method, route_path), route_event in ROUTE_EVENTS.items():
    route_for_event(route_method, route_path, route_event)


# --- reading ---


def shared(workshop: Workshop, actor) -> dict:
    viewer = viewer_of(actor, workshop)
    last_seq = current_last_seq(workshop.id)  # first: a raw share's notes are read afresh
    return {"share": share_for(workshop, viewer), "last_seq": last_seq}


def voted(workshop: Workshop, actor) -> dict:
    viewer = viewer_of(actor, workshop)
    return {"vote": vote_for(workshop, viewer), "last_seq": current_last_seq(workshop.id)}


@bp.get("/workshops/<int:workshop_id>/share")
@facilitator_required
def facilitator_share(workshop_id: int):
    return shared(facilitator_workshop(workshop_id), g.facilitator)


@bp.get("/workshops/<int:workshop_id>/vote")
@facilitator_required
def facilitator_vote(workshop_id: int):
    return voted(facilitator_workshop(workshop_id), g.facilitator)


@bp.get("/participant/share")
@participant_required
def participant_share():
    return shared(joining.participant_workshop(g.participant), g.participant)


@bp.get("/participant/vote")
@participant_required
def participant_vote():
    return voted(joining.participant_workshop(g.participant), g.participant)


# --- the participant's dots ---


def dot_answer(voter: votes.Voter, write) -> dict:
    return votes.dot_written(voter, write).answer()


@bp.post("/participant/dots")
@participant_required
def place_dot():
    data = payload(DotPlacePayload)
    voter = votes.Voter.of(g.participant)
    return dot_answer(voter, lambda: votes.place_dot(voter, data["id"], data["point_id"]))


@bp.delete("/participant/dots/<string:dot_id>")
@participant_required
def remove_dot(dot_id: str):
    data = payload(DotRemovePayload, {"id": dot_id})
    voter = votes.Voter.of(g.participant)
    return dot_answer(voter, lambda: votes.remove_dot(voter, data["id"]))
