"""Each fault a live site can throw, injected by mirror.serve on 127.0.0.1: recorded against its URL, crawl goes on."""
import resource
import sqlite3
import time
from pathlib import Path

import pytest

from crawler.middlewares import retry_after_seconds
from crawler.run import crawl
from mirror.faults import Fault, gzip_bomb
from mirror.serve import start

O = "https://osr.statisticsauthority.gov.uk"
FAST = {"DOWNLOAD_TIMEOUT": 1.5, "RETRY_TIMES": 1}

# slug → (fault on that letter, fetch_errors class expected for it, or None when the page must be captured)
FAULTS = {
    "server-error": (Fault(status=500), "http_500"),
    "busy-then-fine": (Fault(status=503, retry_after=1, times=1), None),
    "slow": (Fault(delay=4), "timeout"),
    "cut-short": (Fault(truncate=True), "truncated"),
    "loop": (Fault(redirect_loop=True), "redirect_loop"),
    "huge-streamed": (Fault(oversized=20_000_000, declare_length=False), "too_large"),
    "huge-declared": (Fault(oversized=80_000_000), "too_large"),
    "gzip-bomb": (Fault(gzip_bomb=1 << 28), "decompression_bomb"),   # 255 KB on the wire, 256 MiB inflated
    "hang-up": (Fault(drop=True), "connection_lost"),
    "gone": (Fault(status=410), "http_410"),
    "malformed": (Fault(malformed=True), None),
    "nested": (Fault(nested=5000), None),
    "cp1252": (Fault(encoding="windows-1252", declare_charset="header"), None),
}
NOTES = {"nested": "deep_nesting", "cp1252": "non_utf8"}


def page(title, body):
    return (f'<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>{title}</title></head>'
            f"<body><h1>{title}</h1>{body}</body></html>")


def build_site(root: Path) -> Path:
    """A listing of one letter per fault; each letter links on to a healthy letter of its own."""
    host = root / "osr.statisticsauthority.gov.uk"
    items = "".join(f'<li><a href="{O}/correspondence/{slug}/">Letter {slug}</a><p>1 May 2024</p>'
                    f"<p>Ann Author, Invented Office to Bo Reader, Department for Faults</p></li>" for slug in FAULTS)
    (host / "correspondence-list").mkdir(parents=True)
    (host / "correspondence-list" / "index.html").write_text(page("Correspondence", f"<ul>{items}</ul>"))
    (host / "publications-list").mkdir()
    (host / "publications-list" / "index.html").write_text(page("Publications", "<p>None yet.</p>"))
    for slug in FAULTS:
        for name, body in ((slug, f'<p>Dear Bo,</p><p>About {slug} – costs £5.</p><p>Yours sincerely</p>'
                                  f'<p><a href="{O}/correspondence/after-{slug}/">Next in thread</a></p>'),
                           (f"after-{slug}", "<p>Dear Ann,</p><p>A healthy reply.</p><p>Yours sincerely</p>")):
            (host / "correspondence" / name).mkdir(parents=True)
            (host / "correspondence" / name / "index.html").write_text(page(f"Letter {name}", body))
    return root


def errors_by_url(data):
    conn = sqlite3.connect(Path(data) / "captures.db")
    try:
        out = {}
        for url, error in conn.execute("SELECT url, error FROM fetch_errors"):
            out.setdefault(url, set()).add(error)
        captured = {u for (u,) in conn.execute("SELECT url FROM captures WHERE role = 'document'")}
        return out, captured
    finally:
        conn.close()


def test_every_fault_recorded_against_its_url_and_the_crawl_goes_on(tmp_path):
    root = build_site(tmp_path / "site")
    faults = {f"{O}/correspondence/{slug}/": fault for slug, (fault, _) in FAULTS.items()}
    gzip_bomb(1 << 28)   # built once before the crawl, so the server answers at once (no timeout instead)
    with start(root, faults=faults) as mirror:
        summary = crawl(tmp_path / "data", mirror=mirror.url, throttle=False, settings=FAST, sources=["osr"])
    errors, captured = errors_by_url(tmp_path / "data")
    for slug, (_, expected) in FAULTS.items():
        url = f"{O}/correspondence/{slug}/"
        if expected is None:
            assert url in captured, (slug, errors.get(url))
            assert f"{O}/correspondence/after-{slug}/" in captured, slug   # its links were still read
            if slug in NOTES:
                assert NOTES[slug] in errors.get(url, set()), (slug, errors.get(url))
        else:
            assert expected in errors.get(url, set()), (slug, errors.get(url))
            assert url not in captured
    assert not summary.exit_ok and summary.finished
    report = summary.report()
    assert "NOT OK" in report and "redirect_loop" in report and "timeout" in report
    # the gzip bomb was stopped at the 16 MiB page cap, not inflated whole in memory
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss < 600 * 1024


def test_retry_after_is_honoured(tmp_path):
    root = build_site(tmp_path / "site")
    url = f"{O}/correspondence/server-error/"
    with start(root, faults={url: Fault(status=503, retry_after=2, times=1)}) as mirror:
        started = time.monotonic()
        summary = crawl(tmp_path / "data", mirror=mirror.url, throttle=False, settings=FAST, sources=["osr"])
        elapsed = time.monotonic() - started
        hits = [e.status for e in mirror.requests if e.path == "/osr.statisticsauthority.gov.uk/correspondence/server-error/"]
    assert hits == [503, 200] and summary.exit_ok, summary.report()
    assert elapsed >= 2.0       # waited as asked although RETRY_BACKOFF_BASE is 0.2 s without throttling


