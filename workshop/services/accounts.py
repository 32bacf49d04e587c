"""Facilitator accounts: first-run setup, creating, logging in, password, language, API tokens."""

import re

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from workshop.extensions import db
from workshop.models import (
    ApiToken,
    Conflict,
    DomainError,
    Facilitator,
    Meeting,
    NotFound,
    Series,
    Workshop,
)
from workshop.models.base import trimmed
from workshop.models.facilitator import (
    EMAIL_MAX,
    NAME_MAX,
    PASSWORD_MAX,
    PASSWORD_MIN,
    hash_token,
)
from workshop.services.login_sessions import end_other_login_sessions
from workshop.services.passwords import hash_password, password_matches

MAX_API_TOKENS = 50
# Deliberately loose: one @, something on both sides, a dot in the domain, no spaces.
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# The password hash of a stand-in owner: the demo's, when `workshop run --demo` comes before
# anyone has an account. No password matches it (it is no hash), so nobody can log in as the
# stand-in, the first-run setup stays open, and the first real account takes over what it owns.
NO_LOGIN = "!no-login"


def normalise_email(email: str | None) -> str:
    return (email or "").strip().lower()


def facilitator_exists() -> bool:
    """Whether anyone can log in: a stand-in owner (NO_LOGIN) does not count."""
    someone = select(Facilitator.id).where(Facilitator.password_hash != NO_LOGIN).limit(1)
    return db.session.scalar(someone) is not None


def stand_in_exists() -> bool:
    """Whether something made before the first account (the demo) waits for its owner."""
    stand_in = select(Facilitator.id).where(Facilitator.password_hash == NO_LOGIN).limit(1)
    return db.session.scalar(stand_in) is not None


def create_stand_in_owner(email: str, display_name: str) -> Facilitator:
    """An owner nobody can log in as, for what is made before the first account (the demo)."""
    stand_in = Facilitator(email=email, display_name=display_name, password_hash=NO_LOGIN)
    db.session.add(stand_in)
    db.session.commit()
    return stand_in


def take_over_from_stand_ins(facilitator: Facilitator) -> None:
    """Give the new account what stand-in owners own, and remove them (same transaction)."""
    stand_ins = db.session.scalars(
        select(Facilitator).where(Facilitator.password_hash == NO_LOGIN)
    ).all()
    if not stand_ins:
        return
    db.session.flush()  # the new account's id
    stand_in_ids = [stand_in.id for stand_in in stand_ins]
    for owned in (Workshop, Series, Meeting):
        db.session.execute(
            update(owned)
            .where(owned.owner_id.in_(stand_in_ids))
            .values(owner_id=facilitator.id)
            .execution_options(synchronize_session=False)
        )
    for stand_in in stand_ins:
        db.session.delete(stand_in)


def find_facilitator_by_email(email: str) -> Facilitator | None:
    return db.session.scalar(select(Facilitator).where(Facilitator.email == normalise_email(email)))


def facilitator_to_invite(email: str) -> Facilitator:
    """The facilitator with this email, to share something with; 404 (field email) if none."""
    facilitator = find_facilitator_by_email(email)
    if facilitator is None:
        raise NotFound(
            "facilitator_not_found",
            _l("No facilitator has this email address. They need an account first."),
            field="email",
        )
    return facilitator


def create_first_facilitator(
    email: str, display_name: str, password: str, language: str | None = None
) -> Facilitator:
    """The first account of a fresh installation; refused once any facilitator exists."""
    if facilitator_exists():
        raise Conflict(
            "setup_done", _l("The first facilitator account exists already. Log in instead.")
        )
    return create_facilitator(email, display_name, password, language)


def create_facilitator(
    email: str, display_name: str, password: str, language: str | None = None
) -> Facilitator:
    email = validate_email(email)
    display_name = validate_display_name(display_name)
    validate_password(password)
    if find_facilitator_by_email(email) is not None:
        raise email_taken()
    facilitator = Facilitator(
        email=email,
        display_name=display_name,
        password_hash=hash_password(password),
        language=validate_language(language),
    )
    db.session.add(facilitator)
    take_over_from_stand_ins(facilitator)
    try:
        db.session.commit()
    except IntegrityError as error:
        # Someone registered the same email between our check and this commit.
        db.session.rollback()
        raise email_taken() from error
    return facilitator


def email_taken() -> Conflict:
    return Conflict(
        "email_taken", _l("There is already an account with this email address."), field="email"
    )


