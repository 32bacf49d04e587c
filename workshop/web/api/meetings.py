"""API routes for meetings: create (in a series or alone), read, change, hold, publish, plan the
next one; the agenda's items, their order, attachments and workshops."""

from flask import g, request, url_for

from workshop.forms.meetings import (
    AttachmentForm,
    ItemForm,
    ItemOrderForm,
    ItemWorkshopForm,
    MeetingForm,
    MeetingStatusForm,
    NextMeetingForm,
)
from workshop.forms.outline import MoveForm
from workshop.services import agenda, meetings, next_meeting, series
from workshop.web.api import bp
from workshop.web.api.common import (
    facilitator_required,
    json_object,
    timestamp,
    valid_changes,
    valid_form,
)
from workshop.web.api.meeting_json import (
    attachment_json,
    clock_time,
    day,
    meeting_json,
    one_item_json,
)
from workshop.web.api.meetings_openapi import OPENAPI_PATHS
from workshop.web.api.workshops import workshop_json

__all__ = ["OPENAPI_PATHS"]


def facilitator_meeting(meeting_id: int):
    return meetings.get_meeting_for(g.facilitator, meeting_id)


def meeting_item(meeting_id: int, item_id: int):
    return agenda.get_item(facilitator_meeting(meeting_id), item_id)


def created_meeting(meeting):
    location = url_for("api.get_meeting", meeting_id=meeting.id)
    return meeting_json(meeting), 201, {"Location": location}


def current_meeting_fields(meeting) -> dict:
    """The meeting's fields as a form would post them, so PATCH can change only some."""
    values = {name: getattr(meeting, name) for name in MeetingForm.FIELDS}
    values["date"] = day(meeting.date) or ""
    values["start_time"] = clock_time(meeting.start_time) or ""
    values["end_time"] = clock_time(meeting.end_time) or ""
    values["submission_deadline"] = timestamp(meeting.submission_deadline) or ""
    return values


def body_or_empty() -> dict:
    return json_object() if request.get_data() else {}


# --- meetings ---


@bp.get("/series/<int:series_id>/meetings")
@facilitator_required
def list_series_meetings(series_id: int):
    one_series = series.get_series_for(g.facilitator, series_id)
    found = meetings.list_meetings(one_series)
    return {"meetings": [meeting_json(m, with_agenda=False) for m in found]}


@bp.post("/series/<int:series_id>/meetings")
@facilitator_required
def create_series_meeting(series_id: int):
    one_series = series.get_series_for(g.facilitator, series_id)
    payload = json_object()
    form = valid_form(MeetingForm, {"language": one_series.language, **payload})
    fields = {name: value for name, value in form.fields().items() if name in payload}
    return created_meeting(meetings.create_meeting(g.facilitator, fields, series=one_series))


@bp.get("/meetings")
@facilitator_required
def list_meetings():
    """Meetings that stand alone, outside any series."""
    found = meetings.list_standalone_meetings(g.facilitator)
    return {"meetings": [meeting_json(m, with_agenda=False) for m in found]}


@bp.post("/meetings")
@facilitator_required
def create_meeting():
    form = valid_form(MeetingForm, {"language": "en", **json_object()})
    return created_meeting(meetings.create_meeting(g.facilitator, form.fields()))


@bp.get("/meetings/<int:meeting_id>")
@facilitator_required
def get_meeting(meeting_id: int):
    return meeting_json(facilitator_meeting(meeting_id))


@bp.patch("/meetings/<int:meeting_id>")
@facilitator_required
def update_meeting(meeting_id: int):
    meeting = facilitator_meeting(meeting_id)
    meetings.update_meeting(
        meeting, valid_changes(MeetingForm, current_meeting_fields(meeting), json_object())
    )
    return meeting_json(meeting)


@bp.delete("/meetings/<int:meeting_id>")
@facilitator_required
def delete_meeting(meeting_id: int):
    meetings.delete_meeting(facilitator_meeting(meeting_id))
    return "", 204


@bp.post("/meetings/<int:meeting_id>/status")
@facilitator_required
def change_meeting_status(meeting_id: int):
    meeting = facilitator_meeting(meeting_id)
    form = valid_form(MeetingStatusForm, json_object())
    return meeting_json(meetings.set_meeting_status(meeting, form.status.data))


@bp.post("/meetings/<int:meeting_id>/publish")
@facilitator_required
def publish_meeting(meeting_id: int):
    return meeting_json(meetings.publish_meeting(facilitator_meeting(meeting_id)))


