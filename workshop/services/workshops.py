"""Workshops: create, list, edit, duplicate, delete, and share them with co-facilitators."""

from datetime import date
from typing import NamedTuple

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select

from workshop.extensions import db
from workshop.formats import lazy_number
from workshop.i18n import force_language
from workshop.models import (
    Annex,
    Conflict,
    DomainError,
    Facilitator,
    Forbidden,
    Group,
    Note,
    NotFound,
    Participant,
    Question,
    RetiredJoinCode,
    Section,
    Workshop,
)
from workshop.models.base import trimmed
from workshop.models.workshop import (
    ANONYMITY_MODES,
    GROUP_MODES,
    LABEL_NUMBER_MAX,
    LABEL_WORD_MAX,
    LONG_TEXT_MAX,
    MEETING_LANGUAGES,
    SHORT_TEXT_MAX,
    TITLE_MAX,
    co_facilitators,
    new_join_code,
)
from workshop.services.accounts import facilitator_to_invite
from workshop.services.plan import copy_plan

MAX_CO_FACILITATORS = 50
JOIN_CODE_TRIES = 20

# The settings a facilitator edits, with the longest text each may hold.
TEXT_LIMITS = {
    "title": TITLE_MAX,
    "theme": SHORT_TEXT_MAX,
    "place": SHORT_TEXT_MAX,
    "document_number": SHORT_TEXT_MAX,
    "reference": SHORT_TEXT_MAX,
    "annex_title": TITLE_MAX,
    "annex_intro": LONG_TEXT_MAX,
    "annex_label_word": LABEL_WORD_MAX,
    "annex_label_number": LABEL_NUMBER_MAX,
}
CHOICES = {
    "language": MEETING_LANGUAGES,
    "anonymity": ANONYMITY_MODES,
    "group_mode": GROUP_MODES,
}
WORKSHOP_FIELDS = (*TEXT_LIMITS, *CHOICES, "date")


def list_workshops(facilitator: Facilitator) -> list[Workshop]:
    """The workshops this facilitator owns or was invited to, newest first."""
    shared_ids = select(co_facilitators.c.workshop_id).where(
        co_facilitators.c.facilitator_id == facilitator.id
    )
    statement = (
        select(Workshop)
        .where(or_(Workshop.owner_id == facilitator.id, Workshop.id.in_(shared_ids)))
        .order_by(Workshop.created_at.desc(), Workshop.id.desc())
    )
    return list(db.session.scalars(statement))


def workshop_summary(workshop: Workshop) -> dict:
    """How much the workshop holds, for its home page and the delete confirmation."""

    def count(model, *conditions) -> int:
        statement = select(func.count(model.id)).where(
            model.workshop_id == workshop.id, *conditions
        )
        return db.session.scalar(statement) or 0

    return {
        "sections": count(Section),
        "questions": count(Question),
        "groups": count(Group),
        "participants": count(Participant, Participant.removed_at.is_(None)),
        "notes": count(Note, Note.deleted_at.is_(None)),
    }


class AnnexStanding(NamedTuple):
    version: int
    approved: bool


def annex_standing(workshop: Workshop) -> AnnexStanding:
    """The annex's version and whether it is approved, for the workshop's home."""
    annex = db.session.execute(
        select(Annex.status, Annex.version).where(Annex.workshop_id == workshop.id)
    ).first()
    if annex is None:  # compiled when first opened, as the draft of version 1
        return AnnexStanding(1, approved=False)
    return AnnexStanding(annex.version, approved=annex.status == "approved")


def create_workshop(owner: Facilitator, fields: dict) -> Workshop:
    cleaned = clean_fields(fields)
    if "title" not in cleaned:
        raise invalid_field("title", _l("Enter a title."))
    anonymity = cleaned.pop("anonymity", "named")
    group_mode = cleaned.pop("group_mode", "self_select")
    workshop = Workshop(owner_id=owner.id, join_code=unused_join_code(), status="draft", **cleaned)
    workshop.set_participation(anonymity, group_mode, anyone_joined=False)
    db.session.add(workshop)
    db.session.commit()
    return workshop


