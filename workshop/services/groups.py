"""Breakout groups: create, rename, reorder and delete them; choose the questions each works on."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from workshop.extensions import db
from workshop.i18n import force_language
from workshop.models import (
    Conflict,
    DomainError,
    Group,
    Note,
    NotFound,
    Participant,
    Question,
    Section,
    Workshop,
)
from workshop.models.base import trimmed
from workshop.models.group import GROUP_NAME_MAX, MAX_GROUPS
from workshop.services import access
from workshop.services import outline as outline_service


def list_groups(workshop: Workshop) -> list[Group]:
    statement = (
        select(Group).where(Group.workshop_id == workshop.id).order_by(Group.position, Group.id)
    )
    return list(db.session.scalars(statement))


def get_group(workshop: Workshop, group_id: int) -> Group:
    group = db.session.get(Group, group_id)
    if group is None or group.workshop_id != workshop.id:
        raise group_not_found()
    return group


def get_group_for(facilitator, group_id: int) -> Group:
    """The group if the facilitator may run its workshop; otherwise 404, so nothing leaks."""
    group = db.session.get(Group, group_id)
    if group is None:
        raise group_not_found()
    access.get_workshop_for(facilitator, group.workshop_id)
    return group


def group_not_found() -> NotFound:
    return NotFound("group_not_found", _l("There is no such group in this workshop."))


# --- names ---


def default_group_name(workshop: Workshop, number: int) -> str:
    """ "Group 3" in the meeting's language, not in the facilitator's interface language."""
    with force_language(workshop.language or "en"):
        return _("Group %(number)s", number=number)


def clean_name(name) -> str:
    name = " ".join(trimmed(name).split()) if isinstance(name, str) else ""
    if not name:
        raise DomainError("invalid_input", _l("Enter a name for the group."), field="name")
    if len(name) > GROUP_NAME_MAX:
        raise DomainError(
            "invalid_input",
            _l("A group name may be at most %(max)d characters.", max=GROUP_NAME_MAX),
            field="name",
        )
    return name


def check_room_for_groups(existing: int, adding: int) -> None:
    if existing + adding > MAX_GROUPS:
        raise Conflict(
            "too_many_groups",
            _l(
                "A workshop can have at most %(max)d groups; it has %(count)d, and %(adding)d"
                " more would make %(total)d.",
                max=MAX_GROUPS,
                count=existing,
                adding=adding,
                total=existing + adding,
            ),
        )


# --- creating, renaming, ordering, deleting ---


def create_groups(workshop: Workshop, count) -> list[Group]:
    """Add `count` groups named "Group N", numbered on from the groups already there."""
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise DomainError(
            "invalid_input", _l("Enter how many groups to create (1 or more)."), field="count"
        )
    existing = list_groups(workshop)
    check_room_for_groups(len(existing), count)
    used_names = {group.name for group in existing}
    created: list[Group] = []
    number = len(existing)
    while len(created) < count:
        number += 1
        name = default_group_name(workshop, number)
        if name in used_names:
            continue
        created.append(
            Group(workshop_id=workshop.id, name=name, position=len(existing) + len(created))
        )
    db.session.add_all(created)
    db.session.commit()
    return created


def add_group(workshop: Workshop, name: str) -> Group:
    existing = list_groups(workshop)
    check_room_for_groups(len(existing), 1)
    name = free_name(existing, clean_name(name))
    group = Group(workshop_id=workshop.id, name=name, position=len(existing))
    db.session.add(group)
    db.session.commit()
    return group


def rename_group(group: Group, name: str) -> Group:
    workshop = db.session.get_one(Workshop, group.workshop_id)
    group.name = free_name(list_groups(workshop), clean_name(name), group)
    db.session.commit()
    return group


def free_name(existing: list[Group], name: str, renamed: Group | None = None) -> str:
    """The name, if no other group of the workshop has it: two groups of one name could not be
    told apart when participants choose theirs, nor in the annex."""
    if any(g is not renamed and g.name.casefold() == name.casefold() for g in existing):
        raise DomainError(
            "group_name_taken",
            _l("There is already a group called “%(name)s”.", name=name),
            field="name",
        )
    return name


def move_group(group: Group, direction: str) -> None:
    workshop = db.session.get_one(Workshop, group.workshop_id)
    outline_service.move_among(list_groups(workshop), group, direction)
    db.session.commit()


def delete_group(group: Group) -> None:
    """Delete an empty group; one with participants or notes is refused, so nothing is lost."""
    if count_participants(group):
        raise Conflict(
            "group_has_participants",
            _l("Participants are in this group. Move them to another group first."),
        )
    if group_has_notes(group):
        raise Conflict(
            "group_has_notes",
            _l("This group has written notes, so it cannot be deleted. Rename it instead."),
        )
    workshop = db.session.get_one(Workshop, group.workshop_id)
    remaining = [g for g in list_groups(workshop) if g.id != group.id]
    db.session.delete(group)
    outline_service.renumber(remaining)
    db.session.commit()


def count_participants(group: Group) -> int:
    statement = select(func.count(Participant.id)).where(
        Participant.group_id == group.id, Participant.removed_at.is_(None)
    )
    return db.session.execute(statement).scalar_one()


def participant_counts(workshop: Workshop) -> dict[int, int]:
    """Active participants per group id, in one query (those without a group are not counted)."""
    statement = (
        select(Participant.group_id, func.count(Participant.id))
        .where(Participant.workshop_id == workshop.id, Participant.removed_at.is_(None))
        .group_by(Participant.group_id)
    )
    rows = db.session.execute(statement)
    return {group_id: count for group_id, count in rows if group_id is not None}


def group_has_notes(group: Group) -> bool:
    statement = select(Note.id).where(Note.group_id == group.id).limit(1)
    return db.session.scalar(statement) is not None


# --- which questions a group works on ---


def choose_group_questions(
    group: Group, all_questions: bool, question_ids=(), section_ids=()
) -> Group:
    """All questions (also ones added later), or the chosen ones; a section means all under it."""
    if all_questions:
        group.all_questions = True
        group.chosen_questions = []
        group.chosen_sections = []
        # The group's page shows other questions now: it draws them again.
        outline_service.commit_outline(group.workshop_id)
        return group
    workshop = db.session.get_one(Workshop, group.workshop_id)
    chosen = chosen_question_ids(workshop, question_ids, section_ids)
    if not chosen:
        raise DomainError(
            "no_questions_chosen",
            _l("Choose at least one question for the group, or all questions."),
            field="question_ids",
        )
    group.all_questions = False
    group.chosen_questions = list(
        db.session.scalars(select(Question).where(Question.id.in_(chosen)))
    )
    # Kept as chosen: the page shows them ticked, and a question added under one is the group's.
    section_ids = {int(id_) for id_ in section_ids}
    group.chosen_sections = list(
        db.session.scalars(select(Section).where(Section.id.in_(section_ids)))
    )
    outline_service.commit_outline(group.workshop_id)
    return group


def chosen_question_ids(workshop: Workshop, question_ids, section_ids) -> list[int]:
    """The ids chosen directly or through their section, in outline order; unknown ids refused."""
    outline = outline_service.numbered_outline(workshop)
    wanted = {int(id_) for id_ in question_ids}
    known = {question["id"] for question in outline_service.outline_questions(outline)}
    if wanted - known:
        raise unknown_choice("question_ids")
    for section_id in section_ids:
        node = outline_service.find_section_node(outline, int(section_id))
        if node is None:
            raise unknown_choice("section_ids")
        wanted.update(question["id"] for question in outline_service.outline_questions([node]))
    return [q["id"] for q in outline_service.outline_questions(outline) if q["id"] in wanted]


def unknown_choice(field: str) -> DomainError:
    return DomainError(
        "invalid_input",
        _l("Choose questions and headings of this workshop's outline."),
        field=field,
    )


def group_question_ids(group: Group, outline: list[dict]) -> list[int]:
    """The ids of the questions the group works on, in outline order."""
    chosen = {question.id for question in group.chosen_questions}
    return [
        question["id"]
        for question in outline_service.outline_questions(outline)
        if group.all_questions or question["id"] in chosen
    ]
