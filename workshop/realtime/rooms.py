"""Room names: the only place they are spelled."""


def group_room(group_id: int) -> str:
    """Everyone in one breakout group (participants and facilitators watching it)."""
    return f"group:{group_id}"


def facilitators_room(workshop_id: int) -> str:
    """The facilitators of a workshop: they receive every group's changes."""
    return f"workshop:{workshop_id}:facilitators"


def workshop_room(workshop_id: int) -> str:
    """Every connection of a workshop, for workshop-wide changes (status, closing)."""
    return f"workshop:{workshop_id}"


def display_room(workshop_id: int) -> str:
    """The workshop's displays (projectors): every group's notes and the room, read-only."""
    return f"workshop:{workshop_id}:displays"
