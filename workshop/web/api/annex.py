"""API routes for the annex: read it, change the header, curate points, approve, export."""

from flask import g, jsonify, request, url_for
from flask_babel import gettext as _

from workshop.annex import curate, duplicates
from workshop.annex import votes as annex_votes
from workshop.annex.export import export_annex
from workshop.annex.header import current_header, exported_header, update_annex_header
from workshop.annex.page import AnnexPage, annex_page, point_views
from workshop.annex.renderers import renderers
from workshop.annex.versions import approve_annex
from workshop.forms.annex import (
    HEADER_FIELDS,
    AnnexHeaderForm,
    MergeForm,
    MoveForm,
    OrderForm,
    PairForm,
    PointTextForm,
)
from workshop.forms.common import whole_number
from workshop.models import DomainError
from workshop.web.annex_files import export_response
from workshop.web.api import bp
from workshop.web.api.annex_openapi import OPENAPI_PATHS
from workshop.web.api.common import (
    error_response,
    facilitator_required,
    facilitator_workshop,
    form_error_response,
    json_object,
    patch_form,
    payload_form,
    timestamp,
)
from workshop.web.share_follow import follow_annex_edit

__all__ = ["OPENAPI_PATHS"]
ANNEX = "/workshops/<int:workshop_id>/annex"
# A curated share follows every edit of the annex (its routes only: the hook checks the route).
bp.after_request(follow_annex_edit)


def export_links(workshop_id: int, version: int | None = None, raw=True) -> dict:
    return {
        renderer.name: url_for(
            "api.export_annex_file", workshop_id=workshop_id, format=renderer.name, version=version
        )
        for renderer in renderers()
        if raw or renderer.source == "document"
    }


def annex_json(workshop) -> dict:
    page = annex_page(workshop)
    header = dict(page.header)
    header["date"] = header["date"].isoformat() if header["date"] else None
    return {
        "workshop_id": workshop.id,
        "status": page.annex.status,
        "version": page.annex.version,
        "changed_since_approval": page.changed_since_approval,
        "curated": page.annex.is_curated,
        "header": header,
        **shown_header_json(workshop, page),
        "include_votes": page.annex.include_votes,
        "has_votes": page.has_votes,
        "point_count": page.point_count,
        "new_count": page.new_count,
        "sections": [section_json(s) for s in page.sections],
        "versions": [
            {
                "number": v.number,
                "approved_at": timestamp(v.approved_at),
                "approved_by": v.approved_by_name,
                "exports": export_links(workshop.id, v.number, raw=False),
            }
            for v in page.versions
        ],
        "exports": export_links(workshop.id),
    }


def shown_header_json(workshop, page: AnnexPage) -> dict:
    """The lines above the title and the status line as the export without a version shows
    them, in the workshop's language: a client renders the same header from them. Kept apart
    from `header`, the editable fields a client sends back with PATCH."""
    current = next((v for v in page.versions if v.number == page.annex.version), None)
    shown = exported_header(workshop, page.annex, page.changed_since_approval, current)
    return {
        "header_lines": [
            {"field": line["field"], "label": line["label"], "value": line["value"]}
            for line in shown["meta"]
        ],
        "status_line": shown["status"],
    }


def section_json(section: dict) -> dict:
    return {
        "id": section["id"],
        "label": section["label"],
        "heading": section["heading"],
        "prompt": section["prompt"],
        "questions": [
            {
                "id": q["id"],
                "label": q["label"],
                "text": q["text"],
                "points": [point_json(p) for p in q["points"]],
                "new_points": [point_json(p) for p in q["new_points"]],
                "suggestions": [
                    {
                        "first_point_id": s["first"]["id"],
                        "second_point_id": s["second"]["id"],
                        "similarity": s["percent"] / 100,
                    }
                    for s in q["suggestions"]
                ],
            }
            for q in section["questions"]
        ],
        "blocks": [section_json(b) for b in section["blocks"]],
    }


def point_json(view: dict) -> dict:
    keys = (
        "id",
        "question_id",
        "text",
        "items",
        "excluded",
        "pending",
        "manual",
        "sources",
        "votes",
        "top",
    )
    return {key: view[key] for key in keys}


def one_point(workshop, point) -> dict:
    return point_json(point_views(workshop, [point])[0])


@bp.get(ANNEX)
@facilitator_required
def get_annex(workshop_id):
    return jsonify(annex_json(facilitator_workshop(workshop_id)))


@bp.patch(ANNEX)
@facilitator_required
def patch_annex(workshop_id):
    workshop = facilitator_workshop(workshop_id)
    payload = json_object()
    include_votes = payload.pop("include_votes", None)
    if include_votes is not None and not isinstance(include_votes, bool):
        return error_response(
            400,
            "invalid_input",
            _("Some fields are not valid."),
            fields={"include_votes": [_("This must be true or false.")]},
        )
    form, changed = patch_form(AnnexHeaderForm, annex_page_header(workshop), payload)
    unknown = set(payload) - set(HEADER_FIELDS)
    if unknown:
        return error_response(
            400, "unknown_fields", _("These fields do not exist."), fields=sorted(unknown)
        )
    if not form.validate():
        return form_error_response(form)
    update_annex_header(workshop, {name: form[name].data for name in changed})
    if include_votes is not None:
        annex_votes.set_include_votes(workshop, include_votes)
    return jsonify(annex_json(workshop))


