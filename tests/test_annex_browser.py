"""In Chromium: the secretary merges two points, excludes one, approves, downloads the Word file."""

import re

import docx
from annex_helpers import add_note, question_ids
from conftest import DEFAULT_PASSWORD
from playwright.sync_api import expect


def log_in(page, base_url: str, email: str) -> None:
    page.goto(f"{base_url}/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_label("Password").press("Enter")
    page.wait_for_url(re.compile(r"/workshops"))


def test_secretary_merges_excludes_approves_and_downloads_the_word_file(
    app, browser, live_server, make_facilitator, make_workshop, tmp_path
):
    # Its own context (not pytest-playwright's `page`, whose base_url fixture warns).
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    email = "secretary@example.org"
    workshop = make_workshop(owner_id=make_facilitator(email=email), questions=1, groups=3)
    add_note(app, workshop, "Work with civil society", group=0)
    add_note(app, workshop, "Cooperate with NGOs", group=1)
    add_note(app, workshop, "An aside nobody needs", group=2)
    question = question_ids(app, workshop)[0]

    log_in(page, live_server.url, email)
    page.goto(f"{live_server.url}/workshops/{workshop}/annex")
    points = page.locator(f"#question-{question}")
    expect(
        points.get_by_role("listitem").filter(has_text=re.compile("^Cooperate with NGOs$"))
    ).to_be_visible()

    points.get_by_label("Select point 1 for merging").check()
    points.get_by_label("Select point 2 for merging").press("Space")  # by keyboard
    points.get_by_role("button", name="Merge selected points").click()
    expect(page.get_by_role("heading", name="Merge points")).to_be_visible()
    wording = page.get_by_label("Wording of the merged point")
    expect(wording).to_have_value("Work with civil society\nCooperate with NGOs")
    wording.fill("Work with civil society and NGOs")
    page.get_by_role("button", name="Merge", exact=True).click()
    expect(page.get_by_text("The points are merged.")).to_be_visible()
    expect(points.get_by_text("From 2 notes")).to_be_visible()

    aside = points.locator("li.annex-point", has_text="An aside nobody needs")
    aside.get_by_role("button", name="Exclude").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("The point is excluded from the annex.")).to_be_visible()

    page.get_by_role("button", name="Approve version 1").click()
    expect(page.get_by_text("Version 1 is approved.").first).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Word version 1").click()
    target = tmp_path / "annex.docx"
    download_info.value.save_as(target)

    paragraphs = docx.Document(str(target)).paragraphs
    points_in_word = [p.text for p in paragraphs if p.style.name == "List Paragraph"]
    assert points_in_word == ["Work with civil society and NGOs"]
    assert "An aside nobody needs" not in [p.text for p in paragraphs]
    assert any(p.text.startswith("Version 1, approved") for p in paragraphs)
    context.close()
