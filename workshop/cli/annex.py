"""CLI command `workshop export-annex`: the annex, an approved version or the raw notes, to a
file or standard output."""

from collections.abc import Callable
from pathlib import Path

import click
from flask.cli import with_appcontext

from workshop.annex.export import Export, export_annex
from workshop.annex.renderers import REGISTRY
from workshop.extensions import db
from workshop.models import DomainError, Workshop


def register(group: click.Group) -> None:
    """Add this module's commands to the `workshop` group."""
    group.add_command(export_annex_command, "export-annex")


@click.command(
    help="Export the annex of workshop WORKSHOP_ID. Text formats go to standard output unless "
    "-o names a file; Word and PDF go to a file named after the workshop unless -o is given "
    "('-' is standard output)."
)
@click.argument("workshop_id", type=int)
@click.option(
    "--format",
    "format_name",
    type=click.Choice(sorted(REGISTRY)),
    default="docx",
    show_default=True,
    help="docx, pdf, md or html for the annex; csv or json for the raw notes.",
)
@click.option("-o", "--output", help="The file to write; '-' for standard output.")
@click.option("--version", "version", type=int, help="An approved version's number.")
@with_appcontext
def export_annex_command(workshop_id: int, format_name: str, output: str | None, version):
    workshop = db.session.get(Workshop, workshop_id)
    if workshop is None:
        raise click.ClickException(f"There is no workshop {workshop_id}.")
    run_export(lambda: export_annex(workshop, format_name, version), output)


def run_export(export: Callable[[], Export], output: str | None) -> None:
    """Run the export; text to standard output unless -o names a file, files to their name."""
    try:
        result = export()
    except DomainError as error:
        raise click.ClickException(str(error.message)) from error
    write_export(result, output)


def write_export(result: Export, output: str | None) -> None:
    """Write an export to `output` ('-': standard output; None: text to standard output, other
    files to a file of the export's own name)."""
    if output is None:
        output = "-" if result.renderer.is_text else result.filename
    if output == "-":
        click.echo(result.content, nl=False)  # bytes go to the binary standard output
        return
    Path(output).write_bytes(result.content)
    click.echo(f"Wrote {output} ({len(result.content)} bytes).", err=True)
