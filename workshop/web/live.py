"""Pages for live (placeholder blueprint; filled in by its feature)."""

from flask import Blueprint

bp = Blueprint("live", __name__)
