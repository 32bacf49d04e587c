"""Who receives a change, and the prev_seq each audience's copy carries (the gap rule's input).

prev_seq is the seq of the change each audience saw last. A process publishes a workshop's
changes in seq order (services/live.py), so while it has published every change up to the one
before, it knows each audience's latest from what it published (Published): no query. When a
change comes after a gap (another process wrote in between, or this process just started), it
asks the database once (cursors.audience_seqs) and keeps counting from there.
"""

from dataclasses import dataclass, field

from flask import current_app

from workshop.models import Change
from workshop.models.room import HIDDEN_FROM_DISPLAYS, HIDDEN_FROM_PARTICIPANTS
from workshop.realtime import rooms
from workshop.services.cursors import AudienceSeqs, audience_seqs, group_ids_of

PUBLISHED = "workshop.published_seqs"


@dataclass(frozen=True)
class Audience:
    """One room's copy of a broadcast: facilitators see author names; prev_seq is per room."""

    room: str
    for_facilitators: bool
    prev_seq: int


@dataclass
class Published:
    """Each audience's latest change of a workshop, as of `upto` (every change up to it seen)."""

    upto: int
    wide: int  # the latest workshop-wide change participants may see
    displays: int
    groups: dict[int, int] = field(default_factory=dict)  # each group's latest of its own

    @classmethod
    def from_database(cls, workshop_id: int, before: int) -> "Published":
        seqs = audience_seqs(workshop_id, before=before)
        return cls(before - 1, seqs.ungrouped, seqs.displays, dict(seqs.groups))

    def seqs(self, group_ids) -> AudienceSeqs:
        """Every audience's seq; a group that has written nothing yet has seen the wide ones."""
        groups = {group_id: self.group(group_id) for group_id in group_ids}
        return AudienceSeqs(self.upto, self.wide, self.displays, groups)

    def group(self, group_id: int) -> int:
        return max(self.groups.get(group_id, 0), self.wide)

    def record(self, change: Change) -> None:
        self.upto = change.seq
        if change.kind not in HIDDEN_FROM_DISPLAYS:
            self.displays = change.seq
        if change.kind in HIDDEN_FROM_PARTICIPANTS:
            return
        if change.group_id is not None:
            self.groups[change.group_id] = change.seq
        else:
            self.wide = change.seq


def published_before(change: Change) -> Published:
    """Each audience's latest change before this one: counted, or (after a gap) read."""
    published = current_app.extensions.setdefault(PUBLISHED, {})
    known = published.get(change.workshop_id)
    if known is None or known.upto != change.seq - 1:
        known = published[change.workshop_id] = Published.from_database(
            change.workshop_id, change.seq
        )
    return known


def audiences_of(change: Change) -> list[Audience]:
    """The rooms a committed change goes to, each with the seq of its previous visible change.

    A group's change: the group and the facilitators. A workshop-wide change: every group, the
    participants without a group, and the facilitators — one copy per room, because each has
    seen a different previous change. The displays (projectors) get every change but those
    meant for people (HIDDEN_FROM_DISPLAYS); participants get none of HIDDEN_FROM_PARTICIPANTS
    (a new join code goes to the facilitators and the displays only).
    """
    published = published_before(change)
    audiences = audiences_after(change, published)
    published.record(change)
    return audiences


def audiences_after(change: Change, published: Published) -> list[Audience]:
    workshop_id = change.workshop_id
    facilitators = Audience(rooms.facilitators_room(workshop_id), True, change.seq - 1)
    displays = []
    if change.kind not in HIDDEN_FROM_DISPLAYS:
        displays = [Audience(rooms.display_room(workshop_id), False, published.displays)]
    if change.kind in HIDDEN_FROM_PARTICIPANTS:
        return [facilitators, *displays]
    if change.group_id is not None:
        group = Audience(rooms.group_room(change.group_id), False, published.group(change.group_id))
        return [group, facilitators, *displays]
    audiences = per_room(workshop_id, published.seqs(group_ids_of(workshop_id)))
    if change.kind in HIDDEN_FROM_DISPLAYS:
        audiences = [a for a in audiences if a.room != rooms.display_room(workshop_id)]
    return audiences


def per_room(workshop_id: int, seqs: AudienceSeqs) -> list[Audience]:
    """Every audience room of a workshop, each with its seq from `seqs`."""
    return [
        *(
            Audience(rooms.group_room(group_id), False, seq)
            for group_id, seq in seqs.groups.items()
        ),
        Audience(rooms.ungrouped_room(workshop_id), False, seqs.ungrouped),
        Audience(rooms.facilitators_room(workshop_id), True, seqs.facilitators),
        Audience(rooms.display_room(workshop_id), False, seqs.displays),
    ]
