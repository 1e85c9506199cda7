"""The timeline and document pages driven in headless Chromium (Debian's chromium, through Playwright) against a
real Datasette (issue #7 items 4, 5, 8): the zoomable timeline, its permalinks, a click into a thread, the plain
list without JavaScript, and letter text that holds a <script> shown as text."""
from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from bench.fixture_archive import make_fixture_archive
from bench.datasette import running_datasette

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not CHROMIUM.exists() and not shutil.which("chromium"),
                                 reason="Debian's chromium is not installed (apt-get install chromium)")]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    db_path = make_fixture_archive(tmp_path_factory.mktemp("browser") / "archive.db", n_documents=120, seed=7)
    conn = sqlite3.connect(db_path)
    with running_datasette(db_path) as server:
        yield server, conn
    conn.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.errors = []
    page.dialogs = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    yield page
    assert not page.errors, page.errors
    context.close()


def test_timeline_draws_every_listed_event_and_zoom_is_a_permalink(site, page):
    server, _ = site
    page.goto(server.url("/timeline"))
    page.wait_for_selector("#timeline-svg circle.dot")
    listed = page.locator("#timeline-list li.event").count()
    assert listed > 100 and page.locator("#timeline-svg circle.dot").count() == listed
    page.click("#zoom-in")
    page.click("#zoom-in")
    assert re.search(r"zfrom=\d{4}-\d{2}-\d{2}&zto=\d{4}-\d{2}-\d{2}", page.url)
    window = page.inner_text("#timeline-window")
    zoomed = page.locator("#timeline-svg circle.dot").count()
    assert 0 < zoomed < listed
    page.goto(page.url)  # the permalink restores the same view
    page.wait_for_selector("#timeline-svg")
    assert page.inner_text("#timeline-window") == window
    assert page.locator("#timeline-svg circle.dot").count() == zoomed
    assert page.locator("#timeline-filters input[name=zfrom]").count() == 1  # filters keep the zoom
    page.click("#zoom-reset")
    assert "zfrom" not in page.url


def test_click_from_the_timeline_into_a_thread(site, page):
    server, conn = site
    thread, count = conn.execute("select id, document_count from threads order by document_count desc, id"
                                 " limit 1").fetchone()
    page.goto(server.url("/timeline", thread=thread))
    dot = page.locator("#timeline-svg circle.dot").first
    assert dot.get_attribute("data-thread") == thread
    dot.click()
    page.wait_for_url(re.compile(r"/archive/thread\?thread_id="))
    assert page.url.endswith(f"thread_id={thread}")
    assert page.locator("table.rows-and-columns tbody tr").count() == count
    # from the unfiltered timeline too: whatever dot is clicked leads to its own thread
    page.goto(server.url("/timeline"))
    dot = page.locator("#timeline-svg circle.dot").nth(5)
    target = dot.get_attribute("data-thread")
    dot.click(force=True)
    page.wait_for_url(re.compile(r"/archive/thread\?thread_id="))
    assert page.locator("table.rows-and-columns tbody tr").count() >= 1
    assert target and "thread_id=t" in page.url


def test_filters_by_organisation_person_and_status_from_the_form(site, page):
    server, conn = site
    org = conn.execute("select organisation_id from document_parties where organisation_id !="
                       " 'org:osr' group by 1 order by count(*) desc").fetchone()[0]
    page.goto(server.url("/timeline"))
    page.select_option("select[name=org]", org)
    page.select_option("select[name=status]", "overdue")
    page.click("#timeline-filters button[type=submit]")
    page.wait_for_url(re.compile("org="))
    assert f"org={org.replace(':', '%3A')}" in page.url and "status=overdue" in page.url
    statuses = set(page.locator("#timeline-list li.event").evaluate_all(
        "els => els.map(e => e.getAttribute('data-status'))"))
    assert statuses == {"overdue"}


def test_timeline_without_javascript_is_a_plain_list(site, browser):
    server, conn = site
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(server.url("/timeline"))
        assert not page.locator("#timeline-chart").is_visible()
        assert page.locator("#timeline-svg").count() == 0
        assert page.locator("#timeline-list li.event").count() > 100
        org = conn.execute("select id from parties where kind = 'organisation' order by id limit 1").fetchone()[0]
        page.select_option("select[name=org]", org)
        page.click("#timeline-filters button[type=submit]")
        page.wait_for_url(re.compile("org="))
        link = page.locator("#timeline-list a.thread").first
        thread = link.inner_text().split()[-1]
        link.click()
        page.wait_for_url(re.compile(r"/archive/thread\?thread_id="))
        assert page.url.endswith(f"thread_id={thread}")
    finally:
        context.close()


def test_document_page_shows_a_script_in_a_letter_as_text(site, page):
    server, conn = site
    doc_id = conn.execute("select id from documents where text like '%<script>%' limit 1").fetchone()[0]
    page.goto(server.url(f"/archive/documents/{doc_id}"))
    text = page.inner_text(".doc-text")
    assert "<script>alert('letter text must be escaped')</script>" in text
    assert page.locator(".doc-text script").count() == 0
    page.wait_for_timeout(200)
    assert page.dialogs == []
    assert page.locator(".doc-text a.m-party").count() >= 1
    assert page.locator("#captures a.raw").count() >= 1


def test_document_page_marks_and_links_to_thread_and_party(site, page):
    server, conn = site
    doc_id, cid = conn.execute("select c.document_id, c.id from commitments c join documents d on d.id ="
                               " c.document_id join threads t on t.id = d.thread_id where t.document_count > 1"
                               " order by c.id limit 1").fetchone()
    page.goto(server.url(f"/archive/documents/{doc_id}"))
    assert page.locator(f"mark.m-commitment[id='{cid}']").is_visible()
    assert page.locator(".doc-text mark.m-date").count() >= 1
    assert page.locator("#thread li").count() >= 2
    page.locator(".doc-text a.m-party").first.click()  # a party leads to its organisation or person page
    page.wait_for_url(re.compile(r"/(organisations|people)/|/archive/parties/"))
    assert page.locator("h1").count() == 1
