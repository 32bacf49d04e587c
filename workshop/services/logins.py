"""Logging a facilitator in, with failed attempts limited per client address and per account.

Per account, a browser that has logged in to it before (its device cookie says so: OWASP's
"device cookies") has its own limit, so a stranger guessing at an email address cannot lock its
owner out; browsers unknown to the account share the account's limit.

Who keeps failing is slowed down further: each further `limit` failures within the hour double
the wait (a minute, two, four … up to an hour), so guessing on gets ever slower.
"""

from datetime import timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from workshop.models import DomainError, Facilitator
from workshop.models.attempt import hash_attempt_key
from workshop.services import attempts
from workshop.services.accounts import authenticate, normalise_email

BY_ADDRESS = "login:address"
BY_EMAIL = "login:email"  # attempts from browsers the account does not know
BY_DEVICE = "login:device"  # attempts from a browser that logged in to the account before
MAX_DOUBLINGS = 6  # 64 minutes: past the hour that failures are kept


def login_failed() -> DomainError:
    # The same message for an unknown email and a wrong password: it tells nothing about accounts.
    return DomainError(
        "login_failed",
        _l("The email address or the password is not correct."),
        status=401,
        field="password",
    )


def too_many_attempts(wait: timedelta) -> DomainError:
    minutes = int(wait.total_seconds()) // 60
    message = (
        _l("Too many failed logins. Wait a minute and try again.")
        if minutes <= 1
        # Not lazy: pybabel extracts ngettext, and logging in always happens inside a request.
        else ngettext(
            "Too many failed logins. Wait %(num)d minute and try again.",
            "Too many failed logins. Wait %(num)d minutes and try again.",
            minutes,
        )
    )
    return DomainError(
        "too_many_login_attempts",
        message,
        status=429,
        field="password",
        retry_after_seconds=int(wait.total_seconds()),
    )


def device_key(email: str | None) -> str:
    """How a device cookie names the account it vouches for (without spelling out the email)."""
    return hash_attempt_key("device:" + normalise_email(email))


def account_key(email: str | None, trusted_device: str | None) -> tuple[str, str]:
    if trusted_device:
        return (BY_DEVICE, trusted_device)
    return (BY_EMAIL, normalise_email(email))


def attempt_keys(
    email: str | None, address: str, trusted_device: str | None
) -> list[tuple[str, str]]:
    return [(BY_ADDRESS, address), account_key(email, trusted_device)]


def lockout_window(kind: str, key: str, limit: int) -> timedelta:
    """How far back `limit` failures lock the key out: a minute, doubled per further `limit`."""
    failures = attempts.recent_failures(kind, key, attempts.ATTEMPT_HISTORY)
    doublings = min(max(failures // max(limit, 1) - 1, 0), MAX_DOUBLINGS)
    return min(attempts.ATTEMPT_WINDOW * 2**doublings, attempts.ATTEMPT_HISTORY)


def longest_lockout(keys: list[tuple[str, str]], limit: int) -> timedelta | None:
    """The longest window any key is locked out for, or None when none is."""
    windows = [lockout_window(kind, key, limit) for kind, key in keys]
    locked = [
        window
        for (kind, key), window in zip(keys, windows, strict=True)
        if attempts.is_limited(kind, key, limit, window)
    ]
    return max(locked, default=None)


def log_in_facilitator(
    email: str | None, password: str | None, address: str, trusted_device: str | None = None
) -> Facilitator:
    """The facilitator with these credentials; refused, even when right, while rate-limited.

    trusted_device: the id from this browser's device cookie for this email, if it has one.
    """
    keys = attempt_keys(email, address, trusted_device)
    limit = current_app.config["LOGIN_ATTEMPTS_PER_MINUTE"]
    # Checked before the password, so that guessing on learns nothing until the wait is over.
    wait = longest_lockout(keys, limit)
    if wait is not None:
        raise too_many_attempts(wait)
    facilitator = authenticate(email or "", password or "")
    if facilitator is None:
        attempts.record_failures(keys)
        raise login_failed()
    # Only this browser's failures at the account are forgiven: the address may still be guessing
    # at others, and a known browser's success says nothing about strangers guessing meanwhile.
    attempts.forget_failures(*account_key(email, trusted_device))
    return facilitator
