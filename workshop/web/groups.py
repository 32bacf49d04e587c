"""Pages for groups (placeholder routes; the feature replaces them)."""

from flask import Blueprint, abort

bp = Blueprint("groups", __name__)


@bp.route("/workshops/<int:workshop_id>/groups")
def index(workshop_id):
    abort(404)
