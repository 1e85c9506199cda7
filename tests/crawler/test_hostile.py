"""Hostile pages and servers cannot cost the archive its evidence or its night (issue 14 items 4, 5, 6, 8, 9).

Every page is generated here and served by the real mirror server on 127.0.0.1; the crawler runs as in production
(a subprocess, `crawler.run.crawl`). The 1,000,000-link page is timed by `python -m bench hostile`."""
from __future__ import annotations

import sqlite3
import time

import pytest

from crawler.run import crawl
from captures.sources import default_registry
from mirror.faults import Fault
from mirror.hostile import HOST, letter, letter_url, write_site
from mirror.serve import start

NORMAL = letter("Quarterly figures", "<p>We will publish the revised figures by 30 June 2024.</p>")


def _db(data):
    conn = sqlite3.connect(data / "captures.db")
    captured = {r[0] for r in conn.execute("select url from captures where record_type in ('response', 'revisit')")}
    errors = conn.execute("select url, error, detail from fetch_errors").fetchall()
    conn.close()
    return captured, errors


# ---- item 4: the capture is written before any decoding -------------------------------------------------------
CHARSETS = {"rot13": "rot13", "unknown": "x-no-such-charset", "utf16": "utf-16"}


def test_pages_with_a_bogus_charset_are_archived(tmp_path):
    bodies = {f"bogus-{name}": letter(f"Bogus {name}", "<p>We will publish the data by May 2024.</p>")
              for name in CHARSETS}
    write_site(tmp_path / "site", {**bodies, "quarterly-figures": NORMAL},
               headers={f"bogus-{name}": f"Content-Type: text/html; charset={cs}\n" for name, cs in CHARSETS.items()})
    with start(tmp_path / "site") as mirror:
        crawl(tmp_path / "data", mirror=mirror.url, sources=["osr"], throttle=False)
    captured, errors = _db(tmp_path / "data")
    assert {letter_url(slug) for slug in bodies} | {letter_url("quarterly-figures")} <= captured
    assert not [e for e in errors if e[1] == "parse_error"], errors
    assert letter_url("bogus-rot13") in {url for url, error, _ in errors if error == "bad_charset"}
    from captures.warcstore import read_payload
    conn = sqlite3.connect(tmp_path / "data" / "captures.db")
    for slug, body in bodies.items():
        warc_file, offset = conn.execute("select warc_file, warc_offset from captures where url = ?",
                                         [letter_url(slug)]).fetchone()
        _headers, payload = read_payload(tmp_path / "data", warc_file, offset)
        assert payload == body, "the bytes archived are the bytes served"
    conn.close()


def test_a_listing_with_a_bogus_charset_is_archived_and_read(tmp_path):
    site = write_site(tmp_path / "site", {"quarterly-figures": NORMAL})
    (site / HOST / "correspondence-list" / "index.html.headers").write_text("Content-Type: text/html; charset=rot13\n")
    with start(site) as mirror:
        crawl(tmp_path / "data", mirror=mirror.url, sources=["osr"], throttle=False)
    captured, errors = _db(tmp_path / "data")
    assert f"https://{HOST}/correspondence-list/" in captured
    assert letter_url("quarterly-figures") in captured, "its links were still followed"
    assert any(e[1] == "bad_charset" for e in errors)


# ---- item 5: link parsing in linear time, with a cap recorded when hit ---------------------------------------
def test_a_page_with_more_links_than_the_cap_is_kept_and_the_cap_recorded(tmp_path):
    cap, n = 300, 450   # the cap is a setting (CRAWL_MAX_LINKS_PER_PAGE), small here to keep the test cheap
    links = "".join(f'<a href="/tag/t{i}/">{i}</a>' for i in range(n))
    write_site(tmp_path / "site", {"many-links": letter("Many links", f"<p>{links}</p>"),
                                   "quarterly-figures": NORMAL})
    with start(tmp_path / "site") as mirror:
        summary = crawl(tmp_path / "data", mirror=mirror.url, sources=["osr"], throttle=False,
                        settings={"CRAWL_MAX_LINKS_PER_PAGE": cap})
    captured, errors = _db(tmp_path / "data")
    assert {letter_url("many-links"), letter_url("quarterly-figures")} <= captured
    (detail,) = [detail for url, error, detail in errors if error == "too_many_links"]
    assert f"the first {cap} of {n} links" in detail
    assert summary.skipped.get("taxonomy") == cap, "links past the cap are not read"


