"""The start page, first-run setup and the language switch."""

from flask import Blueprint, redirect, request, session, url_for
from flask_login import current_user

from workshop.extensions import db
from workshop.i18n import normalise_language
from workshop.web.safety import safe_next_url

bp = Blueprint("main", __name__)


@bp.get("/")
def index():
    return "Workshop"


@bp.post("/language")
def set_language():
    language = normalise_language(request.form.get("language"))
    if language:
        session["language"] = language
        if current_user.is_authenticated:
            current_user.language = language
            db.session.commit()
    return redirect(safe_next_url(request.form.get("next")) or url_for("main.index"))
