"""Whole crawls of the small invented site in tests/files/crawl/site, served by mirror.serve on 127.0.0.1.

Every kind of page the sources have is in that site once (see its README); the assertions name each."""
import re
import sqlite3
from pathlib import Path

import pytest

from crawler.run import crawl
from crawler.settings import USER_AGENT, build_settings
from captures.sources import default_registry
from mirror.serve import start
from mirror.sitecopy import copy_site

SITE = Path(__file__).resolve().parents[1] / "files" / "crawl" / "site"
O = "https://osr.statisticsauthority.gov.uk"
U = "https://uksa.statisticsauthority.gov.uk"
DOCUMENTS = {
    f"{O}/correspondence/alpha-to-beta-topic/", f"{O}/correspondence/crime-statistics-4/",
    f"{O}/correspondence/31379/", f"{O}/correspondence/gamma-reply/", f"{O}/correspondence/delta/",
    f"{O}/publication/review-of-widget-statistics/",
    f"{O}/publication/only-in-the-api/",          # found through page 2 of the WP REST API only
    f"{O}/correspondence/only-in-the-sitemap/",   # found through the WordPress sitemap only
    f"{O}/wp-content/uploads/2023/07/Review_of_widget_statistics.pdf",
    f"{O}/wp-content/uploads/2023/03/Widget_annex.pdf",
    f"{U}/correspondence/chair-to-minister-on-census/", f"{U}/submission/evidence-on-data-sharing/",
    "https://www.ons.gov.uk/news/statementsandletters/widget-statement-reply",
}
FAST = {"DOWNLOAD_TIMEOUT": 5, "RETRY_TIMES": 1}


def rows(data, sql, *args):
    conn = sqlite3.connect(Path(data) / "captures.db")
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def first_crawl(tmp_path_factory):
    data = tmp_path_factory.mktemp("data")
    site = copy_site(tmp_path_factory.mktemp("site"), src=SITE)
    with start(site.root) as mirror:
        summary = crawl(data, mirror=mirror.url, throttle=False, settings=FAST)
        log = mirror.requests
    return data, site, summary, log


def test_every_document_once_and_nothing_else(first_crawl):
    data, _, summary, _ = first_crawl
    assert summary.exit_ok, summary.report()
    docs = rows(data, "SELECT document_url, role, part, count(*) FROM captures WHERE document_url IS NOT NULL"
                      " GROUP BY document_url, part")
    assert {d for d, *_ in docs} == DOCUMENTS
    assert all(n == 1 for *_, n in docs)
    chapters = rows(data, "SELECT part FROM captures WHERE role = 'chapter' ORDER BY part")
    assert chapters == [(2,), (3,)]
    # listings are kept as evidence but never as documents; archives, embeds, feeds never stored at all
    stored = {u for (u,) in rows(data, "SELECT url FROM captures")}
    assert not any("/organisation/" in u or "/embed/" in u or "/feed/" in u for u in stored)
    assert rows(data, "SELECT role, document_url FROM captures WHERE url = ?",
                f"{O}/correspondence/not-really-a-letter/") == [("listing", None)]
    assert {r for (r,) in rows(data, "SELECT DISTINCT role FROM captures WHERE url LIKE '%correspondence-list%'")} \
        == {"listing"}
    assert rows(data, "SELECT count(*) FROM doc_ids")[0][0] == len(DOCUMENTS) + 0


def test_attachments_chapters_aliases_and_listing_entries(first_crawl):
    data, *_ = first_crawl
    assert rows(data, "SELECT parent_url FROM captures WHERE url LIKE '%Widget_annex.pdf'") == \
        [(f"{O}/correspondence/alpha-to-beta-topic/",)]
    aliases = dict(((a, k), c) for a, c, k in rows(data, "SELECT alias_url, canonical_url, kind FROM aliases"))
    assert aliases[("https://www.statisticsauthority.gov.uk/correspondence/gamma-reply/", "redirect")] == \
        f"{O}/correspondence/gamma-reply/"
    assert aliases[(f"{O}/correspondence/old-slug-for-delta/", "redirect")] == f"{O}/correspondence/delta/"
    assert aliases[(f"{O}/publication/review-of-widget-statistics", "slash")] == \
        f"{O}/publication/review-of-widget-statistics/"
    entries = {u: (t, d, f) for u, t, d, f in rows(data, "SELECT url, title, date_text, fromto FROM listing_entries")}
    assert entries[f"{O}/correspondence/31379/"] == (
        "Letter to Robin Gamma on housing counts", "9 January 2018", "Kim Delta, Invented Regulation Office to Robin Gamma")
    assert entries[f"{U}/correspondence/chair-to-minister-on-census/"][1] == "5 October 2022"
    # every stored URL is a real canonical https URL, never the mirror's
    assert all(u.startswith("https://") for (u,) in rows(data, "SELECT url FROM captures"))


