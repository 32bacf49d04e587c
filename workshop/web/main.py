"""The start page, first-run setup and the language switch."""

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from workshop.extensions import db
from workshop.facilitator_session import log_in
from workshop.forms.accounts import SetupForm
from workshop.i18n import normalise_language
from workshop.models import DomainError
from workshop.models.facilitator import PASSWORD_MAX, PASSWORD_MIN
from workshop.services import accounts
from workshop.web import device_cookie
from workshop.web.form_errors import show_domain_error
from workshop.web.safety import safe_next_url

bp = Blueprint("main", __name__)


@bp.context_processor
def password_limits():
    return {"password_limits": (PASSWORD_MIN, PASSWORD_MAX)}


@bp.get("/favicon.ico")
def favicon():
    # Pages name their icon (base.html); a client that asks the old way gets the same one.
    return redirect(url_for("static", filename="favicon.svg"))


@bp.get("/")
def index():
    if not accounts.facilitator_exists():
        return render_template("main/welcome.html", demo_waiting=accounts.stand_in_exists())
    return render_template("main/index.html")


@bp.route("/setup", methods=["GET", "POST"])
def setup():
    """Create the first facilitator account; only while there is none."""
    if accounts.facilitator_exists():
        flash(_("Workshop is set up already. Log in with your account."), "info")
        return redirect(url_for("auth.login"))
    form = SetupForm()
    demo_waiting = accounts.stand_in_exists()
    if form.validate_on_submit():
        try:
            facilitator = accounts.create_first_facilitator(
                form.email.data, form.display_name.data, form.password.data
            )
        except DomainError as error:
            show_domain_error(form, error)
        else:
            log_in(facilitator)
            # A demo made before the account (`workshop run --demo`) is the account's now.
            response = redirect(after_setup(facilitator, form.load_demo.data or demo_waiting))
            device_cookie.remember_device(response, facilitator.email)
            return response
    return render_template("main/setup.html", form=form, demo_waiting=demo_waiting)


def after_setup(facilitator, load_demo: bool) -> str:
    """Load the demo when asked and say where to go next."""
    flash(_("Welcome, %(name)s. Your account is ready.", name=facilitator.display_name), "success")
    if not load_demo:
        return url_for("workshops.index")
    # Imported here: the demo pulls in the whole outline feature, which the start page never needs.
    from workshop.services.demo import load_demo as load_demo_workshop

    demo = load_demo_workshop(facilitator.id)
    return url_for("workshops.show", workshop_id=demo.id)


@bp.post("/language")
def set_language():
    language = normalise_language(request.form.get("language"))
    if language:
        session["language"] = language
        if current_user.is_authenticated:
            current_user.language = language
            db.session.commit()
    return redirect(safe_next_url(request.form.get("next")) or url_for("main.index"))
