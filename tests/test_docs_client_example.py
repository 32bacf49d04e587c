"""The Python client of docs/realtime.md, run as written against a running server: what a
client writer copies first joins (choosing a group where the room does), connects, catches up
and has its note saved."""

# ruff: noqa: F811  (the `live` fixture is imported, and named again as a test's argument)
import re
import subprocess
import sys
from pathlib import Path

from tests.joining_helpers import join_code_of
from tests.realtime_helpers import live  # noqa: F401

REALTIME_DOC = Path(__file__).parents[1] / "docs" / "realtime.md"


def python_example() -> str:
    section = REALTIME_DOC.read_text(encoding="utf-8").split("## Example: a Python client", 1)[1]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def test_the_documented_python_client_joins_and_saves_its_note(live, tmp_path):
    workshop = live(groups=2)  # participants choose their group: the example must choose one
    script = tmp_path / "notes_client.py"
    script.write_text(python_example(), encoding="utf-8")
    code = join_code_of(workshop.app, workshop.workshop_id)

    run = subprocess.run(
        [sys.executable, str(script), workshop.url, code, "Ada"],
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert run.returncode == 0, run.stderr
    assert "saved as seq" in run.stdout
    assert "['Hello from Python']" in run.stdout
