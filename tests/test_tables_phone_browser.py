"""The facilitator's tables in Chromium at a phone's width (390 px), in English, Danish and
Norwegian, full of long titles, names and addresses: the workshop list, the account's tokens and
browsers, the roster of participants, the approved versions of an annex and of the minutes, and
the notices sent. Nothing runs off the side, neither the page nor a table in its box: each row is
read down the phone, each cell under its column's name, its buttons in reach. To a screen reader
they stay tables (explicit roles, which a browser that drops a block's table semantics still
reads), and on a laptop they are tables to the eye too."""

import datetime

import pytest
from playwright.sync_api import Page

from tests.live_helpers import log_in_in_browser
from tests.meeting_pages_helpers import add_item_with_approved_annex, plan_series_meeting
from workshop.extensions import db
from workshop.minutes.versions import approve_minutes
from workshop.models import AgendaItem, Facilitator, Meeting, NoticeDelivery, Workshop
from workshop.services import accounts, workshops
from workshop.services.login_sessions import start_login_session

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}
EMAIL = "fran@example.org"
TITLES = (
    "Strategy for international cooperation on asylum reception 2027–2030",
    "Kvalitetsudviklingsworkshop for modtagelsesafdelingerne",
    "Oppfølgingssamling for mottaksavdelingenes samarbeidspartnere",
)
BROWSERS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
)


def fill(app, make_facilitator, make_workshop, make_participant, language: str) -> dict:
    """A facilitator (reading the pages in `language`) with long-titled workshops, one of a
    colleague's shared with them, participants in groups, API tokens, browsers logged in, and a
    network meeting whose annex and minutes are approved and whose notice was sent. Returns the
    pages' paths by name."""
    owner = make_facilitator(email=EMAIL, name="Fran Facilitator-Kristiansen", language=language)
    colleague = make_facilitator(name="Kristoffer Haugland-Mortensen")
    ids = [make_workshop(owner_id=owner, title=title, status="live") for title in TITLES]
    shared = make_workshop(owner_id=colleague, title=TITLES[1] + " (kopi)")
    for index, name in enumerate(("Aase Asyl-Kristiansen", "Bjørn Mottaksmedarbejder", "Chen")):
        make_participant(ids[0], group_index=index % 2, name=name)
    with app.app_context():
        facilitator = db.session.get(Facilitator, owner)
        for workshop_id in ids:
            workshop = db.session.get(Workshop, workshop_id)
            workshop.date = datetime.date(2027, 9, 30)
            workshop.place = "Møterom 3, Hausmanns gate 21, Oslo"
        workshops.add_co_facilitator(
            db.session.get(Workshop, shared),
            db.session.get(Facilitator, colleague),
            EMAIL,
        )
        for name in ("Nightly export to the reporting system", "Kvartalsrapport til ledelsen"):
            accounts.create_api_token(facilitator, name)
        for index, agent in enumerate(BROWSERS):
            address = f"2001:db8:85a3::8a2e:370:733{index}"
            start_login_session(facilitator, index == 0, address, agent)
        db.session.commit()
    planned = plan_series_meeting(app, owner, language=language)
    item_id = add_item_with_approved_annex(app, planned.meeting_id, owner, "Share the figures")
    with app.app_context():
        meeting = db.session.get(Meeting, planned.meeting_id)
        approve_minutes(meeting, db.session.get(Facilitator, owner))
        for sequence, name in enumerate(("Aase Asyl-Kristiansen", "Kristoffer Haugland-Mortensen")):
            email = f"{name.lower().replace(' ', '.')}@udlaendingestyrelsen.example"
            db.session.add(
                NoticeDelivery(
                    meeting_id=meeting.id,
                    recipient_name=name,
                    recipient_email=email,
                    sequence=sequence,
                    is_update=sequence > 0,
                )
            )
        db.session.commit()
        item_workshop = db.session.get(AgendaItem, item_id).workshop_id
    return {
        "workshops": "/workshops",
        "account": "/account",
        "participants": f"/workshops/{ids[0]}/participants",
        "annex": f"/workshops/{item_workshop}/annex",
        "minutes": f"/meetings/{planned.meeting_id}/minutes/",
        "notice": f"/meetings/{planned.meeting_id}/notice",
    }


