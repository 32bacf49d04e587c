"""The JSON API, version 1: one blueprint under /api/v1; feature modules add routes to it."""

from flask import Blueprint

from workshop.extensions import csrf

bp = Blueprint("api", __name__, url_prefix="/api/v1")
# The API authenticates with bearer tokens, never cookies, so CSRF does not apply.
csrf.exempt(bp)

# Importing each module is what registers its routes on bp.
from workshop.web.api import (  # noqa: E402, F401
    annex,
    annex_votes,
    common,
    groups,
    joining,
    meetings,
    minutes,
    notes,
    notices,
    openapi,
    outline,
    plan,
    plenary,
    series,
    topics,
    workshops,
)
