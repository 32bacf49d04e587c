"""Exporting: the current draft, an approved version, or the raw notes, in any registered format."""

import gc
from contextlib import contextmanager
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

from workshop.annex.build import build_document, next_draft_status
from workshop.annex.raw import raw_notes
from workshop.annex.renderers import Renderer, renderer_for
from workshop.annex.sync import compile_annex
from workshop.annex.versions import approved_version, reads_the_same
from workshop.file_names import workshop_file_name
from workshop.models import Annex, DomainError, Workshop


@dataclass(frozen=True)
class Export:
    filename: str
    media_type: str
    content: bytes
    renderer: Renderer


@contextmanager
def cyclic_gc_paused():
    """Pause Python's cyclic garbage collector around a large export.

    Building and rendering 10,000 notes allocates hundreds of thousands of small, acyclic
    objects; the cyclic collector would repeatedly scan the whole heap for nothing (it doubled
    the export time in the bench). Reference counting still frees everything as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def export_annex(workshop: Workshop, format_name: str, version: int | None = None) -> Export:
    """Render the annex (or with `version`, that approved version exactly as it was approved)."""
    with cyclic_gc_paused():
        return _export(workshop, format_name, version)


def _export(workshop: Workshop, format_name: str, version: int | None) -> Export:
    renderer = renderer_for(format_name)
    if renderer.source == "notes":
        if version is not None:
            raise DomainError(
                "annex_raw_has_no_versions",
                _l("The raw notes have no versions; export them without a version number."),
            )
        data = raw_notes(workshop, compile_annex(workshop))
        suffix = _l("notes")
    elif version is not None:
        data = approved_version(workshop, version).document
        suffix = _l("annex-v%(number)s", number=version)
    else:
        annex = compile_annex(workshop)
        data = build_document(workshop, annex)
        suffix = _l("annex-v%(number)s-draft", number=annex.version)
        if annex.status == "approved":
            data, suffix = since_approval(workshop, annex, data)
    return Export(
        workshop_file_name(workshop, suffix, renderer.extension),
        renderer.media_type,
        renderer.render(data),
        renderer,
    )


def since_approval(workshop: Workshop, annex: Annex, current: dict) -> tuple[dict, LazyString]:
    """The document to export while the annex is approved: that version as approved if the
    annex still reads the same; else (the votes or the workshop's details changed, which do
    not reopen the annex) the draft of the next version, so called."""
    approved = approved_version(workshop, annex.version)
    if reads_the_same(current, approved.document):
        return approved.document, _l("annex-v%(number)s", number=annex.version)
    current["header"]["status"] = next_draft_status(workshop, annex)
    return current, _l("annex-v%(number)s-draft", number=annex.version + 1)


def export_document(workshop: Workshop, format_name: str, document: dict, number: int) -> Export:
    """An approved version's document (as published) in a document format (not raw notes)."""
    renderer = renderer_for(format_name)
    if renderer.source != "document":
        raise DomainError("unknown_format", _l("This export format does not exist."))
    with cyclic_gc_paused():
        content = renderer.render(document)
    return Export(
        workshop_file_name(workshop, _l("annex-v%(number)s", number=number), renderer.extension),
        renderer.media_type,
        content,
        renderer,
    )
