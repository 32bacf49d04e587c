"""The facilitator's plan page: the workshop's steps, edited with plain forms (add, change,
move up and down by keyboard, delete, back to the default plan). Running the plan is the
dashboard's; every edit here is a live change, so open pages follow."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from workshop.forms.outline import ConfirmForm, MoveForm
from workshop.forms.plan import STEP_KIND_LABELS, StepForm
from workshop.models import DomainError, Workshop
from workshop.services import live
from workshop.services import outline as outline_service
from workshop.services import plan as plan_service
from workshop.web.facilitator_access import require_login, workshop_or_404
from workshop.web.form_errors import show_domain_error
from workshop.web.page_actions import flash_form_errors, flash_outcome

bp = Blueprint("plan", __name__, url_prefix="/workshops/<int:workshop_id>/plan")
bp.before_request(require_login)


def outlined(form: StepForm, outline: list[dict]) -> StepForm:
    form.set_outline(
        list(outline_service.iter_sections(outline)), outline_service.outline_questions(outline)
    )
    return form


def edit_form_for(step_id: int, fields: dict, outline: list[dict]) -> StepForm:
    """Each step's form has its own prefix, so ids stay unique on the page."""
    form = StepForm(formdata=None, prefix=f"s{step_id}", data=fields)
    return outlined(form, outline)


def render_page(workshop: Workshop, status: int = 200, failed: dict | None = None):
    plan = plan_service.read_plan(workshop)
    outline = outline_service.numbered_outline(workshop)
    failed = failed or {}
    fields = plan_service.all_step_fields(workshop)
    context = {
        "workshop": workshop,
        "plan": plan,
        "outline": outline,
        "kind_labels": STEP_KIND_LABELS,
        "edit_form": lambda step: (
            failed.get(step["id"]) or edit_form_for(step["id"], fields[step["id"]], outline)
        ),
        "add_form": failed.get("new") or outlined(StepForm(formdata=None, prefix="new"), outline),
        "confirm_form": ConfirmForm(),
    }
    return render_template("plan/edit.html", **context), status


def back_to_plan(workshop_id: int, anchor: str | None = None):
    return redirect(url_for("plan.edit", workshop_id=workshop_id, _anchor=anchor))


def submitted_step(workshop: Workshop, prefix: str) -> StepForm:
    return outlined(StepForm(prefix=prefix), outline_service.numbered_outline(workshop))


def saved(workshop: Workshop, form: StepForm, write) -> bool:
    """Run one plan edit through the live entry point; show its refusal on the form."""
    if not form.validate_on_submit():
        return False
    try:
        live.write_live(workshop.id, write)
    except DomainError as error:
        show_domain_error(form, error)
        return False
    return True


@bp.get("")
def edit(workshop_id: int):
    return render_page(workshop_or_404(workshop_id))


@bp.post("/steps")
def add(workshop_id: int):
    workshop = workshop_or_404(workshop_id)
    form = submitted_step(workshop, "new")
    if saved(workshop, form, lambda: plan_service.add_step(workshop, form.step_fields())):
        flash(_("The step is added."), "success")
        return back_to_plan(workshop.id)
    return render_page(workshop, 400, {"new": form})


@bp.post("/steps/<int:step_id>")
def change(workshop_id: int, step_id: int):
    workshop = workshop_or_404(workshop_id)
    form = submitted_step(workshop, f"s{step_id}")
    change_step = lambda: plan_service.change_step(workshop, step_id, form.step_fields())  # noqa: E731
    if saved(workshop, form, change_step):
        flash(_("The step is saved."), "success")
        return back_to_plan(workshop.id, f"step-{step_id}")
    return render_page(workshop, 400, {step_id: form})


@bp.post("/steps/<int:step_id>/move")
def move(workshop_id: int, step_id: int):
    workshop = workshop_or_404(workshop_id)
    form = MoveForm()
    if not form.validate_on_submit():
        flash_form_errors(form)
        return back_to_plan(workshop.id)
    offset = -1 if form.direction.data == "up" else 1
    moved = _("Moved up.") if offset < 0 else _("Moved down.")
    flash_outcome(
        lambda: live.write_live(
            workshop.id, lambda: plan_service.move_step(workshop, step_id, offset)
        ),
        moved,
    )
    return back_to_plan(workshop.id, f"step-{step_id}")


@bp.post("/steps/<int:step_id>/delete")
def delete(workshop_id: int, step_id: int):
    workshop = workshop_or_404(workshop_id)
    if ConfirmForm().validate_on_submit():
        flash_outcome(
            lambda: live.write_live(
                workshop.id, lambda: plan_service.delete_step(workshop, step_id)
            ),
            _("The step is deleted."),
        )
    return back_to_plan(workshop.id)


@bp.post("/reset")
def reset(workshop_id: int):
    workshop = workshop_or_404(workshop_id)
    if ConfirmForm().validate_on_submit():
        flash_outcome(
            lambda: live.write_live(workshop.id, lambda: plan_service.reset_plan(workshop)),
            _("The plan is back to the default from the outline."),
        )
    return back_to_plan(workshop.id)
