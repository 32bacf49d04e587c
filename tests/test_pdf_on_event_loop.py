"""A PDF made by a server on gevent's event loop: laid out in a child process (seconds of
computation would otherwise hold every live connection of the process), the same file."""

import subprocess
import sys

import requests

from tests.conftest import free_port
from tests.server_process import WORKSHOP_COMMAND, ServerProcess
from tests.test_annex_exports import pdf_text


def cli(database_url: str, *arguments: str, given: str = "") -> str:
    environment = {"DATABASE_URL": database_url, "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [WORKSHOP_COMMAND, *arguments],
        input=given,
        capture_output=True,
        text=True,
        env=environment,
        check=True,
    )
    return done.stdout


def test_a_gevent_server_exports_the_annex_as_pdf(tmp_path):
    database_url = f"sqlite:///{tmp_path / 'served.sqlite'}"
    cli(database_url, "db", "upgrade")
    email = "kari@example.org"
    password = "pw-12345678\n"
    cli(database_url, "create-facilitator", "--email", email, "--name", "Kari", given=password)
    token = cli(database_url, "create-api-token", "--email", email, "--name", "test").split()[-1]
    server = ServerProcess(
        database_url,
        free_port(),
        tmp_path / "server.log",
        command=(sys.executable, "-m", "bench.serve"),  # monkey-patched first, as deployed
        SOCKETIO_ASYNC_MODE="gevent",
    )
    server.start("--demo")
    try:
        headers = {"Authorization": f"Bearer {token}"}
        listed = requests.get(f"{server.url}/api/v1/workshops", headers=headers, timeout=10)
        (demo,) = listed.json()["workshops"]
        exported = requests.get(
            f"{server.url}/api/v1/workshops/{demo['id']}/annex/export?format=pdf",
            headers=headers,
            timeout=60,
        )
    finally:
        server.stop()
    assert exported.status_code == 200, exported.text
    assert exported.content[:5] == b"%PDF-"
    assert "Notes from the group discussions" in " ".join(pdf_text(exported.content).split())
