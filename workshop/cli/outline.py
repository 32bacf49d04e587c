"""CLI commands for outlines: `workshop import-outline`, `export-outline` and `load-demo`."""

import click
from flask.cli import with_appcontext

from workshop.extensions import db
from workshop.models import DomainError, Workshop
from workshop.models.workshop import MEETING_LANGUAGES
from workshop.services import accounts, outline_text
from workshop.services.demo import load_demo as load_demo_workshop
from workshop.services.outline import numbered_outline, outline_questions


def register(group: click.Group) -> None:
    """Add this module's commands to the `workshop` group."""
    group.add_command(import_outline, "import-outline")
    group.add_command(export_outline, "export-outline")
    group.add_command(load_demo, "load-demo")


def facilitator_by_email(email: str):
    facilitator = accounts.find_facilitator_by_email(email)
    if facilitator is None:
        raise click.ClickException(f"No facilitator has the email address {email.strip()}.")
    return facilitator


@click.command(help="Create a new workshop with the outline in FILE ('-' reads standard input).")
@click.argument("file", type=click.File("r", encoding="utf-8-sig"))
@click.option("--email", required=True, help="The email address of the workshop's owner.")
@click.option("--title", required=True, help="The new workshop's title.")
@click.option(
    "--language",
    type=click.Choice(list(MEETING_LANGUAGES)),
    default="en",
    show_default=True,
    help="The language of the meeting.",
)
@with_appcontext
def import_outline(file, email: str, title: str, language: str) -> None:
    owner = facilitator_by_email(email)
    try:
        workshop = outline_text.create_workshop_from_outline(owner, title, file.read(), language)
    except DomainError as error:
        raise click.ClickException(str(error.message)) from error
    outline = numbered_outline(workshop)
    click.echo(
        f"Created workshop {workshop.id} “{workshop.title}” with {len(outline)} sections "
        f"and {len(outline_questions(outline))} questions."
    )


@click.command(help="Print a workshop's outline in the text format (or write it to a file).")
@click.argument("workshop_id", type=int)
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-")
@with_appcontext
def export_outline(workshop_id: int, output) -> None:
    workshop = db.session.get(Workshop, workshop_id)
    if workshop is None:
        raise click.ClickException(f"There is no workshop {workshop_id}.")
    output.write(outline_text.export_outline(workshop))


@click.command(help="Load the demo workshop (once per owner unless --again).")
@click.option("--email", default=None, help="The owner (default: the first facilitator).")
@click.option("--again", is_flag=True, help="Make another demo even if one exists.")
@with_appcontext
def load_demo(email: str | None, again: bool) -> None:
    owner_id = facilitator_by_email(email).id if email else None
    workshop = load_demo_workshop(owner_id, again=again)
    click.echo(
        f"Demo workshop {workshop.id} “{workshop.title}” (join code {workshop.join_code}), "
        f"owned by {workshop.owner.email}."
    )
