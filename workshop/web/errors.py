"""Translated error pages (400, 403, 404, 405, 413, CSRF, 500) for the HTML side of the app."""

from flask import Blueprint, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError

from workshop.models import DomainError

bp = Blueprint("errors", __name__)


def wants_json() -> bool:
    return request.path.startswith("/api/")


ERROR_CODES = {
    400: "bad_request",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    500: "server_error",
}


def error_page(status: int, title: str, message: str, code: str | None = None):
    if wants_json():
        return {
            "error": {"code": code or ERROR_CODES.get(status, "error"), "message": message}
        }, status
    return render_template("errors/error.html", status=status, title=title, message=message), status


@bp.app_errorhandler(400)
def bad_request(_error):
    return error_page(400, _("Bad request"), _("The request could not be understood."))


@bp.app_errorhandler(CSRFError)
def csrf_failed(_error):
    return error_page(
        400,
        _("The form has expired"),
        _("For your safety the form was not accepted. Go back, reload the page and try again."),
    )


@bp.app_errorhandler(403)
def forbidden(_error):
    return error_page(403, _("Not allowed"), _("You do not have access to this page."))


@bp.app_errorhandler(404)
def not_found(_error):
    return error_page(404, _("Page not found"), _("There is nothing at this address."))


@bp.app_errorhandler(405)
def method_not_allowed(_error):
    return error_page(405, _("Not allowed"), _("This action is not possible here."))


@bp.app_errorhandler(413)
def too_large(_error):
    return error_page(413, _("Too large"), _("What you sent is larger than allowed."))


@bp.app_errorhandler(500)
def server_error(_error):
    return error_page(
        500, _("Something went wrong"), _("An unexpected error happened. Please try again.")
    )


@bp.app_errorhandler(DomainError)
def domain_error(error: DomainError):
    body, status = error_page(error.status, _("Not possible"), str(error.message), code=error.code)
    return body, status, http_headers(error)


def http_headers(error: DomainError) -> dict[str, str]:
    """What HTTP says beside a refusal's body: when to try again, for a rate limit."""
    wait = error.details.get("retry_after_seconds")
    return {"Retry-After": str(wait)} if wait is not None else {}
