"""The facilitator's outline page: sections, blocks and questions, numbering, and the text form."""

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from workshop.file_names import outline_file_name
from workshop.forms.outline import (
    ConfirmForm,
    NewSectionForm,
    NumberingForm,
    OutlineTextForm,
    QuestionForm,
    SectionForm,
)
from workshop.models import DomainError
from workshop.models.outline import OUTLINE_TEXT_MAX
from workshop.services import live, outline_text
from workshop.services import outline as outline_service
from workshop.services.outline_problems import problem_sentences
from workshop.web.facilitator_access import require_login, workshop_or_404
from workshop.web.form_errors import show_domain_error
from workshop.web.page_actions import flash_outcome, move_item

bp = Blueprint("outline", __name__, url_prefix="/workshops/<int:workshop_id>/outline")


bp.before_request(require_login)


def back_to_outline(workshop_id: int, anchor: str | None = None):
    return redirect(url_for("outline.edit", workshop_id=workshop_id, _anchor=anchor))


# --- the page ---


def question_form_for(section_id: int, submitted: bool = False) -> QuestionForm:
    """Each section's "add a question" form has its own prefix, so ids stay unique."""
    if submitted:
        return QuestionForm(prefix=f"q{section_id}")
    return QuestionForm(formdata=None, prefix=f"q{section_id}")


def block_form_for(section_id: int, submitted: bool = False) -> NewSectionForm:
    if submitted:
        return NewSectionForm(prefix=f"b{section_id}")
    return NewSectionForm(formdata=None, prefix=f"b{section_id}")


def render_page(workshop, status: int = 200, adding: int | None = None, **forms):
    """The outline page; `forms` replaces blank forms with submitted ones that have errors.

    `adding` is the section whose "add a question" form opens ready for the next question.
    """
    outline = outline_service.numbered_outline(workshop)
    failed_question = forms.pop("failed_question", {})
    failed_block = forms.pop("failed_block", {})
    open_forms = {*(f"q{sid}" for sid in failed_question), *(f"b{sid}" for sid in failed_block)}
    if adding is not None:
        open_forms.add(f"q{adding}")

    def question_form(section_id: int) -> QuestionForm:
        form = failed_question.get(section_id) or question_form_for(section_id)
        if section_id == adding:
            form.text.render_kw = {**(form.text.render_kw or {}), "autofocus": True}
        return form

    context = {
        "workshop": workshop,
        "outline": outline,
        "question_form": question_form,
        "block_form": lambda sid: failed_block.get(sid) or block_form_for(sid),
        "open_forms": open_forms,
        "questions_under": lambda node: len(outline_service.outline_questions([node])),
        "example_text": outline_text.format_example(),
        "text_limit": OUTLINE_TEXT_MAX,
        "section_form": forms.get("section_form") or NewSectionForm(formdata=None, prefix="s"),
        "numbering_form": forms.get("numbering_form") or numbering_form_for(outline),
        "text_form": forms.get("text_form") or OutlineTextForm(formdata=None),
        "has_notes": outline_service.workshop_has_notes(workshop),
        "question_count": len(outline_service.outline_questions(outline)),
    }
    page = render_template("outline/edit.html", **context)
    return page, status


def numbering_form_for(outline: list[dict]) -> NumberingForm:
    """Preselect each level's style as its first item has it."""
    form = NumberingForm(formdata=None)
    blocks = [block for section in outline for block in section["blocks"]]
    form.section_style.data = outline[0]["number_style"] if outline else "none"
    form.block_style.data = blocks[0]["number_style"] if blocks else "upper"
    form.question_style.data = outline[0]["question_style"] if outline else "decimal"
    return form


@bp.get("")
def edit(workshop_id: int):
    return render_page(workshop_or_404(workshop_id), adding=request.args.get("adding", type=int))


# --- sections and blocks ---


@bp.post("/sections")
def add_section(workshop_id: int):
    workshop = workshop_or_404(workshop_id)
    form = NewSectionForm(prefix="s")
    if form.validate_on_submit():
        try:
            section = live.writing(workshop.id, outline_service.add_section)(
                workshop, form.heading.data, form.prompt.data
            )
        except DomainError as error:
            show_domain_error(form, error)
        else:
            flash(_("The section is added."), "success")
            return back_to_outline(workshop.id, f"section-{section.id}")
    return render_page(workshop, 400, section_form=form)


@bp.post("/sections/<int:section_id>/blocks")
def add_block(workshop_id: int, section_id: int):
    workshop = workshop_or_404(workshop_id)
    parent = outline_service.get_section(workshop, section_id)
    form = block_form_for(section_id, submitted=True)
    if form.validate_on_submit():
        try:
            block = live.writing(workshop.id, outline_service.add_section)(
                workshop, form.heading.data, form.prompt.data, parent=parent
            )
        except DomainError as error:
            show_domain_error(form, error)
        else:
            flash(_("The block is added."), "success")
            return back_to_outline(workshop.id, f"section-{block.id}")
    return render_page(workshop, 400, failed_block={section_id: form})


@bp.route("/sections/<int:section_id>", methods=["GET", "POST"])
def edit_section(workshop_id: int, section_id: int):
    workshop = workshop_or_404(workshop_id)
    section = outline_service.get_section(workshop, section_id)
    form = SectionForm(obj=section)
    if form.validate_on_submit():
        try:
            live.writing(workshop.id, outline_service.edit_section)(
                section,
                heading=form.heading.data,
                prompt=form.prompt.data,
                number_style=form.number_style.data,
                question_style=form.question_style.data,
            )
        except DomainError as error:
            show_domain_error(form, error)
        else:
            flash(_("The heading is saved."), "success")
            return back_to_outline(workshop.id, f"section-{section.id}")
    status = 400 if form.errors else 200
    page = render_template("outline/section.html", workshop=workshop, section=section, form=form)
    return page, status


