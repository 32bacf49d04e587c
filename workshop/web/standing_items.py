"""The coordinator's page for a series' standing items: the template every new meeting's agenda
starts with (edited as one list, saved at once)."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from workshop.forms.meetings import StandingItemForm
from workshop.models import DomainError
from workshop.services import series
from workshop.services.series import MAX_STANDING_ITEMS
from workshop.web.facilitator_access import require_login

bp = Blueprint("standing_items", __name__, url_prefix="/series/<int:series_id>/standing-items")

bp.before_request(require_login)


def row_form(index: int, item=None, submitted: bool = False) -> StandingItemForm:
    """One row of the list; the page's own CSRF token covers all rows."""
    options = {"prefix": f"s{index}", "meta": {"csrf": False}}
    if submitted:
        form = StandingItemForm(**options)
    else:
        form = StandingItemForm(formdata=None, obj=item, **options)
    form.row_index = index
    return form


def blank_rows(rows: list[StandingItemForm]) -> list[StandingItemForm]:
    """Room for one more item, unless the series has as many as it may."""
    if len(rows) >= MAX_STANDING_ITEMS:
        return rows
    return [*rows, row_form(len(rows))]


def submitted_rows() -> list[StandingItemForm]:
    count = min(request.form.get("rows", 0, type=int), MAX_STANDING_ITEMS + 1)
    return [row_form(index, submitted=True) for index in range(max(count, 0))]


def kept(row: StandingItemForm) -> bool:
    """A row stays unless it is left empty or marked for removal."""
    return bool(row.title.data) and f"{row._prefix}remove" not in request.form


def render_page(shown, rows, status: int = 200):
    row_count = max((row.row_index for row in rows), default=-1) + 1
    return render_template(
        "series/standing_items.html", series=shown, rows=rows, row_count=row_count
    ), status


@bp.route("", methods=["GET", "POST"])
def edit(series_id: int):
    shown = series.get_series_for(current_user, series_id)
    if request.method == "GET":
        rows = [row_form(index, item) for index, item in enumerate(shown.standing_items)]
        return render_page(shown, blank_rows(rows))
    rows = [row for row in submitted_rows() if kept(row)]
    # Every row is checked (no short cut), so each shows its own errors.
    failed = [row for row in rows if not row.validate()]
    if failed:
        return render_page(shown, rows, 400)
    try:
        series.replace_standing_items(shown, [row.fields() for row in rows])
    except DomainError as error:
        flash(str(error.message), "error")
        return render_page(shown, rows, error.status)
    flash(_("The standing items are saved. New meetings start with them."), "success")
    return redirect(url_for("series.show", series_id=shown.id, _anchor="details"), 303)
