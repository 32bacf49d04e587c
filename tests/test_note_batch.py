"""Group commit: notes written together share one transaction, yet each is answered on its own."""

import uuid

from tests.realtime_helpers import ids_of
from workshop.extensions import db
from workshop.models import (
    Change,
    Conflict,
    DomainError,
    Group,
    Note,
    Participant,
    Question,
    Workshop,
)
from workshop.models.base import utcnow
from workshop.models.room import Lock
from workshop.services import live
from workshop.services.kept_connections import kept_for
from workshop.services.note_batch import (
    AddedNote,
    IdentityChanged,
    NewNote,
    NoteDeletion,
    NoteEdit,
    add_notes,
)
from workshop.services.shares import set_share


def new_note(workshop_id, participant, question_id, text="A point", note_id=None):
    participant_id, group_id = participant
    return NewNote(
        workshop_id, participant_id, group_id, note_id or str(uuid.uuid4()), question_id, text
    )


def written_together(app, workshop_id, new_notes):
    """One batch, as the group commit writes it (inside the workshop's order, then published)."""
    with app.test_request_context(), live.in_order(workshop_id):
        return add_notes(workshop_id, new_notes)


def writer(app, make_participant, workshop_id, group_index=0, name="Ada"):
    """(participant id, group id) as the socket knows them."""
    participant_id, _token = make_participant(workshop_id, group_index, name)
    return participant_id, ids_of(app, Group, workshop_id)[group_index]


def test_a_batch_numbers_its_notes_gaplessly_and_refuses_a_bad_one_alone(
    app, make_workshop, make_participant
):
    workshop_id = make_workshop(status="live")
    first, locked, _third = ids_of(app, Question, workshop_id)
    ada = writer(app, make_participant, workshop_id, 0, "Ada")
    bo = writer(app, make_participant, workshop_id, 1, "Bo")
    with app.app_context():
        db.session.add(Lock(workshop_id=workshop_id, question_id=locked))
        db.session.commit()
    repeated = new_note(workshop_id, ada, first, "Said twice")
    batch = [
        new_note(workshop_id, ada, first, "One"),
        new_note(workshop_id, bo, locked, "Too late"),
        repeated,
        new_note(workshop_id, ada, first, "   "),
        repeated,
        new_note(workshop_id, bo, first, "Two"),
    ]

    outcomes = written_together(app, workshop_id, batch)

    one, too_late, said, empty, said_again, two = outcomes
    assert isinstance(too_late, Conflict) and too_late.code == "question_locked"
    assert isinstance(empty, DomainError) and empty.code == "note_empty"
    assert [o.result.seq for o in (one, said, two)] == [1, 2, 3]
    assert isinstance(said_again, AddedNote)
    assert (said_again.result.seq, said_again.result.created) == (2, False)
    assert said_again.result.note == said.result.note
    with app.app_context():
        assert db.session.scalars(db.select(Change.seq).order_by(Change.seq)).all() == [1, 2, 3]
        assert db.session.get(Workshop, workshop_id).last_seq == 3
        assert db.session.scalar(db.select(db.func.count(Note.id))) == 3


def test_a_removed_or_moved_writer_is_sent_back_to_be_read_again(
    app, make_workshop, make_participant
):
    workshop_id = make_workshop(status="live")
    question = ids_of(app, Question, workshop_id)[0]
    ada = writer(app, make_participant, workshop_id, 0, "Ada")
    bo = writer(app, make_participant, workshop_id, 0, "Bo")
    cy = writer(app, make_participant, workshop_id, 1, "Cy")
    with app.app_context():
        db.session.get(Participant, ada[0]).removed_at = utcnow()
        db.session.get(Participant, bo[0]).group_id = cy[1]
        db.session.commit()

    outcomes = written_together(
        app, workshop_id, [new_note(workshop_id, p, question) for p in (ada, bo, cy)]
    )

    assert [type(outcome) for outcome in outcomes] == [IdentityChanged, IdentityChanged, AddedNote]
    assert outcomes[2].result.seq == 1


def test_a_closed_workshop_refuses_new_notes_but_repeats_answer_as_before(
    app, make_workshop, make_participant
):
    workshop_id = make_workshop(status="live")
    question = ids_of(app, Question, workshop_id)[0]
    ada = writer(app, make_participant, workshop_id)
    earlier = new_note(workshop_id, ada, question, "Before closing")
    (first,) = written_together(app, workshop_id, [earlier])
    with app.app_context():
        db.session.get(Workshop, workshop_id).status = "closed"
        db.session.commit()

    repeat, late = written_together(
        app, workshop_id, [earlier, new_note(workshop_id, ada, question)]
    )

    assert repeat.result.seq == first.result.seq and not repeat.result.created
    assert isinstance(late, Conflict) and late.code == "workshop_closed"
    with app.app_context():
        assert db.session.get(Workshop, workshop_id).last_seq == 1


