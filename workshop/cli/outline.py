"""CLI commands for outline (placeholder; filled in by its feature)."""

import click


def register(group: click.Group) -> None:
    """Add this module's commands to the `workshop` group."""
