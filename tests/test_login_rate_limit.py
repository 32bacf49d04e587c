"""Guessing passwords on the login page: failed logins are limited per address and per account.

Per account, a browser that logged in to it before carries a device cookie and is limited on its
own, so a stranger guessing at the email cannot lock the owner out; unknown browsers share a limit.
"""

from datetime import timedelta

import pytest
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import select, update

import config
from tests.conftest import DEFAULT_PASSWORD, csrf_token_from
from tests.workshops_helpers import text_of
from workshop import create_app
from workshop.extensions import db
from workshop.models import FailedAttempt
from workshop.models.base import utcnow
from workshop.services.logins import device_key
from workshop.web.device_cookie import COOKIE_NAME as DEVICE_COOKIE

GUESSER = "198.51.100.7"
COLLEAGUE = "198.51.100.8"
WRONG = "not the password at all"
NOT_CORRECT = "The email address or the password is not correct."
TOO_MANY = "Too many failed logins. Wait a minute and try again."


@pytest.fixture
def limit(app):
    app.config["LOGIN_ATTEMPTS_PER_MINUTE"] = 3
    return 3


def log_in(app, email: str, password: str, address: str, browser=None):
    """A browser at `address` (a new one unless given) opens the login page and submits it."""
    client = browser or app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    token = csrf_token_from(client.get("/login").get_data(as_text=True))
    response = client.post(
        "/login", data={"csrf_token": token, "email": email, "password": password}
    )
    response.logged_in = client.get("/workshops").status_code == 200
    if response.logged_in:
        client.post("/logout", data={"csrf_token": csrf_token_from(client.get("/").text)})
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


# --- browsers that logged in to the account before (device cookies) ---


def owners_browser(app, email="kari@example.org"):
    """The owner's own browser: it has logged in to the account before (and logged out since)."""
    browser = app.test_client()
    assert log_in(app, email, DEFAULT_PASSWORD, COLLEAGUE, browser).logged_in
    assert browser.get_cookie(DEVICE_COOKIE) is not None
    return browser


def strangers_guess(app, limit, email="kari@example.org"):
    """A stranger guesses at the account from many addresses, more often than allowed."""
    for number in range(limit + 2):
        log_in(app, email, WRONG, f"203.0.113.{number}")


def test_a_strangers_guessing_does_not_keep_the_owner_out_of_their_own_browser(
    app, make_facilitator, limit
):
    make_facilitator(email="kari@example.org")
    browser = owners_browser(app)
    strangers_guess(app, limit)

    assert log_in(app, "kari@example.org", DEFAULT_PASSWORD, COLLEAGUE, browser).logged_in
    # A browser the account does not know is still held back: the guessing goes on from there.
    unknown = log_in(app, "kari@example.org", DEFAULT_PASSWORD, COLLEAGUE)
    expect_refused(unknown, TOO_MANY, 429)


def test_a_known_browser_that_keeps_failing_is_limited_on_its_own(app, make_facilitator, limit):
    make_facilitator(email="kari@example.org")
    browser = owners_browser(app)
    for number in range(limit):
        expect_refused(
            log_in(app, "kari@example.org", WRONG, f"203.0.113.{number}", browser), NOT_CORRECT, 200
        )
    limited = log_in(app, "kari@example.org", DEFAULT_PASSWORD, COLLEAGUE, browser)
    expect_refused(limited, TOO_MANY, 429)
    # Its failures were its own: browsers unknown to the account are not held back by them.
    assert log_in(app, "kari@example.org", DEFAULT_PASSWORD, GUESSER).logged_in


def test_a_known_browser_is_still_limited_per_address(app, make_facilitator, limit):
    make_facilitator(email="kari@example.org")
    browser = owners_browser(app)
    for number in range(limit):
        log_in(app, f"someone{number}@example.org", WRONG, GUESSER)
    expect_refused(
        log_in(app, "kari@example.org", DEFAULT_PASSWORD, GUESSER, browser), TOO_MANY, 429
    )


def test_a_browser_known_to_another_account_is_a_stranger_to_this_one(app, make_facilitator, limit):
    make_facilitator(email="kari@example.org")
    make_facilitator(email="liv@example.org")
    livs_browser = owners_browser(app, "liv@example.org")
    strangers_guess(app, limit)
    refused = log_in(app, "kari@example.org", DEFAULT_PASSWORD, COLLEAGUE, livs_browser)
    expect_refused(refused, TOO_MANY, 429)


@pytest.mark.parametrize("forged", ["not-signed-at-all", "signed-with-another-key"])
def test_a_forged_device_cookie_is_no_help(app, make_facilitator, limit, forged):
    make_facilitator(email="kari@example.org")
    strangers_guess(app, limit)
    browser = app.test_client()
    if forged == "signed-with-another-key":
        other = create_app(config.TestingConfig, {"SECRET_KEY": "another key"})
        with other.test_request_context():
            entries = [[device_key("kari@example.org"), "device-id"]]
            value = URLSafeTimedSerializer("another key", salt="login-device").dumps(entries)
    else:
        value = forged
    browser.set_cookie(DEVICE_COOKIE, value)
    expect_refused(
        log_in(app, "kari@example.org", DEFAULT_PASSWORD, COLLEAGUE, browser), TOO_MANY, 429
    )


# --- guessing on gets ever slower ---


def age_failures(app, seconds: int) -> None:
    """Let time pass for the failures recorded so far."""
    with app.app_context():
        for attempt in db.session.scalars(select(FailedAttempt)):
            attempt.attempted_at = attempt.attempted_at - timedelta(seconds=seconds)
        db.session.commit()


def test_who_keeps_guessing_waits_longer_each_round(app, make_facilitator, limit):
    make_facilitator(email="kari@example.org")
    browser = owners_browser(app)
    for number in range(2 * limit):
        log_in(app, "kari@example.org", WRONG, f"203.0.113.{number}")
        if number == limit - 1:
            age_failures(app, 61)  # the first round's minute is over: the second one may start
    age_failures(app, 61)
    # The second round within the hour locks the account for two minutes, not one.
    refused = log_in(app, "kari@example.org", DEFAULT_PASSWORD, COLLEAGUE)
    expect_refused(refused, "Too many failed logins. Wait 2 minutes and try again.", 429)
    assert log_in(app, "kari@example.org", DEFAULT_PASSWORD, COLLEAGUE, browser).logged_in
    age_failures(app, 60)
    assert log_in(app, "kari@example.org", DEFAULT_PASSWORD, COLLEAGUE).logged_in
