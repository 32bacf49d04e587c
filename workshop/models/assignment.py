"""The facilitator's list of who goes in which group, for workshops with group_mode "assigned"."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from workshop.extensions import Model
from workshop.models.group import PARTICIPANT_NAME_MAX, Group

# More names than any meeting room holds, small enough to keep one form and one query cheap.
MAX_ASSIGNMENTS = 2000
# Case folding can lengthen a name (ß → ss, ŉ → ʼn; at most threefold).
NAME_KEY_MAX = 3 * PARTICIPANT_NAME_MAX


def name_key(name: str) -> str:
    """How names on the list are compared: trimmed, inner spaces collapsed, case-insensitive."""
    return " ".join(name.split()).casefold()


class GroupAssignment(Model):
    """One name on the list, and the group a participant giving that name is placed in."""

    # A joining participant's name is looked up by its key: one row, not the whole list.
    __table_args__ = (Index("ix_group_assignment_workshop_key", "workshop_id", "match_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    group_id: Mapped[int] = mapped_column(ForeignKey("group.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(PARTICIPANT_NAME_MAX))
    # name_key(name), kept with the name (see below): case folding is Python's, so the database
    # compares the keys.
    match_key: Mapped[str] = mapped_column(String(NAME_KEY_MAX), default="")
    position: Mapped[int] = mapped_column(default=0)

    group: Mapped[Group] = relationship()

    @validates("name")
    def keep_match_key(self, _attribute: str, name: str) -> str:
        self.match_key = name_key(name)
        return name
