"""Room names: the only place they are spelled."""


def group_room(group_id: int) -> str:
    """Everyone in one breakout group (participants and facilitators watching it)."""
    return f"group:{group_id}"


def facilitators_room(workshop_id: int) -> str:
    """The facilitators of a workshop: they receive every group's changes."""
    return f"workshop:{workshop_id}:facilitators"


def workshop_room(workshop_id: int) -> str:
    """Every connection of a workshop once it has caught up (the heartbeat looks for these).

    Changes do not go here: each audience gets its own copy with its prev_seq (audiences.py).
    """
    return f"workshop:{workshop_id}"


def display_room(workshop_id: int) -> str:
    """The workshop's displays (projectors): every group's notes and the room, read-only."""
    return f"workshop:{workshop_id}:displays"


def ungrouped_room(workshop_id: int) -> str:
    """A workshop's participants who are in no group (their group was deleted)."""
    return f"workshop:{workshop_id}:ungrouped"


def participants_room(workshop_id: int, group_id: int | None) -> str:
    """Where a participant's group-level broadcasts go: their group, or the ungrouped."""
    return group_room(group_id) if group_id is not None else ungrouped_room(workshop_id)
