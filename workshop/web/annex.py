"""The annex page: header, points per question with the editor's actions, approval, exports."""

from flask import (
    Blueprint,
    abort,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from workshop.annex import curate, duplicates
from workshop.annex.export import export_annex
from workshop.annex.header import update_annex_header
from workshop.annex.page import annex_page, point_views
from workshop.annex.renderers import renderers
from workshop.annex.versions import approve_annex
from workshop.forms.annex import (
    HEADER_FIELDS,
    ActionForm,
    AnnexHeaderForm,
    MergeForm,
    MoveForm,
    OrderForm,
    PairForm,
    PointTextForm,
    PositionForm,
)
from workshop.forms.common import whole_number
from workshop.models import DomainError
from workshop.models.annex import POINT_TEXT_MAX
from workshop.web.annex_files import export_response
from workshop.web.annex_vote_panel import annex_vote_panel
from workshop.web.facilitator_access import require_login, workshop_or_404
from workshop.web.page_actions import flash_form_errors
from workshop.web.share_follow import follow_annex_edit

bp = Blueprint("annex", __name__, url_prefix="/workshops/<int:workshop_id>/annex")

bp.before_request(require_login)
bp.after_request(follow_annex_edit)


def back_to(workshop_id: int, anchor: str | None = None):
    return redirect(url_for("annex.show", workshop_id=workshop_id, _anchor=anchor))


def render_page(workshop, header_form=None, status=200):
    page = annex_page(workshop)
    if header_form is None:
        header_form = AnnexHeaderForm(data={k: page.header[k] for k in HEADER_FIELDS})
    return render_template(
        "annex/show.html",
        workshop=workshop,
        page=page,
        annex=page.annex,
        header_form=header_form,
        formats=renderers(),
        point_text_max=POINT_TEXT_MAX,
        votes=annex_vote_panel(workshop),
    ), status


def act(workshop_id: int, form, anchor: str, action, success: str):
    """Run one service for a small action form, then go back to the page at `anchor`."""
    workshop = workshop_or_404(workshop_id)
    if not form.validate_on_submit():
        return outcome(workshop_id, anchor, " ".join(form_messages(form)), ok=False)
    try:
        result = action(workshop, form)
    except DomainError as error:
        return outcome(workshop_id, anchor, str(error.message), ok=False, status=error.status)
    return outcome(workshop_id, anchor_for(result) or anchor, success, ok=True)


def outcome(workshop_id: int, anchor: str, message: str, ok: bool, status: int = 400):
    """Flash the message and go back to the page at `anchor`; or, when the page's own script
    asked (reordering in place), answer JSON with the message for it to announce."""
    if wants_json():
        return jsonify({"ok": ok, "message": message}), 200 if ok else status
    flash(message, "success" if ok else "error")
    return back_to(workshop_id, anchor)


def wants_json() -> bool:
    """A fetch from the page's script (Accept: application/json), not a plain form post."""
    return request.accept_mimetypes.best == "application/json"


def form_messages(form) -> list[str]:
    return [str(message) for messages in form.errors.values() for message in messages]


def anchor_for(result) -> str | None:
    point_id = getattr(result, "id", None)
    return f"point-{point_id}" if point_id and hasattr(result, "question_id") else None


@bp.get("")
def show(workshop_id):
    return render_page(workshop_or_404(workshop_id))


@bp.post("/header")
def save_header(workshop_id):
    workshop = workshop_or_404(workshop_id)
    form = AnnexHeaderForm()
    if not form.validate_on_submit():
        return render_page(workshop, header_form=form, status=400)
    update_annex_header(workshop, form.values())
    flash(_("The header is saved."), "success")
    return back_to(workshop_id, "annex-header")


@bp.post("/points/<int:point_id>/text")
def edit_point(workshop_id, point_id):
    return act(
        workshop_id,
        PointTextForm(),
        f"point-{point_id}",
        lambda w, f: curate.edit_point(w, point_id, f.text.data),
        _("The wording is saved."),
    )


@bp.post("/points/<int:point_id>/exclude")
def exclude_point(workshop_id, point_id):
    return act(
        workshop_id,
        ActionForm(),
        f"point-{point_id}",
        lambda w, _f: curate.set_point_excluded(w, point_id, True),
        _("The point is excluded from the annex."),
    )


@bp.post("/points/<int:point_id>/include")
def include_point(workshop_id, point_id):
    return act(
        workshop_id,
        ActionForm(),
        f"point-{point_id}",
        lambda w, _f: curate.set_point_excluded(w, point_id, False),
        _("The point is back in the annex."),
    )


@bp.post("/points/<int:point_id>/move")
def move_point(workshop_id, point_id):
    return act(
        workshop_id,
        MoveForm(),
        f"point-{point_id}",
        lambda w, f: curate.move_point(w, point_id, f.direction.data),
        _("The point is moved."),
    )


@bp.post("/points/<int:point_id>/position")
def move_point_to(workshop_id, point_id):
    return act(
        workshop_id,
        PositionForm(),
        f"point-{point_id}",
        lambda w, f: curate.move_point_to(w, point_id, f.position.data),
        _("The point is moved."),
    )


@bp.post("/questions/<int:question_id>/order")
def order_points(workshop_id, question_id):
    return act(
        workshop_id,
        OrderForm(),
        f"question-{question_id}",
        lambda w, f: curate.order_points(w, question_id, f.point_ids.data),
        _("The new order is saved."),
    )


@bp.post("/points/<int:point_id>/delete")
def delete_point(workshop_id, point_id):
    return act(
        workshop_id,
        ActionForm(),
        "points",
        lambda w, _f: curate.delete_point(w, point_id),
        _("The point is deleted."),
    )


@bp.post("/points/<int:point_id>/take-in")
def take_in_point(workshop_id, point_id):
    return act(
        workshop_id,
        ActionForm(),
        f"point-{point_id}",
        lambda w, _f: curate.decide_new_point(w, point_id, take_in=True),
        _("The new note is taken into the annex."),
    )


@bp.post("/points/<int:point_id>/leave-out")
def leave_out_point(workshop_id, point_id):
    return act(
        workshop_id,
        ActionForm(),
        f"point-{point_id}",
        lambda w, _f: curate.decide_new_point(w, point_id, take_in=False),
        _("The new note is left out of the annex."),
    )


@bp.post("/new/take-in")
def take_in_all(workshop_id):
    return act(
        workshop_id,
        ActionForm(),
        "points",
        lambda w, _f: curate.take_in_all_new(w),
        _("All new notes are taken into the annex."),
    )


@bp.post("/questions/<int:question_id>/points")
def add_point(workshop_id, question_id):
    return act(
        workshop_id,
        PointTextForm(),
        f"question-{question_id}",
        lambda w, f: curate.add_point(w, question_id, f.text.data),
        _("The point is added."),
    )


@bp.post("/merge")
def merge(workshop_id):
    """Step 1 (points chosen) shows the merged wording to edit; step 2 (confirm) merges."""
    workshop = workshop_or_404(workshop_id)
    form = MergeForm()
    if not form.validate_on_submit():
        flash_form_errors(form)
        return back_to(workshop_id, "points")
    if "confirm" not in request.form:
        return render_merge_step(workshop, form)
    try:
        point = curate.merge_points(workshop, form.point_ids.data, form.text.data)
    except DomainError as error:
        flash(str(error.message), "error")
        return back_to(workshop_id, "points")
    flash(_("The points are merged."), "success")
    return back_to(workshop_id, f"point-{point.id}")


def render_merge_step(workshop, form):
    try:
        points = curate.points_for_merge(workshop, form.point_ids.data)
    except DomainError as error:
        flash(str(error.message), "error")
        return back_to(workshop.id, "points")
    form.text.data = curate.joined_text(points)
    return render_template(
        "annex/merge.html",
        workshop=workshop,
        form=form,
        points=point_views(workshop, points),
        point_text_max=POINT_TEXT_MAX,
    )


@bp.post("/duplicates/accept")
def accept_duplicate(workshop_id):
    return act(
        workshop_id,
        PairForm(),
        "points",
        lambda w, f: duplicates.accept_duplicate(w, f.first_point_id.data, f.second_point_id.data),
        _("The two points are merged; you can edit the wording."),
    )


@bp.post("/duplicates/dismiss")
def dismiss_duplicate(workshop_id):
    return act(
        workshop_id,
        PairForm(),
        "points",
        lambda w, f: duplicates.dismiss_duplicate(w, f.first_point_id.data, f.second_point_id.data),
        _("The suggestion is dismissed."),
    )


@bp.post("/approve")
def approve(workshop_id):
    return act(
        workshop_id,
        ActionForm(),
        "approve",
        lambda w, _f: approve_annex(w, current_user),
        _("The annex is approved. Further edits start a new draft."),
    )


@bp.get("/export")
def export(workshop_id):
    workshop = workshop_or_404(workshop_id)
    version = request.args.get("version", type=whole_number)
    if "version" in request.args and version is None:
        abort(404)
    result = export_annex(workshop, request.args.get("format", "docx"), version)
    # The page serves HTML inline, to read or print in the browser; the rest download.
    return export_response(result, as_attachment=result.renderer.name != "html")
