"""Facilitators' login sessions: started at login, checked on every request, ended on demand."""

from datetime import timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, delete, exists, select
from sqlalchemy.orm import joinedload

from workshop.extensions import db
from workshop.models import Facilitator, LoginSession, NotFound
from workshop.models.base import as_utc, utcnow
from workshop.models.facilitator import hash_token
from workshop.models.login_session import ADDRESS_MAX, USER_AGENT_MAX

# When and where a session was last used is kept to the minute: one write a minute, not a request.
LAST_SEEN_PRECISION = timedelta(minutes=1)
SECRET_MAX = 100


def idle_limit() -> timedelta:
    """A session unused for this long has ended (config: LOGIN_SESSION_IDLE_DAYS)."""
    return timedelta(days=current_app.config["LOGIN_SESSION_IDLE_DAYS"])


def start_login_session(
    facilitator: Facilitator, remember: bool, address: str, user_agent: str
) -> tuple[LoginSession, str]:
    """A new session for this browser and its secret (for the cookie; only its hash is kept)."""
    forget_idle_login_sessions()
    secret = LoginSession.new_secret()
    login_session = LoginSession(
        facilitator_id=facilitator.id,
        token_hash=hash_token(secret),
        remember=remember,
        last_address=address[:ADDRESS_MAX],
        user_agent=user_agent[:USER_AGENT_MAX],
    )
    db.session.add(login_session)
    db.session.commit()
    return login_session, secret


def active_login_session(secret: str | None) -> LoginSession | None:
    """The session this secret opens, unless it was ended or has lain unused too long."""
    if not secret or len(secret) > SECRET_MAX:
        return None
    return db.session.scalar(
        select(LoginSession)
        .where(
            LoginSession.token_hash == hash_token(secret),
            LoginSession.last_seen_at > utcnow() - idle_limit(),
        )
        .options(joinedload(LoginSession.facilitator))
    )


def note_login_session_use(login_session: LoginSession, address: str, user_agent: str) -> None:
    """Keep when and where the session was last used, for the account page's list."""
    now = utcnow()
    if now - as_utc(login_session.last_seen_at) < LAST_SEEN_PRECISION:
        return
    login_session.last_seen_at = now
    login_session.last_address = address[:ADDRESS_MAX]
    login_session.user_agent = user_agent[:USER_AGENT_MAX]
    db.session.commit()


def login_session_is_active(login_session_id: int) -> ColumnElement[bool]:
    """A condition for a query: the session still exists (a socket stops with its session)."""
    return exists().where(LoginSession.id == login_session_id)


def list_login_sessions(facilitator: Facilitator) -> list[LoginSession]:
    """The facilitator's sessions that still open a page, most recently used first."""
    statement = (
        select(LoginSession)
        .where(
            LoginSession.facilitator_id == facilitator.id,
            LoginSession.last_seen_at > utcnow() - idle_limit(),
        )
        .order_by(LoginSession.last_seen_at.desc(), LoginSession.id.desc())
    )
    return list(db.session.scalars(statement))


def end_login_session(login_session_id: int | None) -> None:
    """Logging out: the session's cookies (session and remember-me) open nothing any more."""
    if login_session_id is None:
        return
    db.session.execute(delete(LoginSession).where(LoginSession.id == login_session_id))
    db.session.commit()


def end_own_login_session(facilitator: Facilitator, login_session_id: int) -> None:
    """End one of the facilitator's sessions (say, a browser left logged in elsewhere)."""
    login_session = db.session.get(LoginSession, login_session_id)
    if login_session is None or login_session.facilitator_id != facilitator.id:
        raise NotFound("login_session_not_found", _l("There is no such login session."))
    end_login_session(login_session.id)


def end_other_login_sessions(facilitator: Facilitator, keep_id: int | None) -> None:
    """End every session of the facilitator but the one kept; committed by the caller."""
    statement = delete(LoginSession).where(LoginSession.facilitator_id == facilitator.id)
    if keep_id is not None:
        statement = statement.where(LoginSession.id != keep_id)
    db.session.execute(statement)


def end_all_login_sessions(facilitator: Facilitator) -> None:
    """Log out everywhere: every browser of this facilitator is logged out, this one too."""
    end_other_login_sessions(facilitator, keep_id=None)
    db.session.commit()


def forget_idle_login_sessions() -> None:
    """Drop sessions unused for too long: they open nothing, and the table stays small."""
    db.session.execute(
        delete(LoginSession).where(LoginSession.last_seen_at <= utcnow() - idle_limit())
    )