def tables_on(page: Page) -> list[dict]:
    """Each table of the page's main part: its role, how it is shown, whether anything of it lies
    past its box or the window, and its body's cells (role, label, the label shown before it, the
    column's header, where it lies) and controls (where they end)."""
    return page.evaluate(
        """() => [...document.querySelectorAll("main table")].map((table) => {
            const width = document.documentElement.clientWidth;
            const headers = [...table.querySelectorAll("thead th")];
            const box = (element) => element.getBoundingClientRect();
            return {
              role: table.getAttribute("role"),
              display: getComputedStyle(table).display,
              cutOff: box(table).right > width
                || table.parentElement.scrollWidth > table.parentElement.clientWidth + 1,
              headerRoles: headers.map((th) => th.getAttribute("role")),
              rows: [...table.querySelectorAll("tbody tr")].map((row) => row.getAttribute("role")),
              cells: [...table.querySelectorAll("tbody tr > *")].map((cell) => ({
                role: cell.getAttribute("role"),
                label: cell.dataset.label ?? null,
                shown: getComputedStyle(cell, "::before").content,
                header: headers[cell.cellIndex]?.textContent.trim(),
                left: box(cell).left, right: box(cell).right, height: box(cell).height,
              })),
              controls: [...table.querySelectorAll("a, button, select, summary")]
                .map((control) => box(control).right),
            };
        })"""
    )


def accessible_roles(page: Page) -> set[str]:
    """The roles in Chromium's accessibility tree (what a screen reader is given)."""
    session = page.context.new_cdp_session(page)
    nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    return {node["role"]["value"] for node in nodes if not node.get("ignored")}


def logged_in(browser, live_server, viewport: dict) -> Page:
    page = browser.new_context(viewport=viewport).new_page()
    log_in_in_browser(page, live_server.url, EMAIL)
    return page


@pytest.mark.parametrize("language", ["en", "da", "nb"])
def test_on_a_phone_every_table_reads_row_by_row_each_cell_under_its_columns_name(
    app, browser, live_server, make_facilitator, make_workshop, make_participant, language
):
    paths = fill(app, make_facilitator, make_workshop, make_participant, language)
    page = logged_in(browser, live_server, PHONE)

    for name, path in paths.items():
        page.goto(f"{live_server.url}{path}")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], name
        tables = tables_on(page)
        assert tables, name
        for table in tables:
            assert not table["cutOff"], (name, table)
            assert table["display"] == "block", name  # read row by row
            # Explicit table roles: a table still, whatever a browser makes of the blocks.
            assert table["role"] == "table", name
            assert set(table["headerRoles"]) == {"columnheader"}, name
            assert set(table["rows"]) == {"row"}, name
            assert table["rows"], name
            labelled = [cell for cell in table["cells"] if cell["label"] is not None]
            assert labelled, name
            for cell in table["cells"]:
                assert cell["role"] in ("cell", "rowheader"), (name, cell)
                assert cell["height"] > 0 and cell["left"] >= 0, (name, cell)
                assert cell["right"] <= PHONE["width"], (name, cell)
            for cell in labelled:
                # The column's name, shown before the value (and only there: not read twice).
                assert cell["label"] == cell["header"], (name, cell)
                assert f'"{cell["label"]}: "' in cell["shown"], (name, cell)
            assert all(right <= PHONE["width"] for right in table["controls"]), name
        assert {"table", "columnheader", "row", "cell"} <= accessible_roles(page), name
        page.screenshot(path=f"/tmp/phone_tables_{name}_{language}.png", full_page=True)


def test_on_a_laptop_the_same_tables_are_tables(
    app, browser, live_server, make_facilitator, make_workshop, make_participant
):
    paths = fill(app, make_facilitator, make_workshop, make_participant, "da")
    page = logged_in(browser, live_server, LAPTOP)

    for name in ("workshops", "account"):
        page.goto(f"{live_server.url}{paths[name]}")
        for table in tables_on(page):
            assert not table["cutOff"], name
            assert table["display"] == "table", name
            assert all(cell["shown"] == "none" for cell in table["cells"]), name
