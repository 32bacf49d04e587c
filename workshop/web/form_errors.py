"""Showing a service's refusal on the page form that caused it."""

from flask import flash

from workshop.models import DomainError


def show_domain_error(form, error: DomainError) -> None:
    """Put the error under the field it names, or above the form when it names none."""
    field = form._fields.get(error.details.get("field", ""))
    if field is not None:
        field.errors = [*field.errors, str(error.message)]
    else:
        flash(str(error.message), "error")
