"""Log in, log out, and the facilitator's own account: password, language, sessions, API tokens."""

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from workshop.client import client_address
from workshop.facilitator_session import (
    current_login_session_id,
    log_in,
    log_out,
    log_out_everywhere,
)
from workshop.forms.accounts import ApiTokenForm, ChangePasswordForm, LanguageForm, LoginForm
from workshop.models import DomainError
from workshop.models.facilitator import PASSWORD_MAX, PASSWORD_MIN
from workshop.services import accounts, login_sessions, logins
from workshop.web import device_cookie
from workshop.web.form_errors import show_domain_error
from workshop.web.safety import safe_next_url
from workshop.web.user_agents import describe_browser

bp = Blueprint("auth", __name__)


@bp.context_processor
def password_limits():
    return {"password_limits": (PASSWORD_MIN, PASSWORD_MAX)}


@bp.route("/login", methods=["GET", "POST"])
def login():
    next_url = safe_next_url(request.args.get("next"))
    if current_user.is_authenticated:
        return redirect(next_url or url_for("workshops.index"))
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        try:
            facilitator = logins.log_in_facilitator(
                form.email.data,
                form.password.data,
                client_address(),
                device_cookie.trusted_device(form.email.data),
            )
        except DomainError as error:
            show_domain_error(form, error)
            # Only "too many attempts" gets its own status; a wrong password stays a plain page.
            status = 429 if error.status == 429 else 200
        else:
            log_in(facilitator, remember=form.remember.data)
            response = redirect(next_url or url_for("workshops.index"))
            device_cookie.remember_device(response, facilitator.email)
            return response
    first_run = not accounts.facilitator_exists()
    return render_template("auth/login.html", form=form, first_run=first_run), status


@bp.post("/logout")
def logout():
    log_out()
    flash(_("You are logged out."), "success")
    return redirect(url_for("main.index"))


@bp.get("/account")
@login_required
def account():
    return render_account()


@bp.post("/account/password")
@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            accounts.change_password(
                current_user,
                form.current_password.data,
                form.new_password.data,
                keep_login_session_id=current_login_session_id(),
            )
        except DomainError as error:
            show_domain_error(form, error)
        else:
            flash(_("Your password is changed. You are logged out everywhere else."), "success")
            return redirect(url_for("auth.account"))
    return render_account(password_form=form)


@bp.post("/account/language")
@login_required
def change_language():
    form = LanguageForm()
    if form.validate_on_submit():
        accounts.set_language(current_user, form.language.data or None)
        # The session's choice wins over the account's (see i18n), so keep them the same.
        if form.language.data:
            session["language"] = form.language.data
        else:
            session.pop("language", None)
        flash(_("Your interface language is saved."), "success")
        return redirect(url_for("auth.account"))
    return render_account(language_form=form)


@bp.post("/account/tokens")
@login_required
def create_token():
    form = ApiTokenForm()
    if form.validate_on_submit():
        try:
            token, secret = accounts.create_api_token(current_user, form.name.data)
        except DomainError as error:
            show_domain_error(form, error)
        else:
            # Shown in this response only: the secret is not stored and cannot be shown again.
            page = render_account(new_token=token, new_secret=secret)
            return page, 200, {"Cache-Control": "no-store"}
    return render_account(token_form=form)


@bp.post("/account/tokens/<int:token_id>/revoke")
@login_required
def revoke_token(token_id: int):
    accounts.revoke_api_token(current_user, token_id)
    flash(_("The API token is revoked. Programs using it can no longer sign in."), "success")
    return redirect(url_for("auth.account"))


@bp.post("/account/sessions/<int:login_session_id>/end")
@login_required
def end_session(login_session_id: int):
    if login_session_id == current_login_session_id():
        return logout()
    login_sessions.end_own_login_session(current_user, login_session_id)
    flash(_("That browser is logged out."), "success")
    return redirect(url_for("auth.account", _anchor="sessions-heading"))


@bp.route("/account/sessions/end-all", methods=["GET", "POST"])
@login_required
def end_all_sessions():
    """Log out everywhere, this browser too, after a confirmation page."""
    if request.method == "GET":
        count = len(login_sessions.list_login_sessions(current_user))
        return render_template("auth/end_all_sessions.html", session_count=count)
    log_out_everywhere()
    flash(_("You are logged out everywhere, here too."), "success")
    return redirect(url_for("auth.login"))


def render_account(**forms) -> str:
    """The account page, with any submitted form (and its errors) in place of a blank one."""
    context = {
        "password_form": ChangePasswordForm(formdata=None),
        "language_form": LanguageForm(formdata=None, language=current_user.language or ""),
        "token_form": ApiTokenForm(formdata=None),
        "tokens": accounts.list_api_tokens(current_user),
        "login_sessions": login_sessions.list_login_sessions(current_user),
        "current_login_session_id": current_login_session_id(),
        "describe_browser": describe_browser,
        "new_token": None,
        "new_secret": None,
        **forms,
    }
    return render_template("auth/account.html", **context)
