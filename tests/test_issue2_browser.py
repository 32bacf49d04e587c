"""Issue 2 end to end in Chromium: a fresh installation is set up, a workshop prepared (outline
pasted as text, three groups), and a participant joins with the code from the join sheet.

Each person has their own browser context (own cookies). Everything is done by clicks and typing
on accessible names (labels, roles), the way a person — or a screen reader user — finds them.
"""

import re

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

# The outline from the issue, exactly.
OUTLINE_TEXT = "\n".join(
    [
        "# Questions on the international strategy",
        "1. Who can the institute work for and keep its independence and legitimacy: "
        "countries, companies etc.?",
        "2. What is essential due diligence for such efforts?",
        "3. Criteria for partners, and for ending a partnership?",
        "# Questions on the national strategy",
        "## A. In the world we live in, how can the institute strategically:",
        "1. Secure its independence and keep its influence?",
        "2. Fulfil its mandate to promote human rights?",
        "## B. Reflections on the strategic themes:",
        "1. Are these the right topics?",
        "2. Is something missing?",
    ]
)
FACILITATOR_EMAIL = "fran@example.org"
FACILITATOR_PASSWORD = "correct horse battery"
PARTICIPANT_NAME = "Åse Ødegård 🙂"
WORKSHOP_TITLE = "Strategi 2026 – kvartalsmøte"
PARTICIPANT_PAGE = re.compile(r"/w/\d+$")
# More Tab presses than any of our pages has controls before the one we look for.
MAX_TABS = 40


@pytest.fixture
def new_page(browser: Browser):
    """A page in a browser context of its own: one per person."""
    contexts = []

    def open_page() -> Page:
        context = browser.new_context()
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def set_up_first_facilitator(page: Page, base_url: str) -> None:
    page.goto(base_url + "/")
    expect(page.get_by_role("heading", name="Welcome to Workshop")).to_be_visible()
    page.get_by_role("link", name="Create the first account").click()
    page.get_by_label("Your name").fill("Fran Fasilitator")
    page.get_by_label("Email").fill(FACILITATOR_EMAIL)
    page.get_by_label("Password", exact=True).fill(FACILITATOR_PASSWORD)
    page.get_by_label("Repeat the password").fill(FACILITATOR_PASSWORD)
    page.get_by_role("button", name="Create the account").click()
    expect(page.get_by_text("Your account is ready.")).to_be_visible()


def create_workshop(page: Page) -> None:
    page.get_by_role("link", name="New workshop").click()
    page.get_by_label("Title", exact=True).fill(WORKSHOP_TITLE)
    page.get_by_label("Place", exact=True).fill("Kjøbmandsgården")
    page.get_by_label("How participants get a group").select_option(
        label="Participants choose their group"
    )
    page.get_by_role("button", name="Create the workshop").click()
    expect(page.get_by_role("heading", level=1, name=WORKSHOP_TITLE)).to_be_visible()


def paste_outline(page: Page) -> None:
    page.get_by_role("navigation", name="This workshop").get_by_role("link", name="Outline").click()
    expect(page.get_by_text("The outline is empty.")).to_be_visible()
    page.get_by_role("textbox", name="Outline as text").fill(OUTLINE_TEXT)
    page.get_by_role("button", name="Import the outline").click()


def expect_numbered_outline(page: Page) -> None:
    expect(
        page.get_by_role("heading", name="Questions on the international strategy")
    ).to_be_visible()
    block_a = page.get_by_role(
        "region", name="A. In the world we live in, how can the institute strategically:"
    )
    expect(block_a).to_be_visible()
    expect(
        page.get_by_role("heading", name="B. Reflections on the strategic themes:")
    ).to_be_visible()
    first_in_a = block_a.get_by_role("listitem").filter(
        has_text="Secure its independence and keep its influence?"
    )
    expect(first_in_a.locator(".label")).to_have_text("1.")
    second_in_a = block_a.get_by_role("listitem").filter(
        has_text="Fulfil its mandate to promote human rights?"
    )
    expect(second_in_a.locator(".label")).to_have_text("2.")
    expect(page.get_by_text("7 questions in all.")).to_be_visible()


def create_three_groups(page: Page) -> None:
    page.get_by_role("link", name=re.compile(r"^Groups")).first.click()
    expect(page.get_by_role("heading", level=1, name="Groups")).to_be_visible()
    page.get_by_label("How many groups").fill("3")
    page.get_by_role("button", name="Create the groups").click()
    groups = page.get_by_role("list", name="Groups")
    for number in (1, 2, 3):
        expect(groups.get_by_role("heading", name=f"Group {number}")).to_be_visible()


