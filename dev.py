#!/usr/bin/env python3
"""The README's two commands: `python3 dev.py run` starts Workshop, `python3 dev.py test` tests it.

Also: `lint` (ruff), `i18n` (extract, merge and compile the translations), `bench` (bench/).

Both create a virtual environment in .venv on first use and install the project into it, so a
fresh machine with Python 3.11+ needs nothing else.
"""

import hashlib
import os
import signal
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
FORWARDED_SIGNALS = (signal.SIGTERM, signal.SIGINT)
EXTRAS = {"run": "", "test": "[test]", "lint": "[test]", "bench": "[test,bench]", "i18n": "[test]"}


def ensure_environment(extras: str) -> None:
    """Create .venv and (re)install the project when pyproject.toml or the extras changed."""
    if sys.version_info < (3, 11):  # noqa: UP036 (dev.py runs on the system Python)
        sys.exit("Workshop needs Python 3.11 or newer.")
    if not (BIN / "python").exists():
        print("Creating a virtual environment in .venv …", flush=True)
        venv.create(VENV, with_pip=True)
    if is_installed(extras):
        return
    print(f"Installing Workshop{extras} and its dependencies into .venv …", flush=True)
    pip = [str(BIN / "python"), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    # Newer setuptools warn at every editable install that a folder named like the package in
    # the working directory may be imported instead of it: here that folder *is* the package.
    quiet = {**os.environ, "PYTHONWARNINGS": "ignore:Editable installation"}
    subprocess.run([*pip, "-e", f".{extras}"], check=True, cwd=ROOT, env=quiet)
    installed_stamp(extras).write_text(fingerprint(extras))


def fingerprint(extras: str) -> str:
    return hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()


def installed_stamp(extras: str) -> Path:
    return VENV / f".installed{extras.replace(',', '-')}"


def is_installed(extras: str) -> bool:
    """Whether this pyproject.toml is installed with these extras, or with more of them.

    So `dev.py run` after `dev.py test` starts at once instead of installing again.
    """
    for installed in set(EXTRAS.values()):
        stamp = installed_stamp(installed)
        has_all = extra_names(extras) <= extra_names(installed)
        if has_all and stamp.exists() and stamp.read_text() == fingerprint(installed):
            return True
    return False


def extra_names(extras: str) -> set[str]:
    return set(extras.strip("[]").split(",")) - {""}


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "run"
    if command not in EXTRAS:
        print(__doc__)
        return 2
    ensure_environment(EXTRAS[command])
    rest = argv[1:]
    programs = {
        "run": [str(BIN / "workshop"), "run", *rest],
        # One worker per CPU; a test that needs a database of its own makes one per worker.
        "test": [str(BIN / "python"), "-m", "pytest", "-n", "auto", *rest],
        "lint": [str(BIN / "ruff"), "check", ".", *rest],
        "bench": [str(BIN / "python"), "-m", "bench", *rest],
    }
    os.chdir(ROOT)
    if command == "i18n":
        return update_translations()
    return run_in_foreground(programs[command])


def run_in_foreground(program: list[str]) -> int:
    """Run the program, passing SIGTERM and SIGINT on to it, and wait until it has ended.

    Without this, stopping dev.py (a service manager's SIGTERM) would leave the server it started
    running and answering with no parent.
    """
    child = subprocess.Popen(program)

    def pass_on(signum: int, _frame: object) -> None:
        child.send_signal(signum)

    previous = {number: signal.signal(number, pass_on) for number in FORWARDED_SIGNALS}
    try:
        code = child.wait()
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
    # A child ended by a signal reports -N; a shell reports that as 128 + N.
    return code if code >= 0 else 128 - code


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
