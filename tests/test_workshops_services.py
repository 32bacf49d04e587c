"""Workshop services: create, list, edit, duplicate, delete, sharing, and the lifecycle."""

import uuid
from datetime import date

import pytest
from sqlalchemy import select

from workshop.extensions import db
from workshop.models import (
    Change,
    DomainError,
    Facilitator,
    Group,
    Note,
    Participant,
    Question,
    Section,
    Workshop,
)
from workshop.models.workshop import JOIN_CODE_ALPHABET, LONG_TEXT_MAX, SHORT_TEXT_MAX, TITLE_MAX
from workshop.services import lifecycle, workshops

RTL_AND_EMOJI = "Strategi for æøå ÆØÅ — مرحبا بالعالم 🎉🇳🇴"


@pytest.fixture
def people(app_ctx, make_facilitator):
    """Three facilitators: owner, co (to be invited) and stranger."""
    ids = [
        make_facilitator(email=f"{who}@example.org", name=who.title())
        for who in ("owner", "co", "stranger")
    ]
    return [db.session.get(Facilitator, i) for i in ids]


def new_workshop(owner, **fields) -> Workshop:
    return workshops.create_workshop(owner, {"title": "Strategy", **fields})


def test_new_workshop_is_a_draft_with_a_readable_join_code(people):
    owner = people[0]
    workshop = new_workshop(owner, date=date(2025, 3, 14), language="nb", group_mode="assigned")
    assert workshop.status == "draft"
    assert workshop.owner_id == owner.id
    assert workshop.date == date(2025, 3, 14)
    assert len(workshop.join_code) == 6
    assert set(workshop.join_code) <= set(JOIN_CODE_ALPHABET)


def test_every_setting_round_trips_non_ascii_exactly(people):
    texts = {
        name: f"{RTL_AND_EMOJI} {name}"
        for name in ("title", "theme", "place", "document_number", "reference", "annex_title")
    }
    texts["annex_intro"] = "Første linje\nמשפט שני 🙂"
    workshop = new_workshop(people[0], **texts)
    db.session.expire_all()
    stored = db.session.get(Workshop, workshop.id)
    assert {name: getattr(stored, name) for name in texts} == texts


@pytest.mark.parametrize(
    ("field", "limit"),
    [
        ("title", TITLE_MAX),
        ("theme", SHORT_TEXT_MAX),
        ("place", SHORT_TEXT_MAX),
        ("document_number", SHORT_TEXT_MAX),
        ("reference", SHORT_TEXT_MAX),
        ("annex_title", TITLE_MAX),
        ("annex_intro", LONG_TEXT_MAX),
    ],
)
def test_oversize_text_is_refused_stating_its_limit(people, field, limit):
    with pytest.raises(DomainError) as refused:
        new_workshop(people[0], **{field: "x" * (limit + 1)})
    assert refused.value.details == {"field": field}
    assert f"{limit:,}" in str(refused.value.message)
    assert db.session.query(Workshop).count() == 0
    assert new_workshop(people[0], **{field: "x" * limit}).id


def test_empty_title_and_unknown_choices_are_refused(people):
    for fields in (
        {"title": "  "},
        {"language": "sv"},
        {"anonymity": "secret"},
        {"group_mode": "x"},
    ):
        with pytest.raises(DomainError):
            new_workshop(people[0], **fields)
    assert db.session.query(Workshop).count() == 0


def test_list_shows_own_and_shared_workshops_but_not_others(people):
    owner, co, stranger = people
    mine = new_workshop(owner, title="Mine")
    shared = new_workshop(stranger, title="Shared with owner")
    new_workshop(stranger, title="Not shared")
    workshops.add_co_facilitator(shared, stranger, "owner@example.org")
    assert {w.title for w in workshops.list_workshops(owner)} == {"Mine", "Shared with owner"}
    assert workshops.list_workshops(co) == []
    assert mine in workshops.list_workshops(owner)


def test_update_changes_only_given_settings(people):
    workshop = new_workshop(people[0], place="Oslo", theme="Rights")
    workshops.update_workshop(workshop, {"place": "København", "date": None})
    db.session.expire_all()
    stored = db.session.get(Workshop, workshop.id)
    assert (stored.place, stored.theme, stored.title) == ("København", "Rights", "Strategy")


