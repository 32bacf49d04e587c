"""A pasted outline with several wrong lines is refused once, naming every one of them."""

import html
import re

import pytest

from tests.outline_helpers import ISSUE_EXAMPLE, outline_as_text, workshop_outline
from workshop.cli import main as workshop_command
from workshop.extensions import db
from workshop.models import DomainError, Workshop
from workshop.services.outline_problems import LISTED_PROBLEMS_MAX
from workshop.services.outline_text import import_outline

# Three mistakes of different kinds, each with lines after it that are right.
THREE_WRONG_LINES = """\
# I. International work
1. Who can the institute work with?
Due diligence, what is essential?
> Think of funders.
2. What about partners?
### Too deep a heading
a) A question under it
# II. National work
1. How to stay independent?
- Not numbered like the one above
"""
WRONG = {
    3: "Line 3: expected a section heading",
    6: "Line 6: there are two levels of headings",
    10: "Line 10: the questions under one heading are either all numbered or none",
}


def refusal(app, workshop_id: int, text: str) -> DomainError:
    with app.app_context(), pytest.raises(DomainError) as caught:
        import_outline(db.session.get(Workshop, workshop_id), text)
    return caught.value


def starts(messages: list[str]) -> list[str]:
    return [message[: len(WRONG[int(re.match(r"Line (\d+)", message)[1])])] for message in messages]


# --- the service ---


def test_every_wrong_line_is_named_at_once_and_nothing_is_imported(app, make_workshop):
    workshop_id = make_workshop(sections=("Kept section",), questions=2, groups=0)
    before = outline_as_text(app, workshop_id)

    error = refusal(app, workshop_id, THREE_WRONG_LINES)

    assert error.code == "outline_text_invalid"
    assert error.details["line"] == 3
    assert [p["line"] for p in error.details["problems"]] == [3, 6, 10]
    assert starts([p["message"] for p in error.details["problems"]]) == list(WRONG.values())
    assert error.details["more_problems"] == 0
    with app.app_context():
        lines = str(error.message).split("\n")
    assert lines[0] == "3 lines need fixing:"
    assert starts(lines[1:]) == list(WRONG.values())
    assert outline_as_text(app, workshop_id) == before


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # The questions and guidance under a wrong heading are judged as under a right one.
        ("# S\n1. q\n### Deep\n> lead-in\na) one\nb) two\n", 3),
        ("# S\n#\n1. one\n2. two\n", 2),
        ("## A. Block first\n1. one\n> guidance\n2. two\n", 1),
        # Questions before any heading: the missing heading is one mistake.
        ("1. one\n2. two\n3. three\n# S\n1. q\n", 1),
        # The guidance under a wrong question goes with it.
        ("# S\nNo number here\n> guidance\n> more guidance\n1. q\n", 2),
        ("> guidance before anything\n> and more\n# S\n", 1),
    ],
)
def test_one_mistake_is_reported_once_not_again_on_the_lines_after_it(
    app, make_workshop, text, line
):
    workshop_id = make_workshop(sections=(), groups=0)
    error = refusal(app, workshop_id, text)
    assert [p["line"] for p in error.details["problems"]] == [line]
    assert error.details == {
        "line": line,
        "problems": error.details["problems"],
        "more_problems": 0,
    }


def test_a_line_too_long_and_a_malformed_line_are_both_named(app, make_workshop):
    workshop_id = make_workshop(sections=(), groups=0)
    text = "# S\n1. " + "x" * 1001 + "\nno number\n# " + "h" * 301 + "\n"
    error = refusal(app, workshop_id, text)
    problems = error.details["problems"]
    assert [p["line"] for p in problems] == [2, 3, 4]
    assert "at most 1,000 characters" in problems[0]["message"]
    assert "at most 300 characters" in problems[2]["message"]