def test_only_declared_hosts_robots_and_user_agent(first_crawl):
    data, _, summary, log = first_crawl
    hosts = {entry.path.lstrip("/").split("/", 1)[0] for entry in log}
    assert hosts <= set(default_registry().by_host)
    paths = [entry.path for entry in log]
    assert not any("example.org" in p or "embargoed-letter" in p or "/organisation/" in p for p in paths)
    assert rows(data, "SELECT error FROM fetch_errors WHERE url LIKE '%embargoed-letter/'") == [("robots_disallowed",)]
    assert all(entry.headers.get("User-Agent") == USER_AGENT for entry in log)
    assert "+https://" in USER_AGENT
    robots = [p for p in paths if p.endswith("/robots.txt")]
    assert len(robots) == len(set(robots))           # once per host
    for host in hosts:                               # and before anything else on that host
        first = next(p for p in paths if p.startswith(f"/{host}/"))
        assert first == f"/{host}/robots.txt"


def test_live_settings_are_polite():
    s = build_settings(mirror=None)
    assert s.getfloat("DOWNLOAD_DELAY") * (1 - s.getfloat("DOWNLOAD_DELAY_JITTER")) >= 1.0
    assert s.getint("CONCURRENT_REQUESTS_PER_DOMAIN") == 1 and s.getbool("AUTOTHROTTLE_ENABLED")
    assert s.getint("DOWNLOAD_MAXSIZE") <= 64 * 1024 * 1024 and s.getint("DOWNLOAD_WARNSIZE") < s.getint("DOWNLOAD_MAXSIZE")
    assert s.getbool("ROBOTSTXT_OBEY") and not s.get("MIRROR")
    assert "crawler.mirror.MirrorDownloadHandler" not in str(s.getdict("DOWNLOAD_HANDLERS"))
    for src in default_registry().sources:
        for url in src.entry_urls + src.sitemaps + src.wp_api:
            assert url.startswith("https://") and url.split("/")[2] in src.hosts


def test_refresh_then_full_revalidation_then_changes(first_crawl, tmp_path):
    data, site, first, _ = first_crawl
    with start(site.root) as mirror:
        refresh = crawl(data, mirror=mirror.url, mode="refresh", throttle=False, settings=FAST)
        assert refresh.exit_ok, refresh.report()
        assert refresh.requests < 0.5 * first.requests    # the tiny site has 4 listings in ~35 requests
        assert refresh.new_captures == 0 and refresh.revisits == 0
        full = crawl(data, mirror=mirror.url, mode="full", throttle=False, settings=FAST)
        assert full.new_captures == 0 and full.not_modified >= len(DOCUMENTS)
        conditional = [e for e in mirror.requests if "If-None-Match" in e.headers and e.status == 304]
        assert len(conditional) >= len(DOCUMENTS)

        # a refresh sees the WP API's `modified` move and fetches that publication again
        api = f"{O}/wp-json/wp/v2/publication?page=2&per_page=100"
        site.write(api, site.read(api).replace('"modified": "2022-02-01T09:30:00"', '"modified": "2026-11-01T09:30:00"'),
                   ext=".json")
        site.change(f"{O}/publication/only-in-the-api/", "Invented report text.", "Corrected report text.")
        moved = crawl(data, mirror=mirror.url, mode="refresh", throttle=False, settings=FAST)
        assert moved.new_captures == 1 and moved.requested_because.get("changed") == 1, moved.report()

        # a changed letter gets a new capture; a deleted one is withdrawn, never dropped
        site.change(f"{O}/correspondence/31379/", "This invented letter", "This corrected letter")
        site.delete(f"{O}/correspondence/crime-statistics-4/")
        after = crawl(data, mirror=mirror.url, mode="full", throttle=False, settings=FAST)
    assert after.new_captures == 1 and after.withdrawn == 1, after.report()
    assert rows(data, "SELECT count(*) FROM captures WHERE url = ?", f"{O}/correspondence/31379/")[0][0] == 2
    assert rows(data, "SELECT withdrawn_at IS NOT NULL FROM url_state WHERE url = ?",
                f"{O}/correspondence/crime-statistics-4/") == [(1,)]
    assert rows(data, "SELECT count(*) FROM captures WHERE url = ?", f"{O}/correspondence/crime-statistics-4/")[0][0] == 1
    assert ("withdrawn_404" in {e for _, e in after.errors})
    runs = rows(data, "SELECT mode, status FROM crawl_runs ORDER BY started")
    assert [m for m, _ in runs] == ["full", "refresh", "full", "refresh", "full"]