def test_edits_and_deletions_in_one_batch_each_get_their_own_answer(
    app, make_workshop, make_participant
):
    workshop_id = make_workshop(status="live")
    question = ids_of(app, Question, workshop_id)[0]
    ada = writer(app, make_participant, workshop_id, 0, "Ada")
    bo = writer(app, make_participant, workshop_id, 0, "Bo")
    ada_note = new_note(workshop_id, ada, question, "First words")
    bo_note = new_note(workshop_id, bo, question, "Bo's words")
    written_together(app, workshop_id, [ada_note, bo_note])
    edit = NoteEdit(workshop_id, *ada, ada_note.note_id, str(uuid.uuid4()), 1, "Better words")

    outcomes = written_together(
        app,
        workshop_id,
        [
            edit,
            NoteEdit(workshop_id, *ada, ada_note.note_id, str(uuid.uuid4()), 1, "Stale words"),
            NoteDeletion(workshop_id, *ada, bo_note.note_id, str(uuid.uuid4())),
            edit,
            NoteDeletion(workshop_id, *bo, bo_note.note_id, str(uuid.uuid4()), 1),
        ],
    )

    edited, stale, not_yours, edited_again, deleted = outcomes
    assert (edited.result.seq, edited.result.note["revision"]) == (3, 2)
    assert edited.result.note["text"] == "Better words"
    assert stale.code == "stale_revision" and stale.details["current_text"] == "Better words"
    assert not_yours.code == "not_your_note"
    assert (edited_again.result.seq, edited_again.result.created) == (3, False)
    assert (deleted.result.seq, deleted.result.note["deleted"]) == (4, True)
    with app.app_context():
        assert db.session.scalars(db.select(Change.seq).order_by(Change.seq)).all() == [1, 2, 3, 4]
        assert db.session.get(Note, ada_note.note_id).text == "Better words"
        assert [r.text for r in db.session.get(Note, bo_note.note_id).revisions] == ["Bo's words"]


def test_under_a_raw_share_each_note_of_a_batch_is_followed_by_its_point_without_gaps(
    app, make_workshop, make_participant
):
    make_workshop(status="live")  # another workshop first: the share's id is not its workshop's
    workshop_id = make_workshop(status="live")
    shared, unshared, _third = ids_of(app, Question, workshop_id)
    ada = writer(app, make_participant, workshop_id, 0, "Ada")
    bo = writer(app, make_participant, workshop_id, 1, "Bo")
    with app.test_request_context():
        set_share(db.session.get(Workshop, workshop_id), "raw", "question", shared)  # seq 1

    one, elsewhere, two = written_together(
        app,
        workshop_id,
        [
            new_note(workshop_id, ada, shared, "Shared one"),
            new_note(workshop_id, bo, unshared, "Not shared"),
            new_note(workshop_id, bo, shared, "Shared two"),
        ],
    )

    assert [o.result.seq for o in (one, elsewhere, two)] == [2, 4, 5]
    assert (one.result.follow.seq, two.result.follow.seq) == (3, 6)
    assert elsewhere.result.follow is None
    with app.app_context():
        feed = db.session.execute(db.select(Change.seq, Change.kind).order_by(Change.seq)).all()
        assert [tuple(row) for row in feed] == [
            (1, "share:changed"),
            (2, "note:added"),
            (3, "share:point"),
            (4, "note:added"),
            (5, "note:added"),
            (6, "share:point"),
        ]
        assert db.session.get(Workshop, workshop_id).last_seq == 6
        points = db.session.scalars(
            db.select(Change.payload).where(Change.kind == "share:point").order_by(Change.seq)
        ).all()
    assert [p["point"]["text"] for p in points] == ["Shared one", "Shared two"]
    assert [p["op"] for p in points] == ["added", "added"]


def test_new_notes_are_written_on_one_kept_connection_closed_with_the_engine(
    app, make_workshop, make_participant
):
    workshop_id = make_workshop(status="live")
    question = ids_of(app, Question, workshop_id)[0]
    ada = writer(app, make_participant, workshop_id)

    written_together(app, workshop_id, [new_note(workshop_id, ada, question, "First")])
    with app.app_context():
        (kept,) = kept_for(db.engine)
    (second,) = written_together(app, workshop_id, [new_note(workshop_id, ada, question)])

    assert second.result.seq == 2
    with app.app_context():
        assert kept_for(db.engine) == [kept]  # the same connection again, not a second one
        assert not kept.in_transaction()  # committed: nothing left holding the write lock
        db.engine.dispose()
        assert kept.closed and kept_for(db.engine) == []
        assert db.session.scalar(db.select(db.func.count(Note.id))) == 2