def test_more_wrong_lines_than_the_list_holds_are_counted(app, make_workshop):
    workshop_id = make_workshop(sections=(), groups=0)
    wrong = LISTED_PROBLEMS_MAX + 5
    text = "# S\n" + "".join(f"sentence {n} without a number\n" for n in range(wrong))

    error = refusal(app, workshop_id, text)

    listed = [p["line"] for p in error.details["problems"]]
    assert listed == list(range(2, 2 + LISTED_PROBLEMS_MAX))
    assert error.details["more_problems"] == 5
    with app.app_context():
        lines = str(error.message).split("\n")
    assert lines[0] == f"{wrong} lines need fixing:"
    assert len(lines) == 1 + LISTED_PROBLEMS_MAX + 1
    assert lines[-1] == "…and 5 more wrong lines after these."


# --- the page ---


@pytest.fixture
def outline_url(make_workshop, make_facilitator, login_as):
    owner = make_facilitator()
    login_as(owner)
    return f"/workshops/{make_workshop(owner_id=owner, sections=(), groups=0)}/outline"


def test_page_lists_every_wrong_line_and_keeps_the_pasted_text(
    app, client, csrf_token, outline_url
):
    token = csrf_token(outline_url)
    response = client.post(
        f"{outline_url}/text", data={"csrf_token": token, "text": THREE_WRONG_LINES}
    )

    assert response.status_code == 400
    page = response.get_data(as_text=True)
    errors = re.search(r'<ul class="errors" id="text-errors">(.*?)</ul>', page, re.S)[1]
    items = [html.unescape(item) for item in re.findall(r"<li>(.*?)</li>", errors, re.S)]
    assert items[0] == "3 lines need fixing:"
    assert starts(items[1:]) == list(WRONG.values())
    assert html.escape(THREE_WRONG_LINES, quote=False) + "</textarea>" in page
    workshop_id = int(re.search(r"/workshops/(\d+)", outline_url)[1])
    assert workshop_outline(app, workshop_id) == []


# --- the API ---


@pytest.fixture
def api_base(owner, make_workshop):
    return f"/api/v1/workshops/{make_workshop(owner_id=owner, sections=(), groups=0)}"


def put_text(client, base, auth, text, language="en"):
    return client.put(
        f"{base}/outline/text",
        data=text.encode(),
        headers={**auth, "Accept-Language": language},
        content_type="text/plain; charset=utf-8",
    )


def test_api_answers_every_wrong_line_in_the_error_details(app, client, api_base, auth):
    put_text(client, api_base, auth, ISSUE_EXAMPLE)

    response = put_text(client, api_base, auth, THREE_WRONG_LINES)

    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["code"] == "outline_text_invalid"
    assert error["details"]["line"] == 3
    assert [p["line"] for p in error["details"]["problems"]] == [3, 6, 10]
    assert starts([p["message"] for p in error["details"]["problems"]]) == list(WRONG.values())
    assert error["details"]["more_problems"] == 0
    assert error["message"].split("\n")[0] == "3 lines need fixing:"
    assert outline_as_text(app, int(api_base.rsplit("/", 1)[1])) == ISSUE_EXAMPLE


@pytest.mark.parametrize(
    ("language", "summary", "line"),
    [("da", "3 linjer skal rettes:", "Linje 3: "), ("nb", "3 linjer må rettes:", "Linje 3: ")],
)
def test_api_names_the_wrong_lines_in_the_readers_language(
    client, api_base, auth, language, summary, line
):
    error = put_text(client, api_base, auth, THREE_WRONG_LINES, language).get_json()["error"]
    assert error["message"].split("\n")[0] == summary
    assert error["details"]["problems"][0]["message"].startswith(line)


# --- the command line ---


def test_import_outline_command_names_every_wrong_line(app, runner, make_facilitator):
    make_facilitator(email="fran@example.org")
    result = runner.invoke(
        workshop_command,
        ["import-outline", "-", "--email", "fran@example.org", "--title", "Bad"],
        input=THREE_WRONG_LINES,
    )
    assert result.exit_code != 0
    assert "3 lines need fixing:" in result.output
    for words in WRONG.values():
        assert words in result.output
    with app.app_context():
        assert db.session.scalars(db.select(Workshop)).all() == []
