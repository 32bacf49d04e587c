"""API routes of the annex's votes and of publishing it to participants (docs/api.md, "Votes in
the annex" and "Publishing to participants"); the participant reads the published annex."""

from flask import g, jsonify, url_for

from workshop.annex import votes as annex_votes
from workshop.forms.annex_votes import OrderByVotesForm, PublishForm
from workshop.services import joining, live, publication
from workshop.services.changes import shaped_change
from workshop.services.plenary_state import PUBLISHED_FORMATS, published_now
from workshop.web.annex_files import export_response
from workshop.web.api import bp
from workshop.web.api.annex import ANNEX, annex_json
from workshop.web.api.annex_votes_openapi import OPENAPI_PATHS
from workshop.web.api.common import (
    facilitator_required,
    facilitator_workshop,
    form_error_response,
    json_object,
    participant_required,
    payload_form,
)

__all__ = ["OPENAPI_PATHS"]


@bp.post(f"{ANNEX}/order-by-votes")
@facilitator_required
def order_annex_by_votes(workshop_id):
    workshop = facilitator_workshop(workshop_id)
    form = payload_form(OrderByVotesForm, json_object())
    if not form.validate():
        return form_error_response(form)
    annex_votes.order_by_votes(workshop, form.question_id.data, form.top.data or 0)
    return jsonify(annex_json(workshop))


@bp.get(f"{ANNEX}/publication")
@facilitator_required
def read_publication(workshop_id):
    return {"publication": published_now(facilitator_workshop(workshop_id))}


def changed(workshop, write) -> dict:
    change = live.write_live(workshop.id, write)
    return {"seq": change.seq, "change": shaped_change(change, workshop, True)}


@bp.post(f"{ANNEX}/publication")
@facilitator_required
def publish_annex(workshop_id):
    workshop = facilitator_workshop(workshop_id)
    form = payload_form(PublishForm, json_object())
    if not form.validate():
        return form_error_response(form)
    number, include_votes = form.version.data, bool(form.include_votes.data)
    return changed(workshop, lambda: publication.publish_annex(workshop, number, include_votes))


@bp.delete(f"{ANNEX}/publication")
@facilitator_required
def withdraw_publication(workshop_id):
    workshop = facilitator_workshop(workshop_id)
    return changed(workshop, lambda: publication.withdraw_publication(workshop))


@bp.get("/participant/annex")
@participant_required
def participant_annex():
    workshop = joining.participant_workshop(g.participant)
    _shown, document = publication.published_document(workshop)
    downloads = {
        fmt: url_for("api.participant_annex_file", format_name=fmt) for fmt in PUBLISHED_FORMATS
    }
    return {"publication": published_now(workshop), "document": document, "downloads": downloads}


@bp.get("/participant/annex/<string:format_name>")
@participant_required
def participant_annex_file(format_name):
    """The published version as Word or PDF, for a client with the participant's token (the
    publication's own `downloads` are the browser's, with its session cookie)."""
    workshop = joining.participant_workshop(g.participant)
    return export_response(publication.published_export(workshop, format_name))
