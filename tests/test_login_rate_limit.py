"""Guessing passwords on the login page: failed logins are limited per address and per email."""

from datetime import timedelta

import pytest
from sqlalchemy import select, update

import config
from tests.conftest import DEFAULT_PASSWORD, csrf_token_from
from tests.workshops_helpers import text_of
from workshop.extensions import db
from workshop.models import FailedAttempt
from workshop.models.base import utcnow

GUESSER = "198.51.100.7"
COLLEAGUE = "198.51.100.8"
WRONG = "not the password at all"
NOT_CORRECT = "The email address or the password is not correct."
TOO_MANY = "Too many failed logins. Wait a minute and try again."


@pytest.fixture
def limit(app):
    app.config["LOGIN_ATTEMPTS_PER_MINUTE"] = 3
    return 3


def log_in(app, email: str, password: str, address: str):
    """A browser at `address` opens the login page and submits it."""
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    token = csrf_token_from(client.get("/login").get_data(as_text=True))
    response = client.post(
        "/login", data={"csrf_token": token, "email": email, "password": password}
    )
    response.logged_in = client.get("/workshops").status_code == 200
    return response


def expect_refused(response, message: str, status: int) -> None:
    assert response.status_code == status
    assert message in text_of(response)
    assert not response.logged_in


def test_right_password_is_refused_after_too_many_wrong_ones(app, make_facilitator, limit):
    make_facilitator(email="kari@example.org")
    for _attempt in range(limit):
        expect_refused(log_in(app, "kari@example.org", WRONG, GUESSER), NOT_CORRECT, 200)
    limited = log_in(app, "kari@example.org", DEFAULT_PASSWORD, GUESSER)
    expect_refused(limited, TOO_MANY, 429)
    assert NOT_CORRECT not in text_of(limited)


def test_guessing_from_one_address_does_not_lock_out_other_addresses(app, make_facilitator, limit):
    make_facilitator(email="kari@example.org")
    for number in range(limit):
        log_in(app, f"someone{number}@example.org", WRONG, GUESSER)
    expect_refused(log_in(app, "kari@example.org", DEFAULT_PASSWORD, GUESSER), TOO_MANY, 429)
    colleague = log_in(app, "kari@example.org", DEFAULT_PASSWORD, COLLEAGUE)
    assert colleague.status_code == 302
    assert colleague.logged_in


def test_guessing_one_email_from_many_addresses_locks_only_that_email(app, make_facilitator, limit):
    make_facilitator(email="kari@example.org")
    make_facilitator(email="liv@example.org")
    for number in range(limit):
        log_in(app, "KARI@example.org ", WRONG, f"203.0.113.{number}")
    expect_refused(log_in(app, "kari@example.org", DEFAULT_PASSWORD, COLLEAGUE), TOO_MANY, 429)
    assert log_in(app, "liv@example.org", DEFAULT_PASSWORD, COLLEAGUE).logged_in


def test_login_works_again_a_minute_after_the_last_failure(app, make_facilitator, limit):
    make_facilitator(email="kari@example.org")
    for _attempt in range(limit):
        log_in(app, "kari@example.org", WRONG, GUESSER)
    with app.app_context():
        a_minute_ago = utcnow() - timedelta(minutes=1, seconds=1)
        db.session.execute(update(FailedAttempt).values(attempted_at=a_minute_ago))
        db.session.commit()
    assert log_in(app, "kari@example.org", DEFAULT_PASSWORD, GUESSER).logged_in


def test_logging_in_forgives_the_accounts_earlier_typos(app, make_facilitator, limit):
    make_facilitator(email="kari@example.org")
    for _attempt in range(limit - 1):
        log_in(app, "kari@example.org", WRONG, GUESSER)
    assert log_in(app, "kari@example.org", DEFAULT_PASSWORD, GUESSER).logged_in
    for _attempt in range(limit - 1):
        log_in(app, "kari@example.org", WRONG, COLLEAGUE)
    assert log_in(app, "kari@example.org", DEFAULT_PASSWORD, COLLEAGUE).logged_in


def test_failed_logins_are_kept_without_the_email_or_address_readable(app, make_facilitator, limit):
    make_facilitator(email="kari@example.org")
    log_in(app, "kari@example.org", WRONG, GUESSER)
    with app.app_context():
        rows = db.session.execute(select(FailedAttempt.kind, FailedAttempt.key_hash)).all()
    assert sorted(kind for kind, _key in rows) == ["login:address", "login:email"]
    assert all("kari" not in key and GUESSER not in key for _kind, key in rows)


def test_login_without_csrf_token_is_rejected_and_not_counted(app, make_facilitator, limit):
    make_facilitator(email="kari@example.org")
    client = app.test_client()
    for _attempt in range(limit + 1):
        response = client.post("/login", data={"email": "kari@example.org", "password": WRONG})
        assert response.status_code == 400
    assert log_in(app, "kari@example.org", DEFAULT_PASSWORD, "127.0.0.1").logged_in


def test_login_limit_is_configured_by_the_environment(monkeypatch):
    monkeypatch.setenv("LOGIN_ATTEMPTS_PER_MINUTE", "7")
    assert config.Config.from_environment()["LOGIN_ATTEMPTS_PER_MINUTE"] == 7
    assert config.Config.LOGIN_ATTEMPTS_PER_MINUTE <= 10
    assert config.TestingConfig.LOGIN_ATTEMPTS_PER_MINUTE >= 100