def test_page_facts_reads_a_huge_page_up_to_the_cap():
    from crawler import parse

    n = parse.MAX_LINKS_PER_PAGE + 1000
    html = "<html><body><h1>Links</h1>" + "".join(f"<a href=/{i:x}>" for i in range(n)) + "</body></html>"
    facts = parse.page_facts(html, f"https://{HOST}/correspondence/x/")
    assert len(facts.links) == parse.MAX_LINKS_PER_PAGE and facts.links_found == n
    assert facts.title == "Links" and facts.depth == 0


def test_rel_next_links_are_read_once_each_and_capped():
    from crawler import parse

    listing = f"https://{HOST}/correspondence-list/"
    html = "<html><body>" + "".join(f'<link rel="next" href="/correspondence-list/page/{i}/">'
                                    for i in range(2, 2 + parse.MAX_PAGINATION + 500)) * 2 + "</body></html>"
    facts = parse.page_facts(html, listing)
    assert len(facts.next_pages) == parse.MAX_PAGINATION
    assert len(set(facts.next_pages)) == len(facts.next_pages)
    assert facts.pagination_found == parse.MAX_PAGINATION + 500


# ---- item 8: scheme, host and port ----------------------------------------------------------------------------
@pytest.mark.parametrize("url, allowed", [
    (f"https://{HOST}/correspondence/x/", True),
    (f"https://{HOST}:443/correspondence/x/", True),
    (f"http://{HOST}/correspondence/x/", True),
    (f"https://{HOST}:8026/correspondence/x/", False),
    (f"http://{HOST}:443/correspondence/x/", False),
    (f"https://{HOST}:80/correspondence/x/", False),
    (f"https://{HOST}:99999/correspondence/x/", False),
    (f"ftp://{HOST}/correspondence/x/", False),
    ("https://osr.statisticsauthority.gov.uk.example.net/correspondence/x/", False),
])
def test_the_host_guard_compares_scheme_host_and_port(url, allowed):
    registry = default_registry()
    assert registry.allowed(url) is allowed
    assert (registry.classify(url) != "offhost") is allowed


def test_a_link_to_a_declared_host_on_another_port_is_never_fetched(tmp_path):
    other = f"https://{HOST}:8026/correspondence/on-another-port/"
    body = letter("Links elsewhere", f'<p>See <a href="{other}">this</a>.</p>')
    site = write_site(tmp_path / "site", {"links-elsewhere": body})
    (site / HOST / "correspondence" / "redirects-elsewhere").mkdir(parents=True)
    (site / "_redirects.tsv").write_text(f"https://{HOST}/correspondence/redirects-elsewhere/\t{other}\t301\n")
    with start(site) as mirror:
        crawl(tmp_path / "data", mirror=mirror.url, sources=["osr"], throttle=False)
        asked = [r.path for r in mirror.requests]
    captured, _errors = _db(tmp_path / "data")
    assert letter_url("links-elsewhere") in captured
    assert not [p for p in asked if ":8026" in p]
    assert not [u for u in captured if ":8026" in u]


# ---- item 9: Crawl-delay is a floor ---------------------------------------------------------------------------
def test_crawl_delay_is_a_floor_the_jitter_never_goes_under(tmp_path):
    letters = {f"letter-{i}": letter(f"Letter {i}", "<p>Dear Director,</p>") for i in range(3)}
    write_site(tmp_path / "site", letters, robots="User-agent: *\nCrawl-delay: 0.3\n")
    settings = {"DOWNLOAD_DELAY": 0.01, "DOWNLOAD_DELAY_JITTER": 0.3, "AUTOTHROTTLE_ENABLED": True,
                "AUTOTHROTTLE_START_DELAY": 0.01}
    served = []
    with start(tmp_path / "site") as mirror:
        log = mirror._log
        mirror._log = lambda entry: (served.append((time.monotonic(), entry.path)), log(entry))
        crawl(tmp_path / "data", mirror=mirror.url, sources=["osr"], throttle=True, settings=settings)
    times = [t for t, path in served if not path.endswith("robots.txt")]
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert len(gaps) >= 7
    assert min(gaps) >= 0.28, [round(g, 3) for g in gaps]   # 0.3 s, less the server's own timing slack


