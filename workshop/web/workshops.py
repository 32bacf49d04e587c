"""Pages for workshops (placeholder blueprint; filled in by its feature)."""

from flask import Blueprint

bp = Blueprint("workshops", __name__)
