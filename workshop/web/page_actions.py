"""Small actions the facilitator pages share: flash a service call's outcome, move an item."""

from collections.abc import Callable
from typing import TypeVar

from flask import flash
from flask_babel import gettext as _

from workshop.forms.outline import MoveForm
from workshop.models import DomainError

Item = TypeVar("Item")


def flash_form_errors(form) -> None:
    """Flash every message of an invalid form that has no page of its own to show them on."""
    for messages in form.errors.values():
        for message in messages:
            flash(str(message), "error")


def flash_outcome(change: Callable[[], object], success: str) -> bool:
    """Run one service call and flash `success`, or the reason it was refused (then False)."""
    try:
        change()
    except DomainError as error:
        flash(str(error.message), "error")
        return False
    flash(success, "success")
    return True


def move_item(item: Item, mover: Callable[[Item, str], object]) -> None:
    """Move an item one place up or down, as the posted MoveForm says, and flash the outcome."""
    form = MoveForm()
    if not form.validate_on_submit():
        flash(_("Choose up or down."), "error")
        return
    direction = form.direction.data
    moved = _("Moved up.") if direction == "up" else _("Moved down.")
    flash_outcome(lambda: mover(item, direction), moved)
