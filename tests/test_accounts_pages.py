"""Account pages: the start page, first-run setup, logging in and out, and the account page."""

import re

import pytest

from tests.workshops_helpers import csrf_token_of, post_form, text_of
from workshop.extensions import db
from workshop.models import ApiToken, Facilitator
from workshop.models.facilitator import PASSWORD_MAX, PASSWORD_MIN
from workshop.services import access, accounts
from workshop.services.demo import DEMO_EMAIL, DEMO_TITLE, load_demo

PASSWORD = "correct horse battery"  # conftest's DEFAULT_PASSWORD


def setup_data(**overrides) -> dict:
    return {
        "display_name": "Åse Ødegård",
        "email": "Ase@Example.org",
        "password": "a long enough password",
        "confirm": "a long enough password",
        **overrides,
    }


def facilitators(app) -> list[tuple[str, str]]:
    with app.app_context():
        return [(f.email, f.display_name) for f in db.session.query(Facilitator).all()]


def log_in(client, email, password=PASSWORD, next_url=None, **extra):
    action = "/login" + (f"?next={next_url}" if next_url else "")
    return post_form(client, "/login", action, {"email": email, "password": password, **extra})


# --- start page and first-run setup ---


def test_fresh_installation_offers_to_create_the_first_account(client):
    page = client.get("/")
    assert page.status_code == 200
    assert "Create the first account" in text_of(page)
    assert 'href="/setup"' in page.get_data(as_text=True)


def test_first_run_setup_creates_the_account_and_logs_in(client, app):
    response = post_form(client, "/setup", "/setup", setup_data())
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/workshops")
    assert facilitators(app) == [("ase@example.org", "Åse Ødegård")]
    workshops_page = client.get("/workshops")
    assert workshops_page.status_code == 200
    assert "Welcome, Åse Ødegård" in text_of(workshops_page)
    # This browser is known to the account from now on (see test_login_rate_limit).
    assert client.get_cookie("workshop_device") is not None


def test_setup_is_closed_once_a_facilitator_exists(client, app, make_facilitator):
    make_facilitator(email="first@example.org")
    page = client.get("/setup")
    assert page.status_code == 302
    assert page.headers["Location"].startswith("/login")
    token = csrf_token_of(client, "/login")
    client.post("/setup", data={"csrf_token": token, **setup_data(email="intruder@example.org")})
    assert [email for email, _name in facilitators(app)] == ["first@example.org"]


def test_setup_states_the_password_limits_and_checks_the_repeat(client, app):
    page = client.get("/setup")
    assert f"Between {PASSWORD_MIN} and {PASSWORD_MAX} characters." in text_of(page)
    short = post_form(client, "/setup", "/setup", setup_data(password="short", confirm="short"))
    assert (
        f"The password must have between {PASSWORD_MIN} and {PASSWORD_MAX} characters."
        in text_of(short)
    )
    differ = post_form(client, "/setup", "/setup", setup_data(confirm="another long password"))
    assert "The two passwords are not the same." in text_of(differ)
    bad_email = post_form(client, "/setup", "/setup", setup_data(email="not an email"))
    assert "Enter a valid email address" in text_of(bad_email)
    assert facilitators(app) == []


def test_setup_without_csrf_token_is_rejected(client, app):
    response = client.post("/setup", data=setup_data())
    assert response.status_code == 400
    assert facilitators(app) == []


def test_setup_can_load_the_demo_workshop(client, app):
    response = post_form(client, "/setup", "/setup", setup_data(load_demo="y"))
    assert response.status_code == 302
    assert re.search(r"/workshops/\d+$", response.headers["Location"])
    demo_page = client.get(response.headers["Location"])
    assert demo_page.status_code == 200
    listing = client.get("/workshops")
    assert listing.get_data(as_text=True).count('href="/workshops/') >= 1


def test_a_demo_loaded_before_any_account_waits_for_the_first_account(client, app):
    # `workshop run --demo` on a fresh installation: the demo needs an owner before anyone has
    # an account, and nobody may be locked out of the first-run setup by it.
    with app.app_context():
        demo_id = load_demo().id
    start = client.get("/")
    assert "Create the first account" in text_of(start)
    assert "The demo workshop is ready and waiting: it becomes this account's." in text_of(start)
    for password in ("!no-login", "anything at all"):
        refused = log_in(client, DEMO_EMAIL, password)
        assert "The email address or the password is not correct." in text_of(refused)
    assert client.get("/workshops").status_code == 302
    setup_page = client.get("/setup")
    assert "it becomes this account's" in text_of(setup_page)
    assert 'name="load_demo"' not in setup_page.get_data(as_text=True)

    response = post_form(client, "/setup", "/setup", setup_data())
    assert response.headers["Location"].endswith(f"/workshops/{demo_id}")
    assert facilitators(app) == [("ase@example.org", "Åse Ødegård")]
    assert DEMO_TITLE in text_of(client.get(f"/workshops/{demo_id}"))
    assert client.get("/setup").status_code == 302


