"""Pages for groups (placeholder blueprint; filled in by its feature)."""

from flask import Blueprint

bp = Blueprint("groups", __name__)