@bp.delete("/meetings/<int:meeting_id>/publish")
@facilitator_required
def unpublish_meeting(meeting_id: int):
    return meeting_json(meetings.unpublish_meeting(facilitator_meeting(meeting_id)))


@bp.post("/meetings/<int:meeting_id>/submission-code")
@facilitator_required
def renew_submission_code(meeting_id: int):
    return meeting_json(meetings.renew_submission_code(facilitator_meeting(meeting_id)))


@bp.get("/meetings/<int:meeting_id>/next")
@facilitator_required
def propose_next_meeting(meeting_id: int):
    proposed = next_meeting.propose_next_date(facilitator_meeting(meeting_id))
    return {"date": proposed.isoformat()}


@bp.post("/meetings/<int:meeting_id>/next")
@facilitator_required
def plan_next_meeting(meeting_id: int):
    meeting = facilitator_meeting(meeting_id)
    form = valid_form(NextMeetingForm, body_or_empty())
    following = next_meeting.plan_next_meeting(
        meeting, g.facilitator, form.date.data, form.reuse_workshop_item_ids.data or []
    )
    return created_meeting(following)


# --- the agenda ---


@bp.post("/meetings/<int:meeting_id>/items")
@facilitator_required
def add_item(meeting_id: int):
    meeting = facilitator_meeting(meeting_id)
    form = valid_form(ItemForm, {"purpose": "", **json_object()})
    return one_item_json(agenda.add_item(meeting, form.fields())), 201


@bp.patch("/meetings/<int:meeting_id>/items/<int:item_id>")
@facilitator_required
def update_item(meeting_id: int, item_id: int):
    item = meeting_item(meeting_id, item_id)
    current = {name: getattr(item, name) for name in ItemForm.FIELDS}
    return one_item_json(agenda.update_item(item, valid_changes(ItemForm, current, json_object())))


@bp.delete("/meetings/<int:meeting_id>/items/<int:item_id>")
@facilitator_required
def remove_item(meeting_id: int, item_id: int):
    agenda.remove_item(meeting_item(meeting_id, item_id))
    return "", 204


@bp.post("/meetings/<int:meeting_id>/items/<int:item_id>/move")
@facilitator_required
def move_item(meeting_id: int, item_id: int):
    item = meeting_item(meeting_id, item_id)
    form = valid_form(MoveForm, json_object())
    agenda.move_item(item, form.direction.data)
    return meeting_json(item.meeting)


@bp.put("/meetings/<int:meeting_id>/items/order")
@facilitator_required
def reorder_items(meeting_id: int):
    meeting = facilitator_meeting(meeting_id)
    form = valid_form(ItemOrderForm, json_object())
    agenda.reorder_items(meeting, form.item_ids.data)
    return meeting_json(meeting)


@bp.post("/meetings/<int:meeting_id>/items/<int:item_id>/attachments")
@facilitator_required
def add_attachment(meeting_id: int, item_id: int):
    item = meeting_item(meeting_id, item_id)
    form = valid_form(AttachmentForm, json_object())
    return attachment_json(item, agenda.add_attachment(item, form.fields())), 201


@bp.delete("/meetings/<int:meeting_id>/items/<int:item_id>/attachments/<int:attachment_id>")
@facilitator_required
def remove_attachment(meeting_id: int, item_id: int, attachment_id: int):
    item = meeting_item(meeting_id, item_id)
    agenda.remove_attachment(item, agenda.get_attachment(item, attachment_id))
    return "", 204


@bp.post("/meetings/<int:meeting_id>/items/<int:item_id>/workshop")
@facilitator_required
def set_item_workshop(meeting_id: int, item_id: int):
    """Link one of your workshops to the item, or (without workshop_id) create a new one."""
    item = meeting_item(meeting_id, item_id)
    form = valid_form(ItemWorkshopForm, body_or_empty())
    if form.workshop_id.data is None:
        workshop = agenda.create_item_workshop(item, g.facilitator)
    else:
        workshop = agenda.link_item_workshop(item, g.facilitator, form.workshop_id.data)
    return workshop_json(workshop), 201


@bp.delete("/meetings/<int:meeting_id>/items/<int:item_id>/workshop")
@facilitator_required
def unlink_item_workshop(meeting_id: int, item_id: int):
    agenda.unlink_item_workshop(meeting_item(meeting_id, item_id))
    return "", 204
