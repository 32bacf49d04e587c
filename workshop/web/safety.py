"""Small guards shared by the views."""

from urllib.parse import urlsplit


def safe_next_url(target: str | None) -> str | None:
    """Only a path on this site may be a redirect target (no open redirects)."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target.rstrip("?") or "/"


def keep_link_private(response):
    """An after_request hook for pages opened by a secret link: the link is the key, so no
    other site learns it from a Referer and no shared cache keeps the page."""
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cache-Control"] = "no-store"
    return response
