"""Joining services: codes, the rate limit, group placement per mode, moving and removing."""

from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from workshop.extensions import db
from workshop.models import (
    Connection,
    DomainError,
    FailedAttempt,
    Group,
    Participant,
    Question,
    Section,
    Workshop,
)
from workshop.models.base import utcnow
from workshop.models.group import PARTICIPANT_NAME_MAX
from workshop.services import access, assignments, joining

ADDRESS = "192.0.2.10"


# SQLite takes the write lock at BEGIN: every test makes its workshops (in their own app
# context) before its first query in the test's app context.


@pytest.fixture
def workshop_of(app, app_ctx):
    """Load a workshop made by make_workshop inside the test's app context."""

    def load(workshop_id: int) -> Workshop:
        return db.session.get(Workshop, workshop_id)

    return load


def group_ids_of(_app, workshop_id: int) -> list[int]:
    return list(
        db.session.scalars(
            select(Group.id).where(Group.workshop_id == workshop_id).order_by(Group.position)
        )
    )


def join_code_of(_app, workshop_id: int) -> str:
    return db.session.get(Workshop, workshop_id).join_code


def refused(call, *args, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as raised:
        call(*args, **kwargs)
    return raised.value


def test_code_typed_in_lower_case_with_spaces_and_dashes_finds_the_workshop(
    app, make_workshop, workshop_of
):
    workshop_id = make_workshop()
    code = join_code_of(app, workshop_id)
    typed = f" {code[:3].lower()}-{code[3:].lower()} "
    assert joining.find_workshop_by_code(typed, ADDRESS).id == workshop_id
    assert joining.normalise_join_code(" ab c-de\u2013f ") == "ABCDEF"


def test_unknown_and_malformed_codes_get_the_same_generic_error(app, make_workshop, app_ctx):
    make_workshop()
    unknown = refused(joining.find_workshop_by_code, "ZZZZZZ", ADDRESS)
    malformed = refused(joining.find_workshop_by_code, "O0-1I!", ADDRESS)
    empty = refused(joining.find_workshop_by_code, "", ADDRESS)
    assert {unknown.code, malformed.code, empty.code} == {"join_code_invalid"}
    assert str(unknown.message) == str(malformed.message)
    assert unknown.status == 404


def test_right_code_of_a_closed_workshop_says_it_is_closed(app, make_workshop, app_ctx):
    workshop_id = make_workshop(status="closed")
    error = refused(joining.find_workshop_by_code, join_code_of(app, workshop_id), ADDRESS)
    assert error.code == "workshop_closed"
    assert "closed" in str(error.message)


def test_wrong_codes_are_rate_limited_per_address(app, make_workshop, app_ctx):
    app.config["JOIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE"] = 3
    code = join_code_of(app, make_workshop())
    for _attempt in range(3):
        refused(joining.find_workshop_by_code, "WRONG2", ADDRESS)
    error = refused(joining.find_workshop_by_code, code, ADDRESS)
    assert error.code == "too_many_attempts"
    assert error.status == 429
    assert "from your network" in str(error.message)
    # Someone else elsewhere is not punished for the guesser's attempts.
    assert joining.find_workshop_by_code(code, "192.0.2.99").join_code == code


def test_one_browsers_typos_do_not_lock_out_the_room_at_its_address(app, make_workshop, app_ctx):
    app.config["JOIN_ATTEMPTS_PER_MINUTE"] = 2
    app.config["JOIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE"] = 5
    code = join_code_of(app, make_workshop())
    for _attempt in range(2):
        refused(joining.find_workshop_by_code, "WRONG2", ADDRESS, "laptop-1")
    error = refused(joining.find_workshop_by_code, code, ADDRESS, "laptop-1")
    assert error.code == "too_many_attempts"
    assert "You have typed too many wrong join codes" in str(error.message)
    # The next laptop in the same room (same address) joins with the right code.
    assert joining.find_workshop_by_code(code, ADDRESS, "laptop-2").join_code == code
    # Three more wrong codes from other browsers reach the address's ceiling: the whole address
    # waits, whichever browser asks (a guesser who drops cookies gets a new key each time).
    for laptop in ("laptop-3", "laptop-4", "laptop-5"):
        refused(joining.find_workshop_by_code, "WRONG2", ADDRESS, laptop)
    ceiling = refused(joining.find_workshop_by_code, code, ADDRESS, "laptop-6")
    assert ceiling.code == "too_many_attempts"
    assert "from your network" in str(ceiling.message)


def test_rate_limit_lifts_after_a_minute(app, make_workshop, app_ctx):
    app.config["JOIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE"] = 2
    code = join_code_of(app, make_workshop())
    for _attempt in range(2):
        refused(joining.find_workshop_by_code, "WRONG2", ADDRESS)
    db.session.execute(
        update(FailedAttempt).values(attempted_at=utcnow() - timedelta(minutes=1, seconds=5))
    )
    db.session.commit()
    assert joining.find_workshop_by_code(code, ADDRESS).join_code == code


def test_right_codes_do_not_count_towards_the_limit(app, make_workshop, app_ctx):
    app.config["JOIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE"] = 2
    code = join_code_of(app, make_workshop())
    for _attempt in range(5):
        joining.find_workshop_by_code(code, ADDRESS)
    assert db.session.scalar(select(db.func.count()).select_from(FailedAttempt)) == 0


def test_named_workshop_requires_a_name_within_the_limit(make_workshop, workshop_of):
    workshop = workshop_of(make_workshop(group_mode="balanced_random"))
    assert refused(joining.join_workshop, workshop, "   ").code == "name_required"
    too_long = refused(joining.join_workshop, workshop, "x" * (PARTICIPANT_NAME_MAX + 1))
    assert too_long.code == "name_too_long"
    assert str(PARTICIPANT_NAME_MAX) in str(too_long.message)
    participant, _token = joining.join_workshop(workshop, "x" * PARTICIPANT_NAME_MAX)
    assert len(participant.display_name) == PARTICIPANT_NAME_MAX


def test_non_ascii_names_round_trip_exactly(make_workshop, workshop_of):
    workshop = workshop_of(make_workshop(group_mode="balanced_random"))
    name = "Åse Ødegård 😀 مرحبا"
    _participant, token = joining.join_workshop(workshop, f"  {name} ")
    db.session.expire_all()
    assert access.participant_for_token(token).display_name == name


def test_fully_anonymous_workshop_stores_no_name(make_workshop, workshop_of):
    workshop = workshop_of(make_workshop(anonymity="anonymous", group_mode="balanced_random"))
    participant, token = joining.join_workshop(workshop, "Ada Lovelace")
    assert participant.display_name == ""
    assert token.startswith("wsp_")
    assert access.participant_for_token(token).id == participant.id


def test_anonymous_to_peers_workshop_still_asks_for_a_name(make_workshop, workshop_of):
    workshop = workshop_of(
        make_workshop(anonymity="anonymous_to_peers", group_mode="balanced_random")
    )
    assert refused(joining.join_workshop, workshop, "").code == "name_required"


def test_self_select_places_the_participant_in_the_chosen_group(app, make_workshop, workshop_of):
    workshop_id = make_workshop(groups=3)
    chosen = group_ids_of(app, workshop_id)[2]
    participant, _token = joining.join_workshop(workshop_of(workshop_id), "Ada", chosen)
    assert participant.group_id == chosen
    assert joining.placement_of(workshop_of(workshop_id), participant) == "chosen"


def test_self_select_refuses_no_group_and_another_workshops_group(app, make_workshop, workshop_of):
    workshop_id, other_id = make_workshop(groups=2), make_workshop(groups=1)
    workshop = workshop_of(workshop_id)
    elsewhere = group_ids_of(app, other_id)[0]
    assert refused(joining.join_workshop, workshop, "Ada").code == "group_required"
    assert refused(joining.join_workshop, workshop, "Ada", elsewhere).code == "group_not_found"


def test_self_select_with_a_single_group_needs_no_choice(app, make_workshop, workshop_of):
    workshop_id = make_workshop(groups=1)
    participant, _token = joining.join_workshop(workshop_of(workshop_id), "Ada")
    assert participant.group_id == group_ids_of(app, workshop_id)[0]


def test_balanced_random_fills_the_smallest_group_first(app, make_workshop, workshop_of):
    workshop_id = make_workshop(groups=3, group_mode="balanced_random")
    workshop = workshop_of(workshop_id)
    for number in range(7):
        joining.join_workshop(workshop, f"Person {number}", group_id=None)
    sizes = Counter(p.group_id for p in db.session.scalars(select(joining.Participant)))
    assert sorted(sizes.values()) == [2, 2, 3]
    assert set(sizes) == set(group_ids_of(app, workshop_id))


def test_balanced_random_breaks_a_tie_at_random(app, make_workshop, workshop_of):
    # Twelve empty workshops of three groups: were ties always broken the same way, every first
    # participant would land in the same group (by chance: 3 in 531,441).
    workshop_ids = [make_workshop(groups=3, group_mode="balanced_random") for _ in range(12)]
    positions = set()
    for workshop_id in workshop_ids:
        first, _ = joining.join_workshop(workshop_of(workshop_id), "First")
        positions.add(group_ids_of(app, workshop_id).index(first.group_id))
    assert len(positions) > 1


def test_balanced_random_ignores_removed_participants(app, make_workshop, workshop_of):
    workshop_id = make_workshop(groups=2, group_mode="balanced_random")
    workshop = workshop_of(workshop_id)
    first, _ = joining.join_workshop(workshop, "First")
    second, _ = joining.join_workshop(workshop, "Second")
    assert first.group_id != second.group_id
    joining.remove_participant(workshop, first.id)
    third, _ = joining.join_workshop(workshop, "Third")
    assert third.group_id == first.group_id


def test_assigned_mode_places_listed_names_whatever_their_case(app, make_workshop, workshop_of):
    workshop_id = make_workshop(groups=3, group_mode="assigned")
    workshop = workshop_of(workshop_id)
    one, two, _three = group_ids_of(app, workshop_id)
    assignments.set_group_assignments(workshop, {one: ["Åse Ødegård"], two: ["Bob Berg", ""]})
    listed, _ = joining.join_workshop(workshop, "  åse ødegård ")
    assert listed.group_id == one
    assert joining.placement_of(workshop, listed) == "listed"
    assert joining.join_workshop(workshop, "BOB  BERG")[0].group_id == two


def test_assigned_mode_puts_someone_not_on_the_list_in_the_smallest_group(
    app, make_workshop, workshop_of
):
    workshop_id = make_workshop(groups=2, group_mode="assigned")
    workshop = workshop_of(workshop_id)
    one, two = group_ids_of(app, workshop_id)
    assignments.set_group_assignments(workshop, {one: ["Ada"], two: []})
    joining.join_workshop(workshop, "Ada")
    stranger, _ = joining.join_workshop(workshop, "Carol")
    assert stranger.group_id == two
    assert joining.placement_of(workshop, stranger) == "unlisted"


def test_assignment_list_refuses_a_name_in_two_groups_and_keeps_the_old_list(
    app, make_workshop, workshop_of
):
    workshop_id = make_workshop(groups=2, group_mode="assigned")
    workshop = workshop_of(workshop_id)
    one, two = group_ids_of(app, workshop_id)
    assignments.set_group_assignments(workshop, {one: ["Ada"]})
    error = refused(assignments.set_group_assignments, workshop, {one: ["Bob"], two: ["BOB"]})
    assert error.code == "assignment_duplicate"
    assert assignments.group_assignments(workshop) == {one: ["Ada"]}


def test_assignment_list_refuses_long_names_and_foreign_groups(app, make_workshop, workshop_of):
    workshop_id, other_id = make_workshop(groups=1, group_mode="assigned"), make_workshop(groups=1)
    workshop = workshop_of(workshop_id)
    (one,) = group_ids_of(app, workshop_id)
    elsewhere = group_ids_of(app, other_id)[0]
    long_name = "x" * (PARTICIPANT_NAME_MAX + 1)
    assert refused(assignments.set_group_assignments, workshop, {one: [long_name]}).code == (
        "name_too_long"
    )
    assert refused(assignments.set_group_assignments, workshop, {elsewhere: ["Ada"]}).code == (
        "group_not_found"
    )
    assert assignments.group_assignments(workshop) == {}


def test_joining_a_workshop_without_groups_is_refused_clearly(make_workshop, workshop_of):
    workshop = workshop_of(make_workshop(groups=0))
    assert refused(joining.join_workshop, workshop, "Ada").code == "no_groups"


def test_joining_a_closed_workshop_is_refused(make_workshop, workshop_of):
    workshop = workshop_of(make_workshop(status="closed", group_mode="balanced_random"))
    assert refused(joining.join_workshop, workshop, "Ada").code == "workshop_closed"


def test_moved_participant_is_in_the_new_group(app, make_workshop, workshop_of):
    workshop_id = make_workshop(groups=2)
    workshop = workshop_of(workshop_id)
    one, two = group_ids_of(app, workshop_id)
    participant, _ = joining.join_workshop(workshop, "Ada", one)
    joining.move_participant(workshop, participant.id, two)
    assert participant.group_id == two


def test_what_a_join_read_and_wrote_is_the_sessions_own_and_saves_changes(
    app, make_workshop, workshop_of
):
    """The join builds its workshop, group and participant from rows, as if the ORM had loaded
    them: they are the session's own objects, and a change made to them afterwards is saved."""
    workshop_id = make_workshop(groups=2)
    chosen = group_ids_of(app, workshop_id)[1]
    code = join_code_of(app, workshop_id)
    db.session.expunge_all()  # nothing held: the join makes each object from its row
    workshop = joining.find_workshop_by_code(code, ADDRESS)
    assert workshop is db.session.get(Workshop, workshop_id)
    participant, _token = joining.join_workshop(workshop, "Ada", chosen)
    assert participant.group is db.session.get(Group, chosen)
    assert participant.group.name == "Group 2"
    assert db.session.get(Participant, participant.id) is participant
    participant_id = participant.id
    participant.display_name = "Ada L."
    workshop.title = "Renamed"
    db.session.commit()
    db.session.expunge_all()
    stored = db.session.get(Participant, participant_id)
    assert (stored.display_name, stored.group_id) == ("Ada L.", chosen)
    assert db.session.get(Workshop, workshop_id).title == "Renamed"


def test_participant_cannot_be_moved_to_another_workshops_group(app, make_workshop, workshop_of):
    workshop_id, other_id = make_workshop(groups=2), make_workshop(groups=1)
    workshop = workshop_of(workshop_id)
    participant, _ = joining.join_workshop(workshop, "Ada", group_ids_of(app, workshop_id)[0])
    elsewhere = group_ids_of(app, other_id)[0]
    error = refused(joining.move_participant, workshop, participant.id, elsewhere)
    assert error.code == "group_not_found"


def test_removed_participants_token_stops_working(app, make_workshop, workshop_of):
    workshop = workshop_of(make_workshop(groups=1))
    participant, token = joining.join_workshop(workshop, "Ada")
    joining.remove_participant(workshop, participant.id)
    assert access.participant_for_token(token) is None
    assert refused(joining.remove_participant, workshop, participant.id).code == (
        "participant_not_found"
    )
    assert all(not roster.members for roster in joining.participants_by_group(workshop))


def test_roster_lists_participants_per_group_with_presence(app, make_workshop, workshop_of):
    workshop_id = make_workshop(groups=2)
    workshop = workshop_of(workshop_id)
    one, two = group_ids_of(app, workshop_id)
    ada, _ = joining.join_workshop(workshop, "Ada", one)
    joining.join_workshop(workshop, "Bob", one)
    joining.join_workshop(workshop, "Cy", two)
    db.session.add(Connection(sid="sid-ada", workshop_id=workshop_id, participant_id=ada.id))
    db.session.commit()
    rosters = joining.participants_by_group(workshop)
    assert [r.group.id for r in rosters] == [one, two]
    first = {m.participant.display_name: m.online for m in rosters[0].members}
    assert first == {"Ada": True, "Bob": False}
    assert [m.participant.display_name for m in rosters[1].members] == ["Cy"]
    assert rosters[0].members[1].last_seen_at is not None


def test_participants_whose_group_was_deleted_are_listed_apart(app, make_workshop, workshop_of):
    workshop_id = make_workshop(groups=2)
    workshop = workshop_of(workshop_id)
    one, _two = group_ids_of(app, workshop_id)
    joining.join_workshop(workshop, "Ada", one)
    db.session.delete(db.session.get(Group, one))
    db.session.commit()
    rosters = joining.participants_by_group(workshop)
    assert rosters[-1].group is None
    assert [m.participant.display_name for m in rosters[-1].members] == ["Ada"]


def test_participant_outline_holds_only_the_groups_questions(app, make_workshop, workshop_of):
    workshop_id = make_workshop(sections=("International", "National"), questions=2, groups=1)
    workshop = workshop_of(workshop_id)
    participant, _ = joining.join_workshop(workshop, "Ada")
    everything = joining.outline_for_participant(participant)
    assert [len(section["questions"]) for section in everything] == [2, 2]
    national = db.session.scalars(
        select(Question)
        .join(Section)
        .where(Section.heading == "National")
        .order_by(Question.position)
    ).all()
    group = participant.group
    group.all_questions = False
    group.chosen_questions = [national[1]]
    db.session.commit()
    outline = joining.outline_for_participant(participant)
    assert [section["heading"] for section in outline] == ["National"]
    assert [(q["id"], q["label"]) for q in outline[0]["questions"]] == [(national[1].id, "2.")]
