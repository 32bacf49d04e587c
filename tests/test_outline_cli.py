"""The outline commands: import an outline file into a new workshop, export it, load the demo."""

from tests.outline_helpers import ISSUE_EXAMPLE, outline_as_text
from workshop.cli import main as workshop_command
from workshop.extensions import db
from workshop.models import Workshop
from workshop.services.demo import DEMO_TITLE


def run(runner, *args, input=None):
    # The runner's ScriptInfo makes the `workshop` group use the test app.
    return runner.invoke(workshop_command, list(args), input=input)


def workshops(app) -> list[tuple[int, str, str]]:
    with app.app_context():
        rows = db.session.scalars(db.select(Workshop).order_by(Workshop.id))
        return [(w.id, w.title, w.language) for w in rows]


def test_import_outline_file_creates_a_workshop(app, runner, make_facilitator, tmp_path):
    make_facilitator(email="fran@example.org")
    path = tmp_path / "outline.txt"
    path.write_bytes(("\ufeff" + ISSUE_EXAMPLE).replace("\n", "\r\n").encode())
    result = run(
        runner,
        "import-outline",
        str(path),
        "--email",
        "FRAN@example.org",
        "--title",
        "Rådsmøde",
        "--language",
        "da",
    )
    assert result.exit_code == 0, result.output
    ((workshop_id, title, language),) = workshops(app)
    assert (title, language) == ("Rådsmøde", "da")
    assert f"Created workshop {workshop_id}" in result.output
    assert "2 sections and 7 questions" in result.output
    assert outline_as_text(app, workshop_id) == ISSUE_EXAMPLE


def test_import_outline_from_stdin(app, runner, make_facilitator):
    make_facilitator(email="fran@example.org")
    result = run(
        runner,
        "import-outline",
        "-",
        "--email",
        "fran@example.org",
        "--title",
        "Piped",
        input="# From a pipe\n- Yes?\n",
    )
    assert result.exit_code == 0, result.output
    ((workshop_id, _title, language),) = workshops(app)
    assert language == "en"
    assert outline_as_text(app, workshop_id) == "# From a pipe\n- Yes?\n"


def test_malformed_file_names_the_line_and_creates_nothing(app, runner, make_facilitator):
    make_facilitator(email="fran@example.org")
    result = run(
        runner,
        "import-outline",
        "-",
        "--email",
        "fran@example.org",
        "--title",
        "Bad",
        input="# Fine\n\nno marker here\n",
    )
    assert result.exit_code != 0
    assert "Line 3:" in result.output
    assert workshops(app) == []


def test_import_needs_a_known_facilitator(app, runner):
    result = run(
        runner,
        "import-outline",
        "-",
        "--email",
        "nobody@example.org",
        "--title",
        "T",
        input=ISSUE_EXAMPLE,
    )
    assert result.exit_code != 0
    assert "No facilitator has the email address nobody@example.org" in result.output
    assert workshops(app) == []


def test_export_outline_prints_or_writes_the_text(app, runner, make_workshop, tmp_path):
    workshop_id = make_workshop(sections=("Ærlig talt 🙂",), questions=1)
    result = run(runner, "export-outline", str(workshop_id))
    assert result.exit_code == 0
    assert result.output == "# Ærlig talt 🙂\n1. Question 1 of Ærlig talt 🙂?\n"
    target = tmp_path / "out.txt"
    result = run(runner, "export-outline", str(workshop_id), "-o", str(target))
    assert target.read_text(encoding="utf-8") == outline_as_text(app, workshop_id)
    result = run(runner, "export-outline", "999")
    assert result.exit_code != 0
    assert "There is no workshop 999" in result.output


def test_load_demo_once_per_owner_unless_again(app, runner, make_facilitator):
    make_facilitator(email="first@example.org")
    make_facilitator(email="second@example.org")
    result = run(runner, "load-demo")
    assert result.exit_code == 0, result.output
    assert "owned by first@example.org" in result.output
    run(runner, "load-demo")
    run(runner, "load-demo", "--email", "second@example.org")
    run(runner, "load-demo", "--email", "second@example.org", "--again")
    titles = [title for _id, title, _language in workshops(app)]
    assert titles == [DEMO_TITLE] * 3
    result = run(runner, "load-demo", "--email", "nobody@example.org")
    assert result.exit_code != 0
