"""The demo workshop: a human-rights institute's strategy afternoon, live, with sample notes."""

import uuid
from datetime import date
from functools import partial

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from workshop.extensions import db
from workshop.models import Facilitator, NotFound, Workshop
from workshop.services import accounts, joining, lifecycle, live, notes, plan, workshops
from workshop.services.groups import create_groups
from workshop.services.outline import numbered_outline, outline_questions
from workshop.services.outline_text import create_workshop_from_outline

DEMO_TITLE = "Council strategy afternoon (demo)"
DEMO_EMAIL = "demo@example.org"
# The outline of the issue that asked for Workshop, as a facilitator would paste it.
DEMO_OUTLINE = """# Questions on the international strategy
1. Who can the institute work for and keep its independence and legitimacy: \
countries, companies etc.?
2. What is essential due diligence for such efforts?
3. Criteria for partners, and for ending a partnership?
# Questions on the national strategy
## A. In the world we live in, how can the institute strategically:
1. Secure its independence and keep its influence?
2. Fulfil its mandate to promote human rights?
## B. Reflections on the strategic themes:
1. Are these the right topics?
2. Is something missing?
"""
DEMO_DETAILS = {
    "theme": "The institute's strategy 2026–2030",
    "place": "Council room, 3rd floor",
    "document_number": "2026-014",
    "reference": "Council meeting 3/2026, item 4",
    # The label ("Annex 1") stands above the title in the document: the title does not repeat it.
    "annex_title": "Notes from the group discussions",
    "annex_intro": (
        "The council discussed the draft strategy in three groups. "
        "The groups' points are listed under each question."
    ),
}
# Minutes per kind of step: the demo's plan is timed, as a prepared afternoon's is, so that its
# steps start their timers.
DEMO_MINUTES = {"group_round": 25, "plenary": 20}
# Per group: the participants' names.
DEMO_PEOPLE = [
    ["Astrid Holm", "Jonas Berg", "Maria Lund"],
    ["Ole Dahl", "Fatima Aziz", "Henrik Vik"],
    ["Ingrid Moe", "Samir Haddad", "Line Juul"],
]
# Per question (in outline order): (group index, text) of the sample notes.
DEMO_NOTES = [
    [
        (0, "States that ask for advice, if the mandate and the terms are public."),
        (1, "Companies only through multi-stakeholder initiatives, never as paid consultancy."),
        (2, "Be open about every funder on the website.\n- Funding ceiling per partner"),
    ],
    [
        (0, "A human-rights risk assessment before every engagement."),
        (1, "Ask civil society in the country before saying yes."),
        (2, "Due diligence must be repeated, not done once."),
    ],
    [
        (0, "Shared values written into the agreement."),
        (1, "An exit clause if the partner uses the cooperation for whitewashing."),
    ],
    [
        (0, "Diverse funding; no single funder above a fifth of the budget."),
        (2, "Keep speaking publicly also when it is uncomfortable for the government."),
    ],
    [
        (1, "More presence outside the capital: regional meetings twice a year."),
        (2, "Reports in plain language as well as the legal version."),
    ],
    [
        (0, "Yes, but fewer topics and deeper work on each."),
        (1, "Digital rights and AI deserve a theme of their own."),
    ],
    [
        (2, "Climate and human rights is missing."),
        (0, "Children's rights in care institutions."),
    ],
]


def load_demo(owner_id: int | None = None, again: bool = False) -> Workshop:
    """A ready demo workshop for `owner_id` (else the first facilitator, else a demo account).

    Loading it again returns the existing demo, so `workshop run --demo` never piles them up;
    `again=True` makes another one.
    """
    owner = demo_owner(owner_id)
    if not again:
        existing = existing_demo(owner)
        if existing is not None:
            return existing
    workshop = create_workshop_from_outline(owner, DEMO_TITLE, DEMO_OUTLINE, "en")
    workshops.update_workshop(workshop, {**DEMO_DETAILS, "date": date.today()})
    groups = create_groups(workshop, len(DEMO_PEOPLE))
    people = [
        [joining.join_workshop(workshop, name, group.id)[0] for name in names]
        for group, names in zip(groups, DEMO_PEOPLE, strict=True)
    ]
    time_the_plan(workshop)
    live.write_live(workshop.id, lambda: lifecycle.change_status(workshop, "live"))
    add_sample_notes(workshop, people)
    return workshop


def demo_owner(owner_id: int | None) -> Facilitator:
    if owner_id is not None:
        owner = db.session.get(Facilitator, owner_id)
        if owner is None:
            raise NotFound("facilitator_not_found", _l("There is no such facilitator."))
        return owner
    first = db.session.scalar(select(Facilitator).order_by(Facilitator.id).limit(1))
    if first is not None:
        return first
    # Nobody can log in as it; the first account, made by the setup page or the command line,
    # takes the demo over.
    return accounts.create_stand_in_owner(DEMO_EMAIL, "Demo facilitator")


def existing_demo(owner: Facilitator) -> Workshop | None:
    statement = (
        select(Workshop)
        .where(Workshop.owner_id == owner.id, Workshop.title == DEMO_TITLE)
        .order_by(Workshop.id)
        .limit(1)
    )
    return db.session.scalar(statement)


def time_the_plan(workshop: Workshop) -> None:
    """Give each step of the outline's plan its minutes, as the plan page would."""
    for step_id, fields in plan.all_step_fields(workshop).items():
        timed = {**fields, "duration_minutes": DEMO_MINUTES.get(fields["kind"])}
        live.write_live(workshop.id, partial(plan.change_step, workshop, step_id, timed))


def add_sample_notes(workshop: Workshop, people: list[list]) -> None:
    """Each sample note by the next participant of its group, through the notes service."""
    questions = outline_questions(numbered_outline(workshop))
    turn = [0] * len(people)
    for question, samples in zip(questions, DEMO_NOTES, strict=True):
        for group_index, text in samples:
            members = people[group_index]
            author = members[turn[group_index] % len(members)]
            turn[group_index] += 1
            add_sample_note(workshop, author, question["id"], text)


def add_sample_note(workshop: Workshop, author, question_id: int, text: str) -> None:
    """One note through the live entry point, like any other writer's."""
    note_id = str(uuid.uuid4())
    live.write_live(
        workshop.id, lambda: notes.add_note(workshop, author, note_id, question_id, text)
    )