def test_unchanged_payload_without_validators_becomes_a_revisit(tmp_path):
    site = copy_site(tmp_path, src=SITE)
    letter = site.file_of(f"{O}/correspondence/delta/")
    Path(str(letter) + ".headers").write_text("ETag: -\nLast-Modified: -\n")   # a server with no validators
    data = tmp_path / "data"
    with start(site.root) as mirror:
        crawl(data, mirror=mirror.url, throttle=False, settings=FAST, sources=["osr"])
        again = crawl(data, mirror=mirror.url, throttle=False, settings=FAST, sources=["osr"])
    assert again.revisits == 1 and again.new_captures == 0, again.report()
    (first, first_len), (second, second_len) = rows(
        data, "SELECT record_type, warc_length FROM captures WHERE url = ? ORDER BY id", f"{O}/correspondence/delta/")
    assert (first, second) == ("response", "revisit") and second_len < first_len
    from captures.warcstore import read_payload
    refs = rows(data, "SELECT warc_file, warc_offset FROM captures WHERE url = ? ORDER BY id", f"{O}/correspondence/delta/")
    assert read_payload(data, *refs[1])[1] == read_payload(data, *refs[0])[1] == letter.read_bytes()


def test_live_smoke_check_logic_on_the_sample_mirror(tmp_path, capsys):
    """The smoke check itself runs against the live sites (by hand); here its checks run on the sample mirror."""
    from crawler.smoke import main as smoke
    with start() as mirror:
        status = smoke(["--mirror", mirror.url, "--data", str(tmp_path), "--pages", "40", "--min-entries", "5"])
    out = capsys.readouterr().out
    assert "listing entries" in out
    assert status == 0, out
    with start(SITE) as small:     # osr lists five letters: below ten, the check must fail
        status = smoke(["--mirror", small.url, "--data", str(tmp_path / "small"), "--pages", "40", "--min-entries", "10"])
    out = capsys.readouterr().out
    assert status == 1 and "PROBLEM: osr: only" in out, out


def test_damaged_warc_file_means_fetch_again_not_crash(tmp_path):
    site = copy_site(tmp_path, src=SITE)
    data = tmp_path / "data"
    with start(site.root) as mirror:
        crawl(data, mirror=mirror.url, throttle=False, settings=FAST, sources=["uksa"])
        (warc,) = (data / "warc").glob("*.warc.gz")
        blob = bytearray(warc.read_bytes())
        blob[400:] = b"\0" * (len(blob) - 400)          # everything after the warcinfo record destroyed
        warc.write_bytes(bytes(blob))
        again = crawl(data, mirror=mirror.url, throttle=False, settings=FAST, sources=["uksa"])
    errors = {e for _, e in again.errors}
    assert "stored_copy_unreadable" in errors and not again.exit_ok
    assert again.new_captures >= 2          # the two uksa letters were fetched whole again
    good = rows(data, "SELECT DISTINCT url FROM captures WHERE role = 'document' AND run_id = ?", again.run_id)
    assert {u for (u,) in good} == {f"{U}/correspondence/chair-to-minister-on-census/",
                                    f"{U}/submission/evidence-on-data-sharing/"}


