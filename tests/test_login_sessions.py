"""Login sessions end on the server: logout, a password change and "log out everywhere" end them."""

# ruff: noqa: F811  (the `live` fixture is imported, and named again as a test's argument)
from datetime import timedelta

import pytest
from sqlalchemy import select, update

import config
from tests.conftest import DEFAULT_PASSWORD
from tests.realtime_helpers import add_payload, live  # noqa: F401
from tests.workshops_helpers import post_form, text_of
from workshop.extensions import db
from workshop.models import LoginSession
from workshop.models.base import utcnow

EMAIL = "kari@example.org"
NEW_PASSWORD = "a brand new password"
FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"
SAFARI = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"
)


def log_in(app, email=EMAIL, password=DEFAULT_PASSWORD, remember=False, user_agent=FIREFOX):
    """A new browser that logs in through the login page."""
    browser = app.test_client()
    browser.environ_base["HTTP_USER_AGENT"] = user_agent
    data = {"email": email, "password": password, **({"remember": "y"} if remember else {})}
    response = post_form(browser, "/login", "/login", data)
    assert response.status_code == 302, text_of(response)
    return browser


def copy_of(app, browser, cookie_name="session"):
    """Another browser holding a copy of one of this browser's cookies (a stolen cookie)."""
    thief = app.test_client()
    thief.set_cookie(cookie_name, browser.get_cookie(cookie_name).value)
    return thief


def change_password(browser, current_password: str):
    """Change the password to NEW_PASSWORD on the account page; the page that follows."""
    data = {"current_password": current_password, "new_password": NEW_PASSWORD}
    return post_form(
        browser,
        "/account",
        "/account/password",
        {**data, "confirm": NEW_PASSWORD},
        follow_redirects=True,
    )


def is_logged_in(browser) -> bool:
    response = browser.get("/workshops")
    if response.status_code == 302:
        assert response.headers["Location"].startswith("/login")
        return False
    assert response.status_code == 200
    return True


def sessions_in_database(app) -> int:
    with app.app_context():
        return len(db.session.scalars(select(LoginSession)).all())


@pytest.fixture
def kari(make_facilitator):
    return make_facilitator(email=EMAIL)


# --- logging out ---


def test_copied_session_cookie_stops_working_when_its_owner_logs_out(app, kari):
    browser = log_in(app)
    thief = copy_of(app, browser)
    assert is_logged_in(thief)

    post_form(browser, "/workshops", "/logout", {})

    assert not is_logged_in(browser)
    assert not is_logged_in(thief)
    assert sessions_in_database(app) == 0


def test_copied_remember_me_cookie_stops_working_when_its_owner_logs_out(app, kari):
    browser = log_in(app, remember=True)
    thief = copy_of(app, browser, "remember_token")
    stolen = thief.get_cookie("remember_token").value
    assert is_logged_in(thief)  # the cookie alone logs in (and starts a session cookie)

    post_form(browser, "/workshops", "/logout", {})

    assert browser.get_cookie("remember_token") is None
    assert not is_logged_in(thief)
    later = app.test_client()
    later.set_cookie("remember_token", stolen)
    assert not is_logged_in(later)


def test_a_cookie_naming_only_the_facilitator_opens_nothing(app, client, kari):
    # Before login sessions the cookie held the facilitator's id: anyone with such a cookie (or
    # the secret key) could be anyone. Now only a live session's secret opens a page.
    with client.session_transaction() as session:
        session["_user_id"] = str(kari)
        session["_fresh"] = True
    assert not is_logged_in(client)


def test_session_unused_for_longer_than_configured_has_ended(app, kari):
    app.config["LOGIN_SESSION_IDLE_DAYS"] = 3
    browser = log_in(app)
    with app.app_context():
        three_days_ago = utcnow() - timedelta(days=3, seconds=1)
        db.session.execute(update(LoginSession).values(last_seen_at=three_days_ago))
        db.session.commit()
    assert not is_logged_in(browser)


def test_session_limits_are_configured_by_the_environment(monkeypatch):
    monkeypatch.setenv("LOGIN_SESSION_IDLE_DAYS", "2")
    monkeypatch.setenv("LOGIN_DEVICE_COOKIE_DAYS", "90")
    monkeypatch.setenv("SESSION_COOKIE_SECURE", "true")
    settings = config.Config.from_environment()
    assert settings["LOGIN_SESSION_IDLE_DAYS"] == 2
    assert settings["LOGIN_DEVICE_COOKIE_DAYS"] == 90
    assert settings["REMEMBER_COOKIE_SECURE"] is True


# --- changing the password ---


def test_changing_the_password_logs_out_every_other_browser(app, kari):
    here = log_in(app)
    elsewhere = log_in(app, remember=True)
    thief = copy_of(app, elsewhere, "remember_token")

    response = change_password(here, DEFAULT_PASSWORD)

    assert "Your password is changed. You are logged out everywhere else." in text_of(response)
    assert is_logged_in(here)
    assert not is_logged_in(elsewhere)
    assert not is_logged_in(thief)
    assert sessions_in_database(app) == 1


