"""CLI command `workshop export-notice`: a meeting's notice (Word, PDF, Markdown) or its
calendar event (.ics), to a file or standard output."""

import click
from flask import current_app
from flask.cli import with_appcontext

from workshop.cli.annex import write_export
from workshop.extensions import db
from workshop.models import DomainError, Meeting
from workshop.notice.renderers import REGISTRY
from workshop.services.notices import export_notice
from workshop.web.join_links import join_url


def register(group: click.Group) -> None:
    """Add this module's commands to the `workshop` group."""
    group.add_command(export_notice_command, "export-notice")


@click.command(
    help="Export the notice of meeting MEETING_ID. Markdown and .ics go to standard output "
    "unless -o names a file; Word and PDF go to a file named after the meeting unless -o is "
    "given ('-' is standard output). Join links use PUBLIC_URL."
)
@click.argument("meeting_id", type=int)
@click.option(
    "--format",
    "format_name",
    type=click.Choice(sorted(REGISTRY)),
    default="docx",
    show_default=True,
    help="docx, pdf or md for the notice; ics for the calendar event.",
)
@click.option("-o", "--output", help="The file to write; '-' for standard output.")
@with_appcontext
def export_notice_command(meeting_id: int, format_name: str, output: str | None):
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None:
        raise click.ClickException(f"There is no meeting {meeting_id}.")
    # Join links are made like the pages make them: from PUBLIC_URL when it is set.
    base_url = current_app.config.get("PUBLIC_URL") or "http://localhost:5000"
    with current_app.test_request_context(base_url=base_url):
        try:
            result = export_notice(meeting, format_name, join_url)
        except DomainError as error:
            raise click.ClickException(str(error.message)) from error
    write_export(result, output)
