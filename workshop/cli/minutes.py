"""CLI command `workshop export-minutes`: a meeting's minutes with their annexes, or an approved
version, to a file or standard output."""

import click
from flask.cli import with_appcontext

from workshop.cli.annex import run_export
from workshop.extensions import db
from workshop.minutes.export import export_minutes
from workshop.minutes.renderers import MINUTES_REGISTRY
from workshop.models import Meeting


def register(group: click.Group) -> None:
    """Add this module's commands to the `workshop` group."""
    group.add_command(export_minutes_command, "export-minutes")


@click.command(
    help="Export the minutes of meeting MEETING_ID with their annexes. Markdown and HTML go to "
    "standard output unless -o names a file; Word and PDF go to a file named after the meeting "
    "unless -o is given ('-' is standard output)."
)
@click.argument("meeting_id", type=int)
@click.option(
    "--format",
    "format_name",
    type=click.Choice(sorted(MINUTES_REGISTRY)),
    default="docx",
    show_default=True,
)
@click.option("-o", "--output", help="The file to write; '-' for standard output.")
@click.option("--version", "version", type=int, help="An approved version's number.")
@with_appcontext
def export_minutes_command(meeting_id: int, format_name: str, output: str | None, version):
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None:
        raise click.ClickException(f"There is no meeting {meeting_id}.")
    run_export(lambda: export_minutes(meeting, format_name, version), output)
