"""The `workshop` command's account commands: create a facilitator, create an API token."""

from workshop.cli import main as workshop_command
from workshop.extensions import db
from workshop.models import ApiToken, Facilitator, Workshop
from workshop.models.facilitator import PASSWORD_MIN
from workshop.services import access, accounts
from workshop.services.demo import DEMO_TITLE


def run(runner, *args, input=None):
    # The runner's ScriptInfo makes the `workshop` group use the test app.
    return runner.invoke(workshop_command, list(args), input=input)


def test_create_facilitator_reads_the_password_from_stdin(runner, app):
    result = run(
        runner,
        "create-facilitator",
        "--email",
        "Kari@Example.org",
        "--name",
        "Kari Ødegård",
        "--language",
        "nb",
        "--password-stdin",
        input="a good long password\n",
    )
    assert result.exit_code == 0, result.output
    assert "Created facilitator kari@example.org" in result.output
    with app.app_context():
        facilitator = db.session.query(Facilitator).one()
        assert (facilitator.display_name, facilitator.language) == ("Kari Ødegård", "nb")
        assert accounts.authenticate("kari@example.org", "a good long password") is not None


def test_the_first_account_made_on_the_command_line_takes_over_the_waiting_demo(runner, app):
    assert run(runner, "load-demo").exit_code == 0
    result = run(
        runner,
        "create-facilitator",
        "--email",
        "kari@example.org",
        "--name",
        "Kari",
        input="a good long password\n",
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        kari = db.session.query(Facilitator).one()
        assert kari.email == "kari@example.org"
        demo = db.session.query(Workshop).filter_by(title=DEMO_TITLE).one()
        assert demo.owner_id == kari.id
        assert access.get_workshop_for(kari, demo.id) is demo


def test_create_facilitator_reads_piped_stdin_without_the_flag(runner, app):
    result = run(
        runner,
        "create-facilitator",
        "--email",
        "ola@example.org",
        "--name",
        "Ola",
        input="piped password 123\n",
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert accounts.authenticate("ola@example.org", "piped password 123") is not None


def test_create_facilitator_refuses_a_short_password_and_creates_nothing(runner, app):
    result = run(
        runner,
        "create-facilitator",
        "--email",
        "ola@example.org",
        "--name",
        "Ola",
        "--password-stdin",
        input="short\n",
    )
    assert result.exit_code == 1
    assert f"{PASSWORD_MIN}" in result.output
    with app.app_context():
        assert db.session.query(Facilitator).count() == 0


def test_create_facilitator_refuses_a_taken_email(runner, app, make_facilitator):
    make_facilitator(email="ola@example.org")
    result = run(
        runner,
        "create-facilitator",
        "--email",
        "OLA@example.org",
        "--name",
        "Ola 2",
        input="another long password\n",
    )
    assert result.exit_code == 1
    assert "already an account" in result.output
    with app.app_context():
        assert db.session.query(Facilitator).count() == 1


def test_create_facilitator_refuses_an_unknown_language(runner, app):
    result = run(
        runner,
        "create-facilitator",
        "--email",
        "ola@example.org",
        "--name",
        "Ola",
        "--language",
        "sv",
        input="a good long password\n",
    )
    assert result.exit_code == 2
    with app.app_context():
        assert db.session.query(Facilitator).count() == 0


def test_create_api_token_prints_a_working_secret_once(runner, app, client, make_facilitator):
    facilitator_id = make_facilitator(email="kari@example.org")
    result = run(runner, "create-api-token", "--email", "KARI@example.org", "--name", "sync")
    assert result.exit_code == 0, result.output
    secret = result.stdout.strip()
    assert secret.startswith("wsf_")
    assert "not stored" in result.stderr
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert response.get_json()["id"] == facilitator_id
    with app.app_context():
        assert db.session.query(ApiToken).one().name == "sync"
        assert access.facilitator_for_api_token(secret).id == facilitator_id


def test_create_api_token_for_an_unknown_email_fails(runner, app):
    result = run(runner, "create-api-token", "--email", "nobody@example.org", "--name", "sync")
    assert result.exit_code == 1
    assert "No facilitator" in result.output
    with app.app_context():
        assert db.session.query(ApiToken).count() == 0
