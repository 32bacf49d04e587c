"""CLI commands for accounts: `workshop create-facilitator` and `workshop create-api-token`."""

import sys

import click
from flask.cli import with_appcontext

from workshop.models import DomainError
from workshop.services import accounts


def register(group: click.Group) -> None:
    """Add this module's commands to the `workshop` group."""
    group.add_command(create_facilitator, "create-facilitator")
    group.add_command(create_api_token, "create-api-token")


def read_password(from_stdin: bool) -> str:
    """The new password: from stdin when asked or piped (scripts), else prompted twice."""
    if from_stdin or not sys.stdin.isatty():
        line = sys.stdin.readline()
        return line.rstrip("\r\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


@click.command(help="Create a facilitator account.")
@click.option("--email", required=True, help="The email address to log in with.")
@click.option("--name", "display_name", required=True, help="The name others see.")
@click.option(
    "--language",
    type=click.Choice(["en", "da", "nb"]),
    default=None,
    help="Interface language (default: the browser's).",
)
@click.option(
    "--password-stdin",
    is_flag=True,
    help="Read the password from the first line of stdin (also done when stdin is not a terminal).",
)
@with_appcontext
def create_facilitator(email: str, display_name: str, language: str | None, password_stdin: bool):
    password = read_password(password_stdin)
    try:
        facilitator = accounts.create_facilitator(email, display_name, password, language)
    except DomainError as error:
        raise click.ClickException(str(error.message)) from error
    click.echo(f"Created facilitator {facilitator.email} (id {facilitator.id}).")


@click.command(help="Create an API token for a facilitator and print it (shown only once).")
@click.option("--email", required=True, help="The facilitator's email address.")
@click.option("--name", required=True, help="What the token is for, e.g. 'import script'.")
@with_appcontext
def create_api_token(email: str, name: str):
    facilitator = accounts.find_facilitator_by_email(email)
    if facilitator is None:
        raise click.ClickException(f"No facilitator has the email address {email.strip()}.")
    try:
        _token, secret = accounts.create_api_token(facilitator, name)
    except DomainError as error:
        raise click.ClickException(str(error.message)) from error
    click.echo(secret)
    click.echo("Keep this token secret: it is not stored and cannot be shown again.", err=True)