def test_status_cannot_be_changed_as_a_setting(people):
    workshop = new_workshop(people[0])
    with pytest.raises(DomainError):
        workshops.update_workshop(workshop, {"status": "live"})
    assert workshop.status == "draft"


def build_prepared_workshop(owner) -> Workshop:
    """A live workshop with a two-level outline, groups (one limited to chosen questions),
    a participant, a note and a co-facilitator."""
    workshop = new_workshop(owner, title="Quarterly network meeting", annex_title="Annex 1")
    section = Section(workshop_id=workshop.id, heading="International", position=0)
    national = Section(workshop_id=workshop.id, heading="National", position=1)
    db.session.add_all([section, national])
    db.session.flush()
    block = Section(
        workshop_id=workshop.id,
        parent_id=national.id,
        heading="Strategically",
        prompt="How can the institute, strategically:",
        position=0,
        number_style="upper",
    )
    db.session.add(block)
    db.session.flush()
    questions = [
        Question(workshop_id=workshop.id, section_id=section.id, position=0, text="Who?"),
        Question(workshop_id=workshop.id, section_id=section.id, position=1, text="Why?"),
        Question(workshop_id=workshop.id, section_id=block.id, position=0, text="Secure 🛡?"),
    ]
    db.session.add_all(questions)
    db.session.flush()
    everything = Group(workshop_id=workshop.id, name="Group 1", position=0)
    limited = Group(workshop_id=workshop.id, name="Group 2", position=1, all_questions=False)
    limited.chosen_questions = [questions[2]]
    db.session.add_all([everything, limited])
    db.session.flush()
    participant = Participant(
        workshop_id=workshop.id, group_id=everything.id, display_name="Ada", token_hash="x" * 64
    )
    db.session.add(participant)
    db.session.flush()
    db.session.add(
        Note(
            id=str(uuid.uuid4()),
            workshop_id=workshop.id,
            question_id=questions[0].id,
            group_id=everything.id,
            participant_id=participant.id,
            text="A point",
        )
    )
    db.session.commit()
    lifecycle.change_status(workshop, "live")
    return workshop


def outline_of(workshop_id: int) -> list:
    sections = db.session.scalars(
        select(Section).where(Section.workshop_id == workshop_id).order_by(Section.id)
    )
    return [
        (
            s.heading,
            s.prompt,
            s.position,
            s.number_style,
            s.parent.heading if s.parent else None,
            [(q.text, q.position) for q in s.questions],
        )
        for s in sections
    ]


def groups_of(workshop_id: int) -> list:
    groups = db.session.scalars(
        select(Group).where(Group.workshop_id == workshop_id).order_by(Group.position)
    )
    return [
        (g.name, g.position, g.all_questions, sorted(q.text for q in g.chosen_questions))
        for g in groups
    ]


def test_duplicate_copies_settings_outline_and_groups_but_no_participants_or_notes(people):
    owner = people[0]
    original = build_prepared_workshop(owner)
    copy = workshops.duplicate_workshop(original, owner)

    assert copy.id != original.id
    assert copy.title == "Quarterly network meeting (copy)"
    assert copy.annex_title == "Annex 1"
    assert copy.status == "draft"
    assert copy.join_code != original.join_code
    assert outline_of(copy.id) == outline_of(original.id)
    assert groups_of(copy.id) == groups_of(original.id)
    copied_question_ids = set(
        db.session.scalars(select(Question.id).where(Question.workshop_id == copy.id))
    )
    for group in db.session.scalars(select(Group).where(Group.workshop_id == copy.id)):
        assert {q.id for q in group.chosen_questions} <= copied_question_ids
    assert db.session.query(Participant).filter_by(workshop_id=copy.id).count() == 0
    assert db.session.query(Note).filter_by(workshop_id=copy.id).count() == 0
    assert db.session.query(Change).filter_by(workshop_id=copy.id).count() == 0
    assert copy.co_facilitators == []
    # The original is untouched.
    assert db.session.query(Note).filter_by(workshop_id=original.id).count() == 1
    assert original.status == "live"


def test_co_facilitator_who_duplicates_owns_the_copy(people):
    owner, co, _stranger = people
    original = new_workshop(owner)
    workshops.add_co_facilitator(original, owner, "co@example.org")
    copy = workshops.duplicate_workshop(original, co)
    assert copy.owner_id == co.id