def annex_page_header(workshop) -> dict:
    """The current header as form strings, so a PATCH may send only the fields it changes."""
    header = current_header(workshop)
    header["date"] = header["date"].isoformat() if header["date"] else ""
    return {name: header[name] for name in HEADER_FIELDS}


def run_point_action(workshop_id, form_class, action, status=200):
    """Validate the JSON with form_class, run the action, answer with the point it returns."""
    workshop = facilitator_workshop(workshop_id)
    form = payload_form(form_class, json_object())
    if not form.validate():
        return form_error_response(form)
    point = action(workshop, form)
    return jsonify(one_point(workshop, point)), status


@bp.post(f"{ANNEX}/points")
@facilitator_required
def add_annex_point(workshop_id):
    question_id = json_object().get("question_id")
    if not isinstance(question_id, int) or isinstance(question_id, bool):
        return error_response(
            400, "invalid_input", _("question_id must be a number."), fields={"question_id": []}
        )
    return run_point_action(
        workshop_id,
        PointTextForm,
        lambda w, f: curate.add_point(w, question_id, f.text.data),
        status=201,
    )


@bp.patch(f"{ANNEX}/points/<int:point_id>")
@facilitator_required
def patch_annex_point(workshop_id, point_id):
    workshop = facilitator_workshop(workshop_id)
    payload = json_object()
    if set(payload) - {"text", "excluded"}:
        return error_response(400, "invalid_input", _("Send an object with text and/or excluded."))
    if "text" in payload:
        form = payload_form(PointTextForm, {"text": payload["text"]})
        if not form.validate():
            return form_error_response(form)
        point = curate.edit_point(workshop, point_id, form.text.data)
    if "excluded" in payload:
        if not isinstance(payload["excluded"], bool):
            return error_response(400, "invalid_input", _("excluded must be true or false."))
        point = curate.set_point_excluded(workshop, point_id, payload["excluded"])
    if not payload:
        point = curate.find_point(curate.compile_annex(workshop), point_id)
    return jsonify(one_point(workshop, point))


@bp.delete(f"{ANNEX}/points/<int:point_id>")
@facilitator_required
def delete_annex_point(workshop_id, point_id):
    curate.delete_point(facilitator_workshop(workshop_id), point_id)
    return "", 204


@bp.post(f"{ANNEX}/points/<int:point_id>/move")
@facilitator_required
def move_annex_point(workshop_id, point_id):
    return run_point_action(
        workshop_id, MoveForm, lambda w, f: curate.move_point(w, point_id, f.direction.data)
    )


@bp.put(f"{ANNEX}/questions/<int:question_id>/order")
@facilitator_required
def order_annex_points(workshop_id, question_id):
    workshop = facilitator_workshop(workshop_id)
    form = payload_form(OrderForm, json_object())
    if not form.validate():
        return form_error_response(form)
    points = curate.order_points(workshop, question_id, form.point_ids.data)
    return jsonify(
        {
            "question_id": question_id,
            "points": [point_json(p) for p in point_views(workshop, points)],
        }
    )


@bp.post(f"{ANNEX}/points/<int:point_id>/take-in")
@facilitator_required
def take_in_annex_point(workshop_id, point_id):
    workshop = facilitator_workshop(workshop_id)
    return jsonify(one_point(workshop, curate.decide_new_point(workshop, point_id, True)))


@bp.post(f"{ANNEX}/points/<int:point_id>/leave-out")
@facilitator_required
def leave_out_annex_point(workshop_id, point_id):
    workshop = facilitator_workshop(workshop_id)
    return jsonify(one_point(workshop, curate.decide_new_point(workshop, point_id, False)))


@bp.post(f"{ANNEX}/points/merge")
@facilitator_required
def merge_annex_points(workshop_id):
    return run_point_action(
        workshop_id,
        MergeForm,
        lambda w, f: curate.merge_points(w, f.point_ids.data, f.text.data or None),
    )


@bp.post(f"{ANNEX}/duplicates/accept")
@facilitator_required
def accept_annex_duplicate(workshop_id):
    return run_point_action(
        workshop_id,
        PairForm,
        lambda w, f: duplicates.accept_duplicate(w, f.first_point_id.data, f.second_point_id.data),
    )


@bp.post(f"{ANNEX}/duplicates/dismiss")
@facilitator_required
def dismiss_annex_duplicate(workshop_id):
    workshop = facilitator_workshop(workshop_id)
    form = payload_form(PairForm, json_object())
    if not form.validate():
        return form_error_response(form)
    duplicates.dismiss_duplicate(workshop, form.first_point_id.data, form.second_point_id.data)
    return "", 204


@bp.post(f"{ANNEX}/approve")
@facilitator_required
def approve_annex_version(workshop_id):
    workshop = facilitator_workshop(workshop_id)
    version = approve_annex(workshop, g.facilitator)
    body = {
        "number": version.number,
        "approved_at": timestamp(version.approved_at),
        "approved_by": version.approved_by_name,
        "exports": export_links(workshop.id, version.number, raw=False),
    }
    return jsonify(body), 201


@bp.get(f"{ANNEX}/export")
@facilitator_required
def export_annex_file(workshop_id):
    workshop = facilitator_workshop(workshop_id)
    version = request.args.get("version", type=whole_number)
    if "version" in request.args and version is None:
        raise DomainError("invalid_version", _("The version must be a number."))
    result = export_annex(workshop, request.args.get("format", "docx"), version)
    return export_response(result)
