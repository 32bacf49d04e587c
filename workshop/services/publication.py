"""Publishing the approved annex to the participants (and the vote results, if chosen).

Each publish or withdrawal is one `annex:published` change, so participants' pages follow it
live. The published version is read from the approved versions, exactly as it was approved.
"""

from __future__ import annotations

import copy

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from workshop.annex.export import Export, export_document
from workshop.annex.sync import annex_for
from workshop.annex.versions import approved_version, approved_versions
from workshop.extensions import db
from workshop.models import AnnexVersion, Change, Conflict, NotFound, Publication, Workshop
from workshop.models.note import allocate_seq
from workshop.models.plenary import ANNEX_PUBLISHED
from workshop.services import clock
from workshop.services.live import rolls_back
from workshop.services.plenary_state import (
    PUBLISHED_FORMATS,
    current_publication,
    current_vote,
    publication_dict,
    shaped_vote,
    vote_dict,
)
from workshop.services.room import record


def version_to_publish(workshop: Workshop, number: int | None) -> AnnexVersion:
    if number is not None:
        return approved_version(workshop, number)
    versions = approved_versions(annex_for(workshop))
    if not versions:
        raise Conflict("annex_not_approved", _l("Approve a version of the annex first."))
    return versions[0]


def published_results(workshop: Workshop) -> dict:
    """The vote's results as everyone may see them once revealed (kept as they are now)."""
    vote = current_vote(workshop)
    if vote is None or vote.status == "open":
        return {}
    shown = shaped_vote(vote_dict(vote, workshop) | {"status": "revealed"}, False)
    keys = ("points", "results", "voters", "by_group")
    return {key: shown[key] for key in keys if key in shown}


@rolls_back
def publish_annex(workshop: Workshop, number: int | None, include_votes: bool) -> Change:
    """Show an approved version (the latest, if no number) to the participants."""
    version = version_to_publish(workshop, number)
    results = published_results(workshop) if include_votes else {}
    seq = allocate_seq(workshop.id)
    withdraw_active(workshop)
    publication = Publication(
        workshop_id=workshop.id,
        version_number=version.number,
        include_votes=include_votes,
        published_at=clock.now(),
        results=results,
    )
    db.session.add(publication)
    db.session.flush()
    payload = {"publication": publication_dict(publication, version.approved_at)}
    return record(workshop, seq, ANNEX_PUBLISHED, payload)


@rolls_back
def withdraw_publication(workshop: Workshop) -> Change:
    seq = allocate_seq(workshop.id)
    if current_publication(workshop) is None:
        raise Conflict("annex_not_published", _l("The annex is not published."))
    withdraw_active(workshop)
    return record(workshop, seq, ANNEX_PUBLISHED, {"publication": None})


def withdraw_active(workshop: Workshop) -> None:
    for publication in db.session.scalars(
        select(Publication).where(
            Publication.workshop_id == workshop.id, Publication.withdrawn_at.is_(None)
        )
    ):
        publication.withdrawn_at = clock.now()


def published_version(workshop: Workshop) -> tuple[Publication, AnnexVersion]:
    """What the participants may read now (404 when nothing is published)."""
    publication = current_publication(workshop)
    if publication is None:
        raise NotFound("annex_not_published", _l("The annex is not published."))
    return publication, approved_version(workshop, publication.version_number)


def published_document(workshop: Workshop) -> tuple[Publication, dict]:
    """The published version's document; with the votes shown if the publication includes them."""
    publication, version = published_version(workshop)
    document = version.document
    if publication.include_votes and document.get("has_votes"):
        document = with_votes_shown(document)
    return publication, document


def published_export(workshop: Workshop, format_name: str) -> Export:
    """The published version as a file participants may download (Word or PDF)."""
    if format_name not in PUBLISHED_FORMATS:
        raise NotFound(
            "unknown_format",
            _l("The published annex comes as %(formats)s.", formats=", ".join(PUBLISHED_FORMATS)),
        )
    shown, document = published_document(workshop)
    return export_document(workshop, format_name, document, shown.version_number)


def with_votes_shown(document: dict) -> dict:
    """The document with each point's votes after it (when it was approved without them)."""
    if document.get("include_votes"):
        return document
    shown = copy.deepcopy(document)
    for part in iter_parts(shown["sections"]):
        for point in part["points"]:
            marks = (point.get("mark"), point.get("votes_label"))
            point["mark"] = "; ".join(mark for mark in marks if mark) or None
    shown["include_votes"] = True
    return shown


def iter_parts(sections: list[dict]):
    for section in sections:
        for question in section["questions"]:
            yield from question["parts"]
        yield from iter_parts(section["blocks"])
