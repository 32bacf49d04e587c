"""Public pages for sending in a topic (no account): the code page, a meeting's submission page,
and the submitter's personal link, where they see the topic's status and edit it until the
deadline."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from workshop.client import browser_key, client_address
from workshop.forms.meetings import SubmissionCodeForm, TopicForm
from workshop.models import DomainError
from workshop.models.meeting import PURPOSE_LABELS
from workshop.services import agenda, meetings, topics
from workshop.web.form_errors import show_domain_error
from workshop.web.meeting_links import topic_url
from workshop.web.safety import keep_link_private

bp = Blueprint("submission", __name__)
bp.after_request(keep_link_private)


@bp.context_processor
def labels():
    return {"purpose_labels": PURPOSE_LABELS}


def render_enter_code(form: SubmissionCodeForm, error: DomainError | None = None, status=200):
    if error is not None:
        form.code.errors = [*form.code.errors, str(error.message)]
        status = error.status
    return render_template("topics/enter_code.html", form=form), status


@bp.route("/submit", methods=["GET", "POST"])
def enter_code():
    form = SubmissionCodeForm()
    if not form.is_submitted():
        return render_enter_code(form)
    if not form.validate():
        return render_enter_code(form, status=400)
    try:
        meeting = meetings.meeting_for_submission_code(
            form.code.data, client_address(), browser_key()
        )
    except DomainError as error:
        return render_enter_code(form, error)
    return redirect(url_for("submission.submit", code=meeting.submission_code), 303)


@bp.route("/submit/<code>", methods=["GET", "POST"])
def submit(code: str):
    try:
        meeting = meetings.meeting_for_submission_code(code, client_address(), browser_key())
    except DomainError as error:
        return render_enter_code(SubmissionCodeForm(formdata=None), error)
    form = TopicForm()
    status = 400 if form.is_submitted() else 200
    if form.validate_on_submit():
        try:
            sent = topics.submit_topic(meeting, form.fields())
        except DomainError as error:
            show_domain_error(form, error)
            status = error.status
        else:
            flash(_("Thank you: your topic is sent in."), "success")
            return redirect(url_for("submission.own_topic", token=sent.token, new=1), 303)
    return render_template(
        "topics/submit.html",
        meeting=meeting,
        form=form,
        open_for_topics=topics.open_for_topics(meeting),
    ), status


@bp.route("/topic/<token>", methods=["GET", "POST"])
def own_topic(token: str):
    """The submitter's personal link: the topic, what became of it, and (until the deadline)
    the form to edit it."""
    topic = topics.topic_for_token(token)
    if topic is None:
        abort(404)
    form = TopicForm(obj=topic)
    status = 400 if form.is_submitted() else 200
    if form.validate_on_submit():
        try:
            topics.edit_topic(topic, form.fields())
        except DomainError as error:
            show_domain_error(form, error)
            status = error.status
        else:
            flash(_("Your changes are saved."), "success")
            return redirect(url_for("submission.own_topic", token=token), 303)
    return render_template(
        "topics/status.html",
        topic=topic,
        form=form,
        editable=topics.topic_editable(topic),
        open_for_topics=topics.open_for_topics(topic.meeting),
        token=token,
        personal_link=topic_url(token),
        just_sent="new" in request.args,
        refresh_seconds=current_app.config["TOPIC_STATUS_REFRESH_SECONDS"],
        item_number=agenda.item_number(topic.item) if topic.item else None,
    ), status
