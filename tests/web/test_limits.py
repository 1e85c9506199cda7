"""Typed SQL cannot stall or bloat the server, and the read-only archive answers writes cleanly (issue 14 items 1
and 10). A real Datasette, started as frontdoor/serve.py starts it, over a small fixture archive; every hostile query
is written here (nothing large is stored)."""
from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request

import pytest

from bench.fixture_archive import make_fixture_archive
from bench.datasette import running_datasette

MiB = 1024 * 1024


def _rss(pid: int) -> int:
    with open(f"/proc/{pid}/statm") as fh:
        return int(fh.read().split()[1]) * 4096


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db_path = make_fixture_archive(tmp_path_factory.mktemp("limits") / "archive.db", n_documents=60, seed=11)
    with running_datasette(db_path) as server:
        yield server


def _sql(server, sql: str) -> tuple[int, dict]:
    status, _headers, body = server.get("/archive.json", sql=sql, _shape="objects")
    return status, json.loads(body)


@pytest.mark.parametrize("sql", [
    "select length(printf('%.*c', 999999999, 'x'))",
    "select length(printf('%.*c',999999999,'x')) + length(printf('%.*c',999999999,'x'))"
    " + length(format('%999999999d', 1))",
    "select length(printf('%*s', -999999999, 'x'))",
])
def test_printf_bomb_is_refused_at_once_without_memory(server, sql):
    before = _rss(server.proc.pid)
    status, body = _sql(server, sql)
    assert status == 400 and not body["ok"], body
    assert _rss(server.proc.pid) - before < 200 * MiB


@pytest.mark.parametrize("sql, says", [
    ("select hex(zeroblob(7000000)) from paragraphs limit 1000", "query result text over 32 MB"),  # 14 MB texts
    ("select zeroblob(16000000) from paragraphs limit 1000", "too long"),    # 16 MB blobs: the memory ceiling
])
def test_rows_of_huge_values_are_stopped_between_rows(server, sql, says):
    before = _rss(server.proc.pid)
    status, body = _sql(server, sql)
    assert status == 400 and says in body["error"], body
    assert _rss(server.proc.pid) - before < 200 * MiB


@pytest.mark.parametrize("sql", ["select length(zeroblob(100000000))", "select hex(zeroblob(16000000))"])
def test_a_value_over_the_length_limit_is_an_error_not_an_allocation(server, sql):
    status, body = _sql(server, sql)
    assert status == 400 and "too big" in body["error"]


def test_plain_requests_are_answered_while_bombs_run(server):
    results = []

    def bomb():
        results.append(_sql(server, "select length(printf('%.*c', 999999999, 'x'))")[0])

    threads = [threading.Thread(target=bomb) for _ in range(3)]
    for t in threads:
        t.start()
    status, body = _sql(server, "select count(*) as n from documents")
    for t in threads:
        t.join()
    assert status == 200 and body["rows"] == [{"n": 60}]
    assert results == [400, 400, 400]


@pytest.mark.parametrize("sql, expected", [
    ("select printf('%d letters from %s', 3, 'OSR') as v", "3 letters from OSR"),
    ("select format('%5.1f%%', 12.345) as v", " 12.3%"),
    ("select printf('%.*c', 5, 'x') as v", "xxxxx"),
    ("select printf(null) as v", None),
])
def test_typed_sql_still_works_within_the_limits(server, sql, expected):
    status, body = _sql(server, sql)
    assert status == 200, body
    assert body["rows"] == [{"v": expected}]


def test_deep_expressions_are_refused(server):
    deep = "select " + "(" * 200 + "1" + ")" * 200
    assert _sql(server, deep)[0] == 400
    assert _sql(server, "select count(*) from documents where title like '%a%'")[0] == 200


def test_runaway_queries_still_hit_the_time_limit(server):
    status, body = _sql(server, "with recursive r(n) as (select 1 union all select n + 1 from r) "
                                "select count(*) from r")
    assert status == 400 and "too long" in body["error"]
    assert _sql(server, "select count(*) as n from paragraphs")[0] == 200


@pytest.mark.parametrize("path", ["/archive/search", "/archive/search.json", "/archive/documents", "/archive",
                                  "/archive/documents/1"])
def test_post_to_the_read_only_archive_is_405(server, path):
    request = urllib.request.Request(server.base + path, data=b"q=statistics", method="POST")
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(request, timeout=30)
    assert info.value.code == 405
    assert info.value.headers["Allow"] == "GET, HEAD"
    assert server.get(path, q="statistics")[0] == 200   # GET still answers


def test_databases_json_does_not_show_the_server_path(server):
    rows = server.json("/-/databases.json")
    assert [r["name"] for r in rows] == ["archive"]
    assert all("path" not in r for r in rows)
    status, _h, body = server.get("/-/databases")
    assert status == 200 and str(server.proc.args[4]).encode() not in body


def test_datasettes_own_shorter_time_limits_still_apply(server):
    """`_timelimit` (as facets use) still cuts a query short: the plugin keeps Datasette's per-query deadline."""
    sql = ("with recursive r(n) as (select 1 union all select n + 1 from r where n < 300000) "
           "select count(*) as n from r")
    status, _headers, raw = server.get("/archive.json", sql=sql, _timelimit="5", _shape="objects")
    assert status == 400 and b"too long" in raw
    status, _headers, raw = server.get("/archive.json", sql=sql, _shape="objects")
    assert status == 200 and b"300000" in raw


def test_memory_a_stopped_bomb_left_behind_never_stops_the_next_requests(server):
    """The allocator keeps what three stopped bombs used: later statements must not be taken for a fourth."""
    def bomb():
        _sql(server, "select zeroblob(16000000) from paragraphs limit 1000")

    for _round in range(2):
        threads = [threading.Thread(target=bomb) for _ in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        for path in ("/archive/documents.json", "/archive.json"):
            status, _headers, body = server.get(path, _size="5")
            assert status == 200, body[:300]
