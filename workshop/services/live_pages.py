"""What the live pages show on load: the outline a group works on, notes, seq, presence, room."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from workshop.extensions import db
from workshop.models import Facilitator, Group, NotFound, Participant, Workshop
from workshop.services import access, changes, displays, groups, joining, presence, room_state
from workshop.services import outline as outline_service


@dataclass(frozen=True)
class ParticipantPage:
    workshop: Workshop
    participant: Participant
    group: Group | None
    outline: list[dict]  # the group's questions
    notes: list[dict]
    last_seq: int
    online: int
    room: dict
    # The whole numbered outline: built once for the page (the room and the plenary use it too).
    numbered_outline: list[dict]


@dataclass(frozen=True)
class DashboardPage:
    workshop: Workshop
    groups: list[Group]
    outline: list[dict]
    questions: list[dict]
    question_ids_by_group: dict[int, list[int]]
    notes: list[dict]
    last_seq: int
    online: dict[str, int]
    online_names: dict[str, list[str]]
    room: dict


def participant_page(participant: Participant) -> ParticipantPage:
    """The participant's group page: its questions, numbered as in the outline, and its notes."""
    workshop = joining.participant_workshop(participant)
    group = participant.group
    outline = outline_service.numbered_outline(workshop)
    question_ids = set(groups.group_question_ids(group, outline)) if group else set()
    viewer = changes.viewer_of(participant, workshop)
    snapshot = changes.notes_snapshot(workshop, viewer)
    online = presence.online_counts(workshop.id, group.id)["online"] if group else {}
    return ParticipantPage(
        workshop=workshop,
        participant=participant,
        group=group,
        outline=outline_service.outline_with_questions(outline, question_ids),
        notes=snapshot["notes"],
        last_seq=snapshot["last_seq"],
        online=online.get(str(group.id), 0) if group else 0,
        room=room_state.room_state(workshop, viewer, outline),
        numbered_outline=outline,
    )


def online_names(workshop: Workshop) -> dict[str, list[str]]:
    """The names of the participants online now, per group id (as a string, like presence)."""
    names: dict[str, list[str]] = {}
    for roster in joining.participants_by_group(workshop):
        if roster.group is None:
            continue
        names[str(roster.group.id)] = [
            member.participant.display_name for member in roster.members if member.online
        ]
    return names


def workshop_run_by(facilitator, workshop_id: int) -> Workshop | None:
    """The workshop if this (possibly anonymous) user runs it, else None."""
    try:
        return access.get_workshop_for(facilitator, workshop_id)
    except NotFound:
        return None


def presence_names(facilitator: Facilitator, workshop_id: int) -> dict:
    """For the dashboard: participants online per group, as counts and by name."""
    workshop = access.get_workshop_for(facilitator, workshop_id)
    return {**presence.online_counts(workshop.id), "names": online_names(workshop)}


def dashboard_page(facilitator: Facilitator, workshop_id: int) -> DashboardPage:
    """The facilitator's live dashboard: every group, every question, every note."""
    drawn = dashboard_outline(facilitator, workshop_id)
    workshop = drawn.workshop
    snapshot = changes.notes_snapshot(workshop, changes.viewer_of(facilitator, workshop))
    return DashboardPage(
        **vars(drawn),
        notes=snapshot["notes"],
        last_seq=snapshot["last_seq"],
        online=presence.online_counts(workshop.id)["online"],
        online_names=online_names(workshop),
    )


@dataclass(frozen=True)
class DashboardOutline:
    """What the dashboard draws its questions from; read again after an outline change."""

    workshop: Workshop
    groups: list[Group]
    outline: list[dict]
    questions: list[dict]
    question_ids_by_group: dict[int, list[int]]
    room: dict  # the room's steps, locks and plenary name questions by id, the outline's


def dashboard_outline(facilitator: Facilitator, workshop_id: int) -> DashboardOutline:
    """The dashboard's questions as they are now: the outline, who works on what, the room."""
    workshop = access.get_workshop_for(facilitator, workshop_id)
    outline = outline_service.numbered_outline(workshop)
    workshop_groups = groups.list_groups(workshop)
    viewer = changes.viewer_of(facilitator, workshop)
    return DashboardOutline(
        workshop=workshop,
        groups=workshop_groups,
        outline=outline,
        questions=outline_service.outline_questions(outline),
        question_ids_by_group={
            group.id: groups.group_question_ids(group, outline) for group in workshop_groups
        },
        room=room_state.room_state(workshop, viewer, outline),
    )


@dataclass(frozen=True)
class ProjectorPage:
    workshop: Workshop
    groups: list[dict]
    questions: list[dict]
    notes: list[dict]
    last_seq: int
    room: dict


def projector_page(workshop: Workshop) -> ProjectorPage:
    """The room's screen: every group's notes (names only if the workshop is named), the room."""
    viewer = changes.Viewer(workshop.id, display=True)
    outline = outline_service.numbered_outline(workshop)
    snapshot = changes.notes_snapshot(workshop, viewer)
    room = room_state.room_state(workshop, viewer, outline)
    return ProjectorPage(
        workshop=workshop,
        groups=room.get("groups", []),
        questions=outline_service.outline_questions(outline),
        notes=snapshot["notes"],
        last_seq=snapshot["last_seq"],
        room=room,
    )


@dataclass(frozen=True)
class ProjectorQuestions:
    """What the projector draws its questions from; read again after an outline change."""

    workshop: Workshop
    outline: list[dict]
    questions: list[dict]
    room: dict  # its steps' and the plenary's questions follow the outline


def projector_questions(workshop: Workshop) -> ProjectorQuestions:
    """The projector's questions as they are now, and the room that names them."""
    outline = outline_service.numbered_outline(workshop)
    viewer = changes.Viewer(workshop.id, display=True)
    return ProjectorQuestions(
        workshop=workshop,
        outline=outline,
        questions=outline_service.outline_questions(outline),
        room=room_state.room_state(workshop, viewer, outline),
    )


def projector_for_facilitator(facilitator: Facilitator, workshop_id: int) -> ProjectorPage:
    return projector_page(access.get_workshop_for(facilitator, workshop_id))


def projector_for_link(token: str) -> ProjectorPage:
    """The projector a display link opens; a revoked or unknown link is not found."""
    return projector_page(workshop_of_display_link(token))


def workshop_of_display_link(token: str) -> Workshop:
    """The workshop a display link shows; a revoked or unknown link is not found."""
    link = displays.link_for_token(token)
    workshop = db.session.get(Workshop, link.workshop_id) if link is not None else None
    if workshop is None:
        raise NotFound("display_link_not_found", _l("This display link is not valid."))
    return workshop
