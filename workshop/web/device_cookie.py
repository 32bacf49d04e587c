"""The device cookie: a signed note that this browser has logged in to an account before.

A browser with one is limited on its own when it mistypes that account's password, not with
everyone guessing at the same email (see services/logins). It names the account by a hash of
the email and carries a random id per login; a few accounts share a computer at most.
"""

import secrets

from flask import Response, current_app, request
from itsdangerous import BadSignature, URLSafeTimedSerializer

from workshop.services.logins import device_key

COOKIE_NAME = "workshop_device"
ACCOUNTS_PER_BROWSER = 5


def serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="login-device")


def max_age_seconds() -> int:
    return current_app.config["LOGIN_DEVICE_COOKIE_DAYS"] * 24 * 60 * 60


def device_entries() -> list[list[str]]:
    """[account key, device id] pairs from this browser's cookie; none if missing or forged."""
    cookie = request.cookies.get(COOKIE_NAME)
    if not cookie:
        return []
    try:
        entries = serializer().loads(cookie, max_age=max_age_seconds())
    except BadSignature:
        return []
    return [entry for entry in entries if isinstance(entry, list) and len(entry) == 2]


def trusted_device(email: str | None) -> str | None:
    """This browser's device id for the account with this email, if it logged in to it before."""
    key = device_key(email)
    return next((device for account, device in device_entries() if account == key), None)


def remember_device(response: Response, email: str) -> None:
    """After a successful login: this browser is known to the account (with a fresh id)."""
    key = device_key(email)
    others = [entry for entry in device_entries() if entry[0] != key]
    entries = [[key, secrets.token_urlsafe(16)], *others][:ACCOUNTS_PER_BROWSER]
    config = current_app.config
    response.set_cookie(
        COOKIE_NAME,
        serializer().dumps(entries),
        max_age=max_age_seconds(),
        httponly=True,
        secure=config["SESSION_COOKIE_SECURE"],
        samesite="Lax",
    )
