"""The demo workshop: a newcomer sees a real, live strategy afternoon at once."""

from tests.outline_helpers import ISSUE_EXAMPLE
from workshop.extensions import db
from workshop.models import Change, Facilitator, Group, Note, Participant, Workshop
from workshop.services import live, plan, room
from workshop.services.demo import DEMO_EMAIL, DEMO_TITLE, load_demo
from workshop.services.outline_text import export_outline
from workshop.services.room_state import plan_for, timer_dict


def test_demo_is_a_live_workshop_with_the_issue_outline_groups_people_and_notes(
    app_ctx, make_facilitator
):
    owner_id = make_facilitator()
    workshop = load_demo(owner_id)
    assert (workshop.title, workshop.owner_id, workshop.status, workshop.language) == (
        DEMO_TITLE,
        owner_id,
        "live",
        "en",
    )
    assert export_outline(workshop) == ISSUE_EXAMPLE
    groups = db.session.scalars(db.select(Group).where(Group.workshop_id == workshop.id)).all()
    assert [g.name for g in sorted(groups, key=lambda g: g.position)] == [
        "Group 1",
        "Group 2",
        "Group 3",
    ]
    assert all(len([p for p in g.participants if p.is_active]) == 3 for g in groups)
    notes = db.session.scalars(db.select(Note).where(Note.workshop_id == workshop.id)).all()
    assert len(notes) >= 15
    assert len({note.question_id for note in notes}) == 7
    assert all(note.participant.group_id == note.group_id for note in notes)


def test_every_demo_note_is_in_the_change_feed_with_its_own_seq(app_ctx, make_facilitator):
    workshop = load_demo(make_facilitator())
    changes = db.session.scalars(
        db.select(Change).where(Change.workshop_id == workshop.id).order_by(Change.seq)
    ).all()
    assert [c.seq for c in changes] == list(range(1, len(changes) + 1))
    assert workshop.last_seq == len(changes)
    added = [c for c in changes if c.kind == "note:added"]
    notes = db.session.scalars(db.select(Note).where(Note.workshop_id == workshop.id)).all()
    assert sorted(c.note_id for c in added) == sorted(n.id for n in notes)
    assert all(c.payload["note"]["id"] == c.note_id for c in added)
    assert {n.seq for n in notes} == {c.seq for c in added}
    others = [c.kind for c in changes if c.kind != "note:added"]
    assert others == ["plan:changed"] * 3 + ["workshop:status"]


def test_the_demo_plan_is_timed_so_that_starting_it_starts_the_step_timer(
    app_ctx, make_facilitator
):
    workshop = load_demo(make_facilitator())
    steps = plan.read_plan(workshop)["steps"]
    assert [(s["kind"], s["duration_minutes"]) for s in steps] == [
        ("group_round", 25),
        ("group_round", 25),
        ("plenary", 20),
    ]
    live.write_live(workshop.id, lambda: room.start_plan(workshop))
    timer = timer_dict(plan_for(workshop))
    assert (timer["state"], timer["duration_ms"]) == ("running", 25 * 60_000)


def test_loading_the_demo_again_gives_the_same_workshop_unless_asked_for_another(
    app_ctx, make_facilitator
):
    owner_id = make_facilitator()
    first = load_demo(owner_id)
    assert load_demo(owner_id).id == first.id
    second = load_demo(owner_id, again=True)
    assert second.id != first.id
    assert second.join_code != first.join_code
    count = db.session.scalar(db.select(db.func.count(Workshop.id)))
    assert count == 2


def test_demo_goes_to_the_first_facilitator_by_default(app_ctx, make_facilitator):
    first_id = make_facilitator()
    make_facilitator()
    assert load_demo().owner_id == first_id
    assert db.session.scalar(db.select(Facilitator).where(Facilitator.email == DEMO_EMAIL)) is None


def test_without_any_facilitator_the_demo_belongs_to_a_demo_account(app_ctx):
    workshop = load_demo()
    owner = db.session.get(Facilitator, workshop.owner_id)
    assert owner.email == DEMO_EMAIL
    assert load_demo().id == workshop.id
    assert db.session.scalar(db.select(db.func.count(Participant.id))) == 9
