"""Who is asking: the client's address and this browser's own key, for limits on guessing codes."""

import secrets

from flask import request, session

BROWSER_KEY = "browser"


def client_address() -> str:
    """The address the request came from (the proxy's client address behind ProxyFix)."""
    return request.remote_addr or "unknown"


def browser_key() -> str:
    """A random key this browser keeps in its session cookie, made on first use.

    A room behind one address (a venue's network) is many browsers: counting wrong codes per
    browser lets one person's typos slow that person down, not the room. A client that drops its
    cookies gets a new key each time, which is why the address keeps a ceiling of its own.
    """
    if BROWSER_KEY not in session:
        session[BROWSER_KEY] = secrets.token_urlsafe(16)
    return session[BROWSER_KEY]