@bp.post("/sections/<int:section_id>/move")
def move_section(workshop_id: int, section_id: int):
    workshop = workshop_or_404(workshop_id)
    section = outline_service.get_section(workshop, section_id)
    move_item(section, live.writing(workshop.id, outline_service.move_section))
    return back_to_outline(workshop.id, f"section-{section.id}")


@bp.post("/sections/<int:section_id>/delete")
def delete_section(workshop_id: int, section_id: int):
    workshop = workshop_or_404(workshop_id)
    section = outline_service.get_section(workshop, section_id)
    if ConfirmForm().validate_on_submit():
        deleted = _("The section is deleted.")
        if not flash_outcome(
            lambda: live.writing(workshop.id, outline_service.delete_section)(section), deleted
        ):
            return back_to_outline(workshop.id, f"section-{section.id}")
    return back_to_outline(workshop.id)


@bp.post("/numbering")
def numbering(workshop_id: int):
    workshop = workshop_or_404(workshop_id)
    form = NumberingForm()
    if not form.validate_on_submit():
        return render_page(workshop, 400, numbering_form=form)
    # Only the levels changed on the form: one left as it was shown keeps the styles single
    # headings have of their own (the form shows each level as its first item has it).
    shown = numbering_form_for(outline_service.numbered_outline(workshop))
    live.writing(workshop.id, outline_service.set_numbering)(
        workshop,
        **{
            level: form[level].data if form[level].data != shown[level].data else None
            for level in ("section_style", "block_style", "question_style")
        },
    )
    flash(_("The numbering is changed."), "success")
    return back_to_outline(workshop.id, "numbering")


# --- questions ---


@bp.post("/sections/<int:section_id>/questions")
def add_question(workshop_id: int, section_id: int):
    workshop = workshop_or_404(workshop_id)
    section = outline_service.get_section(workshop, section_id)
    form = question_form_for(section_id, submitted=True)
    if form.validate_on_submit():
        try:
            live.writing(workshop.id, outline_service.add_question)(
                section, form.text.data, form.guidance.data
            )
        except DomainError as error:
            show_domain_error(form, error)
        else:
            flash(_("The question is added."), "success")
            # Back at the same "add a question" form, so the next question can follow at once:
            # in its box. The fragment names the box itself, because a browser that goes to a
            # fragment skips the page's autofocus (and a <details> cannot take the focus).
            return redirect(
                url_for(
                    "outline.edit",
                    workshop_id=workshop.id,
                    adding=section.id,
                    _anchor=question_form_for(section.id).text.id,
                )
            )
    return render_page(workshop, 400, failed_question={section_id: form})


@bp.route("/questions/<int:question_id>", methods=["GET", "POST"])
def edit_question(workshop_id: int, question_id: int):
    workshop = workshop_or_404(workshop_id)
    question = outline_service.get_question(workshop, question_id)
    form = QuestionForm(obj=question)
    if form.validate_on_submit():
        try:
            live.writing(workshop.id, outline_service.edit_question)(
                question, text=form.text.data, guidance=form.guidance.data
            )
        except DomainError as error:
            show_domain_error(form, error)
        else:
            flash(_("The question is saved."), "success")
            return back_to_outline(workshop.id, f"question-{question.id}")
    status = 400 if form.errors else 200
    page = render_template("outline/question.html", workshop=workshop, question=question, form=form)
    return page, status


@bp.post("/questions/<int:question_id>/move")
def move_question(workshop_id: int, question_id: int):
    workshop = workshop_or_404(workshop_id)
    question = outline_service.get_question(workshop, question_id)
    move_item(question, live.writing(workshop.id, outline_service.move_question))
    return back_to_outline(workshop.id, f"question-{question.id}")


@bp.post("/questions/<int:question_id>/delete")
def delete_question(workshop_id: int, question_id: int):
    workshop = workshop_or_404(workshop_id)
    question = outline_service.get_question(workshop, question_id)
    section_id = question.section_id
    if ConfirmForm().validate_on_submit():
        deleted = _("The question is deleted.")
        if not flash_outcome(
            lambda: live.writing(workshop.id, outline_service.delete_question)(question), deleted
        ):
            return back_to_outline(workshop.id, f"question-{question.id}")
    return back_to_outline(workshop.id, f"section-{section_id}")


# --- the outline as text ---


@bp.post("/text")
def import_text(workshop_id: int):
    workshop = workshop_or_404(workshop_id)
    form = OutlineTextForm()
    if form.validate_on_submit():
        try:
            live.writing(workshop.id, outline_text.import_outline)(workshop, form.text.data)
        except DomainError as error:
            # Every wrong line at once, each an item of the field's list of errors.
            form.text.errors = [*form.text.errors, *problem_sentences(error)]
        else:
            flash(_("The outline is imported."), "success")
            return back_to_outline(workshop.id)
    return render_page(workshop, 400, text_form=form)


@bp.get("/text")
def export_text(workshop_id: int):
    workshop = workshop_or_404(workshop_id)
    return Response(
        outline_text.export_outline(workshop),
        mimetype="text/plain",
        headers={"Content-Disposition": f'attachment; filename="{outline_file_name(workshop)}"'},
    )
