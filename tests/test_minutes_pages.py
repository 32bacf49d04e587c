"""The minutes page over HTTP: what it shows, who may open it, approving (with the annex step),
the versions and their downloads."""

import io
import json
import re

from docx import Document

from tests.minutes_page_helpers import make_meeting_with_agenda, set_item_field
from workshop.extensions import db
from workshop.models import Workshop


def page_data(html: str) -> dict:
    found = re.search(
        r'<script type="application/json" id="minutes-data">(.*?)</script>', html, re.S
    )
    assert found, "the page carries its data for the script"
    return json.loads(found.group(1))


def test_page_shows_the_header_from_the_meeting_and_the_items_in_order(
    app, client, make_facilitator, login_as
):
    secretary = make_facilitator()
    meeting_id = make_meeting_with_agenda(app, secretary)
    login_as(secretary)

    response = client.get(f"/meetings/{meeting_id}/minutes/")

    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'value="Council meeting"' in html  # the header's meeting, from the meeting
    assert 'value="2026-12-03"' in html and 'value="13:00"' in html
    titles = [
        (n, t.strip())
        for n, t in re.findall(
            r"<span class=\"number\">(\d+)\.</span> <span class=\"item-title\">([^<]+)</span>", html
        )
    ]
    assert titles == [
        ("1", "Approval of the agenda"),
        ("2", "Strategy 2030"),
        ("3", "Reports"),
        ("4", "Any other business"),
    ]
    # Standing items keep their place: they have no move buttons.
    assert html.count('data-op="move_item"') == 4  # up and down for the two other items
    data = page_data(html)
    assert data["fields"]["header:title"] == {"value": "Council meeting", "revision": 0}
    assert data["ops_url"] == f"/meetings/{meeting_id}/minutes/ops"


def test_markup_typed_into_the_minutes_is_shown_as_text(app, client, make_facilitator, login_as):
    secretary = make_facilitator()
    meeting_id = make_meeting_with_agenda(app, secretary)
    set_item_field(app, meeting_id, "Reports", "title", "<script>alert(1)</script>", 0)
    login_as(secretary)

    html = client.get(f"/meetings/{meeting_id}/minutes/").get_data(as_text=True)

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    field = next(v for v in page_data(html)["fields"].values() if "alert" in str(v["value"]))
    assert field["value"] == "<script>alert(1)</script>"  # the script gets the text itself


def test_only_the_meetings_coordinators_open_its_minutes(app, client, make_facilitator, login_as):
    meeting_id = make_meeting_with_agenda(app, make_facilitator())

    assert client.get(f"/meetings/{meeting_id}/minutes/").status_code == 302  # to log in
    login_as(make_facilitator())
    assert client.get(f"/meetings/{meeting_id}/minutes/").status_code == 404
    assert client.get(f"/meetings/{meeting_id}/minutes/export/docx").status_code == 404


def test_approving_asks_to_approve_the_workshop_annex_too_then_lists_the_version(
    app, client, make_facilitator, make_workshop, login_as, csrf_token
):
    secretary = make_facilitator()
    workshop_id = make_workshop(owner_id=secretary, title="Strategy workshop")
    meeting_id = make_meeting_with_agenda(app, secretary, workshops={"Strategy 2030": workshop_id})
    login_as(secretary)
    url = f"/meetings/{meeting_id}/minutes/"
    html = client.get(url).get_data(as_text=True)
    assert "A summary from the groups is attached as Annex 1." in html
    assert "Approve this annex too, in the same step" in html

    token = csrf_token(url)
    refused = client.post(url + "approve", data={"csrf_token": token}, follow_redirects=True)
    assert "not approved" in refused.get_data(as_text=True)
    assert "No version has been approved yet." in refused.get_data(as_text=True)

    approved = client.post(
        url + "approve",
        data={"csrf_token": token, "approve_annexes": "y"},
        follow_redirects=True,
    )
    html = approved.get_data(as_text=True)
    assert "Version 1 of the minutes is approved." in html
    assert "Version 1 is approved. Any change starts the draft of version 2." in html
    assert f'href="{url}export/docx?version=1"' in html

    download = client.get(f"{url}export/docx?version=1")
    assert download.status_code == 200
    document = Document(io.BytesIO(download.data))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "Strategy 2030" in text and "Annex 1" in text


def test_export_buttons_give_each_format(app, client, make_facilitator, login_as):
    secretary = make_facilitator()
    meeting_id = make_meeting_with_agenda(app, secretary)
    login_as(secretary)

    for name, media_type in [
        ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("pdf", "application/pdf"),
        ("md", "text/markdown"),
        ("html", "text/html"),
    ]:
        response = client.get(f"/meetings/{meeting_id}/minutes/export/{name}")
        assert response.status_code == 200, name
        assert response.mimetype == media_type
    assert client.get(f"/meetings/{meeting_id}/minutes/export/exe").status_code == 400


def test_the_page_speaks_the_secretarys_language(app, client, make_facilitator, login_as):
    secretary = make_facilitator(language="da")
    meeting_id = make_meeting_with_agenda(app, secretary)
    login_as(secretary)

    html = client.get(f"/meetings/{meeting_id}/minutes/").get_data(as_text=True)

    assert "<h1>Referat" in html
    assert "Tilføj punkt" in html and "Kommende møder" in html
    strings = page_data(html)["strings"]
    assert strings["state_waiting"] == "Venter på at blive sendt"
    assert strings["keep_mine"] == "Behold min version"


def test_the_meeting_page_leads_to_its_minutes_and_back(app, client, make_facilitator, login_as):
    secretary = make_facilitator()
    meeting_id = make_meeting_with_agenda(app, secretary)
    login_as(secretary)

    meeting_page = client.get(f"/meetings/{meeting_id}").get_data(as_text=True)
    minutes_page = client.get(f"/meetings/{meeting_id}/minutes/").get_data(as_text=True)

    assert f'href="/meetings/{meeting_id}/minutes/">Write the minutes</a>' in meeting_page
    assert (
        f'<a href="/meetings/{meeting_id}"><span aria-hidden="true">←</span> '
        '<span dir="auto">Council meeting</span></a>'
    ) in minutes_page


def test_an_annex_whose_title_repeats_its_label_is_listed_once_numbered(
    app, client, make_facilitator, make_workshop, login_as
):
    secretary = make_facilitator()
    workshop_id = make_workshop(owner_id=secretary, title="Strategy workshop")
    with app.app_context():
        db.session.get(Workshop, workshop_id).annex_title = "Annex 1 — Notes from the groups"
        db.session.commit()
    meeting_id = make_meeting_with_agenda(app, secretary, workshops={"Strategy 2030": workshop_id})
    login_as(secretary)
    url = f"/meetings/{meeting_id}/minutes/"

    # The minutes number their annexes themselves: "Annex 1 — Annex 1 — Notes…" said it twice.
    page = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", client.get(url).get_data(as_text=True)))
    assert "Annex 1 — Notes from the groups" in page
    assert "Annex 1 — Annex 1" not in page
    markdown = client.get(f"{url}export/md").get_data(as_text=True)
    assert "Notes from the groups" in markdown and "Annex 1 — Annex 1" not in markdown
