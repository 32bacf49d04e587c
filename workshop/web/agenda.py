"""Coordinator pages for a meeting's agenda: add, edit, move and remove items; their attachments;
and the workshop of an item discussed in groups (create or link)."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from workshop.forms.meetings import AttachmentForm, ItemForm, ItemWorkshopForm
from workshop.models import DomainError
from workshop.services import agenda, meetings
from workshop.web.facilitator_access import require_login
from workshop.web.form_errors import show_domain_error
from workshop.web.meetings import render_meeting
from workshop.web.page_actions import flash_form_errors, flash_outcome, move_item

bp = Blueprint("agenda", __name__, url_prefix="/meetings/<int:meeting_id>/items")

bp.before_request(require_login)


def item_or_404(meeting_id: int, item_id: int):
    return agenda.get_item(meetings.get_meeting_for(current_user, meeting_id), item_id)


def back_to_item(item, page: str = "meeting"):
    """To the item on the meeting page, or (page="item") to the item's own page."""
    if page == "item":
        return redirect(url_for("agenda.edit", meeting_id=item.meeting_id, item_id=item.id), 303)
    return redirect(
        url_for("meetings.show", meeting_id=item.meeting_id, _anchor=f"item-{item.id}"), 303
    )


@bp.post("")
def add(meeting_id: int):
    meeting = meetings.get_meeting_for(current_user, meeting_id)
    form = ItemForm()
    if form.validate_on_submit():
        try:
            item = agenda.add_item(meeting, form.fields())
        except DomainError as error:
            show_domain_error(form, error)
        else:
            flash(_("The item is added to the agenda."), "success")
            return back_to_item(item)
    return render_meeting(meeting, item_form=form, status=400)


@bp.route("/<int:item_id>", methods=["GET", "POST"])
def edit(meeting_id: int, item_id: int):
    item = item_or_404(meeting_id, item_id)
    form = ItemForm(obj=item)
    if form.validate_on_submit():
        try:
            agenda.update_item(item, form.fields())
        except DomainError as error:
            show_domain_error(form, error)
        else:
            flash(_("The item is saved."), "success")
            return back_to_item(item)
    return render_item(item, form, status=400 if form.is_submitted() else 200)


def render_item(item, form=None, attachment_form=None, status: int = 200):
    return render_template(
        "meetings/item.html",
        meeting=item.meeting,
        item=item,
        number=agenda.item_number(item),
        form=form or ItemForm(formdata=None, obj=item),
        attachment_form=attachment_form or AttachmentForm(formdata=None),
        attachment_label=agenda.attachment_label,
    ), status


@bp.post("/<int:item_id>/move")
def move(meeting_id: int, item_id: int):
    item = item_or_404(meeting_id, item_id)
    move_item(item, agenda.move_item)
    return back_to_item(item)


@bp.post("/<int:item_id>/delete")
def delete(meeting_id: int, item_id: int):
    item = item_or_404(meeting_id, item_id)
    title = item.title
    flash_outcome(
        lambda: agenda.remove_item(item),
        _("The item “%(title)s” is removed from the agenda.", title=title),
    )
    return redirect(url_for("meetings.show", meeting_id=meeting_id, _anchor="agenda"), 303)


# --- attachments ---


@bp.post("/<int:item_id>/attachments")
def add_attachment(meeting_id: int, item_id: int):
    item = item_or_404(meeting_id, item_id)
    form = AttachmentForm()
    if form.validate_on_submit():
        try:
            agenda.add_attachment(item, form.fields())
        except DomainError as error:
            show_domain_error(form, error)
        else:
            flash(_("The attachment is added."), "success")
            return back_to_item(item, "item")
    return render_item(item, attachment_form=form, status=400)


@bp.post("/<int:item_id>/attachments/<int:attachment_id>/delete")
def delete_attachment(meeting_id: int, item_id: int, attachment_id: int):
    item = item_or_404(meeting_id, item_id)
    attachment = agenda.get_attachment(item, attachment_id)
    flash_outcome(
        lambda: agenda.remove_attachment(item, attachment),
        _("The attachment is removed."),
    )
    return back_to_item(item, "item")


# --- the item's workshop ---


@bp.post("/<int:item_id>/workshop")
def workshop(meeting_id: int, item_id: int):
    """Link one of the coordinator's workshops to the item, or (none chosen) create one."""
    item = item_or_404(meeting_id, item_id)
    form = ItemWorkshopForm()
    if not form.validate_on_submit():
        flash_form_errors(form)
        return back_to_item(item)
    workshop_id = form.workshop_id.data
    if workshop_id is None:
        flash_outcome(
            lambda: agenda.create_item_workshop(item, current_user),
            _("A workshop is created for the item: prepare its outline and groups."),
        )
    else:
        flash_outcome(
            lambda: agenda.link_item_workshop(item, current_user, workshop_id),
            _("The workshop is linked to the item."),
        )
    return back_to_item(item)


@bp.post("/<int:item_id>/workshop/unlink")
def unlink_workshop(meeting_id: int, item_id: int):
    item = item_or_404(meeting_id, item_id)
    flash_outcome(
        lambda: agenda.unlink_item_workshop(item),
        _("The workshop is no longer linked to the item; it is kept with its notes."),
    )
    return back_to_item(item)
