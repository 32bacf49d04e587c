"""The minutes' annexes, numbered in the order of the items: each item's workshop annex, then the
documents attached to it by title; documents attached to the minutes as a whole come last."""

from __future__ import annotations

from dataclasses import dataclass

from workshop.annex.build import effective_header
from workshop.annex.sync import compile_annex
from workshop.extensions import db
from workshop.models import Annex, Workshop
from workshop.models.minutes import Minutes, MinutesAnnex, MinutesItem


@dataclass
class NumberedAnnex:
    number: int
    kind: str  # "workshop" | "document"
    item_id: int | None
    title: str
    workshop: Workshop | None = None
    annex: Annex | None = None
    document_annex: MinutesAnnex | None = None

    @property
    def approved(self) -> bool | None:
        """Whether a workshop annex is approved as it stands; None for a document by title."""
        return None if self.annex is None else self.annex.status == "approved"

    def as_dict(self) -> dict:
        return {
            "number": self.number,
            "kind": self.kind,
            "item_id": self.item_id,
            "workshop_id": self.workshop.id if self.workshop else None,
            "annex_id": self.document_annex.id if self.document_annex else None,
            "title": self.title,
            "approved": self.approved,
        }


def items_in_document(minutes: Minutes) -> list[MinutesItem]:
    return [item for item in minutes.items if not item.left_out]


def numbered_annexes(minutes: Minutes) -> list[NumberedAnnex]:
    """Every annex of the minutes with its number, in document order."""
    entries: list[NumberedAnnex] = []
    by_item: dict[int | None, list[MinutesAnnex]] = {}
    for document in minutes.document_annexes:
        by_item.setdefault(document.item_id, []).append(document)
    for item in items_in_document(minutes):
        workshop = db.session.get(Workshop, item.workshop_id) if item.workshop_id else None
        if workshop is not None:
            entries.append(workshop_entry(len(entries) + 1, item, workshop))
        for document in by_item.get(item.id, []):
            entries.append(document_entry(len(entries) + 1, document))
    for document in by_item.get(None, []):
        entries.append(document_entry(len(entries) + 1, document))
    return entries


def workshop_entry(number: int, item: MinutesItem, workshop: Workshop) -> NumberedAnnex:
    annex = compile_annex(workshop)  # up to date with the notes, so its status is true
    header = effective_header(workshop, annex)
    label = f"{header['label_word']} {header['label_number']}".strip()
    title = title_without_label(header["title"], label)
    return NumberedAnnex(number, "workshop", item.id, title, workshop=workshop, annex=annex)


def title_without_label(title: str, label: str) -> str:
    """The title as the minutes list it after their own "Annex N —": without the workshop's own
    label where the title starts with it ("Annex 1 — Notes …" read "Annex 2 — Annex 1 — …")."""
    if label and title.casefold().startswith(label.casefold()):
        rest = title[len(label) :]
        if rest[:1] in (" ", "—", "–", "-", ":", "."):
            return rest.lstrip(" —–-:.") or title
    return title


def document_entry(number: int, document: MinutesAnnex) -> NumberedAnnex:
    return NumberedAnnex(
        number, "document", document.item_id, document.title, document_annex=document
    )
