"""A workshop's join link and its QR code (an SVG made on the server, no external service)."""

import re

import qrcode
import qrcode.image.svg
from flask import Response, current_app, request, url_for
from flask_login import current_user
from markupsafe import Markup

from workshop.i18n import current_language
from workshop.models import Workshop
from workshop.web.live_strings import join_code_strings

# The SVG comes with a fixed size in mm; without it, CSS decides how big the code is shown.
FIXED_SIZE = re.compile(r'^<svg width="[^"]*" height="[^"]*"')


def public_base_url() -> str:
    """The address participants reach the app at: PUBLIC_URL when set, else this request's host."""
    return (current_app.config.get("PUBLIC_URL") or request.host_url).rstrip("/")


def join_url(workshop: Workshop) -> str:
    return public_base_url() + url_for("joining.join", code=workshop.join_code)


def display_url(token: str) -> str:
    """A display link: the projector view, opened without a login."""
    return public_base_url() + f"/display/{token}"


def enter_code_url() -> str:
    return public_base_url() + url_for("joining.enter_code")


def join_code_live_data(workshop: Workshop) -> dict:
    """What a facilitator page needs to follow the join code live (static/js/join-code-page.js),
    and the workshop's page its status (static/js/status-card.js).

    The code and status on the page and the seq come from one row, so a change made after this
    page was made is always after its seq: the page's catch-up brings it.
    """
    return {
        "workshop_id": workshop.id,
        "language": current_language(),
        "status": workshop.status,
        "seq": workshop.last_seq,
        "notes": [],
        "facilitator_id": current_user.id,
        "strings": join_code_strings(),
    }


def qr_svg(text: str) -> str:
    """An SVG QR code for text, scalable (viewBox only), with quiet zone for phone cameras."""
    image = qrcode.make(
        text,
        image_factory=qrcode.image.svg.SvgPathFillImage,
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        border=4,
    )
    svg = image.to_string(encoding="unicode")
    return FIXED_SIZE.sub('<svg class="qr-code" aria-hidden="true" focusable="false"', svg, count=1)


def qr_markup(text: str) -> Markup:
    # Safe to inline: the SVG holds only path data; the encoded text itself is not in it.
    return Markup(qr_svg(text))


def qr_response(text: str) -> Response:
    """The QR code as an SVG file, never kept by the browser: a new join code changes it."""
    response = Response(qr_svg(text), mimetype="image/svg+xml")
    response.headers["Cache-Control"] = "no-store"
    return response