def test_retry_after_header_forms():
    assert retry_after_seconds(b"120") == 120
    assert 50 < retry_after_seconds(time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(time.time() + 60))) <= 60
    assert retry_after_seconds(b"soon") is None and retry_after_seconds(None) is None


@pytest.mark.parametrize("fault", [Fault(status=503), Fault(drop=True)], ids=["robots-503", "robots-unreachable"])
def test_robots_unreachable_disallows_the_host(tmp_path, fault):
    root = build_site(tmp_path / "site")
    with start(root, faults={f"{O}/robots.txt": fault}) as mirror:
        summary = crawl(tmp_path / "data", mirror=mirror.url, throttle=False, settings=FAST, sources=["osr"])
        paths = [e.path for e in mirror.requests]
    assert all(p == "/osr.statisticsauthority.gov.uk/robots.txt" for p in paths), paths
    errors, captured = errors_by_url(tmp_path / "data")
    assert "robots_unreachable" in errors[f"{O}/robots.txt"]
    assert "robots_disallowed" in errors[f"{O}/correspondence-list/"]
    assert not captured and not summary.exit_ok and summary.entry_failures


def test_robots_404_allows_everything(tmp_path):
    root = build_site(tmp_path / "site")
    with start(root) as mirror:   # the built site has no robots.txt: 404
        summary = crawl(tmp_path / "data", mirror=mirror.url, throttle=False, settings=FAST, sources=["osr"])
    errors, captured = errors_by_url(tmp_path / "data")
    assert len(captured) == 2 * len(FAULTS) and summary.exit_ok, summary.report()


def test_server_going_down_mid_run(tmp_path):
    root = build_site(tmp_path / "site")
    with start(root) as mirror:
        mirror.go_down_after(14)
        summary = crawl(tmp_path / "data", mirror=mirror.url, throttle=False, settings=FAST, sources=["osr"])
    errors, captured = errors_by_url(tmp_path / "data")
    assert summary.finished and not summary.exit_ok
    assert 0 < len(captured) < 2 * len(FAULTS)
    assert {e for es in errors.values() for e in es} & {"connection_lost", "connection_refused", "timeout"}


def test_robots_crawl_delay_is_honoured(tmp_path):
    host = tmp_path / "site" / "osr.statisticsauthority.gov.uk"
    (host / "correspondence-list").mkdir(parents=True)
    (host / "robots.txt").write_text("User-agent: *\nCrawl-delay: 0.5\n")
    items = "".join(f'<li><a href="{O}/correspondence/l{i}/">L{i}</a> 1 May 2024</li>' for i in range(2))
    (host / "correspondence-list" / "index.html").write_text(page("Correspondence", f"<ul>{items}</ul>"))
    for i in range(2):
        (host / "correspondence" / f"l{i}").mkdir(parents=True)
        (host / "correspondence" / f"l{i}" / "index.html").write_text(page(f"L{i}", "<p>Dear X,</p>"))
    polite_but_quick = {"DOWNLOAD_DELAY": 0.01, "DOWNLOAD_DELAY_JITTER": 0, "AUTOTHROTTLE_ENABLED": False}
    with start(tmp_path / "site") as mirror:
        summary = crawl(tmp_path / "data", mirror=mirror.url, throttle=True, settings=polite_but_quick,
                        sources=["osr"])
        n = len(mirror.requests)
    assert n >= 8 and summary.seconds >= 0.5 * (n - 2), (n, summary.seconds)


def test_an_overloaded_host_is_paused_not_just_the_url(tmp_path):
    """With a download delay set (live-like), a 503 + Retry-After stops every request to that host for that long."""
    import threading
    root = build_site(tmp_path / "site")
    url = f"{O}/correspondence/{list(FAULTS)[-1]}/"     # listed last: fetched first (Scrapy's queue is LIFO)
    polite_but_quick = {"DOWNLOAD_DELAY": 0.01, "DOWNLOAD_DELAY_JITTER": 0, "AUTOTHROTTLE_ENABLED": False}
    seen = []
    with start(root, faults={url: Fault(status=503, retry_after=2, times=1)}) as mirror:
        done = threading.Event()

        def watch():
            while not done.is_set():
                seen.append((time.monotonic(), [e.status for e in mirror.requests]))
                time.sleep(0.05)
        watcher = threading.Thread(target=watch)
        watcher.start()
        try:
            summary = crawl(tmp_path / "data", mirror=mirror.url, throttle=True, settings=polite_but_quick,
                            sources=["osr"])
        finally:
            done.set()
            watcher.join()
    assert summary.exit_ok, summary.report()
    t503, n503 = next((t, len(s)) for t, s in seen if 503 in s)
    later = [len(s) for t, s in seen if t503 + 0.3 <= t <= t503 + 1.5]
    assert later and max(later) <= n503 + 1, (n503, later)   # at most one request already on its way
