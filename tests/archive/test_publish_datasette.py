"""Issue #7 item 9 / #8 item 1, from the reader's side: a real Datasette serving the archive the whole time while
it is republished sees, in every response, the old archive or the new one."""
from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.parse
import urllib.request

from archive.publish import publish
from tests.archive.test_publish import make_archive
from tests.util import free_port, wait_for_http

SQL = "select (select count(*) from documents) as n, (select group_concat(distinct substr(title, 1, 3)) from documents) as m"


def test_running_datasette_never_serves_a_mix(tmp_path):
    target = tmp_path / "archive.db"
    make_archive(tmp_path / "a.db", 300, "old")
    make_archive(tmp_path / "b.db", 500, "new")
    publish(tmp_path / "a.db", target)
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "datasette", "serve", str(target), "--port", str(port), "--host", "127.0.0.1"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for_http(base + "/-/versions.json", timeout=30)
        url = f"{base}/archive.json?" + urllib.parse.urlencode({"sql": SQL, "_shape": "array"})
        seen = set()
        for round_ in range(8):
            publish(tmp_path / ("b.db" if round_ % 2 == 0 else "a.db"), target, allow_shrink=True)
            deadline = time.monotonic() + 0.5
            while time.monotonic() < deadline:
                with urllib.request.urlopen(url, timeout=10) as response:
                    row = json.load(response)[0]
                seen.add((row["n"], row["m"]))
        assert seen <= {(300, "old"), (500, "new")}, seen
        assert {(300, "old"), (500, "new")} <= seen, "both states were served at some point"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
