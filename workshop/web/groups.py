"""The facilitator's groups page: create several at once, add, rename, reorder, delete, and
choose the questions each group works on."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from workshop.forms.groups import CreateGroupsForm, GroupNameForm, GroupQuestionsForm
from workshop.forms.outline import ConfirmForm
from workshop.forms.workshops import GROUP_MODE_CHOICES
from workshop.models import DomainError
from workshop.models.group import MAX_GROUPS
from workshop.services import groups as groups_service
from workshop.services import live
from workshop.services import outline as outline_service
from workshop.web.facilitator_access import require_login, workshop_or_404
from workshop.web.form_errors import show_domain_error
from workshop.web.page_actions import flash_outcome, move_item

bp = Blueprint("groups", __name__, url_prefix="/workshops/<int:workshop_id>/groups")


bp.before_request(require_login)


def back_to_groups(workshop_id: int, anchor: str | None = None):
    return redirect(url_for("groups.index", workshop_id=workshop_id, _anchor=anchor))


def rename_form_for(group, submitted: bool = False) -> GroupNameForm:
    """Each group's rename form has its own prefix, so ids stay unique on the page."""
    if submitted:
        return GroupNameForm(prefix=f"g{group.id}")
    return GroupNameForm(formdata=None, prefix=f"g{group.id}", data={"name": group.name})


def render_page(workshop, status: int = 200, **forms):
    groups = groups_service.list_groups(workshop)
    outline = outline_service.numbered_outline(workshop)
    failed_rename = forms.get("failed_rename", {})
    context = {
        "workshop": workshop,
        "groups": groups,
        "participants": groups_service.participant_counts(workshop),
        "question_total": len(outline_service.outline_questions(outline)),
        "question_counts": {
            g.id: len(groups_service.group_question_ids(g, outline)) for g in groups
        },
        "rename_form": lambda group: failed_rename.get(group.id) or rename_form_for(group),
        "create_form": forms.get("create_form") or CreateGroupsForm(formdata=None),
        "add_form": forms.get("add_form") or GroupNameForm(formdata=None, prefix="new"),
        "max_groups": MAX_GROUPS,
        "group_mode_label": dict(GROUP_MODE_CHOICES)[workshop.group_mode],
    }
    return render_template("groups/index.html", **context), status


@bp.get("")
def index(workshop_id: int):
    return render_page(workshop_or_404(workshop_id))


@bp.post("/create")
def create(workshop_id: int):
    workshop = workshop_or_404(workshop_id)
    form = CreateGroupsForm()
    if form.validate_on_submit():
        try:
            created = groups_service.create_groups(workshop, form.count.data)
        except DomainError as error:
            show_domain_error(form, error)
        else:
            flash(
                ngettext("%(num)d group is created.", "%(num)d groups are created.", len(created)),
                "success",
            )
            return back_to_groups(workshop.id, "groups")
    return render_page(workshop, 400, create_form=form)


@bp.post("/add")
def add(workshop_id: int):
    workshop = workshop_or_404(workshop_id)
    form = GroupNameForm(prefix="new")
    if form.validate_on_submit():
        try:
            group = groups_service.add_group(workshop, form.name.data)
        except DomainError as error:
            show_domain_error(form, error)
        else:
            flash(_("The group is added."), "success")
            return back_to_groups(workshop.id, f"group-{group.id}")
    return render_page(workshop, 400, add_form=form)


@bp.post("/<int:group_id>/rename")
def rename(workshop_id: int, group_id: int):
    workshop = workshop_or_404(workshop_id)
    group = groups_service.get_group(workshop, group_id)
    form = rename_form_for(group, submitted=True)
    if form.validate_on_submit():
        try:
            groups_service.rename_group(group, form.name.data)
        except DomainError as error:
            show_domain_error(form, error)
        else:
            flash(_("The group is renamed."), "success")
            return back_to_groups(workshop.id, f"group-{group.id}")
    return render_page(workshop, 400, failed_rename={group.id: form})


@bp.post("/<int:group_id>/move")
def move(workshop_id: int, group_id: int):
    workshop = workshop_or_404(workshop_id)
    group = groups_service.get_group(workshop, group_id)
    move_item(group, groups_service.move_group)
    return back_to_groups(workshop.id, f"group-{group.id}")


@bp.post("/<int:group_id>/delete")
def delete(workshop_id: int, group_id: int):
    workshop = workshop_or_404(workshop_id)
    group = groups_service.get_group(workshop, group_id)
    if ConfirmForm().validate_on_submit():
        deleted = _("The group is deleted.")
        if not flash_outcome(lambda: groups_service.delete_group(group), deleted):
            return back_to_groups(workshop.id, f"group-{group.id}")
    return back_to_groups(workshop.id, "groups")


@bp.route("/<int:group_id>/questions", methods=["GET", "POST"])
def questions(workshop_id: int, group_id: int):
    workshop = workshop_or_404(workshop_id)
    group = groups_service.get_group(workshop, group_id)
    outline = outline_service.numbered_outline(workshop)
    form = GroupQuestionsForm()
    form.set_outline(
        list(outline_service.iter_sections(outline)), outline_service.outline_questions(outline)
    )
    if not form.is_submitted():
        form.scope.data = "all" if group.all_questions else "chosen"
        form.question_ids.data = (
            [] if group.all_questions else [q.id for q in group.chosen_questions]
        )
        form.section_ids.data = [] if group.all_questions else [s.id for s in group.chosen_sections]
    elif form.validate():
        try:
            live.writing(workshop.id, groups_service.choose_group_questions)(
                group, form.scope.data == "all", form.question_ids.data, form.section_ids.data
            )
        except DomainError as error:
            show_domain_error(form, error)
        else:
            flash(_("The group's questions are saved."), "success")
            return back_to_groups(workshop.id, f"group-{group.id}")
    status = 400 if form.errors else 200
    page = render_template(
        "groups/questions.html", workshop=workshop, group=group, outline=outline, form=form
    )
    return page, status
