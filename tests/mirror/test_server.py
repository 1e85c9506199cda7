"""The mirror server, started for real on 127.0.0.1 and fetched with urllib."""
from __future__ import annotations

import gzip
import http.client
import re
import socket
import subprocess
import sys
import urllib.error
import urllib.request
import zlib
from pathlib import Path

import pytest

from mirror.serve import start
from mirror.sitecopy import SiteCopy

OSR = "osr.statisticsauthority.gov.uk"
PAGE = """<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>{t}</title></head>
<body><h1>{t}</h1><p>“Quoted” – £5 words</p><a href="https://{h}/correspondence/b/">b</a></body></html>"""


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def fetch(url, headers=None, timeout=5):
    """(status, headers, body) without following redirects; HTTP errors are answers too."""
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with OPENER.open(req, timeout=timeout) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


@pytest.fixture
def tree(tmp_path) -> Path:
    root = tmp_path / "site"
    site = root / OSR
    (site / "correspondence" / "a").mkdir(parents=True)
    (site / "correspondence" / "a" / "index.html").write_text(PAGE.format(t="Letter A", h=OSR), encoding="utf-8")
    (site / "correspondence-list").mkdir()
    (site / "correspondence-list" / "index.html").write_text(PAGE.format(t="List page 1", h=OSR), encoding="utf-8")
    (site / "correspondence-list" / "index@date=&keyword=&show=all&theme=.html").write_text(
        PAGE.format(t="List all", h=OSR), encoding="utf-8")
    (site / "wp-json" / "wp" / "v2" / "publication").mkdir(parents=True)
    api = site / "wp-json" / "wp" / "v2" / "publication" / "index@page=1&per_page=100.json"
    api.write_text('[{"id": 1}]', encoding="utf-8")
    api.with_name(api.name + ".headers").write_text("X-WP-Total: 1\nX-WP-TotalPages: 1\n", encoding="utf-8")
    (site / "wp-content" / "uploads" / "2019" / "03").mkdir(parents=True)
    (site / "wp-content" / "uploads" / "2019" / "03" / "Letter A.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (site / "robots.txt").write_text("User-agent: *\nDisallow: /wp-admin/\n", encoding="utf-8")
    (root / "_redirects.tsv").write_text(
        "# from\tto\tstatus\n"
        f"https://www.statisticsauthority.gov.uk/correspondence/old-a/\thttps://{OSR}/correspondence/a/\t301\n"
        f"https://gss.civilservice.gov.uk/*\thttps://analysisfunction.civilservice.gov.uk/*\t301\n",
        encoding="utf-8")
    (root / "_lastmod.tsv").write_text(f"{OSR}/correspondence/a/index.html\t2019-03-04T10:00:00Z\n", encoding="utf-8")
    (root / "MANIFEST.json").write_text('{"documents": []}', encoding="utf-8")
    return root


@pytest.fixture
def mirror(tree):
    with start(tree) as server:
        yield server


def test_serves_pages_with_real_links_and_headers(mirror):
    status, headers, body = fetch(f"{mirror.url}/{OSR}/correspondence/a/")
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert int(headers["Content-Length"]) == len(body)
    assert f'href="https://{OSR}/correspondence/b/"' in body.decode("utf-8")
    assert headers["Last-Modified"] == "Mon, 04 Mar 2019 10:00:00 GMT"
    assert re.fullmatch(r'"[0-9a-f]{32}"', headers["ETag"])
    # the same bytes give the same ETag on a second request
    assert fetch(f"{mirror.url}/{OSR}/correspondence/a/")[1]["ETag"] == headers["ETag"]


def test_content_types_and_default_last_modified(mirror):
    status, headers, body = fetch(f"{mirror.url}/{OSR}/wp-content/uploads/2019/03/Letter%20A.pdf")
    assert (status, headers["Content-Type"], body[:5]) == (200, "application/pdf", b"%PDF-")
    assert headers["Last-Modified"] == "Mon, 01 Jan 2024 09:00:00 GMT"
    status, headers, body = fetch(f"{mirror.url}/{OSR}/robots.txt")
    assert status == 200 and headers["Content-Type"].startswith("text/plain") and b"/wp-admin/" in body


def test_slashless_directory_redirects_to_real_slash_url(mirror):
    status, headers, _ = fetch(f"{mirror.url}/{OSR}/correspondence/a")
    assert status == 301
    assert headers["Location"] == f"https://{OSR}/correspondence/a/"


def test_slashless_directory_served_in_place_when_asked(tree):
    with start(tree, slash_redirect=False) as server:
        status, _, body = fetch(f"{server.url}/{OSR}/correspondence/a")
    assert status == 200 and b"Letter A" in body


def test_query_file_convention_and_fallback(mirror):
    base = f"{mirror.url}/{OSR}/correspondence-list/"
    assert b"List all" in fetch(base + "?keyword=&theme=&date=&show=all")[2]
    assert b"List all" in fetch(base + "?show=all&date=&theme=&keyword=")[2]  # order does not matter
    assert b"List page 1" in fetch(base + "?keyword=&theme=&date=")[2]       # no such file: fall back
    assert b"List page 1" in fetch(base)[2]


def test_rest_api_json_with_sidecar_headers_and_no_slash_redirect(mirror):
    status, headers, body = fetch(f"{mirror.url}/{OSR}/wp-json/wp/v2/publication?per_page=100&page=1")
    assert status == 200
    assert headers["Content-Type"].startswith("application/json")
    assert headers["X-WP-Total"] == "1" and headers["X-WP-TotalPages"] == "1"
    assert body == b'[{"id": 1}]'


def test_declared_redirects_send_real_locations(mirror):
    for path in ("/correspondence/old-a/", "/correspondence/old-a"):
        status, headers, _ = fetch(f"{mirror.url}/www.statisticsauthority.gov.uk{path}")
        assert status == 301 and headers["Location"] == f"https://{OSR}/correspondence/a/"
    status, headers, _ = fetch(f"{mirror.url}/gss.civilservice.gov.uk/data-linkage/")
    assert status == 301 and headers["Location"] == "https://analysisfunction.civilservice.gov.uk/data-linkage/"


def test_missing_and_hidden_files_are_404(mirror):
    assert fetch(f"{mirror.url}/{OSR}/correspondence/nope/")[0] == 404
    assert fetch(f"{mirror.url}/_redirects.tsv")[0] == 404
    assert fetch(f"{mirror.url}/MANIFEST.json")[0] == 404
    assert fetch(f"{mirror.url}/{OSR}/wp-json/wp/v2/publication/index@page=1&per_page=100.json.headers")[0] == 404
    assert fetch(f"{mirror.url}/{OSR}/../_lastmod.tsv")[0] in (400, 404)


def test_conditional_requests(mirror):
    url = f"{mirror.url}/{OSR}/correspondence/a/"
    _, headers, _ = fetch(url)
    assert fetch(url, {"If-None-Match": headers["ETag"]})[0] == 304
    assert fetch(url, {"If-None-Match": '"other"'})[0] == 200
    assert fetch(url, {"If-Modified-Since": headers["Last-Modified"]})[0] == 304
    assert fetch(url, {"If-Modified-Since": "Sun, 03 Mar 2019 10:00:00 GMT"})[0] == 200
    # If-None-Match wins over If-Modified-Since
    assert fetch(url, {"If-None-Match": '"other"', "If-Modified-Since": headers["Last-Modified"]})[0] == 200


def test_request_log_records_method_path_headers_status(mirror):
    fetch(f"{mirror.url}/{OSR}/correspondence/a/?x=1", {"User-Agent": "test-agent/1 (+https://example.org)"})
    fetch(f"{mirror.url}/{OSR}/missing/")
    log = mirror.requests
    assert [(r.method, r.path, r.status) for r in log] == [
        ("GET", f"/{OSR}/correspondence/a/?x=1", 200), ("GET", f"/{OSR}/missing/", 404)]
    method, path, headers, status = log[0]
    assert headers["User-Agent"] == headers["user-agent"] == "test-agent/1 (+https://example.org)"
    assert "USER-AGENT" in headers and headers.get("If-None-Match") is None
    assert log[0].real_url == f"https://{OSR}/correspondence/a/?x=1"
    mirror.clear_log()
    assert mirror.requests == []


def test_fault_status_with_retry_after_then_success(tree):
    with start(tree, faults={"/correspondence/a/": {"status": 503, "retry_after": 7, "times": 2}}) as server:
        url = f"{server.url}/{OSR}/correspondence/a/"
        first, second, third = fetch(url), fetch(url), fetch(url)
    assert (first[0], first[1]["Retry-After"]) == (503, "7")
    assert second[0] == 503
    assert third[0] == 200 and b"Letter A" in third[2]


def test_fault_500_always_by_regex(tree):
    with start(tree, faults={re.compile(r"/correspondence/a/$"): 500}) as server:
        assert [fetch(f"{server.url}/{OSR}/correspondence/a/")[0] for _ in range(3)] == [500, 500, 500]
        assert fetch(f"{server.url}/{OSR}/correspondence-list/")[0] == 200


def test_fault_delay_times_out_client(tree):
    with start(tree, faults={"/correspondence/a/": {"delay": 2}}) as server:
        with pytest.raises((TimeoutError, socket.timeout, urllib.error.URLError)):
            fetch(f"{server.url}/{OSR}/correspondence/a/", timeout=0.5)


def test_fault_truncated_body(tree):
    with start(tree, faults={"/correspondence/a/": {"truncate": True}}) as server:
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
        conn.request("GET", f"/{OSR}/correspondence/a/")
        resp = conn.getresponse()
        declared = int(resp.getheader("Content-Length"))
        with pytest.raises(http.client.IncompleteRead) as err:
            resp.read()
        assert len(err.value.partial) < declared


def test_fault_redirect_loop(tree):
    with start(tree, faults={"/correspondence/a/": {"redirect_loop": True}}) as server:
        s1, h1, _ = fetch(f"{server.url}/{OSR}/correspondence/a/")
        s2, h2, _ = fetch(server.mirror_url(h1["Location"]))
    assert s1 == s2 == 302
    assert h1["Location"] == f"https://{OSR}/correspondence/a/?loop=1"
    assert h2["Location"] == f"https://{OSR}/correspondence/a/"


def test_fault_oversized_body(tree):
    with start(tree, faults={"/big/": {"oversized": 3_000_000}}) as server:
        status, headers, body = fetch(f"{server.url}/{OSR}/big/")
    assert status == 200 and int(headers["Content-Length"]) == 3_000_000 == len(body)


def test_fault_gzip_bomb(tree):
    with start(tree, faults={"/bomb/": {"gzip_bomb": 20_000_000}}) as server:
        status, headers, body = fetch(f"{server.url}/{OSR}/bomb/")
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert len(body) < 100_000
    inflated = zlib.decompressobj(31).decompress(body, 30_000_000)
    assert len(inflated) > 20_000_000
    assert gzip.decompress(body)[:15] == b"<!DOCTYPE html>"


def test_fault_windows_1252_page(tree):
    with start(tree, faults={"/correspondence/a/": {"encoding": "windows-1252"}}) as server:
        status, headers, body = fetch(f"{server.url}/{OSR}/correspondence/a/")
    assert headers["Content-Type"] == "text/html; charset=windows-1252"
    assert "“Quoted” – £5".encode("cp1252") in body
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")


def test_fault_deeply_nested_and_malformed(tree):
    with start(tree, faults={"/correspondence/a/": {"nested": 5000},
                             "/correspondence-list/": {"malformed": True}}) as server:
        body = fetch(f"{server.url}/{OSR}/correspondence/a/")[2].decode()
        bad = fetch(f"{server.url}/{OSR}/correspondence-list/")[2].decode()
    assert body.count("<div>") == 5000 and "Letter A" in body
    assert "</p>" not in bad and "List page 1" in bad


def test_fault_connection_drop(tree):
    with start(tree, faults={"/correspondence/a/": {"drop": True}}) as server:
        with pytest.raises((http.client.RemoteDisconnected, ConnectionError, urllib.error.URLError)):
            fetch(f"{server.url}/{OSR}/correspondence/a/")
        assert server.requests[-1].status == 0


def test_faults_can_change_while_serving(mirror):
    url = f"{mirror.url}/{OSR}/correspondence/a/"
    mirror.set_fault("https://osr.statisticsauthority.gov.uk/correspondence/a/", 410)
    assert fetch(url)[0] == 410
    mirror.faults.clear()
    assert fetch(url)[0] == 200


def test_server_down_close_refuse_and_back_up(mirror):
    url = f"{mirror.url}/{OSR}/correspondence/a/"
    assert fetch(url)[0] == 200
    mirror.go_down("close")
    with pytest.raises((http.client.RemoteDisconnected, ConnectionError, urllib.error.URLError)):
        fetch(url)
    mirror.go_down("refuse")
    with pytest.raises(urllib.error.URLError) as err:
        fetch(url)
    assert isinstance(err.value.reason, ConnectionRefusedError)
    mirror.come_up()
    assert fetch(url)[0] == 200


def test_server_goes_down_after_n_requests(mirror):
    url = f"{mirror.url}/{OSR}/correspondence/a/"
    mirror.go_down_after(2)
    assert [fetch(url)[0] for _ in range(2)] == [200, 200]
    with pytest.raises((http.client.RemoteDisconnected, ConnectionError, urllib.error.URLError)):
        fetch(url)


def test_site_copy_edits_are_served_live(tree, tmp_path):
    site = SiteCopy(tree)
    url = f"https://{OSR}/correspondence/a/"
    with start(tree) as server:
        murl = server.mirror_url(url)
        _, before, _ = fetch(murl)
        site.change(url, "Letter A", "Letter A (amended)")
        status, after, body = fetch(murl, {"If-None-Match": before["ETag"]})
        assert status == 200 and b"Letter A (amended)" in body
        assert after["ETag"] != before["ETag"]
        assert fetch(murl, {"If-Modified-Since": before["Last-Modified"]})[0] == 200
        site.delete(url)
        assert fetch(murl)[0] == 404
        site.add_redirect(f"https://{OSR}/correspondence/gone/", f"https://{OSR}/correspondence-list/")
        assert fetch(server.mirror_url(f"https://{OSR}/correspondence/gone/"))[1]["Location"] == \
            f"https://{OSR}/correspondence-list/"


def test_cli_prints_url_and_serves(tree):
    proc = subprocess.Popen([sys.executable, "-m", "mirror.serve", "--root", str(tree)],
                            stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parents[2])
    try:
        url = proc.stdout.readline().strip()
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", url)
        assert fetch(f"{url}/{OSR}/correspondence/a/")[0] == 200
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_gzip_for_clients_that_accept_it(tree):
    with start(tree, gzip=True) as server:
        url = f"{server.url}/{OSR}/correspondence/a/"
        status, headers, body = fetch(url, {"Accept-Encoding": "gzip, deflate"})
        assert status == 200 and headers["Content-Encoding"] == "gzip" and headers["ETag"].startswith('W/"')
        assert b"Letter A" in gzip.decompress(body)
        assert fetch(url, {"If-None-Match": headers["ETag"], "Accept-Encoding": "gzip"})[0] == 304
        plain = fetch(url)
        assert "Content-Encoding" not in plain[1] and b"Letter A" in plain[2]
        pdf = fetch(f"{server.url}/{OSR}/wp-content/uploads/2019/03/Letter%20A.pdf", {"Accept-Encoding": "gzip"})
        assert "Content-Encoding" not in pdf[1]


def test_keep_alive_requests_are_fast(mirror):
    """Headers and body leave in two writes; with Nagle's algorithm on, each request waited ~40 ms."""
    import time
    conn = http.client.HTTPConnection("127.0.0.1", mirror.port, timeout=5)
    started = time.perf_counter()
    for _ in range(200):
        conn.request("GET", f"/{OSR}/correspondence/a/")
        resp = conn.getresponse()
        assert resp.status == 200 and resp.read()
    assert time.perf_counter() - started < 4  # 200 × 40 ms = 8 s before the fix; ~0.1 s after
    conn.close()


def test_oversized_without_content_length_and_head_requests(tree):
    with start(tree, faults={"/big/": {"oversized": 1_500_000, "declare_length": False}}) as server:
        status, headers, body = fetch(f"{server.url}/{OSR}/big/")
        assert status == 200 and "Content-Length" not in headers and len(body) == 1_500_000
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
        conn.request("HEAD", f"/{OSR}/correspondence/a/")
        resp = conn.getresponse()
        assert resp.status == 200 and int(resp.getheader("Content-Length")) > 0 and resp.read() == b""
        assert server.requests[-1][:2] == ("HEAD", f"/{OSR}/correspondence/a/")


def test_windows_1252_without_any_declared_charset(tree):
    with start(tree, faults={"/correspondence/a/": {"encoding": "cp1252", "declare_charset": "none"}}) as server:
        status, headers, body = fetch(f"{server.url}/{OSR}/correspondence/a/")
    assert headers["Content-Type"] == "text/html" and b"charset" not in body.lower()
    assert "“Quoted”".encode("cp1252") in body


def test_bursts_of_parallel_connections_are_all_answered(mirror):
    import time
    from concurrent.futures import ThreadPoolExecutor
    url = f"{mirror.url}/{OSR}/correspondence/a/"
    started = time.perf_counter()
    with ThreadPoolExecutor(40) as pool:
        statuses = list(pool.map(lambda _: fetch(url)[0], range(200)))
    assert statuses == [200] * 200
    assert time.perf_counter() - started < 10


def test_rest_api_page_beyond_range_is_400_not_page_one(mirror):
    status, headers, body = fetch(f"{mirror.url}/{OSR}/wp-json/wp/v2/publication?per_page=100&page=2")
    assert status == 400 and b"rest_post_invalid_page_number" in body
