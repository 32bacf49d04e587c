"""Which facilitator this browser is logged in as: Flask-Login on top of server-side sessions.

The session cookie and the remember-me cookie carry, as Flask-Login's user id, only the secret of
a login session (services/login_sessions); the user loader opens it there. So a session ended on
the server — logout, a password change, "log out everywhere" — ends every copy of its cookies.
Used by the web pages and by the Socket.IO connect handler (cookie authentication).
"""

from flask import g, request, session
from flask_login import current_user, login_user, logout_user

from workshop.client import client_address
from workshop.extensions import login_manager
from workshop.models import Facilitator
from workshop.services import login_sessions


def client_user_agent() -> str:
    return request.headers.get("User-Agent", "")


# Importing this module registers the loader (the web and realtime packages both import it).
@login_manager.user_loader
def load_facilitator(secret: str) -> Facilitator | None:
    """The facilitator whose login session this cookie's secret opens, or None (logged out)."""
    login_session = login_sessions.active_login_session(secret)
    if login_session is None:
        return None
    login_sessions.note_login_session_use(login_session, client_address(), client_user_agent())
    g.login_session_id = login_session.id
    return login_session.facilitator


def log_in(facilitator: Facilitator, remember: bool = False) -> None:
    """Start a login session for this browser and put its secret in the cookies."""
    login_session, secret = login_sessions.start_login_session(
        facilitator, remember, client_address(), client_user_agent()
    )
    login_user(facilitator, remember=remember)
    # Flask-Login stores the user's get_id() in the session (and the remember-me cookie copies it
    # from there); ours is the session's secret, so that the row, not the cookie, decides.
    session["_user_id"] = secret
    g.login_session_id = login_session.id


def current_login_session_id() -> int | None:
    """The login session of this request's facilitator, or None if nobody is logged in."""
    if not current_user.is_authenticated:  # loads the user, and with it the session
        return None
    return g.get("login_session_id")


def log_out() -> None:
    """End this browser's login session on the server, then clear its cookies."""
    login_sessions.end_login_session(current_login_session_id())
    logout_user()


def log_out_everywhere() -> None:
    """End every login session of this facilitator, this browser's too."""
    login_sessions.end_all_login_sessions(current_user)
    logout_user()