def test_start_page_has_a_join_code_form_and_a_login_link(client, make_facilitator):
    make_facilitator()
    html = client.get("/").get_data(as_text=True)
    form = re.search(r'<form method="post" action="/join"[^>]*>(.*?)</form>', html, re.S)
    assert form, "no join form posting to /join"
    assert 'name="code"' in form.group(1)
    assert '<label for="join-code">' in form.group(1)
    assert 'name="csrf_token"' in form.group(1)
    assert 'href="/login"' in html


def test_start_page_join_form_reaches_the_join_page(client, make_workshop, app):
    from workshop.models import Workshop

    workshop_id = make_workshop()
    with app.app_context():
        code = db.session.get(Workshop, workshop_id).join_code
    response = post_form(client, "/", "/join", {"code": code.lower()})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/j/{code}")


# --- logging in and out ---


def test_facilitator_logs_in_with_email_in_any_case(client, make_facilitator):
    make_facilitator(email="kari@example.org", name="Kari")
    response = log_in(client, "  KARI@example.org ")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/workshops")
    assert client.get("/workshops").status_code == 200


def test_wrong_password_says_so_without_telling_which_part_was_wrong(client, make_facilitator):
    make_facilitator(email="kari@example.org")
    wrong = log_in(client, "kari@example.org", "not the password")
    unknown = log_in(client, "nobody@example.org", PASSWORD)
    for response in (wrong, unknown):
        assert response.status_code == 200
        assert "The email address or the password is not correct." in text_of(response)
    assert client.get("/workshops").status_code == 302


def test_login_returns_to_the_page_asked_for(client, make_facilitator):
    make_facilitator(email="kari@example.org")
    redirected = client.get("/account")
    assert redirected.status_code == 302
    assert "/login?next=" in redirected.headers["Location"]
    response = log_in(client, "kari@example.org", next_url="/account")
    assert response.headers["Location"].endswith("/account")


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/", "javascript:alert(1)"]
)
def test_login_never_redirects_to_another_site(client, make_facilitator, next_url):
    make_facilitator(email="kari@example.org")
    response = log_in(client, "kari@example.org", next_url=next_url)
    assert response.status_code == 302
    assert response.headers["Location"] == "/workshops"


def test_remember_me_keeps_the_login_in_a_lasting_cookie(client, make_facilitator):
    make_facilitator(email="kari@example.org")
    response = log_in(client, "kari@example.org", remember="y")
    cookies = response.headers.getlist("Set-Cookie")
    assert any(c.startswith("remember_token=") and "Expires=" in c for c in cookies)


def test_without_remember_me_there_is_no_lasting_cookie(client, make_facilitator):
    make_facilitator(email="kari@example.org")
    response = log_in(client, "kari@example.org")
    assert not any(c.startswith("remember_token=") for c in response.headers.getlist("Set-Cookie"))


def test_login_without_csrf_token_is_rejected(client, make_facilitator):
    make_facilitator(email="kari@example.org")
    response = client.post("/login", data={"email": "kari@example.org", "password": PASSWORD})
    assert response.status_code == 400
    assert client.get("/workshops").status_code == 302


def test_logout_is_a_post_and_ends_the_session(client, make_facilitator, login_as):
    login_as(make_facilitator())
    assert client.get("/logout").status_code == 405
    assert client.post("/logout").status_code == 400  # no CSRF token
    assert client.get("/workshops").status_code == 200
    response = post_form(client, "/workshops", "/logout", {})
    assert response.status_code == 302
    assert client.get("/workshops").status_code == 302


# --- the account page ---


def test_account_page_needs_login(client):
    response = client.get("/account")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]
    assert client.post("/account/tokens", data={"name": "x"}).status_code in (302, 400)


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "Please log in to see this page."), ("da", "Log ind for at se denne side.")],
)
def test_the_login_page_says_why_in_the_browsers_language(client, language, message):
    login = client.get("/account", headers={"Accept-Language": language}, follow_redirects=True)
    assert message in login.get_data(as_text=True)