def test_copy_of_a_title_at_the_limit_stays_within_the_limit(people):
    original = new_workshop(people[0], title="t" * TITLE_MAX)
    assert len(workshops.duplicate_workshop(original, people[0]).title) == TITLE_MAX


def test_delete_removes_the_workshop_with_everything_in_it(people):
    owner = people[0]
    workshop = build_prepared_workshop(owner)
    workshop_id = workshop.id
    workshops.delete_workshop(workshop, owner)
    db.session.expire_all()
    assert db.session.get(Workshop, workshop_id) is None
    for model in (Section, Question, Group, Participant, Note, Change):
        assert db.session.query(model).filter_by(workshop_id=workshop_id).count() == 0


def test_only_the_owner_may_delete_or_manage_sharing(people):
    owner, co, _stranger = people
    workshop = new_workshop(owner)
    workshops.add_co_facilitator(workshop, owner, "co@example.org")
    for attempt in (
        lambda: workshops.delete_workshop(workshop, co),
        lambda: workshops.add_co_facilitator(workshop, co, "stranger@example.org"),
        lambda: workshops.remove_co_facilitator(workshop, co, co.id),
    ):
        with pytest.raises(DomainError) as refused:
            attempt()
        assert refused.value.status == 403
    assert db.session.get(Workshop, workshop.id) is not None
    assert workshop.co_facilitators == [co]


def test_sharing_finds_facilitators_by_email_in_any_case(people):
    owner, co, _stranger = people
    workshop = new_workshop(owner)
    added = workshops.add_co_facilitator(workshop, owner, "  CO@Example.org ")
    assert added.id == co.id
    assert workshop.can_be_run_by(co)
    workshops.remove_co_facilitator(workshop, owner, co.id)
    assert not workshop.can_be_run_by(co)


@pytest.mark.parametrize(
    ("email", "code"),
    [
        ("nobody@example.org", "facilitator_not_found"),
        ("owner@example.org", "already_owner"),
        ("co@example.org", "already_shared"),
    ],
)
def test_sharing_refuses_unknown_owner_and_repeated_people(people, email, code):
    owner = people[0]
    workshop = new_workshop(owner)
    workshops.add_co_facilitator(workshop, owner, "co@example.org")
    with pytest.raises(DomainError) as refused:
        workshops.add_co_facilitator(workshop, owner, email)
    assert refused.value.code == code
    assert len(workshop.co_facilitators) == 1


def test_status_change_is_recorded_in_the_change_feed(people):
    workshop = new_workshop(people[0])
    first = lifecycle.change_status(workshop, "live")
    second = lifecycle.change_status(workshop, "closed")
    assert (first.kind, first.payload, first.group_id) == (
        "workshop:status",
        {"status": "live"},
        None,
    )
    assert (first.seq, second.seq) == (1, 2)
    db.session.expire_all()
    assert db.session.get(Workshop, workshop.id).status == "closed"
    assert db.session.get(Workshop, workshop.id).last_seq == 2


def test_setting_the_same_status_changes_nothing(people):
    workshop = new_workshop(people[0])
    assert lifecycle.change_status(workshop, "draft") is None
    assert db.session.query(Change).count() == 0


def test_lifecycle_refuses_wrong_moves_and_unknown_statuses(people):
    workshop = new_workshop(people[0])
    with pytest.raises(DomainError) as refused:
        lifecycle.change_status(workshop, "closed")
    assert (refused.value.code, refused.value.status) == ("workshop_status_move", 409)
    with pytest.raises(DomainError) as unknown:
        lifecycle.change_status(workshop, "archived")
    assert unknown.value.code == "invalid_status"
    db.session.rollback()
    assert db.session.get(Workshop, workshop.id).status == "draft"
    assert db.session.query(Change).count() == 0


@pytest.mark.parametrize(
    "path",
    [("live",), ("live", "closed"), ("live", "closed", "live"), ("live", "draft")],
)
def test_lifecycle_allows_its_moves(people, path):
    workshop = new_workshop(people[0])
    for status in path:
        lifecycle.change_status(workshop, status)
    assert workshop.status == path[-1]
