"""Build the annex as plain data: header, numbered outline and each question's points.

The result is a JSON-serialisable dict that every renderer reads and that an approved version
freezes. The app's fixed words and the dates are put in the workshop's language here, once.
"""

from datetime import datetime

from flask_babel import format_date, ngettext
from flask_babel import gettext as _
from sqlalchemy import null, select

from workshop.annex.outline import outline_tree
from workshop.annex.text import clean_line, clean_text, needs_cleaning, parse_items
from workshop.annex.votes import VoteCounts, vote_counts
from workshop.extensions import db
from workshop.i18n import document_tag, force_language
from workshop.models import Annex, AnnexPoint, Group, Minutes, Note, Workshop
from workshop.models.annex import INHERITED_HEADER
from workshop.models.base import utcnow

# 2: the header names the workshop and its place (versions.py reads format 1 documents as before).
DOCUMENT_FORMAT = 2


def build_document(workshop: Workshop, annex: Annex, approved_at: datetime | None = None) -> dict:
    """The annex as it reads now; with approved_at, as the approved version it is becoming."""
    with force_language(workshop.language):
        labels = fixed_labels()
        header = build_header(workshop, annex, labels, approved_at)
    counts = vote_counts(workshop.id)
    points = points_by_question(workshop, annex, counts)
    with force_language(workshop.language):
        for question_points in points.values():
            for point in question_points:
                point["votes_label"] = votes_label(point["votes"])
    shape = {"attribution": annex.attribution, "labels": labels, "votes": annex.include_votes}
    sections = [_section(node, points, shape) for node in outline_tree(workshop.id)]
    return {
        "format": DOCUMENT_FORMAT,
        "language": workshop.language,
        "language_tag": document_tag(workshop.language),
        "generated_at": (approved_at or utcnow()).isoformat(),
        "attribution": annex.attribution,
        # The numbers are kept in the document, so an approved version keeps them.
        "include_votes": annex.include_votes,
        "has_votes": counts is not None,
        "labels": labels,
        "header": header,
        "sections": sections,
        "point_count": sum(len(p) for p in points.values()),
        "question_count": _count_questions(sections),
    }


def _count_questions(sections: list[dict]) -> int:
    return sum(len(s["questions"]) + _count_questions(s["blocks"]) for s in sections)


def fixed_labels() -> dict:
    """The document's own words, in the locale in force."""
    return {
        "annex": _("ANNEX"),
        "default_title": _("Notes from the group discussions"),
        "workshop": _("Workshop"),
        "date": _("Date"),
        "place": _("Place"),
        "document_number": _("Document number"),
        "reference": _("Reference"),
        "no_notes": _("No notes."),
        "several_groups": _("Several groups"),
        "added_in_editing": _("Added in editing"),
        "top": _("top priority"),
    }


def votes_label(votes: int | None) -> str | None:
    """ "7 votes", in the locale in force (None without a vote)."""
    if votes is None:
        return None
    return ngettext("%(num)d vote", "%(num)d votes", votes)


def default_header(workshop: Workshop) -> dict:
    """The header values an annex takes from its workshop until the editor overrides them."""
    with force_language(workshop.language):
        labels = fixed_labels()
    return {
        "date": workshop.date,
        "document_number": workshop.document_number or "",
        "reference": workshop.reference or "",
        "label_word": workshop.annex_label_word or labels["annex"],
        "label_number": workshop.annex_label_number,
        "title": workshop.annex_title or labels["default_title"],
        "intro": workshop.annex_intro or "",
    }


def effective_header(workshop: Workshop, annex: Annex) -> dict:
    """Each header field: the editor's value where set, else the workshop's default."""
    values = default_header(workshop)
    for field, inherit in INHERITED_HEADER.items():
        override = getattr(annex, field)
        if override != inherit:
            values[field] = override
    values["attribution"] = annex.attribution
    return values


