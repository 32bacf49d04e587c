"""Pages for annex (placeholder routes; the feature replaces them)."""

from flask import Blueprint, abort

bp = Blueprint("annex", __name__)


@bp.route("/workshops/<int:workshop_id>/annex")
def show(workshop_id):
    abort(404)
