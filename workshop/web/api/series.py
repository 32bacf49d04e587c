"""API routes for series: the series, its coordinators, standing items, members, members' link,
and the members' own read-only view of it."""

from flask import g, request, url_for
from flask_babel import gettext as _

from workshop.annex.export import export_annex
from workshop.forms.meetings import CoordinatorForm, MemberForm, SeriesForm, StandingItemForm
from workshop.services import members, members_page, series
from workshop.web.annex_files import export_response
from workshop.web.api import bp
from workshop.web.api.common import (
    InvalidForm,
    InvalidPayload,
    bearer_token,
    error_response,
    facilitator_required,
    json_object,
    payload_form,
    valid_changes,
    valid_form,
)
from workshop.web.api.meeting_json import (
    clock_time,
    day,
    member_json,
    series_json,
    standing_item_json,
)
from workshop.web.api.series_openapi import OPENAPI_PATHS
from workshop.web.api.workshops import facilitator_json
from workshop.web.meeting_links import members_url

__all__ = ["OPENAPI_PATHS"]


def facilitator_series(series_id: int):
    return series.get_series_for(g.facilitator, series_id)


def current_series_fields(one_series) -> dict:
    """The series' fields as a form would post them, so PATCH can change only some."""
    values = {name: getattr(one_series, name) for name in SeriesForm.FIELDS}
    values["default_start_time"] = clock_time(one_series.default_start_time) or ""
    values["default_end_time"] = clock_time(one_series.default_end_time) or ""
    return values


# --- the series ---


@bp.get("/series")
@facilitator_required
def list_series():
    return {"series": [series_json(s) for s in series.list_series(g.facilitator)]}


@bp.post("/series")
@facilitator_required
def create_series():
    form = valid_form(SeriesForm, {"language": "en", "rhythm_weeks": 13, **json_object()})
    created = series.create_series(g.facilitator, form.fields())
    location = url_for("api.get_series", series_id=created.id)
    return series_json(created), 201, {"Location": location}


@bp.get("/series/<int:series_id>")
@facilitator_required
def get_series(series_id: int):
    return series_json(facilitator_series(series_id))


@bp.patch("/series/<int:series_id>")
@facilitator_required
def update_series(series_id: int):
    one_series = facilitator_series(series_id)
    series.update_series(
        one_series, valid_changes(SeriesForm, current_series_fields(one_series), json_object())
    )
    return series_json(one_series)


@bp.delete("/series/<int:series_id>")
@facilitator_required
def delete_series(series_id: int):
    series.delete_series(facilitator_series(series_id), g.facilitator)
    return "", 204


# --- coordinators ---


@bp.post("/series/<int:series_id>/coordinators")
@facilitator_required
def add_coordinator(series_id: int):
    one_series = facilitator_series(series_id)
    form = valid_form(CoordinatorForm, json_object())
    added = series.add_coordinator(one_series, g.facilitator, form.email.data)
    return facilitator_json(added), 201


@bp.delete("/series/<int:series_id>/coordinators/<int:facilitator_id>")
@facilitator_required
def remove_coordinator(series_id: int, facilitator_id: int):
    series.remove_coordinator(facilitator_series(series_id), g.facilitator, facilitator_id)
    return "", 204


# --- standing items ---


@bp.get("/series/<int:series_id>/standing-items")
@facilitator_required
def list_standing_items(series_id: int):
    items = facilitator_series(series_id).standing_items
    return {"standing_items": [standing_item_json(item) for item in items]}


@bp.put("/series/<int:series_id>/standing-items")
@facilitator_required
def replace_standing_items(series_id: int):
    one_series = facilitator_series(series_id)
    payload = json_object().get("standing_items")
    if not isinstance(payload, list) or not all(isinstance(item, dict) for item in payload):
        raise InvalidPayload
    forms = [payload_form(StandingItemForm, item) for item in payload]
    for position, form in enumerate(forms):
        if not form.validate():
            raise InvalidForm(form, position=position)
    items = series.replace_standing_items(one_series, [form.fields() for form in forms])
    return {"standing_items": [standing_item_json(item) for item in items]}


# --- members ---


@bp.get("/series/<int:series_id>/members")
@facilitator_required
def list_members(series_id: int):
    return {"members": [member_json(m) for m in facilitator_series(series_id).members]}


@bp.post("/series/<int:series_id>/members")
@facilitator_required
def add_member(series_id: int):
    one_series = facilitator_series(series_id)
    form = valid_form(MemberForm, {"role": "member", **json_object()})
    return member_json(members.add_member(one_series, form.fields())), 201


@bp.patch("/series/<int:series_id>/members/<int:member_id>")
@facilitator_required
def update_member(series_id: int, member_id: int):
    member = members.get_member(facilitator_series(series_id), member_id)
    current = {name: getattr(member, name) for name in MemberForm.FIELDS}
    members.update_member(member, valid_changes(MemberForm, current, json_object()))
    return member_json(member)


@bp.delete("/series/<int:series_id>/members/<int:member_id>")
@facilitator_required
def remove_member(series_id: int, member_id: int):
    members.remove_member(members.get_member(facilitator_series(series_id), member_id))
    return "", 204


# --- the members' link, and what it shows ---


@bp.post("/series/<int:series_id>/members-link")
@facilitator_required
def create_members_link(series_id: int):
    token = members.create_members_link(facilitator_series(series_id))
    return {"token": token, "url": members_url(token)}, 201


@bp.delete("/series/<int:series_id>/members-link")
@facilitator_required
def revoke_members_link(series_id: int):
    members.revoke_members_link(facilitator_series(series_id))
    return "", 204


def members_series():
    """The series whose members' link token is the bearer token, or None."""
    return members.series_for_members_token(bearer_token())


def no_members_link():
    return error_response(401, "unauthorised", _("A valid members' link token is required."))


@bp.get("/members-page")
def read_members_page():
    """The members' read-only view, with the members' link token as the bearer token."""
    one_series = members_series()
    if one_series is None:
        return no_members_link()
    return members_page_json(members_page.members_page_view(one_series))


@bp.get("/members-page/annexes/<int:workshop_id>")
def download_members_annex(workshop_id: int):
    """The newest approved annex of a published meeting's item (?format=docx, pdf, md, …)."""
    one_series = members_series()
    if one_series is None:
        return no_members_link()
    workshop, version = members_page.members_annex(one_series, workshop_id)
    return export_response(export_annex(workshop, request.args.get("format", "docx"), version))


def members_page_json(view: dict) -> dict:
    """The members' view with its dates and times as text."""
    return {
        **view,
        "meetings": [
            {
                **meeting,
                "date": day(meeting["date"]),
                "start_time": clock_time(meeting["start_time"]),
                "end_time": clock_time(meeting["end_time"]),
                "items": [
                    {
                        **item,
                        "starts_at": clock_time(item["starts_at"]),
                        "ends_at": clock_time(item["ends_at"]),
                    }
                    for item in meeting["items"]
                ],
            }
            for meeting in view["meetings"]
        ],
    }
