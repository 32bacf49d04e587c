"""The `workshop` command: Flask's CLI (run, db, shell, …) plus Workshop's own commands."""

import click
from flask.cli import FlaskGroup

from workshop.cli import serve


def build_app(*_args, **_kwargs):
    from workshop import create_app

    return create_app()


def register_commands(group: click.Group) -> None:
    # Each module adds its commands to the group; the list is explicit on purpose.
    from workshop.cli import accounts, annex, minutes, notices, outline

    for module in (serve, accounts, outline, annex, notices, minutes):
        module.register(group)


@click.group(cls=FlaskGroup, create_app=build_app, add_default_commands=True)
def main():
    """Workshop: live notes for strategy-consultation workshops."""


register_commands(main)
