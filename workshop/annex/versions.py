"""Approving the annex: each approval freezes the whole document as a numbered version."""

import json
from collections.abc import Sequence

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import defer

from workshop.annex.build import build_document
from workshop.annex.sync import annex_for, compile_annex
from workshop.extensions import db
from workshop.models import Annex, AnnexVersion, NotFound, Workshop
from workshop.models.base import utcnow


def approve_annex(workshop: Workshop, facilitator) -> AnnexVersion:
    """Approve the current draft: record its number, date and approver with the document itself.

    Any later edit starts the draft of the next version; this one stays as it is.
    """
    annex = compile_annex(workshop)
    if changed_since_approval(workshop, annex):
        # The votes or the workshop's details changed after the approval: what is approved
        # now is the next version, as the export without a number already calls it.
        annex.mark_changed()
    annex.approve()
    approved_at = utcnow()
    version = AnnexVersion(
        annex_id=annex.id,
        number=annex.version,
        approved_at=approved_at,
        **approved_by(facilitator),
        document=build_document(workshop, annex, approved_at=approved_at),
    )
    db.session.add(version)
    db.session.commit()
    return version


def approved_by(facilitator) -> dict:
    """Who approved a version: their id, and their name kept as text should the account go."""
    return {
        "approved_by_id": getattr(facilitator, "id", None),
        "approved_by_name": getattr(facilitator, "display_name", "") or "",
    }


def approved_versions(annex: Annex) -> Sequence[AnnexVersion]:
    """The approved versions, newest first. Their documents are read only when one is used: a
    list of versions shows their numbers and dates, and each document of a large annex takes
    a tenth of a second to read."""
    return db.session.scalars(
        select(AnnexVersion)
        .options(defer(AnnexVersion.document))
        .where(AnnexVersion.annex_id == annex.id)
        .order_by(AnnexVersion.number.desc())
    ).all()


def approved_version(workshop: Workshop, number: int) -> AnnexVersion:
    """One approved version of the workshop's annex, or 404."""
    annex = annex_for(workshop)
    version = db.session.scalar(
        select(AnnexVersion).where(AnnexVersion.annex_id == annex.id, AnnexVersion.number == number)
    )
    if version is None:
        raise NotFound(
            "annex_version_not_found",
            _l("There is no approved version %(number)s.", number=number),
        )
    return version


def changed_since_approval(workshop: Workshop, annex: Annex) -> bool:
    """Whether an approved annex no longer reads as approved: the votes or the workshop's
    details changed since, which do not reopen the annex as an edit does."""
    if annex.status != "approved":
        return False
    approved = approved_version(workshop, annex.version)
    return not reads_the_same(build_document(workshop, annex), approved.document)


# The header lines a document format added (build.py, DOCUMENT_FORMAT): a version approved in an
# older format still reads the same when all that differs is that a release now shows them.
HEADER_LINES_ADDED_IN_FORMAT = {2: ("workshop", "place")}


def reads_the_same(current: dict, approved: dict) -> bool:
    """Whether two built documents say the same, apart from when they were built, their status
    line and the document's own words ("Date", "No notes."): those are the software's, and a
    release that rewords or translates them better changes nothing that was approved (the stored
    document went through JSON). Nor does a release that adds header lines (the workshop, its
    place) change a version approved before it."""
    added = lines_added_since(approved.get("format", 1))
    return _wording(current, added) == _wording(approved)


def lines_added_since(document_format: int) -> set[str]:
    return {
        field
        for since, fields in HEADER_LINES_ADDED_IN_FORMAT.items()
        if since > document_format
        for field in fields
    }


def _wording(document: dict, leave_out: set[str] | frozenset = frozenset()) -> str:
    """What the document says, as canonical JSON text: a built document and one read back from
    the database (lists for tuples, keys in any order) give the same text when they say the same.
    Writing the text is cheaper than a round trip through JSON (a 10,000-note annex: 20 ms
    against 150 ms on every view of the annex page); the document itself is not changed."""
    content = {key: value for key, value in document.items() if key not in _NOT_WORDING}
    header = {key: value for key, value in document["header"].items() if key != "status"}
    # A line's label is the software's word; its value is what the document says.
    header["meta"] = [
        line["value"] for line in header["meta"] if line.get("field") not in leave_out
    ]
    content["header"] = header
    return json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)


# The software's, not the document's: when it was built, in what format, its own fixed words.
_NOT_WORDING = frozenset({"format", "generated_at", "labels"})
