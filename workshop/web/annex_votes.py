"""The annex page's vote actions (order by votes, mark the top N, include votes) and publishing
the approved annex; and the participant's read-only page of the published annex with its
Word and PDF downloads (docs/annex.md, "Votes" and "Publishing to participants")."""

from flask import Blueprint, abort, redirect, render_template, url_for
from flask_babel import gettext as _

from workshop.annex import votes as annex_votes
from workshop.annex.export import export_document
from workshop.forms.annex import ActionForm
from workshop.forms.annex_votes import IncludeVotesForm, OrderByVotesForm, PublishForm
from workshop.models import DomainError
from workshop.participant_session import participant_from_session
from workshop.services import joining, live, publication
from workshop.web.annex import act
from workshop.web.annex import bp as annex_bp
from workshop.web.annex_files import export_response

bp = Blueprint("published_annex", __name__)
DOWNLOADS = ("docx", "pdf")


# --- the facilitator's annex page ---


@annex_bp.post("/votes/include")
def include_votes(workshop_id):
    return act(
        workshop_id,
        IncludeVotesForm(),
        "votes",
        lambda w, f: annex_votes.set_include_votes(w, bool(f.include_votes.data)),
        _("The votes setting is saved."),
    )


@annex_bp.post("/votes/order")
def order_by_votes(workshop_id):
    return act(
        workshop_id,
        OrderByVotesForm(),
        "votes",
        lambda w, f: annex_votes.order_by_votes(w, f.question_id.data, f.top.data or 0),
        _("The points are ordered by votes."),
    )


@annex_bp.post("/publication")
def publish(workshop_id):
    return act(
        workshop_id,
        PublishForm(),
        "publication",
        lambda w, f: live.write_live(
            w.id,
            lambda: publication.publish_annex(w, f.version.data, bool(f.include_votes.data)),
        ),
        _("The annex is published to the participants."),
    )


@annex_bp.post("/publication/withdraw")
def withdraw(workshop_id):
    return act(
        workshop_id,
        ActionForm(),
        "publication",
        lambda w, f: live.write_live(w.id, lambda: publication.withdraw_publication(w)),
        _("The annex is no longer published."),
    )


# --- the participant's page ---


def participant_workshop(workshop_id: int):
    """The workshop, if this browser joined it as a participant (else None)."""
    participant = participant_from_session(workshop_id)
    return joining.participant_workshop(participant) if participant is not None else None


@bp.get("/w/<int:workshop_id>/annex")
def participant_annex(workshop_id: int):
    workshop = participant_workshop(workshop_id)
    if workshop is None:
        return redirect(url_for("live.participant_page", workshop_id=workshop_id))
    try:
        shown, document = publication.published_document(workshop)
    except DomainError:
        return render_template("live/published_annex.html", workshop=workshop, document=None), 404
    return render_template(
        "live/published_annex.html",
        workshop=workshop,
        document=document,
        publication=shown,
        downloads=DOWNLOADS,
    )


@bp.get("/w/<int:workshop_id>/annex/<string:format_name>")
def participant_annex_file(workshop_id: int, format_name: str):
    workshop = participant_workshop(workshop_id)
    if workshop is None or format_name not in DOWNLOADS:
        abort(404)
    try:
        shown, document = publication.published_document(workshop)
    except DomainError:
        abort(404)
    return export_response(export_document(workshop, format_name, document, shown.version_number))
