"""The dashboard and the projector follow an outline edited while they are open, in Chromium: a
question added, renamed or deleted elsewhere (here over the API) shows at once — in the matrix,
the questions panel, the open detail view, the projector's step — without a reload, and nothing
the facilitator was typing, nor the focus, is lost."""

import re

from playwright.sync_api import expect

from tests.live_helpers import group_ids, question_ids
from tests.test_live_browser import open_dashboard  # noqa: F401 (fixture)
from tests.test_room_browser import in_room
from tests.workshops_helpers import bearer, make_api_token
from workshop.extensions import db
from workshop.models import Workshop
from workshop.services import displays, room


class OutlineApi:
    """Another client editing the outline over the HTTP API while the pages are open."""

    def __init__(self, browser, live_server, app, facilitator_id: int, workshop_id: int):
        self.request = browser.new_context().request
        self.root = f"{live_server.url}/api/v1"
        self.base = f"{self.root}/workshops/{workshop_id}"
        self.headers = bearer(make_api_token(app, facilitator_id))

    def call(self, method: str, path: str, body: dict | None = None) -> dict:
        response = self.request.fetch(
            f"{self.base}{path}", method=method, headers=self.headers, data=body
        )
        assert response.ok, response.text()
        return response.json() if response.status != 204 else {}

    def first_section_id(self) -> int:
        return self.call("GET", "/outline")["sections"][0]["id"]

    def add_question(self, section_id: int, text: str) -> int:
        return self.call("POST", f"/sections/{section_id}/questions", {"text": text})["id"]

    def rename_question(self, question_id: int, text: str) -> None:
        self.call("PATCH", f"/questions/{question_id}", {"text": text})

    def delete_question(self, question_id: int) -> None:
        self.call("DELETE", f"/questions/{question_id}")

    def choose_group_questions(self, group_id: int, question_ids: list[int]) -> None:
        url = f"{self.root}/groups/{group_id}/questions"
        body = {"question_ids": question_ids}
        response = self.request.put(url, headers=self.headers, data=body)
        assert response.ok, response.text()


def outline_reads(page) -> list[str]:
    """The page's reads of its questions, recorded as they are made."""
    reads: list[str] = []
    page.on(
        "request",
        lambda request: reads.append(request.url) if request.url.endswith("/outline") else None,
    )
    return reads


