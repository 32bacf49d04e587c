"""The annex page's vote actions (order by votes, mark the top N, include votes) and publishing
the approved annex; and the participant's read-only page of the published annex with its
Word and PDF downloads, in the browser that joined or by the participant's own results link
(docs/annex.md, "Votes" and "Publishing to participants")."""

from flask import Blueprint, abort, redirect, render_template, url_for
from flask_babel import gettext as _

from workshop.annex import votes as annex_votes
from workshop.forms.annex import ActionForm
from workshop.forms.annex_votes import IncludeVotesForm, OrderByVotesForm, PublishForm
from workshop.models import DomainError
from workshop.participant_session import participant_from_session
from workshop.services import joining, live, publication, result_links
from workshop.services.plenary_state import PUBLISHED_FORMATS
from workshop.web.annex import act
from workshop.web.annex import bp as annex_bp
from workshop.web.annex_files import export_response
from workshop.web.join_links import public_base_url

bp = Blueprint("published_annex", __name__)


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
    return published_page(
        workshop,
        lambda format_name: url_for(
            ".participant_annex_file", workshop_id=workshop_id, format_name=format_name
        ),
        back_url=url_for("live.participant_page", workshop_id=workshop_id),
    )


@bp.get("/w/<int:workshop_id>/annex/<string:format_name>")
def participant_annex_file(workshop_id: int, format_name: str):
    return published_file(participant_workshop(workshop_id), format_name)


# --- the participant's results link (another device or browser, later) ---


def results_url(participant) -> str:
    """The participant's own link to the published annex (shown on their page)."""
    token = result_links.results_token(participant)
    return public_base_url() + url_for("published_annex.results", token=token)


def results_workshop(token: str):
    participant = result_links.participant_of_results_token(token)
    if participant is None:
        abort(404)
    return joining.participant_workshop(participant)


@bp.get("/results/<string:token>")
def results(token: str):
    return published_page(
        results_workshop(token),
        lambda format_name: url_for(".results_file", token=token, format_name=format_name),
    )


@bp.get("/results/<string:token>/<string:format_name>")
def results_file(token: str, format_name: str):
    return published_file(results_workshop(token), format_name)


# --- what both show ---


def published_page(workshop, file_url, back_url: str | None = None):
    """The published annex, read only, with its Word and PDF files (404 while unpublished)."""
    try:
        shown, document = publication.published_document(workshop)
    except DomainError:
        page = render_template(
            "live/published_annex.html", workshop=workshop, document=None, back_url=back_url
        )
        return page, 404
    return render_template(
        "live/published_annex.html",
        workshop=workshop,
        document=document,
        publication=shown,
        downloads=PUBLISHED_FORMATS,
        file_url=file_url,
        back_url=back_url,
    )


def published_file(workshop, format_name: str):
    if workshop is None:
        abort(404)
    try:
        return export_response(publication.published_export(workshop, format_name))
    except DomainError:
        abort(404)
