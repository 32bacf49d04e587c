#!/usr/bin/env python3
"""The README's two commands: `python3 dev.py run` starts Workshop, `python3 dev.py test` tests it.

Also: `lint` (ruff), `i18n` (extract, merge and compile the translations), `bench` (bench/).

Both create a virtual environment in .venv on first use and install the project into it, so a
fresh machine with Python 3.11+ needs nothing else.
"""

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
EXTRAS = {"run": "", "test": "[test]", "lint": "[test]", "bench": "[test,bench]", "i18n": "[test]"}


def ensure_environment(extras: str) -> None:
    """Create .venv and (re)install the project when pyproject.toml or the extras changed."""
    if sys.version_info < (3, 11):  # noqa: UP036 (dev.py runs on the system Python)
        sys.exit("Workshop needs Python 3.11 or newer.")
    if not (BIN / "python").exists():
        print("Creating a virtual environment in .venv …", flush=True)
        venv.create(VENV, with_pip=True)
    fingerprint = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode())
    stamp = VENV / f".installed{extras.replace(',', '-')}"
    if stamp.exists() and stamp.read_text() == fingerprint.hexdigest():
        return
    print(f"Installing Workshop{extras} and its dependencies into .venv …", flush=True)
    pip = [str(BIN / "python"), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "-e", f".{extras}"], check=True, cwd=ROOT)
    stamp.write_text(fingerprint.hexdigest())


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "run"
    if command not in EXTRAS:
        print(__doc__)
        return 2
    ensure_environment(EXTRAS[command])
    rest = argv[1:]
    programs = {
        "run": [str(BIN / "workshop"), "run", *rest],
        "test": [str(BIN / "python"), "-m", "pytest", *rest],
        "lint": [str(BIN / "ruff"), "check", ".", *rest],
        "bench": [str(BIN / "python"), "-m", "bench", *rest],
    }
    os.chdir(ROOT)
    if command == "i18n":
        return update_translations()
    return subprocess.call(programs[command])


def update_translations() -> int:
    """Extract every string into the template, merge it into da and nb, compile the catalogs."""
    pybabel = str(BIN / "pybabel")
    catalogs = "workshop/translations"
    steps = [
        [
            pybabel,
            "extract",
            "-F",
            "babel.cfg",  # which files, and which function names mark a string
            "--no-location",
            "--sort-output",
            "-o",
            f"{catalogs}/messages.pot",
            "workshop",
            "templates",
        ],
        [
            pybabel,
            "update",
            "-i",
            f"{catalogs}/messages.pot",
            "-d",
            catalogs,
            "--no-fuzzy-matching",
            "--ignore-obsolete",
        ],
        [pybabel, "compile", "-d", catalogs, "--statistics"],
    ]
    for step in steps:
        if subprocess.call(step) != 0:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