def test_the_dashboard_draws_a_changed_outline_and_keeps_what_the_facilitator_types(
    app,
    browser,
    live_server,
    live_workshop,
    open_dashboard,  # noqa: F811
):
    facilitator, workshop_id = live_workshop(questions=2, groups=2)
    first, second = question_ids(app, workshop_id)
    _context, dashboard = open_dashboard(facilitator, workshop_id)
    dashboard.evaluate("window.notReloaded = true")
    reads = outline_reads(dashboard)
    # The facilitator writes a broadcast, opens the first question and starts a note for Group 1.
    dashboard.get_by_label("Message to the room").fill("Ten minutes left for this round")
    dashboard.locator(f'#matrix th button[data-question-id="{first}"]').click()
    composer = dashboard.get_by_label("Add a note for Group 1")
    composer.click()
    composer.press_sequentially("Half a thought")
    composer.press("ArrowLeft")  # the caret inside the words, not at their end

    api = OutlineApi(browser, live_server, app, facilitator, workshop_id)
    added = api.add_question(api.first_section_id(), "Who else <b>should</b> we ask?")
    api.rename_question(first, "Which partners matter most?")
    api.delete_question(second)

    matrix = dashboard.locator("#matrix")
    expect(matrix.locator(f'th button[data-question-id="{added}"]')).to_contain_text(
        "Who else <b>should</b> we ask?"
    )
    expect(matrix.locator(f'td.cell button[data-question-id="{added}"]')).to_have_count(2)
    expect(matrix.locator(f'[data-question-id="{second}"]')).to_have_count(0)
    expect(matrix.locator(f'th button[data-question-id="{first}"]')).to_contain_text(
        "Which partners matter most?"
    )
    panel = dashboard.locator("#questions-panel")
    expect(panel.locator(f'li.panel-question[data-question-id="{added}"]')).to_contain_text(
        "Who else <b>should</b> we ask?"
    )
    expect(panel.locator(f'li.panel-question[data-question-id="{second}"]')).to_have_count(0)
    # The open detail view follows its question's words; the typing, caret and broadcast stay.
    expect(dashboard.locator("#detail-question")).to_have_text("Which partners matter most?")
    expect(composer).to_have_value("Half a thought")
    expect(composer).to_be_focused()
    assert composer.evaluate("(box) => [box.selectionStart, box.selectionEnd]") == [13, 13]
    expect(dashboard.get_by_label("Message to the room")).to_have_value(
        "Ten minutes left for this round"
    )
    expect(dashboard.locator("#announcer")).to_have_text(
        "The outline was changed: the dashboard shows the new questions."
    )
    assert dashboard.evaluate("window.notReloaded") is True
    # Three edits in a row: read once (or twice, if one came during the read), not three times.
    assert 1 <= len(reads) <= 2, reads

    # The new question's controls work: its lock, and its cell opening the detail view.
    panel.locator("summary").click()
    lock = panel.locator(f'li.panel-question[data-question-id="{added}"] button[data-lock-target]')
    lock.click()
    expect(lock).to_have_text("Unlock")
    expect(matrix.locator(f'th.question-head[data-question-id="{added}"]')).to_have_class(
        re.compile(r"\blocked\b")
    )
    matrix.locator(f'td.cell button[data-group-id][data-question-id="{added}"]').first.click()
    expect(dashboard.locator("#detail-question")).to_have_text("Who else <b>should</b> we ask?")
    expect(matrix.locator(f'td.cell button[data-question-id="{added}"]').first).to_contain_text("0")


def test_the_projector_shows_the_steps_questions_as_renamed_and_added(
    app, browser, live_server, live_workshop
):
    facilitator, workshop_id = live_workshop(questions=2, groups=2)
    first, _second = question_ids(app, workshop_id)
    in_room(app, workshop_id, room.start_plan)  # the first step: a round on the section
    with app.app_context():
        token = displays.create_display_link(
            db.session.get_one(Workshop, workshop_id), "Room PC"
        ).token
    projector = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    projector.goto(f"{live_server.url}/display/{token}")  # the room's PC: no login
    expect(projector.locator("#connection-state")).to_have_text("Online")
    questions = projector.locator("#projector-question-list")
    expect(questions).to_contain_text("Question 1 of International work?")
    projector.evaluate("window.notReloaded = true")

    api = OutlineApi(browser, live_server, app, facilitator, workshop_id)
    api.rename_question(first, "Which partners matter most?")
    api.add_question(api.first_section_id(), "Who else should we ask?")

    expect(questions.locator("li").first).to_have_text(re.compile(r"Which partners matter most\?$"))
    expect(questions).not_to_contain_text("Question 1 of International work?")
    expect(questions.locator("li")).to_have_count(3)
    expect(questions.locator("li").last).to_contain_text("Who else should we ask?")
    assert projector.evaluate("window.notReloaded") is True


