"""The assigned-groups list: which names the facilitator put in which group beforehand."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, delete, select

from workshop.extensions import db
from workshop.formats import lazy_number
from workshop.models import DomainError, Group, GroupAssignment, Workshop
from workshop.models.assignment import MAX_ASSIGNMENTS, name_key
from workshop.models.base import trimmed
from workshop.models.group import PARTICIPANT_NAME_MAX
from workshop.models.workshop import assigned_groups_need_names

# A listed name's group: one row by the list's index (each key is listed once per workshop).
ASSIGNED_GROUP = (
    select(Group)
    .join(GroupAssignment, GroupAssignment.group_id == Group.id)
    .where(
        GroupAssignment.workshop_id == bindparam("workshop_id"),
        GroupAssignment.match_key == bindparam("key"),
    )
    .limit(1)
)


def group_assignments(workshop: Workshop) -> dict[int, list[str]]:
    """The names listed for each group, by group id, in the order they were given."""
    rows = db.session.scalars(
        select(GroupAssignment)
        .where(GroupAssignment.workshop_id == workshop.id)
        .order_by(GroupAssignment.group_id, GroupAssignment.position, GroupAssignment.id)
    )
    names: dict[int, list[str]] = {}
    for row in rows:
        names.setdefault(row.group_id, []).append(row.name)
    return names


def assigned_group(workshop: Workshop, name: str | None) -> Group | None:
    """The group a name is listed in (trimmed, case-insensitive), or None."""
    key = name_key(name or "")
    if not key:
        return None
    return db.session.scalar(ASSIGNED_GROUP, {"workshop_id": workshop.id, "key": key})


def set_group_assignments(workshop: Workshop, names_by_group: dict[int, list[str]]) -> None:
    """Replace the whole list; nothing is saved unless every name and group is valid."""
    if not workshop.asks_for_names:
        raise assigned_groups_need_names()
    workshop_group_ids = set(
        db.session.scalars(select(Group.id).where(Group.workshop_id == workshop.id))
    )
    rows = validated_rows(workshop_group_ids, names_by_group)
    db.session.execute(delete(GroupAssignment).where(GroupAssignment.workshop_id == workshop.id))
    for position, (group_id, name) in enumerate(rows):
        db.session.add(
            GroupAssignment(
                workshop_id=workshop.id, group_id=group_id, name=name, position=position
            )
        )
    db.session.commit()


def validated_rows(group_ids: set[int], names_by_group: dict[int, list[str]]) -> list:
    """(group id, name) pairs to store: trimmed, blank lines dropped, each name in one group."""
    rows: list[tuple[int, str]] = []
    seen: dict[str, int] = {}
    for group_id, names in names_by_group.items():
        if group_id not in group_ids:
            raise DomainError("group_not_found", _l("That group is not part of this workshop."))
        for raw in names:
            name = check_name(raw)
            key = name_key(name)
            if not name or seen.get(key) == group_id:
                continue
            if key in seen:
                raise DomainError(
                    "assignment_duplicate",
                    _l("%(name)s is listed in more than one group.", name=name),
                    name=name,
                )
            seen[key] = group_id
            rows.append((group_id, name))
    if len(rows) > MAX_ASSIGNMENTS:
        raise DomainError(
            "assignments_too_many",
            _l("The list can hold at most %(max)s names.", max=lazy_number(MAX_ASSIGNMENTS)),
        )
    return rows


def check_name(raw) -> str:
    if not isinstance(raw, str):
        raise DomainError("invalid_input", _l("Each name must be text."))
    name = trimmed(raw)
    if len(name) > PARTICIPANT_NAME_MAX:
        raise DomainError(
            "name_too_long",
            _l("A name can be at most %(max)d characters.", max=PARTICIPANT_NAME_MAX),
            name=name[:PARTICIPANT_NAME_MAX],
        )
    return name
