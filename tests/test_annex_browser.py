"""In Chromium: the secretary curates the annex (merge, exclude, reorder), approves, downloads,
and finds focus on what changed; skip links lead past the points."""

import re

import docx
import pytest
from annex_helpers import add_note, exported, point_ids, question_ids
from live_helpers import log_in_in_browser
from playwright.sync_api import expect


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

    log_in_in_browser(page, live_server.url, email)
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
    expect(wording).to_have_value("Work with civil society; Cooperate with NGOs")
    # The whole wording is in view, not scrolled inside a two-line box.
    assert wording.evaluate("box => box.scrollHeight <= box.clientHeight")
    wording.fill("Work with civil society and NGOs")
    page.get_by_role("button", name="Merge", exact=True).click()
    expect(page.get_by_text("The points are merged.")).to_be_visible()
    expect(points.get_by_text("From 2 notes")).to_be_visible()
    # The page comes back with the keyboard on the merged point (and only then takes keys: the
    # page's script puts the focus there once loaded).
    merged = points.locator("li.annex-point", has_text="Work with civil society and NGOs")
    expect(merged).to_be_focused()

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


@pytest.fixture
def secretary(app, browser, live_server, make_facilitator, make_workshop):
    """A logged-in secretary on the annex page of a workshop whose first question has three
    points; yields (page, workshop id, first question id)."""
    context = browser.new_context()
    page = context.new_page()
    email = "orderly@example.org"
    workshop = make_workshop(owner_id=make_facilitator(email=email), questions=2, groups=3)
    for group, text in enumerate(("Alpha point", "Beta point", "Gamma point")):
        add_note(app, workshop, text, group=group)
    log_in_in_browser(page, live_server.url, email)
    page.goto(f"{live_server.url}/workshops/{workshop}/annex")
    yield page, workshop, question_ids(app, workshop)[0]
    context.close()


def point_texts(page, question: int) -> list[str]:
    items = page.locator(f"#question-{question} li.annex-point .point-items > li")
    return [text.strip() for text in items.all_inner_texts()]


def exported_points(app, workshop: int) -> list[str]:
    return [line[2:] for line in exported(app, workshop).splitlines() if line.startswith("- ")]


def test_secretary_drags_a_point_to_the_top_and_the_order_is_saved_and_announced(
    app, live_server, secretary
):
    page, workshop, question = secretary
    gamma = page.locator(f"#question-{question} li.annex-point", has_text="Gamma point")
    alpha = page.locator(f"#question-{question} li.annex-point", has_text="Alpha point")

    expect(page.get_by_text("You can also drag a point by its handle.")).to_be_visible()
    gamma.locator(".drag-handle").drag_to(alpha, target_position={"x": 40, "y": 4})

    expect(page.locator("#annex-announcer")).to_have_text("Point moved to position 1 of 3.")
    assert point_texts(page, question) == ["Gamma point", "Alpha point", "Beta point"]
    assert exported_points(app, workshop) == ["Gamma point", "Alpha point", "Beta point"]
    page.reload()
    assert point_texts(page, question) == ["Gamma point", "Alpha point", "Beta point"]


def test_secretary_reorders_by_keyboard_in_place_with_focus_kept_and_announced(
    app, live_server, secretary
):
    page, workshop, question = secretary
    points = page.locator(f"#question-{question} li.annex-point")
    alpha = points.filter(has_text="Alpha point")

    alpha.get_by_role("button", name="Move down").focus()
    page.keyboard.press("Enter")

    announcer = page.locator("#annex-announcer")
    expect(announcer).to_have_text("Point moved to position 2 of 3.")
    assert point_texts(page, question) == ["Beta point", "Alpha point", "Gamma point"]
    expect(alpha.get_by_role("button", name="Move down")).to_be_focused()
    page.keyboard.press("Enter")  # again: Alpha is now last, so its Move down is disabled
    expect(announcer).to_have_text("Point moved to position 3 of 3.")
    # Disabled in place, as on the outline, groups and plan pages: the row's buttons stay put.
    expect(alpha.get_by_role("button", name="Move down")).to_be_disabled()
    expect(alpha.get_by_role("button", name="Move up")).to_be_focused()
    beta_up = points.filter(has_text="Beta point").get_by_role("button", name="Move up")
    expect(beta_up).to_be_disabled()
    gamma_down = points.filter(has_text="Gamma point").get_by_role("button", name="Move down")
    expect(gamma_down).to_be_enabled()

    gamma = points.filter(has_text="Gamma point")
    gamma.get_by_label("Move to position").fill("1")
    gamma.get_by_label("Move to position").press("Enter")

    expect(announcer).to_have_text("Point moved to position 1 of 3.")
    assert point_texts(page, question) == ["Gamma point", "Beta point", "Alpha point"]
    expect(gamma.get_by_label("Select point 1 for merging")).to_be_visible()
    assert exported_points(app, workshop) == ["Gamma point", "Beta point", "Alpha point"]


