"""Pages for annex (placeholder blueprint; filled in by its feature)."""

from flask import Blueprint

bp = Blueprint("annex", __name__)
