"""Issue 13 items 1, 3-6, from a reader's side: the sample mirror crawled and built into an archive, served by a
real Datasette, read over HTTP and in a real headless Chromium at 1280 and 390 px. The organisation page answers
"what did ONS promise, by when, and did it happen?" with counts equal to the database's; every page leads
somewhere; the guide is HTML; the demo says its letters are invented; nothing scrolls sideways on a phone."""
from __future__ import annotations

import html
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
import sqlite3
from html.parser import HTMLParser
from pathlib import Path

import pytest

from archive.build import build
from archive.derive.reading_room import captures_are_invented_sample
from crawler.run import crawl
from mirror.serve import start
from bench.datasette import running_datasette
from web.words import party_url

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
STATUSES = ("met", "in_progress", "restated", "overdue", "open")
ORG_COMMITMENTS = """select c.* from commitments c left join parties p on p.id = c.actor
                     where c.actor = :org or p.organisation_id = :org"""
# What no reader should ever see: Python's None, debug word lists, microsecond timestamps, internal link kinds.
DEBUG_TEXT = [re.compile(p) for p in (r"\bNone\b", r"title words \[", r"\d{2}:\d{2}:\d{2}\.\d{3,}", r"REPLY_TO",
                                      r"<function ", r"\{'[a-z_]+': ")]
needs_chromium = pytest.mark.skipif(not CHROMIUM.exists() and not shutil.which("chromium"),
                                    reason="Debian's chromium is not installed (apt-get install chromium)")


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    work = tmp_path_factory.mktemp("reading-room")
    with start() as mirror:
        summary = crawl(work / "data", mirror=mirror.url, mode="full", throttle=False)
    assert summary.exit_ok, summary.report()
    build(work / "data", work / "archive.db", as_of="2024-01-01")
    conn = sqlite3.connect(work / "archive.db")
    conn.row_factory = sqlite3.Row
    with running_datasette(work / "archive.db", data_dir=work / "data") as server:
        yield server, conn, work
    conn.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


def open_page(browser, width: int, **options):
    context = browser.new_context(viewport={"width": width, "height": 900}, **options)
    page = context.new_page()
    page.problems = []
    page.on("pageerror", lambda exc: page.problems.append(f"page error: {exc}"))
    page.on("console", lambda m: m.type == "error" and page.problems.append(f"console: {m.text}"))
    return context, page


def ons_counts(conn) -> dict:
    rows = conn.execute(f"select status, count(*) from ({ORG_COMMITMENTS}) group by status", {"org": "org:ons"})
    return {status: n for status, n in rows}


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(html.unescape(href))


def visible_text(body: str) -> str:
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def test_the_build_records_that_the_sample_mirror_is_invented(sample, tmp_path):
    server, conn, work = sample
    assert conn.execute("select value from archive_info where key = 'invented_sample'").fetchone()[0] == "1"
    assert captures_are_invented_sample(work / "data")
    for path in ("/", "/organisations/ons", "/archive/documents/1", "/timeline", "/guide"):
        assert 'class="sample-banner"' in server.text(path), path
    # an archive of real captures (here: the same archive, recorded as not invented) has no banner
    real = tmp_path / "real.db"
    shutil.copy(work / "archive.db", real)
    with sqlite3.connect(real) as c:
        c.execute("update archive_info set value = '0' where key = 'invented_sample'")
    with running_datasette(real) as other:
        for path in ("/", "/organisations/ons", "/archive/documents/1"):
            body = other.text(path)
            assert "sample-banner" not in body and "invented" not in visible_text(body).lower(), path