def test_after_merge_and_approve_focus_lands_on_the_changed_item_and_is_announced(
    app, live_server, secretary
):
    page, workshop, question = secretary
    points = page.locator(f"#question-{question}")
    points.get_by_label("Select point 1 for merging").check()
    points.get_by_label("Select point 2 for merging").check()
    points.get_by_role("button", name="Merge selected points").click()
    page.get_by_role("button", name="Merge", exact=True).click()

    [merged] = point_ids(app, workshop)[:1]
    page.wait_for_url(re.compile(rf"#point-{merged}$"))
    expect(page.locator(f"#point-{merged}")).to_be_focused()
    expect(page.locator(".flashes[role=status]")).to_have_text("The points are merged.")

    page.get_by_role("button", name="Approve version 1").click()
    page.wait_for_url(re.compile(r"#approve$"))
    expect(page.locator("#approve")).to_be_focused()
    expect(page.locator(".flashes[role=status]")).to_contain_text("The annex is approved.")


def test_skip_links_reach_approve_and_each_question_in_a_few_key_presses(
    app, live_server, secretary
):
    page, workshop, question = secretary
    second = question_ids(app, workshop)[1]

    page.keyboard.press("Tab")  # the site's "Skip to content"
    presses = 1
    while page.evaluate("document.activeElement.textContent.trim()") != "Skip to Approve":
        page.keyboard.press("Tab")
        presses += 1
        assert presses < 15, "the skip link to Approve should come early in the page"
    page.keyboard.press("Enter")
    expect(page.locator("#approve")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Approve version 1")).to_be_focused()

    page.get_by_role("link", name=re.compile(r"^Question 2\W")).press("Enter")
    expect(page.locator(f"#question-{second}")).to_be_focused()
    assert question != second


def test_on_a_phone_a_point_keeps_the_width_of_the_page(secretary):
    page, _workshop, question = secretary
    page.set_viewport_size({"width": 390, "height": 844})
    body = page.locator(f"#question-{question} li.annex-point .point-body").first
    expect(body).to_contain_text("Alpha point")
    # The point's words, not the handle and the checkbox, have the row: no column of 2-3 words.
    assert body.bounding_box()["width"] > 390 * 0.7
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_a_refused_wording_is_shown_beside_the_point_on_a_phone_not_at_the_top(
    app, browser, live_server, make_facilitator, make_workshop
):
    # The refusal used to stand at the top of the page, a screen or more above the point the
    # page came back to: on a phone the save seemed to do nothing.
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    email = "far-down@example.org"
    workshop = make_workshop(owner_id=make_facilitator(email=email), questions=12, groups=1)
    add_note(app, workshop, "A point far down the page", question=11)
    log_in_in_browser(page, live_server.url, email)
    page.goto(f"{live_server.url}/workshops/{workshop}/annex")
    point = page.locator("li.annex-point", has_text="A point far down the page")
    point.get_by_text("Edit wording").click()
    point.get_by_label("Wording").fill("")
    point.get_by_role("button", name="Save wording").click()

    # The page has come back at the point, with the keyboard on it, and the reason is in view.
    expect(page.locator("li.annex-point", has_text="A point far down the page")).to_be_focused()
    box = page.get_by_text("A point needs some text.").bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 844
    context.close()
