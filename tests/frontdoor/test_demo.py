"""`make demo`: builds the sample mirror's archive, serves it on the port asked for, and Ctrl-C stops everything."""
from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.util import free_port, wait_for_http

ROOT = Path(__file__).resolve().parents[2]


def port_open(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def test_demo_serves_the_archive_and_ctrl_c_stops_everything(tmp_path):
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "frontdoor", "demo", "--db", str(tmp_path / "archive.db"),
         "--data", str(tmp_path / "data"), "--port", str(port)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True,  # like a terminal: Ctrl-C goes to the whole foreground group
    )
    try:
        wait_for_http(f"http://127.0.0.1:{port}/", timeout=120)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/archive/documents.json?_shape=array&_size=max") as r:
            documents = json.load(r)
        assert len(documents) >= 30
        children = subprocess.run(["pgrep", "-g", str(proc.pid)], capture_output=True, text=True).stdout.split()
        assert len(children) >= 2, "demo runs Datasette as a child process"
        import os

        os.killpg(proc.pid, signal.SIGINT)
        proc.wait(timeout=20)
        deadline = time.monotonic() + 10
        while port_open(port) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not port_open(port), "Datasette still listening after Ctrl-C"
        time.sleep(0.5)
        left = [line for line in subprocess.run(["ps", "-o", "stat=,args=", "-g", str(proc.pid)],
                                                 capture_output=True, text=True).stdout.splitlines()
                if line.strip() and not line.strip().startswith("Z")]  # zombies are already dead
        assert left == [], f"processes left running after Ctrl-C: {left}"
    finally:
        if proc.poll() is None:
            proc.kill()
        out = proc.stdout.read()
    assert f"http://127.0.0.1:{port}/" in out, "demo prints the URL it serves"
