"""Display links: revocable tokens that open a workshop's read-only projector view."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from workshop.extensions import db
from workshop.models import Conflict, DisplayLink, NotFound, Workshop
from workshop.models.base import utcnow
from workshop.models.room import DISPLAY_TOKEN_PREFIX, hash_display_token

TOKEN_MAX = 200


@dataclass(frozen=True)
class NewDisplayLink:
    """A link just made: its token is shown this once (only its hash is kept)."""

    link: DisplayLink
    token: str


def list_display_links(workshop: Workshop) -> list[DisplayLink]:
    return list(
        db.session.scalars(
            select(DisplayLink)
            .where(DisplayLink.workshop_id == workshop.id)
            .order_by(DisplayLink.id)
        )
    )


def create_display_link(workshop: Workshop, name: str = "") -> NewDisplayLink:
    limit = current_app.config["DISPLAY_LINKS_MAX"]
    active = db.session.scalar(
        select(func.count()).where(
            DisplayLink.workshop_id == workshop.id, DisplayLink.revoked_at.is_(None)
        )
    )
    if (active or 0) >= limit:
        raise Conflict(
            "too_many_display_links",
            _l("A workshop can have at most %(max)d display links. Revoke one first.", max=limit),
        )
    token = DisplayLink.new_token()
    link = DisplayLink(
        workshop_id=workshop.id, name=(name or "").strip(), token_hash=hash_display_token(token)
    )
    db.session.add(link)
    db.session.commit()
    return NewDisplayLink(link=link, token=token)


def revoke_display_link(workshop: Workshop, link_id: int) -> None:
    link = db.session.get(DisplayLink, link_id)
    if link is None or link.workshop_id != workshop.id:
        raise NotFound("display_link_not_found", _l("There is no such display link."))
    if link.revoked_at is None:
        link.revoked_at = utcnow()
        db.session.commit()


def active_link(link_id: int | None) -> DisplayLink | None:
    """The display link if it still works (for a display socket's every event)."""
    link = db.session.get(DisplayLink, link_id, populate_existing=True) if link_id else None
    return link if link is not None and link.is_active else None


def link_for_token(token: str) -> DisplayLink | None:
    """The active display link a token belongs to (and note its use), or None."""
    if not token or not token.startswith(DISPLAY_TOKEN_PREFIX) or len(token) > TOKEN_MAX:
        return None
    link = db.session.scalar(
        select(DisplayLink).where(DisplayLink.token_hash == hash_display_token(token))
    )
    if link is None or not link.is_active:
        return None
    link.last_used_at = utcnow()
    db.session.commit()
    return link
