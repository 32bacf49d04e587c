"""`python3 dev.py run` as developers and service managers use it: stopping it stops the server."""

import signal
import sys
from pathlib import Path

import pytest
import requests

from tests.conftest import free_port
from tests.server_process import ServerProcess

DEV_PY = str(Path(__file__).resolve().parent.parent / "dev.py")


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
def test_stopping_dev_py_run_stops_the_server_it_started(tmp_path, stop_signal):
    database_url = f"sqlite:///{tmp_path / 'dev.sqlite'}"
    command = (sys.executable, DEV_PY, "run")
    server = ServerProcess(database_url, free_port(), tmp_path / "server.log", command=command)
    server.start()
    try:
        assert requests.get(server.url + "/login", timeout=10).status_code == 200
        server.process.send_signal(stop_signal)
        server.process.wait(timeout=15)
        with pytest.raises(requests.ConnectionError):
            requests.get(server.url + "/login", timeout=5)
    finally:
        server.stop()
        server.kill_group()
