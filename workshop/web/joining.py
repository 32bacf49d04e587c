"""Pages for joining (placeholder routes; the feature replaces them)."""

from flask import Blueprint, abort

bp = Blueprint("joining", __name__)


@bp.route("/join")
def enter_code():
    abort(404)


@bp.route("/j/<code>")
def join(code):
    abort(404)


@bp.route("/workshops/<int:workshop_id>/join-sheet")
def sheet(workshop_id):
    abort(404)


@bp.route("/workshops/<int:workshop_id>/participants")
def participants(workshop_id):
    abort(404)
