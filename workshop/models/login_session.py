"""A facilitator's login session: one per browser logged in, ended by logout or password change."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workshop.extensions import Model
from workshop.models.base import utcnow

if TYPE_CHECKING:
    from workshop.models.facilitator import Facilitator

ADDRESS_MAX = 64
USER_AGENT_MAX = 255


class LoginSession(Model):
    """The session cookie carries only the secret; the row is what makes that cookie valid."""

    id: Mapped[int] = mapped_column(primary_key=True)
    facilitator_id: Mapped[int] = mapped_column(
        ForeignKey("facilitator.id", ondelete="CASCADE"), index=True
    )
    # SHA-256 of the secret: a copy of the database does not give anyone a working cookie.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    remember: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    last_address: Mapped[str] = mapped_column(String(ADDRESS_MAX), default="")
    user_agent: Mapped[str] = mapped_column(String(USER_AGENT_MAX), default="")

    facilitator: Mapped[Facilitator] = relationship(back_populates="login_sessions")

    @staticmethod
    def new_secret() -> str:
        return secrets.token_urlsafe(32)
