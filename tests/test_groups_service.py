"""Breakout groups: several at once in the meeting's language; rename, reorder, delete, choose."""

import pytest

from tests.outline_helpers import ISSUE_EXAMPLE
from workshop.extensions import db
from workshop.models import Conflict, DomainError, Note, Participant, Workshop
from workshop.models.base import utcnow
from workshop.models.group import GROUP_NAME_MAX
from workshop.services import groups as service
from workshop.services.outline import numbered_outline, outline_questions, top_sections
from workshop.services.outline_text import import_outline


@pytest.fixture
def workshop(app_ctx, make_workshop):
    workshop = db.session.get(Workshop, make_workshop(sections=(), groups=0))
    import_outline(workshop, ISSUE_EXAMPLE)
    return workshop


def names(workshop) -> list[str]:
    return [group.name for group in service.list_groups(workshop)]


def test_facilitator_creates_three_groups_at_once(workshop):
    created = service.create_groups(workshop, 3)
    assert [g.name for g in created] == ["Group 1", "Group 2", "Group 3"]
    assert [g.position for g in created] == [0, 1, 2]
    assert all(g.all_questions for g in created)


def test_more_groups_are_numbered_on_without_repeating_a_name(workshop):
    service.create_groups(workshop, 2)
    service.add_group(workshop, "Group 3")
    service.create_groups(workshop, 2)
    assert names(workshop) == ["Group 1", "Group 2", "Group 3", "Group 4", "Group 5"]


def test_group_limit_is_stated(workshop, monkeypatch):
    monkeypatch.setattr(service, "MAX_GROUPS", 4)
    service.create_groups(workshop, 3)
    with pytest.raises(Conflict) as caught:
        service.create_groups(workshop, 2)
    assert caught.value.code == "too_many_groups"
    assert "at most 4 groups; it has 3, and 2 more would make 5." in str(caught.value.message)
    assert len(names(workshop)) == 3


@pytest.mark.parametrize("count", [0, -1, "3", True, None])
def test_a_count_that_is_not_a_positive_number_is_refused(workshop, count):
    with pytest.raises(DomainError) as caught:
        service.create_groups(workshop, count)
    assert caught.value.details["field"] == "count"


def test_rename_trims_and_limits_the_name(workshop):
    group = service.add_group(workshop, "  Table   by the window ")
    assert group.name == "Table by the window"
    service.rename_group(group, "Bord ved vinduet 🪟")
    assert names(workshop) == ["Bord ved vinduet 🪟"]
    for bad in ("", "   ", "x" * (GROUP_NAME_MAX + 1), None):
        with pytest.raises(DomainError):
            service.rename_group(group, bad)


def test_groups_move_up_and_down(workshop):
    first, _second, third = service.create_groups(workshop, 3)
    service.move_group(third, "up")
    assert names(workshop) == ["Group 1", "Group 3", "Group 2"]
    service.move_group(first, "down")
    assert names(workshop) == ["Group 3", "Group 1", "Group 2"]
    with pytest.raises(Conflict):
        service.move_group(third, "up")


def test_an_empty_group_is_deleted_and_the_rest_close_up(workshop):
    _first, second, _third = service.create_groups(workshop, 3)
    service.delete_group(second)
    assert names(workshop) == ["Group 1", "Group 3"]
    assert [g.position for g in service.list_groups(workshop)] == [0, 1]


def test_a_group_with_participants_is_not_deleted(workshop):
    (group,) = service.create_groups(workshop, 1)
    participant = Participant(workshop_id=workshop.id, group_id=group.id, token_hash="x" * 64)
    db.session.add(participant)
    db.session.commit()
    with pytest.raises(Conflict) as caught:
        service.delete_group(group)
    assert caught.value.code == "group_has_participants"
    # A participant the facilitator removed does not hold the group back.
    participant.removed_at = utcnow()
    db.session.commit()
    service.delete_group(group)
    assert names(workshop) == []


def test_a_group_with_notes_is_not_deleted(workshop):
    (group,) = service.create_groups(workshop, 1)
    question = outline_questions(numbered_outline(workshop))[0]
    db.session.add(
        Note(
            id="7d1c0b9e-0000-4000-8000-000000000001",
            workshop_id=workshop.id,
            question_id=question["id"],
            group_id=group.id,
            text="Said in the group",
        )
    )
    db.session.commit()
    with pytest.raises(Conflict) as caught:
        service.delete_group(group)
    assert caught.value.code == "group_has_notes"


def test_choosing_a_section_means_its_questions_including_blocks(workshop):
    (group,) = service.create_groups(workshop, 1)
    outline = numbered_outline(workshop)
    national = top_sections(workshop)[1]
    first_question = outline[0]["questions"][0]["id"]
    service.choose_group_questions(group, False, [first_question], [national.id])
    assert group.all_questions is False
    chosen = service.group_question_ids(group, numbered_outline(workshop))
    every = [q["id"] for q in outline_questions(outline)]
    assert chosen == [every[0], *every[3:]]
    service.choose_group_questions(group, True)
    assert group.all_questions is True
    assert service.group_question_ids(group, numbered_outline(workshop)) == every


def test_choosing_nothing_or_another_workshops_questions_is_refused(workshop, make_workshop):
    (group,) = service.create_groups(workshop, 1)
    with pytest.raises(DomainError) as caught:
        service.choose_group_questions(group, False, [], [])
    assert caught.value.code == "no_questions_chosen"
    with pytest.raises(DomainError) as caught:
        service.choose_group_questions(group, False, [999_999])
    assert caught.value.details["field"] == "question_ids"
    with pytest.raises(DomainError) as caught:
        service.choose_group_questions(group, False, [], [999_999])
    assert caught.value.details["field"] == "section_ids"
    assert group.all_questions is True


@pytest.mark.parametrize(
    ("language", "word"), [("da", "Gruppe"), ("nb", "Gruppe"), ("en", "Group")]
)
def test_groups_are_named_in_the_meetings_language_not_the_facilitators(
    app, make_workshop, language, word
):
    """The shipped catalogs, not a test's own: the string must be extracted and translated."""
    workshop_id = make_workshop(language=language, groups=0)
    with app.test_request_context(headers={"Accept-Language": "en"}):
        workshop = db.session.get(Workshop, workshop_id)
        created = [g.name for g in service.create_groups(workshop, 2)]
    assert created == [f"{word} 1", f"{word} 2"]
