"""After an annex edit (page or API), a curated share shows the annex's points as they are now."""

from flask import g, request
from flask_login import current_user

from workshop.models import DomainError
from workshop.services import access, live, shares

EDITS = ("POST", "PATCH", "PUT", "DELETE")


def follow_annex_edit(response):
    """A blueprint's after_request hook for the annex's routes: the share follows a successful
    edit through the one entry point (written, committed, published), or nothing happens."""
    if request.method not in EDITS or response.status_code >= 400 or not is_annex_route():
        return response
    facilitator = g.get("facilitator") or current_user
    if not getattr(facilitator, "is_authenticated", False):
        return response
    try:
        workshop = access.get_workshop_for(facilitator, request.view_args["workshop_id"])
    except DomainError:
        return response
    live.write_live(workshop.id, lambda: shares.follow_annex(workshop))
    return response


def is_annex_route() -> bool:
    rule = request.url_rule
    return rule is not None and "/workshops/<int:workshop_id>/annex" in rule.rule