def test_captures_without_the_sample_marker_are_not_called_invented(tmp_path):
    from captures import capturedb
    from captures.warcstore import WarcWriter

    for marked, expected in ((b"", False), (b"<!-- INVENTED SAMPLE CONTENT -->", True)):
        data = tmp_path / ("marked" if marked else "real")
        writer = WarcWriter(data, "run")
        conn = capturedb.connect(data)
        for n in range(4):
            url = f"https://osr.statisticsauthority.gov.uk/correspondence/letter-{n}/"
            payload = b"<html><body>" + marked + f"<p>Letter {n}</p></body></html>".encode()
            ref = writer.write_response(url, 200, [("Content-Type", "text/html; charset=utf-8")], payload)
            conn.execute("insert into captures (url, document_url, role, fetched_at, http_status, content_type,"
                         " sha256, warc_file, warc_offset, warc_length, record_type) values"
                         " (?, ?, 'document', '2024-01-01T00:00:00Z', 200, 'text/html; charset=utf-8', ?, ?, ?, ?,"
                         " 'response')", (url, url, ref.sha256, ref.warc_file, ref.offset, ref.length))
        conn.commit()
        conn.close()
        writer.close()
        assert captures_are_invented_sample(data) is expected


def test_organisations_index_is_ordered_by_open_and_overdue(sample):
    server, conn, _ = sample
    body = server.text("/organisations")
    slugs = re.findall(r'<th scope="row"><a href="/organisations/([^"]+)"', body)
    assert slugs and slugs[0] == conn.execute(
        "select slug from organisation_summary order by open + overdue desc, overdue desc limit 1").fetchone()[0]
    weights = {r["slug"]: r["open"] + r["overdue"] for r in conn.execute("select * from organisation_summary")}
    assert [weights[s] for s in slugs] == sorted((weights[s] for s in slugs), reverse=True)
    assert "ons" in slugs


def test_organisation_filters_live_in_the_url(sample):
    server, conn, _ = sample
    counts = ons_counts(conn)
    for status in STATUSES:
        body = server.text("/organisations/ons", status=status)
        shown = re.findall(r'<li class="card status-([a-z_]+)"', body)
        assert shown == [status] * min(counts.get(status, 0), 50), status
    kind, year, n = conn.execute(f"select kind, substr(made_on, 1, 4), count(*) from ({ORG_COMMITMENTS})"
                                 " group by 1, 2 order by 3 desc limit 1", {"org": "org:ons"}).fetchone()
    body = server.text("/organisations/ons", kind=kind, year=year)
    assert len(re.findall(r'data-kind="([a-z]+)"', body)) == n
    assert set(re.findall(r'data-kind="([a-z]+)"', body)) == {kind}
    assert server.get("/organisations/no-such-body")[0] == 404


def test_restatements_show_how_the_due_date_moved_and_met_shows_its_evidence(sample):
    server, conn, _ = sample
    restated = conn.execute("""select c.id, c.actor, e.evidence_document_id from commitment_events e
        join commitments c on c.id = e.commitment_id where e.status = 'restated' and e.due_end is not null
        and c.due_end is not null and e.due_end != c.due_end limit 1""").fetchone()
    assert restated, "the sample mirror restates a commitment with a new date"
    page = server.text(party_url(restated["actor"]))
    card = page[page.index(f'id="{restated["id"]}"'):]
    card = card[:card.index("</li>\n")] if "</li>\n" in card else card
    assert "due date moved from" in card
    assert f'/archive/documents/{restated["evidence_document_id"]}"' in card
    met = conn.execute(f"select id, status_evidence_id from ({ORG_COMMITMENTS}) where status = 'met'"
                       " and status_evidence_id is not null limit 1", {"org": "org:ons"}).fetchone()
    body = server.text("/organisations/ons", status="met")
    card = body[body.index(f'id="{met["id"]}"'):]
    assert f'shown by\n      <a href="/archive/documents/{met["status_evidence_id"]}"' in card[:3000]


def test_every_internal_link_two_levels_deep_answers_200_without_debug_text(sample):
    server, _conn, _ = sample
    seen: set[str] = set()
    level = ["/"]
    failures, debug = [], []
    with ThreadPoolExecutor(4) as pool:  # the server answers several requests at once
        for depth in range(3):
            todo = [p for p in dict.fromkeys(level) if p not in seen]
            seen.update(todo)
            following = []
            for path, (status, headers, body) in zip(todo, pool.map(server.get, todo)):
                if status != 200:
                    failures.append((status, path))
                    continue
                if "html" not in headers.get("content-type", ""):
                    continue
                text = body.decode("utf-8", "replace")
                shown = visible_text(text)
                debug += [(pattern.pattern, path) for pattern in DEBUG_TEXT if pattern.search(shown)]
                if depth < 2:
                    parser = Links()
                    parser.feed(text)
                    following += [h.split("#")[0] for h in parser.hrefs
                                  if h.startswith("/") and not h.startswith("//") and h.split("#")[0]]
            level = following
    assert len(seen) > 300
    assert failures == []
    assert debug == []