def document_header(workshop: Workshop, annex: Annex, approved_at: datetime | None = None) -> dict:
    """The header as the document writes it, in the workshop's language (no points are read)."""
    with force_language(workshop.language):
        return build_header(workshop, annex, fixed_labels(), approved_at)


def build_header(workshop: Workshop, annex: Annex, labels: dict, approved_at) -> dict:
    values = effective_header(workshop, annex)
    title = clean_line(values["title"])
    return {
        "label": clean_line(f"{values['label_word']} {values['label_number']}"),
        "title": title,
        "intro": [p for p in clean_text(values["intro"]).split("\n\n") if p.strip()],
        "meta": header_lines(workshop, values, title, labels),
        "status": status_line(annex, approved_at),
    }


def header_lines(workshop: Workshop, values: dict, title: str, labels: dict) -> list[dict]:
    """The labelled lines above the title: which workshop (unless the title says so), when,
    where, and the document's number and reference. Each names its field, so a later format's
    lines can be told apart from what an older approved version said."""
    lines = []
    workshop_title = clean_line(workshop.title)
    if workshop_title and not _says(title, workshop_title):
        lines.append(_header_line("workshop", labels, workshop_title))
    if values["date"]:
        lines.append(_header_line("date", labels, format_date(values["date"], "long")))
    for field, value in (
        ("place", workshop.place or ""),
        ("document_number", values["document_number"]),
        ("reference", values["reference"]),
    ):
        if clean_line(value):
            lines.append(_header_line(field, labels, clean_line(value)))
    return lines


def document_title(document: dict) -> str:
    """The title a file manager, a PDF viewer, a browser tab or a screen reader gives the
    document: its label and title, and its workshop when the header names it (each workshop's
    annex is otherwise called the same). An older version's lines have no field: no workshop."""
    header = document["header"]
    workshop = [line["value"] for line in header["meta"] if line.get("field") == "workshop"]
    return " · ".join(part for part in (header["label"], header["title"], *workshop) if part)


def _header_line(field: str, labels: dict, value: str) -> dict:
    return {"field": field, "label": labels[field], "value": value}


def _says(title: str, words: str) -> bool:
    """Whether a title already contains the words (case and spacing aside)."""
    return " ".join(words.casefold().split()) in " ".join(title.casefold().split())


def status_line(document: Annex | Minutes, approved_at) -> str:
    """ "Draft of version 2" or "Version 1, approved 4 March 2025" (an annex's or minutes')."""
    if approved_at is not None:
        return _(
            "Version %(number)s, approved %(date)s",
            number=document.version,
            date=format_date(approved_at, "long"),
        )
    return _("Draft of version %(number)s", number=document.version)


def next_draft_status(workshop: Workshop, annex: Annex) -> str:
    """ "Draft of version 2" while version 1 is approved, in the annex's language."""
    with force_language(workshop.language):
        return _("Draft of version %(number)s", number=annex.version + 1)


def points_by_question(
    workshop: Workshop, annex: Annex, counts: VoteCounts | None = None
) -> dict[int, list[dict]]:
    """The points that are in the document, per question id, each with its group mark and its
    votes (None without a finished vote)."""
    attribute = annex.attribution != "none"
    # Provenance is only read when groups or votes need it: decoding it is much of the cost.
    wanted = attribute or counts is not None
    sources = AnnexPoint.source_note_ids if wanted else null()
    statement = (
        select(
            AnnexPoint.id,
            AnnexPoint.question_id,
            AnnexPoint.text,
            AnnexPoint.top,
            sources.label("sources"),
        )
        .where(
            AnnexPoint.annex_id == annex.id,
            AnnexPoint.excluded.is_(False),
            AnnexPoint.pending.is_(False),
        )
        .order_by(AnnexPoint.question_id, AnnexPoint.position, AnnexPoint.id)
    )
    groups_of = _group_namer(workshop) if attribute else None
    result: dict[int, list[dict]] = {}
    rows = db.session.connection().execute(statement).all()
    clean = needs_cleaning([row.text for row in rows])
    for row in rows:
        items = parse_items(row.text, clean)
        if not items:
            continue
        ranked = groups_of(row.sources) if groups_of else []
        point = {
            "items": items,
            "groups": [name for _rank, name in ranked],
            "group_rank": ranked[0][0] if ranked else 0,
            "votes": counts.of_point(row.id, row.sources or []) if counts else None,
            "top": row.top,
        }
        result.setdefault(row.question_id, []).append(point)
    return result