def test_facilitator_changes_password_with_the_current_one(client, app, make_facilitator, login_as):
    login_as(make_facilitator(email="kari@example.org"))
    wrong = post_form(
        client,
        "/account",
        "/account/password",
        {
            "current_password": "guess",
            "new_password": "new password 123",
            "confirm": "new password 123",
        },
    )
    assert "The current password is not correct." in text_of(wrong)
    changed = post_form(
        client,
        "/account",
        "/account/password",
        {
            "current_password": PASSWORD,
            "new_password": "new password 123",
            "confirm": "new password 123",
        },
    )
    assert changed.status_code == 302
    with app.app_context():
        assert accounts.authenticate("kari@example.org", "new password 123") is not None
        assert accounts.authenticate("kari@example.org", PASSWORD) is None


def test_new_password_too_long_is_refused_stating_the_limit(
    client, app, make_facilitator, login_as
):
    login_as(make_facilitator(email="kari@example.org"))
    long_password = "x" * (PASSWORD_MAX + 1)
    response = post_form(
        client,
        "/account",
        "/account/password",
        {"current_password": PASSWORD, "new_password": long_password, "confirm": long_password},
    )
    assert (
        f"The password must have between {PASSWORD_MIN} and {PASSWORD_MAX} characters."
        in text_of(response)
    )
    with app.app_context():
        assert accounts.authenticate("kari@example.org", PASSWORD) is not None


def test_facilitator_chooses_the_interface_language(client, app, make_facilitator, login_as):
    facilitator_id = make_facilitator()
    login_as(facilitator_id)
    response = post_form(client, "/account", "/account/language", {"language": "nb"})
    assert response.status_code == 302
    assert '<html lang="nb">' in client.get("/account").get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Facilitator, facilitator_id).language == "nb"
    post_form(client, "/account", "/account/language", {"language": ""})
    page = client.get("/account", headers={"Accept-Language": "da"})
    assert '<html lang="da">' in page.get_data(as_text=True)


def test_api_token_secret_is_shown_once_then_only_its_name(client, app, make_facilitator, login_as):
    facilitator_id = make_facilitator()
    login_as(facilitator_id)
    response = post_form(client, "/account", "/account/tokens", {"name": "Import script 🐍"})
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    secret = re.search(r'value="(wsf_[^"]+)"', response.get_data(as_text=True)).group(1)
    assert "will not be shown again" in text_of(response)
    with app.app_context():
        assert access.facilitator_for_api_token(secret).id == facilitator_id
    later = client.get("/account").get_data(as_text=True)
    assert "Import script 🐍" in later
    assert secret not in later
    # Sent again (a reload of the answer): no second token of the same name.
    again = post_form(client, "/account", "/account/tokens", {"name": "import SCRIPT 🐍"})
    assert "You already have a token called “import SCRIPT 🐍”." in text_of(again)
    with app.app_context():
        assert db.session.query(ApiToken).count() == 1


def test_api_token_can_be_revoked(client, app, make_facilitator, login_as):
    facilitator_id = make_facilitator()
    login_as(facilitator_id)
    page = post_form(client, "/account", "/account/tokens", {"name": "script"})
    secret = re.search(r'value="(wsf_[^"]+)"', page.get_data(as_text=True)).group(1)
    with app.app_context():
        token_id = db.session.query(ApiToken).one().id
    response = post_form(client, "/account", f"/account/tokens/{token_id}/revoke", {})
    assert response.status_code == 302
    assert (
        client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).status_code == 401
    )
    assert "You have no API tokens." in text_of(client.get("/account"))


def test_api_token_without_a_name_is_refused(client, app, make_facilitator, login_as):
    login_as(make_facilitator())
    response = post_form(client, "/account", "/account/tokens", {"name": "  "})
    assert "Give the token a name" in text_of(response)
    with app.app_context():
        assert db.session.query(ApiToken).count() == 0


def test_facilitator_cannot_revoke_another_facilitators_token(
    client, app, make_facilitator, login_as
):
    owner_id = make_facilitator()
    with app.app_context():
        token, _secret = accounts.create_api_token(db.session.get(Facilitator, owner_id), "theirs")
        token_id = token.id
    login_as(make_facilitator())
    response = post_form(client, "/account", f"/account/tokens/{token_id}/revoke", {})
    assert response.status_code == 404
    with app.app_context():
        assert db.session.get(ApiToken, token_id) is not None


def test_revoking_without_csrf_token_is_rejected(client, app, make_facilitator, login_as):
    facilitator_id = make_facilitator()
    with app.app_context():
        token, _secret = accounts.create_api_token(db.session.get(Facilitator, facilitator_id), "x")
        token_id = token.id
    login_as(facilitator_id)
    assert client.post(f"/account/tokens/{token_id}/revoke").status_code == 400
    with app.app_context():
        assert db.session.get(ApiToken, token_id) is not None