def open_join_sheet(page: Page) -> str:
    """Open the join sheet from the workshop page; returns the code it shows."""
    page.get_by_role("link", name=WORKSHOP_TITLE).first.click()
    page.get_by_role("link", name="Join sheet").click()
    expect(page.get_by_role("img", name="QR code that opens the join link")).to_be_visible()
    expect(page.locator(".join-sheet-qr svg")).to_be_visible()
    shown_code = page.locator(".join-sheet-code [aria-hidden=true]")
    expect(shown_code).to_be_visible()
    code = shown_code.inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{4,16}", code), code
    expect(page.get_by_role("link", name=re.compile(rf"\/j\/{code}$"))).to_be_visible()
    return code


def expect_group_page(page: Page, group: str) -> None:
    expect(page).to_have_url(PARTICIPANT_PAGE)
    expect(page.get_by_role("heading", level=1, name=WORKSHOP_TITLE)).to_be_visible()
    expect(page.get_by_text(f"{group} · you are {PARTICIPANT_NAME}")).to_be_visible()
    expect(
        page.get_by_role("heading", name="Secure its independence and keep its influence?")
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Is something missing?")).to_be_visible()


def expect_on_participants_list(page: Page, base_url: str, group: str) -> None:
    page.get_by_role("link", name="Who has joined").click()
    roster = page.get_by_role("region", name=re.compile(rf"^{group} \(1\)"))
    expect(roster.get_by_role("rowheader", name=PARTICIPANT_NAME)).to_be_visible()
    for other in {"Group 1", "Group 2", "Group 3"} - {group}:
        expect(page.get_by_role("region", name=re.compile(rf"^{other} \(0\)"))).to_be_visible()


def prepare_workshop(page: Page, base_url: str) -> str:
    """The facilitator's whole preparation on a fresh installation; returns the join code."""
    set_up_first_facilitator(page, base_url)
    create_workshop(page)
    paste_outline(page)
    expect_numbered_outline(page)
    create_three_groups(page)
    return open_join_sheet(page)


def test_facilitator_prepares_a_workshop_and_a_participant_joins_with_the_code(
    live_server, new_page
):
    facilitator = new_page()
    code = prepare_workshop(facilitator, live_server.url)

    participant = new_page()
    participant.goto(live_server.url + "/")
    participant.get_by_label("Join code").fill(code.lower())
    participant.get_by_role("button", name="Join", exact=True).click()
    expect(participant.get_by_role("heading", level=1, name=WORKSHOP_TITLE)).to_be_visible()
    participant.get_by_label("Your name").fill(PARTICIPANT_NAME)
    participant.get_by_role("group", name="Your group").get_by_label("Group 2").check()
    participant.get_by_role("button", name="Join", exact=True).click()
    expect_group_page(participant, "Group 2")

    expect_on_participants_list(facilitator, live_server.url, "Group 2")


# --- the same join, by keyboard only ---


def tab_to(page: Page, target: Locator) -> None:
    """Press Tab until the target has the focus, as a keyboard user would."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"Tab never reached {target}")


def expect_focus_visible(target: Locator) -> None:
    expect(target).to_be_focused()
    expect(target).not_to_have_css("outline-style", "none")


def test_participant_joins_with_the_keyboard_only(live_server, new_page):
    code = prepare_workshop(new_page(), live_server.url)
    page = new_page()
    page.goto(live_server.url + "/")

    code_field = page.get_by_label("Join code")
    tab_to(page, code_field)
    expect_focus_visible(code_field)
    page.keyboard.type(code)
    page.keyboard.press("Enter")

    name_field = page.get_by_label("Your name")
    tab_to(page, name_field)
    page.keyboard.type(PARTICIPANT_NAME)
    groups = page.get_by_role("group", name="Your group")
    tab_to(page, groups.get_by_label("Group 1"))
    # Arrow keys move through a radio group and choose as they go.
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(groups.get_by_label("Group 3")).to_be_checked()
    join_button = page.get_by_role("button", name="Join", exact=True)
    tab_to(page, join_button)
    expect_focus_visible(join_button)
    page.keyboard.press("Enter")

    expect_group_page(page, "Group 3")
