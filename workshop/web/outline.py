"""Pages for outline (placeholder blueprint; filled in by its feature)."""

from flask import Blueprint

bp = Blueprint("outline", __name__)