def test_edits_in_a_row_are_read_once_and_one_during_a_read_once_more(
    app,
    live_workshop,
    open_dashboard,  # noqa: F811
):
    facilitator, workshop_id = live_workshop(questions=1, groups=1)
    _context, dashboard = open_dashboard(facilitator, workshop_id)
    # The page's own reader, with a server whose answer waits until the test lets it go.
    reads = dashboard.evaluate(
        """async () => {
          const { OutlineReader } = await import('/static/js/outline-reader.js');
          const log = { reads: 0, drawn: 0 };
          let answer = null;
          const pageFetch = window.fetch;  // the page's own reads (who is online) go on
          window.fetch = (url, options) => {
            if (url !== '/x') return pageFetch(url, options);
            log.reads += 1;
            return new Promise((done) => { answer = done; });
          };
          const reply = () => answer({ ok: true, status: 200, json: async () => ({}) });
          const redraw = () => { log.drawn += 1; };
          const reader = new OutlineReader({ url: '/x', gatherMs: 50, redraw });
          const wait = (ms) => new Promise((done) => setTimeout(done, ms));
          for (let i = 0; i < 5; i += 1) reader.changed();  // five edits in a moment
          await wait(150);
          const gathered = log.reads;
          reader.changed(); reader.changed();  // two more while the read is under way
          await wait(150);
          const during = log.reads;
          reply(); await wait(150);  // the first read answers: one more read follows
          const after = log.reads;
          reply(); await wait(150);
          return { gathered, during, after, end: log.reads, drawn: log.drawn };
        }"""
    )
    assert reads == {"gathered": 1, "during": 1, "after": 2, "end": 2, "drawn": 2}


def test_the_open_question_deleted_closes_its_detail_and_the_first_question_brings_the_matrix(
    app,
    browser,
    live_server,
    live_workshop,
    open_dashboard,  # noqa: F811
):
    facilitator, workshop_id = live_workshop(questions=1, groups=2)
    (only,) = question_ids(app, workshop_id)
    _context, dashboard = open_dashboard(facilitator, workshop_id)
    dashboard.locator(f'#matrix th button[data-question-id="{only}"]').click()
    dashboard.get_by_label("Add a note for Group 2").press_sequentially("Soon gone")
    api = OutlineApi(browser, live_server, app, facilitator, workshop_id)
    section_id = api.first_section_id()

    api.delete_question(only)

    # No question left: the matrix gives way to what to do, the detail view closes, and the
    # keyboard is not dropped on the page's body but lands in the questions panel.
    expect(dashboard.locator("#detail")).to_be_hidden()
    expect(dashboard.locator("#matrix")).to_have_count(0)
    expect(dashboard.locator("#matrix-region")).to_contain_text(
        "Add groups and questions to the workshop to see them here."
    )
    expect(dashboard.locator("#questions-panel summary")).to_be_focused()

    added = api.add_question(section_id, "Where do we start?")

    cells = dashboard.locator(f'#matrix td.cell button[data-question-id="{added}"]')
    expect(cells).to_have_count(2)
    expect(dashboard.locator("#matrix-region .banner")).to_have_count(0)
    dashboard.locator(f'#matrix th button[data-question-id="{added}"]').click()
    expect(dashboard.locator("#detail-question")).to_have_text("Where do we start?")


def test_a_group_given_other_questions_leaves_the_open_question_and_the_typing_stays(
    app,
    browser,
    live_server,
    live_workshop,
    open_dashboard,  # noqa: F811
):
    facilitator, workshop_id = live_workshop(questions=2, groups=2)
    first, second = question_ids(app, workshop_id)
    _group_1, group_2 = group_ids(app, workshop_id)
    _context, dashboard = open_dashboard(facilitator, workshop_id)
    dashboard.locator(f'#matrix th button[data-question-id="{second}"]').click()
    composer = dashboard.get_by_label("Add a note for Group 1")
    composer.press_sequentially("Still typing")
    expect(dashboard.locator("#detail-body h3")).to_have_text(["Group 1", "Group 2"])

    OutlineApi(browser, live_server, app, facilitator, workshop_id).choose_group_questions(
        group_2, [first]
    )

    # Group 2 no longer works on the question: its cell says so, and the open question shows
    # Group 1 alone — whose note being written keeps its words, the focus and the caret.
    row = dashboard.locator(f'#matrix tr[data-group-id="{group_2}"]')
    expect(row.locator("td.not-asked")).to_have_count(1)
    expect(row.locator(f'button[data-question-id="{second}"]')).to_have_count(0)
    expect(dashboard.locator("#detail-body h3")).to_have_text(["Group 1"])
    expect(composer).to_have_value("Still typing")
    expect(composer).to_be_focused()
    assert composer.evaluate("(box) => box.selectionStart") == len("Still typing")
