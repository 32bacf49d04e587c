"""Exporting the minutes with their annexes: the current draft or an approved version."""

from flask_babel import lazy_gettext as _l

from workshop.annex.export import Export, cyclic_gc_paused
from workshop.annex.renderers import renderer_for
from workshop.file_names import meeting_file_name
from workshop.minutes.build import build_minutes_document
from workshop.minutes.renderers import MINUTES_REGISTRY
from workshop.minutes.sync import minutes_for
from workshop.minutes.versions import minutes_version
from workshop.models.meeting import Meeting


def export_minutes(meeting: Meeting, format_name: str, version: int | None = None) -> Export:
    """Render the minutes (or with `version`, that approved version exactly as approved)."""
    renderer = renderer_for(format_name, MINUTES_REGISTRY)
    minutes = minutes_for(meeting)
    if version is None and minutes.status == "approved":
        version = minutes.version  # the approved document, not a rebuild of it
    with cyclic_gc_paused():
        if version is not None:
            data = minutes_version(meeting, version).document
            suffix = _l("minutes-v%(number)s", number=version)
        else:
            data = build_minutes_document(meeting, minutes)
            suffix = _l("minutes-v%(number)s-draft", number=minutes.version)
        content = renderer.render(data)
    name = meeting_file_name(meeting, suffix, renderer.extension)
    return Export(name, renderer.media_type, content, renderer)
