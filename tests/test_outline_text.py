"""The outline text format: the issue's example round-trips exactly; bad text changes nothing."""

import pytest

from tests.outline_helpers import ISSUE_EXAMPLE, outline_as_text, question_texts, workshop_outline
from workshop.extensions import db
from workshop.models import DomainError, Group, Note, Question, Workshop
from workshop.models.outline import MAX_QUESTIONS, MAX_SECTIONS, OUTLINE_TEXT_MAX
from workshop.services.outline_text import export_outline, import_outline, parse_outline_text


def import_text(app, workshop_id: int, text: str) -> None:
    with app.app_context():
        import_outline(db.session.get(Workshop, workshop_id), text)


def refusal(app, workshop_id: int, text: str) -> DomainError:
    with pytest.raises(DomainError) as caught:
        import_text(app, workshop_id, text)
    return caught.value


def test_issue_example_round_trips_exactly(app, make_workshop):
    workshop_id = make_workshop(sections=(), groups=0)
    import_text(app, workshop_id, ISSUE_EXAMPLE)
    assert outline_as_text(app, workshop_id) == ISSUE_EXAMPLE


def test_issue_example_gives_the_numbered_outline_it_shows(app, make_workshop):
    workshop_id = make_workshop(sections=(), groups=0)
    import_text(app, workshop_id, ISSUE_EXAMPLE)
    international, national = workshop_outline(app, workshop_id)
    assert international["heading"] == "Questions on the international strategy"
    assert international["label"] == ""
    assert [q["label"] for q in international["questions"]] == ["1.", "2.", "3."]
    block_a, block_b = national["blocks"]
    assert (block_a["label"], block_a["heading"]) == (
        "A.",
        "In the world we live in, how can the institute strategically:",
    )
    assert block_b["label"] == "B."
    assert [q["full_label"] for q in block_b["questions"]] == ["B.1", "B.2"]
    assert national["questions"] == []


ROUND_TRIPS = {
    "roman sections, lettered questions, guidance and lead-ins": """\
# I. International work
> Think of the next five years.
>
> Be concrete.
a) Who can the institute work for?
> Countries, companies, funders.
b) What is essential due diligence?
# II. National work
## 1. Independence
> How can the institute, strategically:
A. Secure its independence?
B. Keep its influence?
## 2. Any other business
- Is something missing?
- Anything else?
""",
    "numbered sections and blocks in every style": """\
# 1. First
1. One?
# 2. Second
## a) Lower block
I. Roman question?
II. Second roman question?
III. Third?
IV. Fourth?
V. Fifth?
VI. Sixth?
VII. Seventh?
VIII. Eighth?
IX. Ninth?
X. Tenth?
## b) Another
- Unnumbered?
""",
    "headings that look like numbers keep them": """\
# \\1. Not a number, part of the heading
- Question?
# \\\\Starts with a backslash
# Plain heading
1. # not a heading, a question starting with a hash
2. > not guidance either
""",
    "non-ASCII everywhere": """\
# Spørsmål om strategien — æøå ÆØÅ 🎉
> Hvordan kan instituttet, strategisk:
1. Hvem kan instituttet arbeide for? 🤝
> Stater, selskaper … «med omhu»
2. ما هي العناية الواجبة الأساسية؟
## A. עברית: מה חסר?
a) 中文问题？
""",
}


@pytest.mark.parametrize("text", ROUND_TRIPS.values(), ids=ROUND_TRIPS.keys())
def test_outline_text_round_trips_exactly(app, make_workshop, text):
    workshop_id = make_workshop(sections=(), groups=0)
    import_text(app, workshop_id, text)
    assert outline_as_text(app, workshop_id) == text


def test_marker_sets_the_style_and_position_sets_the_number(app, make_workshop):
    workshop_id = make_workshop(sections=(), groups=0)
    import_text(app, workshop_id, "# I. One\n# I. Two\n# I. Three\n1. q\n1. q\n7. q\n")
    sections = workshop_outline(app, workshop_id)
    assert [s["label"] for s in sections] == ["I.", "II.", "III."]
    assert [q["label"] for q in sections[2]["questions"]] == ["1.", "2.", "3."]


def test_letters_that_are_also_roman_numerals_read_by_position(app, make_workshop):
    workshop_id = make_workshop(sections=(), groups=0)
    text = "# S\n" + "".join(f"{letter}. q{letter}\n" for letter in "ABCDEFGHI")
    import_text(app, workshop_id, text)
    (section,) = workshop_outline(app, workshop_id)
    assert section["question_style"] == "upper"
    assert section["questions"][-1]["label"] == "I."


def test_windows_line_endings_blank_lines_indents_and_a_bom_are_accepted(app, make_workshop):
    workshop_id = make_workshop(sections=(), groups=0)
    pasted = "\ufeff# Heading\r\n\r\n   1. First?\r\n\t2. Second?  \r\n\r\n"
    import_text(app, workshop_id, pasted)
    assert outline_as_text(app, workshop_id) == "# Heading\n1. First?\n2. Second?\n"


