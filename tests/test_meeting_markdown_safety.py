"""A meeting's notice and minutes in Markdown render every line a secretary typed literally:
a line that would start a heading underline, a list or a numbered list stays text."""

import re

from markdown_it import MarkdownIt
from minutes_helpers import make_meeting, set_field

# Each would make a heading, a list or a rule when it starts a line.
TYPED = ["Fake heading", "===", "  ---", "1. one", "2) two", "+ plus", "- minus"]


def rendered(response) -> str:
    assert response.status_code == 200, response.get_data(as_text=True)
    return MarkdownIt("commonmark").render(response.get_data(as_text=True))


def assert_literal(html: str, headings: list[str]) -> None:
    assert re.findall(r"<(h\d)>", html) == headings
    for tag in ("<hr", "<ol", "<ul", "<li"):
        assert tag not in html, tag
    for line in ("Fake heading", "===", "---", "1. one", "2) two", "+ plus", "- minus"):
        assert line in html, line


def test_the_notices_item_description_renders_line_by_line_as_typed(app, api, owner):
    meeting_id = make_meeting(app, owner, [{"title": "Strategy", "description": "\n".join(TYPED)}])
    html = rendered(api("get", f"/meetings/{meeting_id}/notice/export?format=md"))
    assert_literal(html, ["h1", "h2", "h3"])  # the title, "Agenda", the item


def test_the_minutes_attachments_render_line_by_line_as_typed(app, api, owner):
    meeting_id = make_meeting(app, owner, [{"title": "Strategy"}])
    item_id = api("get", f"/meetings/{meeting_id}/minutes").get_json()["items"][0]["id"]
    saved = set_field(api, meeting_id, "attachments", "\n".join(TYPED), item_id=item_id)
    assert saved.status_code == 200, saved.get_json()
    html = rendered(api("get", f"/meetings/{meeting_id}/minutes/export?format=md"))
    assert_literal(html, ["h1", "h2"])  # the minutes' word, the item