def update_workshop(workshop: Workshop, fields: dict) -> Workshop:
    """Change the given settings; status changes go through services.lifecycle."""
    cleaned = clean_fields(fields)
    workshop.set_participation(
        cleaned.pop("anonymity", workshop.anonymity),
        cleaned.pop("group_mode", workshop.group_mode),
        anyone_joined=anyone_joined(workshop),
    )
    for name, value in cleaned.items():
        setattr(workshop, name, value)
    db.session.commit()
    return workshop


def anyone_joined(workshop: Workshop) -> bool:
    """Whether anyone ever joined (removed participants too: their notes keep their names)."""
    statement = select(Participant.id).where(Participant.workshop_id == workshop.id).limit(1)
    return db.session.scalar(statement) is not None


def delete_workshop(workshop: Workshop, facilitator: Facilitator) -> None:
    """Delete a workshop with everything in it; only its owner may."""
    require_owner(workshop, facilitator)
    db.session.delete(workshop)
    db.session.commit()


def duplicate_workshop(
    workshop: Workshop, new_owner: Facilitator, meeting_date: date | None = None
) -> Workshop:
    """A fresh draft for the next meeting: the same settings, outline, groups and plan, the new
    meeting's date (none until given: never the old one); no participants, notes or annex."""
    copy = Workshop(
        owner_id=new_owner.id,
        join_code=unused_join_code(),
        status="draft",
        **{name: getattr(workshop, name) for name in WORKSHOP_FIELDS},
    )
    copy.title = copy_title(workshop)
    copy.date = clean_date(meeting_date)
    db.session.add(copy)
    db.session.flush()
    new_sections, new_questions = copy_outline(workshop.id, copy.id)
    copy_groups(workshop.id, copy.id, new_sections, new_questions)
    copy_plan(workshop.id, copy.id, new_sections, new_questions)
    db.session.commit()
    return copy


def copy_title(workshop: Workshop) -> str:
    """The title and "(copy)" in the meeting's language, the one the title is written in."""
    with force_language(workshop.language or "en"):
        return str(_l("%(title)s (copy)", title=workshop.title))[:TITLE_MAX]


def copy_outline(source_id: int, target_id: int) -> tuple[dict[int, Section], dict[int, Question]]:
    """Copy sections (parents before their blocks) and questions; returns old id → new row."""
    sections = db.session.scalars(
        select(Section)
        .where(Section.workshop_id == source_id)
        .order_by(Section.parent_id.is_not(None), Section.position, Section.id)
    ).all()
    new_sections: dict[int, Section] = {}
    for section in sections:
        parent = new_sections.get(section.parent_id) if section.parent_id else None
        new_section = copy_row(section, workshop_id=target_id, parent_id=None)
        new_section.parent = parent
        new_sections[section.id] = new_section
        db.session.add(new_section)
    db.session.flush()
    new_questions: dict[int, Question] = {}
    for question in db.session.scalars(select(Question).where(Question.workshop_id == source_id)):
        new_question = copy_row(
            question, workshop_id=target_id, section_id=new_sections[question.section_id].id
        )
        new_questions[question.id] = new_question
        db.session.add(new_question)
    db.session.flush()
    return new_sections, new_questions


def copy_groups(
    source_id: int, target_id: int, new_sections: dict, new_questions: dict[int, Question]
) -> None:
    groups = db.session.scalars(select(Group).where(Group.workshop_id == source_id)).all()
    for group in groups:
        new_group = copy_row(group, workshop_id=target_id)
        new_group.chosen_questions = [new_questions[q.id] for q in group.chosen_questions]
        new_group.chosen_sections = [new_sections[s.id] for s in group.chosen_sections]
        db.session.add(new_group)


def copy_row(row, **overrides):
    """A new, unsaved row of the same model with the same column values (except its id).

    Copying every column means settings added to sections, questions or groups later are
    duplicated too without touching this function.
    """
    model = type(row)
    values = {
        column.key: getattr(row, column.key)
        for column in model.__table__.columns
        if not column.primary_key
    }
    values.update(overrides)
    return model(**values)