def test_rows_lead_to_their_letter_organisation_and_thread(sample):
    server, conn, _ = sample
    body = server.text("/archive/commitments", actor="org:ons")
    assert '<a href="/organisations/ons">Office for National Statistics</a>' in body
    assert re.search(r'<a href="/archive/thread\?thread_id=t\d+">t\d+</a>', body)
    body = server.text("/archive/document_parties", _size="100")
    assert re.search(r'href="/(organisations|people)/[^"]+"', body)
    doc = conn.execute("select document_id from document_parties where organisation_id = 'org:ons'"
                       " and role = 'recipient' limit 1").fetchone()[0]
    assert 'href="/organisations/ons"' in server.text(f"/archive/documents/{doc}")
    body = server.text("/archive/dates")
    assert re.search(r'href="/archive/documents/\d+"', body)
    # every timeline event links to its letter; overdue ones (no evidence document) to the letter that made it
    for params in ({}, {"status": "overdue"}):
        timeline = server.text("/timeline", **params)
        events = re.findall(r'<li class="event ev-([a-z_]+).*?</li>', timeline, flags=re.S)
        bodies = re.findall(r'<li class="event ev-.*?</li>', timeline, flags=re.S)
        assert "overdue" in events and all('class="doc" href="/archive/documents/' in e for e in bodies)


def test_thread_page_lists_letters_in_order_with_each_commitments_status(sample):
    server, conn, _ = sample
    thread = conn.execute("""select d.thread_id from commitments c join documents d on d.id = c.document_id
        group by d.thread_id order by count(*) desc limit 1""").fetchone()[0]
    body = server.text("/archive/thread", thread_id=thread)
    letters = [int(i) for i in re.findall(r'<li><time[^>]*>[^<]*</time>\s*<span class="kind">[^<]*</span>\s*'
                                          r'<a href="/archive/documents/(\d+)"', body)]
    expected = [r[0] for r in conn.execute("select id from documents where thread_id = ? order by date, id",
                                           [thread])]
    assert letters == expected
    statuses = re.findall(r'<span class="badge status-([a-z_]+)">', body[:body.index('class="as-data"')])
    assert statuses == [r[0] for r in conn.execute("""select c.status from commitments c join documents d
        on d.id = c.document_id where d.thread_id = ? order by d.date, d.id, c.paragraph, c.id""", [thread])]


def test_documents_table_reads_well_and_counts_organisations_by_resolved_name(sample):
    server, conn, _ = sample
    body = server.text("/archive/documents")
    columns = re.findall(r'<th [^>]*data-column="([^"]+)"', body)
    assert set(columns) == {"id", "date", "title", "doc_type", "sender", "recipients", "thread_id"}
    assert "url" in re.findall(r'data-column="([^"]+)"', server.text("/archive/documents", _col="url"))
    facet = server.json("/archive/documents.json", _facet_array="organisations", _size="0")
    values = {r["value"]: r["count"] for r in facet["facet_results"]["organisations"]["results"]}
    names = {r[0] for r in conn.execute("select name from parties where kind = 'organisation'")}
    assert "ONS" not in values and set(values) <= names
    resolved = {r[0] for r in conn.execute("""select document_id from document_parties
        where role in ('sender', 'recipient', 'copied') and organisation_id = 'org:ons'""")}
    listed = {r["id"] for r in server.rows("documents", organisations__arraycontains="Office for National Statistics",
                                           _col="id", _size="max")}
    assert resolved and resolved <= listed and values["Office for National Statistics"] == len(listed)


def test_guide_is_html_whose_examples_are_links_on_this_site(sample):
    server, _conn, _ = sample
    body = server.text("/guide")
    assert "<h1>" in body and "<table>" in body and "## " not in visible_text(body)
    hrefs = [h for h in re.findall(r'<a href="([^"]+)"', body[body.index('class="guide"'):])]
    local = [html.unescape(h) for h in hrefs if h.startswith("/")]
    assert "/organisations/ons?status=overdue" in local and len(local) > 20
    assert server.base in body  # the guide's example host is the serving site
    for href in local:
        status = server.get(href.split("#")[0])[0]
        assert status == 200, (href, status)


