"""`workshop run` as a new user types it: the database is created, the demo loaded, pages answer."""

import re

import requests

from tests.conftest import free_port
from tests.server_process import ServerProcess


def test_run_with_demo_creates_the_database_and_serves_pages(tmp_path):
    database_url = f"sqlite:///{tmp_path / 'fresh.sqlite'}"
    server = ServerProcess(database_url, free_port(), tmp_path / "server.log")
    server.start("--demo")
    try:
        for _attempt in range(3):  # every request must answer at once, not only the first
            start_page = requests.get(server.url + "/", timeout=10)
            assert start_page.status_code == 200, server.log_path.read_text()
        # The demo waits for the first account: the setup is still offered, not locked away.
        assert "Create the first account" in start_page.text
        assert "The demo workshop is ready and waiting" in start_page.text
        login_page = requests.get(server.url + "/login", timeout=10)
        assert login_page.status_code == 200
        api = requests.get(server.url + "/api/v1/openapi.json", timeout=10)
        assert api.json()["info"]["title"] == "Workshop API"
    finally:
        server.stop()


def test_run_freezes_the_start_up_heap_and_raises_the_collector_thresholds(tmp_path):
    database_url = f"sqlite:///{tmp_path / 'fresh.sqlite'}"
    server = ServerProcess(
        database_url,
        free_port(),
        tmp_path / "server.log",
        GC_FREEZE="1",
        GC_THRESHOLDS="12345,21,101",
    )
    server.start()
    try:
        assert requests.get(server.url + "/", timeout=10).status_code == 200
        log = server.log_path.read_text()
    finally:
        server.stop()
    frozen = re.search(r"Collector: (\d+) start-up objects frozen, thresholds 12345,21,101", log)
    assert frozen, log
    assert int(frozen.group(1)) > 10_000  # Flask, SQLAlchemy, Babel and the app itself


def test_run_leaves_the_collector_alone_when_told_to(tmp_path):
    database_url = f"sqlite:///{tmp_path / 'fresh.sqlite'}"
    server = ServerProcess(database_url, free_port(), tmp_path / "server.log", GC_FREEZE="0")
    server.start()
    try:
        log = server.log_path.read_text()
    finally:
        server.stop()
    assert "Collector: Python's defaults (GC_FREEZE is off)" in log
    assert "frozen" not in log