def _group_namer(workshop: Workshop):
    """A function from a point's source note ids to its groups as (rank, name), in group order."""
    groups = db.session.execute(
        select(Group.id, Group.name)
        .where(Group.workshop_id == workshop.id)
        .order_by(Group.position, Group.id)
    ).all()
    order = {row.id: index for index, row in enumerate(groups)}
    names = {row.id: clean_line(row.name) for row in groups}
    note_group = dict(
        db.session.execute(
            select(Note.id, Note.group_id).where(Note.workshop_id == workshop.id)
        ).all()
    )

    def groups_of(note_ids: list) -> list[tuple[int, str]]:
        group_ids = {note_group[n] for n in note_ids if n in note_group}
        return sorted((order[g], names[g]) for g in group_ids if g in names)

    return groups_of


def _section(node: dict, points: dict, shape: dict) -> dict:
    return {
        "heading": clean_line(node["heading"]),
        "prompt": clean_text(node["prompt"]),
        "label": node["label"],
        "number": node["number"],
        "number_style": node["number_style"],
        "level": node["level"],
        "questions": [_question(q, points.get(q["id"], []), shape) for q in node["questions"]],
        "blocks": [_section(block, points, shape) for block in node["blocks"]],
    }


def _question(node: dict, points: list[dict], shape: dict) -> dict:
    return {
        "id": node["id"],
        "text": clean_line(" ".join(node["text"].split("\n"))),
        "label": node["label"],
        "number": node["number"],
        "number_style": node["number_style"],
        "parts": question_parts(points, shape),
    }


def point_mark(point: dict, groups_marked: bool, shape: dict) -> str | None:
    """The words after a point: its groups, its votes (if the annex shows them), "top"."""
    marks = []
    if groups_marked and point["groups"]:
        marks.append(", ".join(point["groups"]))
    if shape.get("votes") and point.get("votes_label"):
        marks.append(point["votes_label"])
    if point.get("top"):
        marks.append(shape["labels"]["top"])
    return "; ".join(marks) or None


def shaped_point(point: dict, groups_marked: bool, shape: dict) -> dict:
    return {
        "items": point["items"],
        "mark": point_mark(point, groups_marked, shape),
        "votes": point.get("votes"),
        "votes_label": point.get("votes_label"),
        "top": point.get("top", False),
    }


def question_parts(points: list[dict], shape: dict) -> list[dict]:
    """The question's points as parts: one unheaded part, or one part per group when grouped."""
    if not points:
        return []
    attribution, labels = shape["attribution"], shape["labels"]
    if attribution != "grouped":
        marked = attribution == "mark"
        return [{"heading": None, "points": [shaped_point(p, marked, shape) for p in points]}]
    parts: dict[tuple, list[dict]] = {}
    for point in points:
        parts.setdefault(_part_key(point), []).append(shaped_point(point, False, shape))
    return [{"heading": _part_heading(key, labels), "points": parts[key]} for key in sorted(parts)]


def _part_key(point: dict) -> tuple:
    """Sorts single groups first (in group order), then several groups, then the editor's."""
    groups = point["groups"]
    if len(groups) == 1:
        return (0, point["group_rank"], groups[0])
    if groups:
        return (1, 0, "")
    return (2, 0, "")


def _part_heading(key: tuple, labels: dict) -> str:
    kind, _rank, name = key
    if kind == 0:
        return name
    return labels["several_groups"] if kind == 1 else labels["added_in_editing"]
