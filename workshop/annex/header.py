"""The annex's header (date, document number, reference, label, title, intro) and attribution."""

from flask_babel import lazy_gettext as _l

from workshop.annex.build import (
    default_header,
    document_header,
    effective_header,
    next_draft_status,
)
from workshop.annex.sync import annex_for
from workshop.annex.text import clean_text
from workshop.extensions import db
from workshop.models import Annex, AnnexVersion, DomainError, Workshop
from workshop.models.annex import ATTRIBUTION_MODES, INHERITED_HEADER


def update_annex_header(workshop: Workshop, values: dict) -> Annex:
    """Save the header fields and attribution mode given in `values` (others stay as they are).

    A value equal to the workshop's own is stored as "inherit", so later changes to the
    workshop's date, title or number still show in the annex.
    """
    annex = annex_for(workshop)
    before = effective_header(workshop, annex)
    defaults = default_header(workshop)
    for field, inherit in INHERITED_HEADER.items():
        if field in values:
            value = values[field]
            if isinstance(value, str):
                value = clean_text(value)
            setattr(annex, field, inherit if value == defaults[field] else value)
    if "attribution" in values:
        if values["attribution"] not in ATTRIBUTION_MODES:
            raise DomainError("annex_attribution", _l("Unknown way of showing the groups."))
        annex.attribution = values["attribution"]
    if effective_header(workshop, annex) != before:
        # A header edit starts a new draft but is no curation of points: notes keep flowing in.
        annex.mark_changed()
    db.session.commit()
    return annex


def current_header(workshop: Workshop) -> dict:
    """The header as the annex shows it now (the editor's values, else the workshop's)."""
    return effective_header(workshop, annex_for(workshop))


def exported_header(
    workshop: Workshop, annex: Annex, changed_since_approval: bool, approved: AnnexVersion | None
) -> dict:
    """The header the export without a version number shows: the draft's; while the annex reads
    as `approved` (its current version), "Version 1, approved …"; once the votes or the
    workshop's details changed what it says, the next version's draft."""
    if annex.status != "approved" or approved is None:
        return document_header(workshop, annex)
    if not changed_since_approval:
        return document_header(workshop, annex, approved.approved_at)
    header = document_header(workshop, annex)
    header["status"] = next_draft_status(workshop, annex)
    return header
