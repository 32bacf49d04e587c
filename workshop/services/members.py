"""A series' members (no accounts) and the members' link to the read-only members' page."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from workshop.extensions import db
from workshop.models import Conflict, Member, NotFound, Series
from workshop.models.base import utcnow
from workshop.models.series import (
    DEPARTMENT_MAX,
    EMAIL_MAX,
    MEMBER_NAME_MAX,
    MEMBER_ROLES,
    MEMBERS_TOKEN_PREFIX,
    hash_token,
)
from workshop.services.field_rules import Rule, clean_fields, require_fields

MAX_MEMBERS = 200
TOKEN_MAX = 200

MEMBER_RULES = {
    "name": Rule(max=MEMBER_NAME_MAX, required=True),
    "department": Rule(max=DEPARTMENT_MAX),
    "email": Rule(kind="email", max=EMAIL_MAX),
    "role": Rule(kind="choice", choices=MEMBER_ROLES),
}


def get_member(series: Series, member_id: int) -> Member:
    member = db.session.get(Member, member_id)
    if member is None or member.series_id != series.id:
        raise NotFound("member_not_found", _l("There is no such member in this network group."))
    return member


def add_member(series: Series, fields: dict) -> Member:
    cleaned = clean_fields(fields, MEMBER_RULES)
    require_fields(cleaned, MEMBER_RULES)
    if len(series.members) >= MAX_MEMBERS:
        raise Conflict(
            "too_many_members",
            _l("A network group can have at most %(max)d members.", max=MAX_MEMBERS),
        )
    member = Member(position=len(series.members), **cleaned)
    series.members.append(member)
    db.session.commit()
    return member


def update_member(member: Member, fields: dict) -> Member:
    for name, value in clean_fields(fields, MEMBER_RULES).items():
        setattr(member, name, value)
    db.session.commit()
    return member


def remove_member(member: Member) -> None:
    db.session.delete(member)
    db.session.commit()


# --- the members' link ---


def create_members_link(series: Series) -> str:
    """A new members' link token (shown this once; an earlier link stops working)."""
    token = Series.new_members_token()
    series.members_token_hash = hash_token(token)
    series.members_link_created_at = utcnow()
    db.session.commit()
    return token


def revoke_members_link(series: Series) -> None:
    series.members_token_hash = None
    series.members_link_created_at = None
    db.session.commit()


def series_for_members_token(token: str | None) -> Series | None:
    """The series a members' link opens, or None (revoked, mistyped or not a token)."""
    if not token or not token.startswith(MEMBERS_TOKEN_PREFIX) or len(token) > TOKEN_MAX:
        return None
    return db.session.scalar(select(Series).where(Series.members_token_hash == hash_token(token)))