# ---- item 6: the crawl budget, per host and per run -----------------------------------------------------------
def test_a_slow_host_spends_its_budget_and_the_run_keeps_what_it_has(tmp_path):
    letters = {"quarterly-figures": NORMAL, "one-byte-a-second": letter("Slow", "<p>x</p>")}
    write_site(tmp_path / "site", letters)
    slow = Fault(delay=30)
    settings = {"CRAWL_BUDGET_HOST_SECONDS": 3, "DOWNLOAD_TIMEOUT": 60, "RETRY_TIMES": 4}
    started = time.monotonic()
    with start(tmp_path / "site", faults={letter_url("one-byte-a-second"): slow}) as mirror:
        summary = crawl(tmp_path / "data", mirror=mirror.url, sources=["osr"], throttle=False, settings=settings)
    took = time.monotonic() - started
    captured, errors = _db(tmp_path / "data")
    assert letter_url("quarterly-figures") in captured
    assert letter_url("one-byte-a-second") not in captured
    budget = [e for e in errors if e[1] == "crawl_budget"]
    assert budget and "spent" in budget[0][2]
    assert not summary.exit_ok and ("https://" + HOST + "/", "crawl_budget") in summary.errors
    assert took < 30, f"the slow page held the crawl {took:.0f} s"


def test_the_run_budget_closes_the_crawl(tmp_path):
    letters = {f"letter-{i}": letter(f"Letter {i}", "<p>Dear Director,</p>") for i in range(3)}
    write_site(tmp_path / "site", letters)
    faults = {letter_url("letter-1"): Fault(delay=30), letter_url("letter-2"): Fault(delay=30)}
    with start(tmp_path / "site", faults=faults) as mirror:
        summary = crawl(tmp_path / "data", mirror=mirror.url, sources=["osr"], throttle=False,
                        settings={"CRAWL_BUDGET_RUN_SECONDS": 3, "DOWNLOAD_TIMEOUT": 60})
    captured, errors = _db(tmp_path / "data")
    assert letter_url("letter-0") in captured
    assert not summary.finished and not summary.exit_ok
    assert any(e[1] in ("crawl_budget", "timeout") for e in errors)
    assert summary.seconds < 20


def test_a_crawl_past_its_callers_timeout_is_stopped_and_keeps_its_captures(tmp_path):
    letters = {"quarterly-figures": NORMAL, "slow": letter("Slow", "<p>x</p>")}
    write_site(tmp_path / "site", letters)
    with start(tmp_path / "site", faults={letter_url("slow"): Fault(delay=60)}) as mirror:
        summary = crawl(tmp_path / "data", mirror=mirror.url, sources=["osr"], throttle=False,
                        settings={"DOWNLOAD_TIMEOUT": 90}, timeout=8)
    captured, _errors = _db(tmp_path / "data")
    assert letter_url("quarterly-figures") in captured
    assert not summary.exit_ok and any(e == "crawl_timeout" for _u, e in summary.errors)


def test_crawl_budget_in_the_sources_is_checked(tmp_path):
    from captures.sources import Source

    bad = tmp_path / "bad.yml"
    bad.write_text("name: x\nhosts: [x.example]\ncrawl_budget: {host_seconds: -5}\n")
    with pytest.raises(ValueError, match="crawl_budget host_seconds"):
        Source.from_yaml(bad)
    bad.write_text("name: x\nhosts: [x.example]\ncrawl_budget: {seconds: 5}\n")
    with pytest.raises(ValueError, match="unknown crawl_budget keys"):
        Source.from_yaml(bad)
    assert all(s.crawl_budget.get("run_seconds") for s in default_registry().sources)


def test_a_run_cut_short_by_its_budget_publishes_what_it_has():
    from frontdoor.refresh import crawl_problems
    from crawler.summary import CrawlSummary

    last = {"osr": 900}
    shrunk = {"osr": 40}
    complete = CrawlSummary(run_id="r", mode="refresh", exit_ok=True, documents_seen=40)
    assert any("site redesign" in p for p in crawl_problems(complete, shrunk, last))
    for fault in ("crawl_budget", "crawl_timeout"):
        cut = CrawlSummary(run_id="r", mode="refresh", documents_seen=40,
                           errors=[("https://osr.statisticsauthority.gov.uk/", fault)])
        assert crawl_problems(cut, shrunk, last) == []
    nothing = CrawlSummary(run_id="r", mode="refresh", errors=[("run:r", "crawl_timeout")])
    assert crawl_problems(nothing, {}, last) == ["the crawl reached no documents at all"]
