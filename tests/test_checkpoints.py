"""A serving process on SQLite writes its log into the database file by itself, apart from the
commits (workshop/checkpoints.py): what a participant writes reaches the database file within
moments, while the commits that wrote it no longer checkpoint on the hot path."""

import shutil
import sqlite3
import sys
import time
from contextlib import closing

import pytest
import requests

from tests.conftest import free_port
from tests.server_process import WORKSHOP_COMMAND, ServerProcess

SERVERS = {
    "threading": (WORKSHOP_COMMAND, "run"),
    # gevent's monkey-patching first, as a gevent deployment runs it: the checkpoint then runs
    # in the hub's pool of OS threads.
    "gevent": (sys.executable, "-m", "bench.serve"),
}


def database_file_alone(database, folder):
    """The rows a copy of the database file holds without its log: what was checkpointed."""
    copy = folder / "copy.sqlite"
    shutil.copyfile(database, copy)
    return sqlite3.connect(copy)


def participants_in_file(database, folder):
    with closing(database_file_alone(database, folder)) as copy:
        try:
            return {name for (name,) in copy.execute("SELECT display_name FROM participant")}
        except sqlite3.OperationalError:  # the table itself is not in the file yet
            return set()


def join_demo(server, database, name):
    with closing(sqlite3.connect(database)) as reader:  # with the log: the server's view
        code, group_id = reader.execute(
            'SELECT w.join_code, g.id FROM workshop w JOIN "group" g ON g.workshop_id = w.id'
        ).fetchone()
    answer = requests.post(
        server.url + "/api/v1/join",
        json={"code": code, "name": name, "group_id": group_id},
        timeout=10,
    )
    assert answer.status_code == 201, answer.text


@pytest.mark.parametrize("async_mode", SERVERS)
def test_what_a_participant_writes_reaches_the_database_file_from_the_checkpoint_task(
    tmp_path, async_mode
):
    database = tmp_path / "served.sqlite"
    server = ServerProcess(
        f"sqlite:///{database}",
        free_port(),
        tmp_path / "server.log",
        command=SERVERS[async_mode],
        SOCKETIO_ASYNC_MODE=async_mode,
        SQLITE_CHECKPOINT_SECONDS="0.2",
    )
    server.start("--demo")
    try:
        join_demo(server, database, "Ada Lovelace")
        deadline = time.monotonic() + 10
        while "Ada Lovelace" not in participants_in_file(database, tmp_path):
            assert time.monotonic() < deadline, "never written into the database file"
            time.sleep(0.1)  # polling the file for the checkpoint, not an assertion
        assert requests.get(server.url + "/", timeout=10).status_code == 200
        log = server.log_path.read_text()
    finally:
        server.stop()
    assert "Checkpoints: the SQLite log is written into the database file every 0.2 s" in log
    assert "checkpoint failed" not in log


def test_with_checkpoints_left_to_sqlite_a_small_write_stays_in_the_log(tmp_path):
    """The control: without the task, a join stays in the log until SQLite's own checkpoint."""
    database = tmp_path / "served.sqlite"
    server = ServerProcess(
        f"sqlite:///{database}",
        free_port(),
        tmp_path / "server.log",
        SQLITE_CHECKPOINT_SECONDS="0",
    )
    server.start("--demo")
    try:
        join_demo(server, database, "Ada Lovelace")
        time.sleep(1)  # five of the other test's intervals
        assert "Ada Lovelace" not in participants_in_file(database, tmp_path)
        log = server.log_path.read_text()
    finally:
        server.stop()
    assert "Checkpoints: SQLite's own, inside commits (SQLITE_CHECKPOINT_SECONDS is 0)" in log
