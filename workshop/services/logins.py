"""Logging a facilitator in, with failed attempts limited per client address and per email."""

from flask import current_app
from flask_babel import lazy_gettext as _l

from workshop.models import DomainError, Facilitator
from workshop.services import attempts
from workshop.services.accounts import authenticate, normalise_email

BY_ADDRESS = "login:address"
BY_EMAIL = "login:email"


def login_failed() -> DomainError:
    # The same message for an unknown email and a wrong password: it tells nothing about accounts.
    return DomainError(
        "login_failed",
        _l("The email address or the password is not correct."),
        status=401,
        field="password",
    )


def too_many_attempts() -> DomainError:
    return DomainError(
        "too_many_login_attempts",
        _l("Too many failed logins. Wait a minute and try again."),
        status=429,
        field="password",
        retry_after_seconds=int(attempts.ATTEMPT_WINDOW.total_seconds()),
    )


def attempt_keys(email: str | None, address: str) -> list[tuple[str, str]]:
    return [(BY_ADDRESS, address), (BY_EMAIL, normalise_email(email))]


def log_in_facilitator(email: str | None, password: str | None, address: str) -> Facilitator:
    """The facilitator with these credentials; refused, even when right, while rate-limited."""
    keys = attempt_keys(email, address)
    limit = current_app.config["LOGIN_ATTEMPTS_PER_MINUTE"]
    # Checked before the password, so that guessing on learns nothing until the minute is over.
    if any(attempts.is_limited(kind, key, limit) for kind, key in keys):
        raise too_many_attempts()
    facilitator = authenticate(email or "", password or "")
    if facilitator is None:
        for kind, key in keys:
            attempts.record_failure(kind, key)
        raise login_failed()
    # Only the account's own failures are forgiven: the address may still be guessing at others.
    attempts.forget_failures(BY_EMAIL, normalise_email(email))
    return facilitator
