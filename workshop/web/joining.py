"""Pages for joining (placeholder blueprint; filled in by its feature)."""

from flask import Blueprint

bp = Blueprint("joining", __name__)
