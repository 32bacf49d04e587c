"""Who receives a change, and the prev_seq each audience's copy carries (the gap rule's input)."""

from dataclasses import dataclass

from workshop.models import Change
from workshop.models.plenary import FOR_FACILITATORS_ONLY
from workshop.models.room import HIDDEN_FROM_DISPLAYS
from workshop.realtime import rooms
from workshop.services.cursors import (
    AudienceSeqs,
    audience_seqs,
    previous_seq_for_displays,
    previous_seq_for_group,
)


@dataclass(frozen=True)
class Audience:
    """One room's copy of a broadcast: facilitators see author names; prev_seq is per room."""

    room: str
    for_facilitators: bool
    prev_seq: int


def audiences_of(change: Change) -> list[Audience]:
    """The rooms a committed change goes to, each with the seq of its previous visible change.

    A group's change: the group and the facilitators. A workshop-wide change: every group, the
    participants without a group, and the facilitators — one copy per room, because each has
    seen a different previous change. The displays (projectors) get every change but those
    meant for people (HIDDEN_FROM_DISPLAYS).
    """
    workshop_id = change.workshop_id
    if change.kind in FOR_FACILITATORS_ONLY:
        return [Audience(rooms.facilitators_room(workshop_id), True, change.seq - 1)]
    if change.group_id is not None:
        previous = previous_seq_for_group(workshop_id, change.seq, change.group_id)
        audiences = [
            Audience(rooms.group_room(change.group_id), False, previous),
            Audience(rooms.facilitators_room(workshop_id), True, change.seq - 1),
        ]
        if change.kind not in HIDDEN_FROM_DISPLAYS:
            displays = previous_seq_for_displays(workshop_id, change.seq)
            audiences.append(Audience(rooms.display_room(workshop_id), False, displays))
        return audiences
    audiences = per_room(workshop_id, audience_seqs(workshop_id, before=change.seq))
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
