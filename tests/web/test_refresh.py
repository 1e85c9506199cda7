"""Issue #7 item 9 from the reader's side: the Datasette that frontdoor/serve.py starts (metadata, plugins, canned
queries) keeps answering while archive/publish.py republishes the archive, and every answer is the old archive
or the new one, never a mix or an error."""
from __future__ import annotations

import threading
import time

from bench.fixture_archive import make_fixture_archive
from archive.publish import publish
from bench.datasette import running_datasette

SQL = ("select (select count(*) from documents) as docs, (select count(*) from timeline) as events,"
       " (select count(*) from documents_fts where documents_fts match 'statistics') as hits")


def test_served_pages_see_old_or_new_archive_during_publish(tmp_path):
    old = make_fixture_archive(tmp_path / "old" / "archive.db", n_documents=120, seed=1)
    new = make_fixture_archive(tmp_path / "new" / "archive.db", n_documents=180, seed=2)
    target = tmp_path / "served" / "archive.db"
    target.parent.mkdir()
    publish(old, target)
    states = {}
    with running_datasette(target) as server:
        for name, path in (("old", old), ("new", new)):
            publish(path, target, allow_shrink=True)
            states[name] = tuple(server.json("/archive.json", sql=SQL, _shape="array")[0].values())
        assert states["old"] != states["new"]
        seen, pages, errors = set(), 0, []

        def republish():
            try:
                for round_ in range(8):
                    publish(old if round_ % 2 else new, target, allow_shrink=True)
                    time.sleep(0.05)
            except Exception as exc:  # reported by the assertion below
                errors.append(exc)

        writer = threading.Thread(target=republish)
        writer.start()
        while writer.is_alive():
            seen.add(tuple(server.json("/archive.json", sql=SQL, _shape="array")[0].values()))
            status, _, _ = server.get("/archive/search.json", q="statistics", _shape="array", **{"from": "", "to": ""})
            assert status == 200
            pages += 1
        writer.join()
        assert not errors, errors
        assert seen <= set(states.values()), (seen, states)
        assert len(seen) == 2 and pages > 10
        assert server.get("/timeline")[0] == 200


def test_stopping_the_serve_command_stops_datasette(tmp_path):
    """archive.serve.serve() runs Datasette as a child: SIGTERM to the parent must not leave it serving."""
    import signal
    import subprocess
    import sys
    import urllib.request

    from bench.datasette import free_port

    db = make_fixture_archive(tmp_path / "archive.db", n_documents=20, seed=4)
    port = free_port()
    parent = subprocess.Popen([sys.executable, "-c", f"from frontdoor.serve import serve; serve({str(db)!r}, {port})"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/-/versions.json"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(url, timeout=2).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "Datasette did not start"
                time.sleep(0.1)
        parent.send_signal(signal.SIGTERM)
        parent.wait(timeout=15)
        time.sleep(0.3)
        try:
            urllib.request.urlopen(url, timeout=2).close()
            still_serving = True
        except OSError:
            still_serving = False
        assert not still_serving, "Datasette kept serving after the serve command was stopped"
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait()


def test_a_file_with_another_name_is_served_as_archive(tmp_path):
    db = make_fixture_archive(tmp_path / "snapshot-2026.db", n_documents=20, seed=6)
    with running_datasette(db) as server:
        assert server.rows("search", q="statistics", **{"from": "", "to": ""})
        assert server.get("/timeline")[0] == 200
        assert [d["name"] for d in server.json("/-/databases.json")] == ["archive"]
