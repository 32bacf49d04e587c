"""Helpers for the accounts and workshops tests: API tokens, form posts with CSRF, fetching rows."""

import html as html_module
import re

from workshop.extensions import db
from workshop.models import ApiToken
from workshop.models.facilitator import hash_token


def make_api_token(app, facilitator_id: int, name: str = "tests") -> str:
    """Create an API token directly in the database; returns its secret."""
    with app.app_context():
        secret = ApiToken.new_secret()
        db.session.add(
            ApiToken(facilitator_id=facilitator_id, name=name, token_hash=hash_token(secret))
        )
        db.session.commit()
        return secret


def bearer(secret: str) -> dict:
    return {"Authorization": f"Bearer {secret}"}


def csrf_token_of(client, page_url: str) -> str:
    html = client.get(page_url).get_data(as_text=True)
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)
    assert match, f"{page_url} has no CSRF token"
    return match.group(1)


def post_form(client, page_url: str, action_url: str, data: dict, **kwargs):
    """Open the page as a browser would, then submit its form with the page's CSRF token."""
    token = csrf_token_of(client, page_url)
    return client.post(action_url, data={"csrf_token": token, **data}, **kwargs)


def text_of(response) -> str:
    """The page's text with tags removed and whitespace collapsed, as a reader would see it."""
    html = response.get_data(as_text=True)
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", html)
    return " ".join(html_module.unescape(text).split())


def api_as(app, client, facilitator_id: int, **headers):
    """Call the JSON API with a new token of this facilitator: call("get", "/workshops", json=…)."""
    headers = {**bearer(make_api_token(app, facilitator_id)), **headers}

    def call(method: str, path: str, **kwargs):
        return client.open(f"/api/v1{path}", method=method.upper(), headers=headers, **kwargs)

    return call


def api_url(workshop_id: int, path: str) -> str:
    """A workshop's JSON API address: /api/v1/workshops/{id}/{path}."""
    return f"/api/v1/workshops/{workshop_id}/{path}"