@needs_chromium
@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_ons_page_in_the_browser_counts_equal_the_database(sample, browser, width):
    server, conn, _ = sample
    context, page = open_page(browser, width)
    try:
        page.goto(server.url("/organisations/ons"))
        shown = {s: int(page.inner_text(f".scorecard .status-{s} .n")) for s in STATUSES}
        words = {s: page.inner_text(f".scorecard .status-{s} .word") for s in STATUSES}
        counts = ons_counts(conn)
        assert shown == {s: counts.get(s, 0) for s in STATUSES}
        assert words == {"met": "met", "in_progress": "in progress", "restated": "restated", "overdue": "overdue",
                         "open": "open"}  # a word beside every colour
        assert page.locator("ol.cards > li.card").count() == min(sum(counts.values()), 50)
        page.select_option(".card-filters select[name=status]", "overdue")
        page.click(".card-filters button[type=submit]")
        page.wait_for_url(re.compile("status=overdue"))
        assert set(page.locator("li.card").evaluate_all("els => els.map(e => e.dataset.status)")) == {"overdue"}
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert page.problems == []
    finally:
        context.close()


@needs_chromium
@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_no_page_scrolls_sideways_or_logs_errors(sample, browser, width):
    server, conn, _ = sample
    doc = conn.execute("select document_id from commitments group by document_id order by count(*) desc"
                       " limit 1").fetchone()[0]
    context, page = open_page(browser, width)
    try:
        for path in ("/", "/organisations", "/organisations/ons", f"/archive/documents/{doc}", "/timeline",
                     "/archive/search?q=statistics&from=&to=", "/guide", "/archive/documents", "/people/ed-humpherson",
                     "/archive/thread?thread_id=" + conn.execute("select id from threads limit 1").fetchone()[0]):
            page.goto(server.url(path))
            page.wait_for_load_state("load")
            overflow = page.evaluate("document.documentElement.scrollWidth")
            assert overflow <= width, (path, overflow)
        assert page.problems == []
    finally:
        context.close()


@needs_chromium
@pytest.mark.browser
def test_timeline_form_works_by_touch_on_a_phone(sample, browser):
    server, _conn, _ = sample
    context, page = open_page(browser, 390, has_touch=True, is_mobile=True)
    try:
        page.goto(server.url("/timeline"))
        for control in page.locator("#timeline-filters select, #timeline-filters input[type=text],"
                                    " #timeline-filters input:not([type]), #timeline-filters button").all():
            box = control.bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390 and box["height"] >= 30
        page.select_option("#timeline-filters select[name=status]", "overdue")
        page.tap("#timeline-filters button[type=submit]")
        page.wait_for_url(re.compile("status=overdue"))
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert page.problems == []
    finally:
        context.close()


def test_person_page_lists_their_letters_roles_and_commitments(sample):
    server, conn, _ = sample
    person = conn.execute("""select party_id from document_parties where party_id like 'person:%'
        and role in ('sender', 'recipient', 'copied') group by party_id order by count(*) desc limit 1""").fetchone()[0]
    body = server.text(party_url(person))
    letters = {r[0] for r in conn.execute("""select document_id from document_parties where party_id = ?
        and role in ('sender', 'recipient', 'copied')""", [person])}
    section = body[body.index('id="letters"'):]
    assert {int(i) for i in re.findall(r'href="/archive/documents/(\d+)"', section)} == letters
    for role, organisation in conn.execute("select role, organisation_id from roles where party_id = ?", [person]):
        assert html.escape(role) in body and f'href="{party_url(organisation)}"' in body
    counts = dict(conn.execute("select status, count(*) from commitments where actor = ? group by status", [person]))
    shown = {s: int(n) for s, n in re.findall(r'<li class="score status-([a-z_]+)[^"]*"><a [^>]*><span class="n">(\d+)',
                                               body)}
    assert shown == {s: counts.get(s, 0) for s in STATUSES}
