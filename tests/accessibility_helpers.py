"""The seeded world of the accessibility test: the ids and links of a workshop running live, a
network group's meeting, a workshop whose annex is published and the members' page, made through
the services as the people who use them would."""

import uuid
from dataclasses import dataclass

from tests.conftest import DEFAULT_PASSWORD
from tests.meeting_pages_helpers import PlannedMeeting
from workshop.annex import votes as annex_votes
from workshop.annex.versions import approve_annex
from workshop.extensions import db
from workshop.minutes.versions import approve_minutes
from workshop.models import (
    AgendaItem,
    Facilitator,
    Group,
    Meeting,
    Member,
    Participant,
    Question,
    Series,
    Workshop,
)
from workshop.services import (
    accounts,
    demo,
    displays,
    live,
    meetings,
    members,
    publication,
    result_links,
    room,
    shares,
    votes,
    workshops,
)
from workshop.services.votes import Voter, VoteSettings

COLLEAGUE = "kim@example.org"


@dataclass(frozen=True)
class World:
    """The seeded data's ids and links, and the browser states of the people who use them."""

    url: str
    workshop_id: int
    join_code: str
    series_id: int
    meeting_id: int
    submission_code: str
    topic_token: str
    section_id: int
    question_id: int
    group_id: int
    item_id: int
    member_id: int
    other_series_id: int
    display_token: str
    after: "AfterTheMeeting"
    facilitator_state: dict
    participant_state: dict


@dataclass(frozen=True)
class AfterTheMeeting:
    """What people read once it is over: a workshop's published annex (with its vote's results)
    and the members' page of the network group, with an annex and approved minutes."""

    workshop_id: int
    join_code: str
    results_token: str
    members_token: str
    item_workshop_id: int


def first_question_id(workshop_id: int) -> int:
    return db.session.scalar(
        db.select(Question.id)
        .where(Question.workshop_id == workshop_id)
        .order_by(Question.section_id, Question.position)
    )


def seed_workshop(app, owner_id: int) -> tuple[int, str]:
    """The demo workshop (three groups, nine participants, notes), its plan started with a
    timer, question 1's notes shared and a vote open on them; its annex approved."""
    with app.app_context():
        workshop = demo.load_demo(owner_id)
        workshop_id = workshop.id
        first_question = first_question_id(workshop_id)

        def in_room(action, *args):
            workshop = db.session.get(Workshop, workshop_id)
            return live.write_live(workshop_id, lambda: action(workshop, *args))

        in_room(room.start_plan)
        in_room(room.start_timer, 600)
        in_room(shares.set_share, "raw", "question", first_question)
        settings = VoteSettings(source="raw", scope="question", target_id=first_question)
        in_room(votes.open_vote, settings)
        workshop = db.session.get(Workshop, workshop_id)
        approve_annex(workshop, db.session.get(Facilitator, owner_id))
        return workshop_id, workshop.join_code


def share_and_project(app, owner_id: int, workshop_id: int) -> str:
    """The workshop shared with a co-facilitator and given a display link for the room's PC;
    returns the link's token."""
    with app.app_context():
        colleague = accounts.create_facilitator(COLLEAGUE, "Kim Co-facilitator", DEFAULT_PASSWORD)
        workshop = db.session.get(Workshop, workshop_id)
        owner = db.session.get(Facilitator, owner_id)
        workshops.add_co_facilitator(workshop, owner, colleague.email)
        return displays.create_display_link(workshop, "Room PC").token


def seed_published_workshop(app, owner_id: int) -> tuple[int, str, str]:
    """Another demo workshop, over: its vote revealed (three participants placed dots), its annex
    approved with the votes and published to the participants. Returns its id, its join code and
    a participant's results token."""
    with app.app_context():
        workshop = demo.load_demo(owner_id, again=True)
        workshop_id = workshop.id
        voters = db.session.scalars(
            db.select(Participant).where(Participant.workshop_id == workshop_id).limit(3)
        ).all()

        def in_room(action, *args):
            workshop = db.session.get(Workshop, workshop_id)
            return live.write_live(workshop_id, lambda: action(workshop, *args))

        in_room(room.start_plan)
        in_room(votes.open_vote, VoteSettings(source="raw", scope="all"))
        point_ids = [point.id for point in votes.the_vote(workshop).points]
        for voter in voters:
            for point_id in point_ids[:3]:
                votes.place_dot(Voter.of(voter), str(uuid.uuid4()), point_id)
        in_room(votes.close_vote)
        in_room(votes.reveal_vote)
        workshop = db.session.get(Workshop, workshop_id)
        annex_votes.set_include_votes(workshop, True)
        approve_annex(workshop, db.session.get(Facilitator, owner_id))
        in_room(publication.publish_annex, None, True)
        token = result_links.results_token(db.session.get(Participant, voters[0].id))
        return workshop_id, workshop.join_code, token


def publish_to_members(
    app, owner_id: int, planned: PlannedMeeting, item_id: int
) -> tuple[str, int]:
    """The meeting published, its minutes approved and a members' link made. Returns the link's
    token and the id of the item's workshop (its annex is on the members' page)."""
    with app.app_context():
        meeting = db.session.get(Meeting, planned.meeting_id)
        meetings.publish_meeting(meeting)
        approve_minutes(meeting, db.session.get(Facilitator, owner_id))
        token = members.create_members_link(db.session.get(Series, planned.series_id))
        return token, db.session.get(AgendaItem, item_id).workshop_id


def outline_ids(app, workshop_id: int) -> tuple[int, int, int]:
    """The workshop's first section, question and group."""
    with app.app_context():
        question = db.session.get(Question, first_question_id(workshop_id))
        group_id = db.session.scalar(
            db.select(Group.id).where(Group.workshop_id == workshop_id).order_by(Group.position)
        )
        return question.section_id, question.id, group_id


def first_member_id(app, series_id: int) -> int:
    with app.app_context():
        return db.session.scalar(
            db.select(Member.id).where(Member.series_id == series_id).order_by(Member.id)
        )
