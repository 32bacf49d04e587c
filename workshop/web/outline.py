"""Pages for outline (placeholder routes; the feature replaces them)."""

from flask import Blueprint, abort

bp = Blueprint("outline", __name__)


@bp.route("/workshops/<int:workshop_id>/outline")
def edit(workshop_id):
    abort(404)
