"""Facilitator accounts and their API tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime
from typing import TYPE_CHECKING

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workshop.extensions import Model
from workshop.models.base import utcnow

if TYPE_CHECKING:
    from workshop.models.login_session import LoginSession

EMAIL_MAX = 254
NAME_MAX = 120
PASSWORD_MIN = 10
PASSWORD_MAX = 200
FACILITATOR_TOKEN_PREFIX = "wsf_"


def hash_token(token: str) -> str:
    """Tokens are random, so a plain SHA-256 is enough to avoid storing them readable."""
    return hashlib.sha256(token.encode()).hexdigest()


class Facilitator(UserMixin, Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(EMAIL_MAX), unique=True)
    display_name: Mapped[str] = mapped_column(String(NAME_MAX))
    password_hash: Mapped[str] = mapped_column(String(255))
    language: Mapped[str | None] = mapped_column(String(5))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    api_tokens: Mapped[list[ApiToken]] = relationship(
        back_populates="facilitator", cascade="all, delete-orphan"
    )
    login_sessions: Mapped[list[LoginSession]] = relationship(
        back_populates="facilitator", cascade="all, delete-orphan"
    )


class ApiToken(Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    facilitator_id: Mapped[int] = mapped_column(ForeignKey("facilitator.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(NAME_MAX))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None]

    facilitator: Mapped[Facilitator] = relationship(back_populates="api_tokens")

    @staticmethod
    def new_secret() -> str:
        return FACILITATOR_TOKEN_PREFIX + secrets.token_urlsafe(32)