MALFORMED = [
    ("# Fine\n1. Fine?\nJust a sentence without a number\n", 3, "Just a sentence"),
    ("## A. Block first\n1. q\n", 1, "after a section heading"),
    ("1. A question before any heading\n", 1, "under a section heading"),
    ("> guidance before anything\n# S\n", 1, "belongs to the heading or question"),
    ("# S\n### Too deep\n", 2, "two levels"),
    ("# S\n#\n", 2, "needs its text"),
    ("# S\n1. One\na) Two\n", 3, "numbered in one style"),
    # "-" means "not numbered" (so the help says): not called a numbering style of its own.
    ("# S\n1. One\n- Two\n", 3, "either all numbered or none: a question starting with “-”"),
    ("# S\n\n\n1. " + "x" * 1001 + "\n", 4, "at most 1,000 characters"),
    ("# " + "h" * 301 + "\n", 1, "at most 300 characters"),
]


@pytest.mark.parametrize(("text", "line", "words"), MALFORMED)
def test_malformed_text_names_its_line_and_imports_nothing(app, make_workshop, text, line, words):
    workshop_id = make_workshop(sections=("Kept section",), questions=2, groups=0)
    before = outline_as_text(app, workshop_id)
    error = refusal(app, workshop_id, text)
    assert error.code == "outline_text_invalid"
    assert error.details["line"] == line
    with app.app_context():
        message = str(error.message)
    assert message.startswith(f"Line {line}: ")
    assert words in message
    assert outline_as_text(app, workshop_id) == before


def test_huge_text_is_refused_with_its_limit(app, make_workshop):
    workshop_id = make_workshop(sections=("Kept",), groups=0)
    huge = "# S\n" + ("- " + "q" * 90 + "\n") * (OUTLINE_TEXT_MAX // 90)
    error = refusal(app, workshop_id, huge)
    assert error.code == "outline_text_too_large"
    with app.app_context():
        assert "100,000 characters" in str(error.message)
    assert question_texts(workshop_outline(app, workshop_id)) == [
        f"Question {n} of Kept?" for n in (1, 2, 3)
    ]


def test_too_many_lines_are_refused(app, make_workshop):
    workshop_id = make_workshop(sections=(), groups=0)
    error = refusal(app, workshop_id, "# S\n" + "\n" * 6000)
    assert error.code == "outline_text_too_large"


def test_too_many_questions_names_the_first_line_over_the_limit(app, make_workshop):
    workshop_id = make_workshop(sections=(), groups=0)
    text = "# S\n" + "- q\n" * (MAX_QUESTIONS + 1)
    error = refusal(app, workshop_id, text)
    assert error.details["line"] == MAX_QUESTIONS + 2
    assert workshop_outline(app, workshop_id) == []


def test_too_many_sections_are_refused(app, make_workshop):
    workshop_id = make_workshop(sections=(), groups=0)
    error = refusal(app, workshop_id, "# S\n" * (MAX_SECTIONS + 1))
    assert error.details["line"] == MAX_SECTIONS + 1


def test_text_without_any_heading_is_refused(app, make_workshop):
    workshop_id = make_workshop(sections=(), groups=0)
    assert refusal(app, workshop_id, "\n\n  \n").code == "outline_text_empty"


def test_import_replaces_the_outline_and_groups_work_on_all_new_questions(app, make_workshop):
    workshop_id = make_workshop(sections=("Old",), questions=2, groups=1)
    with app.app_context():
        group = db.session.scalar(db.select(Group).where(Group.workshop_id == workshop_id))
        group.all_questions = False
        group.chosen_questions = [db.session.scalar(db.select(Question))]
        db.session.commit()
    import_text(app, workshop_id, ISSUE_EXAMPLE)
    assert outline_as_text(app, workshop_id) == ISSUE_EXAMPLE
    with app.app_context():
        group = db.session.scalar(db.select(Group).where(Group.workshop_id == workshop_id))
        assert group.all_questions is True
        assert group.chosen_questions == []
        assert db.session.scalar(db.select(db.func.count(Question.id))) == 7


def test_import_is_refused_once_groups_have_written_notes(app, make_workshop):
    workshop_id = make_workshop(sections=("Old",), questions=1, groups=1, status="live")
    with app.app_context():
        question = db.session.scalar(db.select(Question))
        group = db.session.scalar(db.select(Group))
        db.session.add(
            Note(
                id="6f1c0b9e-0000-4000-8000-000000000001",
                workshop_id=workshop_id,
                question_id=question.id,
                group_id=group.id,
                text="A note",
            )
        )
        db.session.commit()
    before = outline_as_text(app, workshop_id)
    error = refusal(app, workshop_id, ISSUE_EXAMPLE)
    assert error.code == "outline_has_notes"
    assert outline_as_text(app, workshop_id) == before


def test_parsing_alone_changes_nothing(app):
    with app.app_context():
        sections = parse_outline_text(ISSUE_EXAMPLE)
    assert [s.heading for s in sections] == [
        "Questions on the international strategy",
        "Questions on the national strategy",
    ]
    assert [q.line for q in sections[1].blocks[1].questions] == [10, 11]


def test_export_of_an_empty_outline_is_empty(app, make_workshop):
    workshop_id = make_workshop(sections=(), groups=0)
    with app.app_context():
        assert export_outline(db.session.get(Workshop, workshop_id)) == ""