def test_a_wrong_current_password_ends_no_session(app, kari):
    here = log_in(app)
    elsewhere = log_in(app)
    response = change_password(here, "not my password")
    assert "The current password is not correct." in text_of(response)
    assert is_logged_in(elsewhere)


# --- the account page: where you are logged in ---


def test_account_page_lists_the_browsers_logged_in(app, kari):
    log_in(app, user_agent=SAFARI, remember=True)
    here = log_in(app)

    page = text_of(here.get("/account"))

    assert "Where you are logged in" in page
    assert "Firefox on Windows (this browser) 127.0.0.1" in page
    assert "Safari on iOS · kept logged in 127.0.0.1" in page


def test_logging_out_this_browser_from_the_list_logs_out(app, kari):
    here = log_in(app)
    with app.app_context():
        this_session = db.session.scalar(select(LoginSession.id))

    response = post_form(here, "/account", f"/account/sessions/{this_session}/end", {})

    assert response.headers["Location"] == "/"
    assert not is_logged_in(here)


def test_facilitator_logs_out_another_browser_from_the_account_page(app, kari):
    here = log_in(app)
    phone = log_in(app, user_agent=SAFARI)
    with app.app_context():
        phone_session = db.session.scalar(
            select(LoginSession.id).where(LoginSession.user_agent == SAFARI)
        )

    response = post_form(
        here, "/account", f"/account/sessions/{phone_session}/end", {}, follow_redirects=True
    )

    assert "That browser is logged out." in text_of(response)
    assert "Safari on iOS" not in text_of(response)
    assert not is_logged_in(phone)
    assert is_logged_in(here)


def test_nobody_can_end_another_facilitators_session(app, kari, make_facilitator):
    make_facilitator(email="liv@example.org")
    liv = log_in(app, email="liv@example.org")
    here = log_in(app)
    with app.app_context():
        livs_session = db.session.scalar(select(LoginSession.id).order_by(LoginSession.id))

    response = post_form(here, "/account", f"/account/sessions/{livs_session}/end", {})

    assert response.status_code == 404
    assert is_logged_in(liv)


def test_log_out_everywhere_asks_first_then_logs_out_every_browser(app, kari):
    here = log_in(app)
    elsewhere = log_in(app, remember=True)
    kept_logged_in = copy_of(app, elsewhere, "remember_token")
    assert 'href="/account/sessions/end-all"' in here.get("/account").get_data(as_text=True)

    confirmation = here.get("/account/sessions/end-all")
    assert "Log out everywhere?" in text_of(confirmation)
    assert "Your account is logged in in 2 browsers." in text_of(confirmation)
    assert is_logged_in(here)

    response = post_form(
        here, "/account/sessions/end-all", "/account/sessions/end-all", {}, follow_redirects=True
    )

    assert "You are logged out everywhere, here too." in text_of(response)
    assert not is_logged_in(here)
    assert not is_logged_in(elsewhere)
    assert not is_logged_in(kept_logged_in)
    assert sessions_in_database(app) == 0


def test_log_out_everywhere_needs_the_csrf_token(app, kari):
    here = log_in(app)
    assert here.post("/account/sessions/end-all").status_code == 400
    assert is_logged_in(here)


# --- live sockets of a browser ---


def cookie_header(browser) -> dict:
    return {"Cookie": f"session={browser.get_cookie('session').value}"}


def facilitator_note(workshop) -> dict:
    return {**add_payload(workshop.question_ids[0]), "group_id": workshop.group_ids[0]}


def dashboard_socket(workshop, browser):
    auth = {"workshop_id": workshop.workshop_id, "role": "facilitator"}
    return workshop.client(auth, headers=cookie_header(browser))


def test_socket_of_a_logged_out_browser_is_refused(live, app, kari):
    workshop = live(owner_id=kari)
    browser = log_in(app)
    socket = dashboard_socket(workshop, browser)
    stolen_cookie = cookie_header(browser)

    post_form(browser, "/workshops", "/logout", {})

    ack = socket.call("note:add", facilitator_note(workshop))
    assert ack["error"]["code"] == "unauthorised"
    auth = {"workshop_id": workshop.workshop_id, "role": "facilitator"}
    refusal = workshop.refusal(auth, headers=stolen_cookie)
    assert refusal["data"]["code"] == "unauthorised"
    assert refusal["message"] == "You are not logged in. Log in again."


def test_password_change_stops_other_browsers_sockets_but_not_this_ones(live, app, kari):
    workshop = live(owner_id=kari)
    here = log_in(app)
    elsewhere = log_in(app)
    here_socket = dashboard_socket(workshop, here)
    elsewhere_socket = dashboard_socket(workshop, elsewhere)
    api_socket = workshop.as_facilitator()

    change_password(here, DEFAULT_PASSWORD)

    assert here_socket.call("note:add", facilitator_note(workshop))["ok"]
    refused = elsewhere_socket.call("note:add", facilitator_note(workshop))
    assert refused["error"]["code"] == "unauthorised"
    # API tokens are not login sessions: a program using one keeps working.
    assert api_socket.call("note:add", facilitator_note(workshop))["ok"]
