"""Pages for live (placeholder routes; the feature replaces them)."""

from flask import Blueprint, abort

bp = Blueprint("live", __name__)


@bp.route("/w/<int:workshop_id>")
def participant_page(workshop_id):
    abort(404)


@bp.route("/workshops/<int:workshop_id>/live")
def dashboard(workshop_id):
    abort(404)
