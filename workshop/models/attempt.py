"""Failed attempts (a wrong password, a wrong join code), counted per key to slow down guessing."""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from workshop.extensions import Model
from workshop.models.base import utcnow

ATTEMPT_KIND_MAX = 32


def hash_attempt_key(key: str) -> str:
    """Keys are stored hashed: the table must not become a list of emails people mistyped."""
    return hashlib.sha256(key.encode()).hexdigest()


class FailedAttempt(Model):
    """One refused attempt of a kind (e.g. "login:address") by a key (that address, hashed)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(ATTEMPT_KIND_MAX))
    key_hash: Mapped[str] = mapped_column(String(64))
    attempted_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    # Named here: the convention's name (every column's label) is too long for PostgreSQL.
    __table_args__ = (
        Index("ix_failed_attempt_kind_key_hash_at", "kind", "key_hash", "attempted_at"),
    )
