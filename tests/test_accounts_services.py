"""Account services: first-run setup, creating accounts, logging in, passwords, API tokens."""

import pytest

from workshop.extensions import db
from workshop.models import ApiToken, DomainError, Facilitator
from workshop.models.facilitator import EMAIL_MAX, NAME_MAX, PASSWORD_MAX, PASSWORD_MIN
from workshop.services import access, accounts

PASSWORD = "correct horse battery"


def test_first_facilitator_can_be_created_only_while_none_exists(app_ctx):
    first = accounts.create_first_facilitator("first@example.org", "First", PASSWORD)
    assert first.id
    with pytest.raises(DomainError) as refused:
        accounts.create_first_facilitator("second@example.org", "Second", PASSWORD)
    assert refused.value.code == "setup_done"
    assert refused.value.status == 409
    assert db.session.query(Facilitator).count() == 1


def test_email_is_stored_lowercase_and_stripped_and_logs_in_in_any_case(app_ctx):
    facilitator = accounts.create_facilitator("  Kari.Nordmann@Example.ORG ", "Kari", PASSWORD)
    assert facilitator.email == "kari.nordmann@example.org"
    assert accounts.authenticate("KARI.NORDMANN@example.org", PASSWORD).id == facilitator.id


def test_same_email_twice_is_refused_with_a_clear_error(app_ctx):
    accounts.create_facilitator("kari@example.org", "Kari", PASSWORD)
    with pytest.raises(DomainError) as refused:
        accounts.create_facilitator("KARI@example.org ", "Kari again", PASSWORD)
    assert refused.value.code == "email_taken"
    assert "already an account" in str(refused.value.message)


@pytest.mark.parametrize(
    ("email", "name", "password", "code", "limit_in_message"),
    [
        ("not-an-email", "Kari", PASSWORD, "invalid_email", str(EMAIL_MAX)),
        (
            "a" * (EMAIL_MAX - 11) + "@example.org",
            "Kari",
            PASSWORD,
            "invalid_email",
            str(EMAIL_MAX),
        ),
        ("kari@example.org", "   ", PASSWORD, "invalid_name", str(NAME_MAX)),
        ("kari@example.org", "K" * (NAME_MAX + 1), PASSWORD, "invalid_name", str(NAME_MAX)),
        (
            "kari@example.org",
            "Kari",
            "x" * (PASSWORD_MIN - 1),
            "invalid_password",
            str(PASSWORD_MIN),
        ),
        (
            "kari@example.org",
            "Kari",
            "x" * (PASSWORD_MAX + 1),
            "invalid_password",
            str(PASSWORD_MAX),
        ),
    ],
)
def test_bad_account_details_are_refused_stating_the_limit(
    app_ctx, email, name, password, code, limit_in_message
):
    with pytest.raises(DomainError) as refused:
        accounts.create_facilitator(email, name, password)
    assert refused.value.code == code
    assert limit_in_message in str(refused.value.message)
    assert db.session.query(Facilitator).count() == 0


def test_names_and_passwords_keep_non_ascii_exactly(app_ctx):
    name = "Åse Ødegård 🎈 مرحبا"
    password = "pässwörd-æøå-🔑"
    facilitator = accounts.create_facilitator("ase@example.org", name, password)
    assert facilitator.display_name == name
    assert accounts.authenticate("ase@example.org", password) is not None
    assert accounts.authenticate("ase@example.org", "passwordaeoa") is None


def test_wrong_password_or_unknown_email_do_not_log_in(app_ctx):
    accounts.create_facilitator("kari@example.org", "Kari", PASSWORD)
    assert accounts.authenticate("kari@example.org", "wrong password!") is None
    assert accounts.authenticate("nobody@example.org", PASSWORD) is None
    assert accounts.authenticate("kari@example.org", "") is None


def test_password_is_stored_only_as_a_strong_hash(app_ctx):
    facilitator = accounts.create_facilitator("kari@example.org", "Kari", PASSWORD)
    assert PASSWORD not in facilitator.password_hash
    assert facilitator.password_hash.startswith(("scrypt:", "pbkdf2:"))


def test_changing_password_needs_the_current_one(app_ctx):
    facilitator = accounts.create_facilitator("kari@example.org", "Kari", PASSWORD)
    with pytest.raises(DomainError) as refused:
        accounts.change_password(facilitator, "not my password", "a brand new password")
    assert refused.value.code == "wrong_password"
    accounts.change_password(facilitator, PASSWORD, "a brand new password")
    assert accounts.authenticate("kari@example.org", PASSWORD) is None
    assert accounts.authenticate("kari@example.org", "a brand new password") is not None


def test_new_password_too_short_is_refused(app_ctx):
    facilitator = accounts.create_facilitator("kari@example.org", "Kari", PASSWORD)
    with pytest.raises(DomainError) as refused:
        accounts.change_password(facilitator, PASSWORD, "short")
    assert refused.value.details == {"field": "new_password"}
    assert accounts.authenticate("kari@example.org", PASSWORD) is not None


def test_language_is_one_of_the_three_or_follows_the_browser(app_ctx):
    facilitator = accounts.create_facilitator("kari@example.org", "Kari", PASSWORD, "nb")
    assert facilitator.language == "nb"
    accounts.set_language(facilitator, "da")
    assert db.session.get(Facilitator, facilitator.id).language == "da"
    accounts.set_language(facilitator, None)
    assert facilitator.language is None
    with pytest.raises(DomainError):
        accounts.set_language(facilitator, "sv")


def test_api_token_secret_is_returned_once_and_only_its_hash_is_stored(app_ctx):
    facilitator = accounts.create_facilitator("kari@example.org", "Kari", PASSWORD)
    token, secret = accounts.create_api_token(facilitator, "  import script ")
    assert secret.startswith("wsf_")
    assert token.name == "import script"
    stored = db.session.get(ApiToken, token.id)
    assert secret not in (stored.token_hash, stored.name)
    assert access.facilitator_for_api_token(secret).id == facilitator.id
    assert [t.id for t in accounts.list_api_tokens(facilitator)] == [token.id]


def test_revoked_api_token_no_longer_authenticates(app_ctx):
    facilitator = accounts.create_facilitator("kari@example.org", "Kari", PASSWORD)
    token, secret = accounts.create_api_token(facilitator, "script")
    accounts.revoke_api_token(facilitator, token.id)
    assert access.facilitator_for_api_token(secret) is None
    assert accounts.list_api_tokens(facilitator) == []


def test_facilitator_cannot_revoke_someone_elses_token(app_ctx):
    kari = accounts.create_facilitator("kari@example.org", "Kari", PASSWORD)
    ola = accounts.create_facilitator("ola@example.org", "Ola", PASSWORD)
    token, secret = accounts.create_api_token(kari, "script")
    with pytest.raises(DomainError) as refused:
        accounts.revoke_api_token(ola, token.id)
    assert refused.value.status == 404
    assert access.facilitator_for_api_token(secret).id == kari.id


def test_api_token_name_is_required_and_limited(app_ctx):
    facilitator = accounts.create_facilitator("kari@example.org", "Kari", PASSWORD)
    for name in ("", " ", "n" * (NAME_MAX + 1)):
        with pytest.raises(DomainError) as refused:
            accounts.create_api_token(facilitator, name)
        assert str(NAME_MAX) in str(refused.value.message)
    assert accounts.list_api_tokens(facilitator) == []
