"""JSON of the raw notes: the workshop, the columns and one object per note, text kept exactly."""

import json

from flask_babel import lazy_gettext as _l

from workshop.annex.renderers import register


@register(
    "json",
    label=_l("JSON (raw notes)"),
    extension="json",
    media_type="application/json",
    source="notes",
    rank=70,
)
def render_json(raw: dict) -> bytes:
    payload = {key: raw[key] for key in ("workshop", "exported_at", "columns", "notes")}
    return json.dumps(payload, ensure_ascii=False, indent=2).encode("utf-8")