def authenticate(email: str, password: str) -> Facilitator | None:
    """The facilitator with this email and password, or None (never says which one was wrong)."""
    facilitator = find_facilitator_by_email(email)
    if facilitator is None:
        # Hash anyway, so an unknown email takes as long to refuse as a wrong password.
        hash_password(password or "")
        return None
    if not password_matches(facilitator.password_hash, password or ""):
        return None
    return facilitator


def change_password(
    facilitator: Facilitator,
    current_password: str,
    new_password: str,
    keep_login_session_id: int | None = None,
) -> None:
    """A new password; every login session but the one kept ends (whoever had the old one)."""
    if not password_matches(facilitator.password_hash, current_password or ""):
        raise DomainError(
            "wrong_password", _l("The current password is not correct."), field="current_password"
        )
    validate_password(new_password, field="new_password")
    facilitator.password_hash = hash_password(new_password)
    end_other_login_sessions(facilitator, keep_login_session_id)
    db.session.commit()


def set_language(facilitator: Facilitator, language: str | None) -> None:
    """The facilitator's interface language; None means "follow the browser"."""
    facilitator.language = validate_language(language)
    db.session.commit()


def create_api_token(facilitator: Facilitator, name: str) -> tuple[ApiToken, str]:
    """A new API token and its secret; only the hash is stored, so the secret is shown once."""
    name = validate_token_name(name)
    tokens = list_api_tokens(facilitator)
    if len(tokens) >= MAX_API_TOKENS:
        raise Conflict(
            "too_many_tokens",
            _l("You can have at most %(max)d API tokens. Revoke one first.", max=MAX_API_TOKENS),
        )
    # Each token by a name of its own: two alike could not be told apart to revoke the right
    # one (and a page reloaded after creating one would make a second).
    if any(token.name.casefold() == name.casefold() for token in tokens):
        raise Conflict(
            "token_name_taken",
            _l("You already have a token called “%(name)s”.", name=name),
            field="name",
        )
    secret = ApiToken.new_secret()
    token = ApiToken(facilitator_id=facilitator.id, name=name, token_hash=hash_token(secret))
    db.session.add(token)
    db.session.commit()
    return token, secret


def list_api_tokens(facilitator: Facilitator) -> list[ApiToken]:
    statement = (
        select(ApiToken)
        .where(ApiToken.facilitator_id == facilitator.id)
        .order_by(ApiToken.created_at, ApiToken.id)
    )
    return list(db.session.scalars(statement))


def revoke_api_token(facilitator: Facilitator, token_id: int) -> None:
    token = db.session.get(ApiToken, token_id)
    if token is None or token.facilitator_id != facilitator.id:
        raise NotFound("token_not_found", _l("There is no such API token."))
    db.session.delete(token)
    db.session.commit()


# --- validation: the forms check the same limits; these guard the CLI and every other caller ---


def validate_email(email: str | None) -> str:
    email = normalise_email(email)
    if not email or len(email) > EMAIL_MAX or not EMAIL_PATTERN.match(email):
        raise DomainError(
            "invalid_email",
            _l("Enter a valid email address (at most %(max)d characters).", max=EMAIL_MAX),
            field="email",
        )
    return email


def validate_display_name(display_name: str | None) -> str:
    display_name = trimmed(display_name or "")
    if not display_name or len(display_name) > NAME_MAX:
        raise DomainError(
            "invalid_name",
            _l("Enter a name of at most %(max)d characters.", max=NAME_MAX),
            field="display_name",
        )
    return display_name


def validate_password(password: str | None, field: str = "password") -> None:
    if not password or not PASSWORD_MIN <= len(password) <= PASSWORD_MAX:
        raise DomainError(
            "invalid_password",
            _l(
                "A password must have %(min)d to %(max)d characters.",
                min=PASSWORD_MIN,
                max=PASSWORD_MAX,
            ),
            field=field,
        )


def validate_language(language: str | None) -> str | None:
    if not language:
        return None
    if language not in current_app.config["LANGUAGES"]:
        raise DomainError(
            "invalid_language", _l("This language is not available."), field="language"
        )
    return language


def validate_token_name(name: str | None) -> str:
    name = trimmed(name or "")
    if not name or len(name) > NAME_MAX:
        raise DomainError(
            "invalid_name",
            _l("Give the token a name of at most %(max)d characters.", max=NAME_MAX),
            field="name",
        )
    return name