# --- sharing ---


def list_co_facilitators(workshop: Workshop) -> list[Facilitator]:
    return sorted(workshop.co_facilitators, key=lambda f: (f.display_name.lower(), f.id))


def add_co_facilitator(workshop: Workshop, acting: Facilitator, email: str) -> Facilitator:
    """Share the workshop with another facilitator, found by email; only the owner may."""
    require_owner(workshop, acting)
    facilitator = facilitator_to_invite(email)
    # Only the owner shares: the owner's own address is the one asking.
    if facilitator.id == workshop.owner_id:
        raise Conflict(
            "already_owner",
            _l("That is your own address: you own this workshop. Enter a colleague's."),
            field="email",
        )
    if facilitator in workshop.co_facilitators:
        raise Conflict(
            "already_shared", _l("The workshop is already shared with them."), field="email"
        )
    if len(workshop.co_facilitators) >= MAX_CO_FACILITATORS:
        raise Conflict(
            "too_many_co_facilitators",
            _l("A workshop can have at most %(max)d co-facilitators.", max=MAX_CO_FACILITATORS),
        )
    workshop.co_facilitators.append(facilitator)
    db.session.commit()
    return facilitator


def remove_co_facilitator(workshop: Workshop, acting: Facilitator, facilitator_id: int) -> None:
    require_owner(workshop, acting)
    facilitator = next((f for f in workshop.co_facilitators if f.id == facilitator_id), None)
    if facilitator is None:
        raise NotFound(
            "co_facilitator_not_found", _l("This facilitator is not a co-facilitator here.")
        )
    workshop.co_facilitators.remove(facilitator)
    db.session.commit()


def require_owner(workshop: Workshop, facilitator: Facilitator) -> None:
    if facilitator is None or workshop.owner_id != facilitator.id:
        raise Forbidden(
            "owner_only", _l("Only the workshop's owner may delete it or change who shares it.")
        )


# --- validation: the forms check the same; this guards every other caller ---


def join_code_retired(code: str) -> bool:
    return db.session.get(RetiredJoinCode, code) is not None


def join_code_taken(code: str) -> bool:
    """A workshop's code now, or one it had before renewing (that one answers "replaced")."""
    in_use = db.session.scalar(select(Workshop.id).where(Workshop.join_code == code))
    return in_use is not None or join_code_retired(code)


def unused_join_code() -> str:
    for _attempt in range(JOIN_CODE_TRIES):
        code = new_join_code()
        if not join_code_taken(code):
            return code
    # 31^6 codes: reaching this means something else is wrong, not bad luck.
    raise Conflict("join_code_exhausted", _l("No free join code was found. Try again."))


def clean_fields(fields: dict) -> dict:
    cleaned: dict = {}
    for name, value in fields.items():
        if name in TEXT_LIMITS:
            cleaned[name] = clean_text(name, value)
        elif name in CHOICES:
            cleaned[name] = clean_choice(name, value)
        elif name == "date":
            cleaned[name] = clean_date(value)
        else:
            raise invalid_field(name, _l("This field cannot be changed here."))
    return cleaned


def clean_text(name: str, value) -> str:
    value = trimmed(value or "") if isinstance(value, str) or value is None else None
    if value is None:
        raise invalid_field(name, _l("Enter text."))
    if len(value) > TEXT_LIMITS[name]:
        raise invalid_field(
            name, _l("At most %(max)s characters.", max=lazy_number(TEXT_LIMITS[name]))
        )
    if name == "title" and not value:
        raise invalid_field(name, _l("Enter a title."))
    return value


def clean_choice(name: str, value) -> str:
    if value not in CHOICES[name]:
        raise invalid_field(name, _l("Not one of the choices."))
    return value


def clean_date(value) -> date | None:
    if value is not None and not isinstance(value, date):
        raise invalid_field("date", _l("Enter a date as YYYY-MM-DD."))
    return value


def invalid_field(name: str, message) -> DomainError:
    return DomainError("invalid_input", message, field=name)