def test_an_exception_in_a_callback_is_recorded_against_its_url():
    from scrapy.http import HtmlResponse, Request

    from crawler.items import FetchError
    from crawler.middlewares import ParseErrorMiddleware
    response = HtmlResponse(f"{O}/correspondence/x", body=b"<html></html>",
                            request=Request(f"{O}/correspondence/x", meta={"source": "osr"}))
    (out,) = ParseErrorMiddleware().process_spider_exception(response, RecursionError("too deep"))
    assert out == FetchError(f"{O}/correspondence/x/", "parse_error", "RecursionError: too deep", "osr")


def test_evidence_that_cannot_be_written_stops_the_run(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "warc").write_text("not a directory")      # as good as a full or read-only disk for the WARC writer
    with start(SITE) as mirror:
        summary = crawl(data, mirror=mirror.url, throttle=False, settings=FAST, sources=["osr"])
        requests = len(mirror.requests)
    assert not summary.finished and not summary.exit_ok
    assert "storage_error" in {e for _, e in summary.errors}
    assert rows(data, "SELECT count(*) FROM captures")[0][0] == 0
    assert requests < 15                                 # it stopped instead of crawling on


def test_refresh_rechecks_the_chapters_of_a_changed_publication(tmp_path):
    site = copy_site(tmp_path, src=SITE)
    data = tmp_path / "data"
    pub = f"{O}/publication/review-of-widget-statistics/"
    with start(site.root) as mirror:
        crawl(data, mirror=mirror.url, throttle=False, settings=FAST, sources=["osr"])
        site.change(pub, "Chapter 1 text.", "Chapter 1 text, revised.")
        site.change(pub + "pages/3/", "Chapter 3 text.", "Chapter 3 text, revised.")
        listing = f"{O}/publications-list/"
        site.change(listing, "13 July 2023", "21 July 2023")       # the list shows the new date
        again = crawl(data, mirror=mirror.url, mode="refresh", throttle=False, settings=FAST, sources=["osr"])
    new = {(u, p) for u, p in rows(data, "SELECT url, part FROM captures WHERE run_id = ? AND record_type = 'response'"
                                         " AND role IN ('document', 'chapter')", again.run_id)}
    assert new == {(pub, 0), (pub + "pages/3/", 3)}, again.report()


@pytest.mark.parametrize("fault", ["robots", 500])
def test_refresh_falls_back_to_numbered_pages_when_show_all_fails(tmp_path, fault):
    from mirror.faults import Fault
    site = copy_site(tmp_path, src=SITE)
    data = tmp_path / "data"
    with start(site.root) as mirror:
        crawl(data, mirror=mirror.url, throttle=False, settings=FAST, sources=["osr"])
        page2 = site.file_of(f"{O}/correspondence-list/?page=2")
        page2.write_text(page2.read_text().replace(
            "<ul>", f'<ul><li><h3><a href="{O}/correspondence/delta-follow-up/">Delta follow-up</a></h3>'
                    "<p>2 June 2021</p><p>Kim Delta to Lee Epsilon</p></li>", 1))
        letter = site.file_of(f"{O}/correspondence/delta/")
        (letter.parent.parent / "delta-follow-up").mkdir()
        (letter.parent.parent / "delta-follow-up" / "index.html").write_text(letter.read_text())
        if fault == "robots":
            robots = site.file_of(f"{O}/robots.txt")
            robots.write_text(robots.read_text() + "Disallow: /*show=all\n")
        else:
            mirror.set_fault(re.compile(r"[?&]show=all"), Fault(status=500))
        again = crawl(data, mirror=mirror.url, mode="refresh", throttle=False, settings=FAST, sources=["osr"])
    new = {u for (u,) in rows(data, "SELECT url FROM captures WHERE run_id = ? AND role = 'document'", again.run_id)}
    assert f"{O}/correspondence/delta-follow-up/" in new, again.report()
    assert (again.exit_ok, bool(again.entry_failures)) == ((True, False) if fault == "robots" else (False, True))
