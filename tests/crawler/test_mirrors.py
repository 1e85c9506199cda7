"""Whole crawls of the project's mirrors: the shipped sample (mirror/site, MANIFEST.json is its ground truth)
and a generated large mirror (mirror/generate.py, 300 letters here; the full 2,500 run in bench/crawl.py)."""
import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from crawler.run import crawl
from mirror import layout
from mirror.serve import start
from mirror.sitecopy import copy_site

FAST = {"DOWNLOAD_TIMEOUT": 10, "RETRY_TIMES": 1}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def q(data, sql, *args):
    conn = sqlite3.connect(Path(data) / "captures.db")
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def document_counts(data):
    return dict(q(data, "SELECT document_url, count(*) FROM captures WHERE document_url IS NOT NULL AND part = 0"
                        " AND record_type = 'response' GROUP BY document_url"))


def test_sample_mirror_every_manifest_document_once(tmp_path):
    manifest = json.loads((layout.SITE_ROOT / layout.MANIFEST_FILE).read_text(encoding="utf-8"))
    with start() as mirror:
        summary = crawl(tmp_path, mirror=mirror.url, throttle=False, settings=FAST)
    assert summary.exit_ok, summary.report()
    counts = document_counts(tmp_path)
    expected = {d["url"] for d in manifest["documents"]}
    assert set(counts) == expected
    assert set(counts.values()) == {1}
    stored = {u for (u,) in q(tmp_path, "SELECT document_url FROM captures WHERE document_url IS NOT NULL")}
    assert not stored & set(manifest["not_documents"])
    # every alias the site reveals (a link or redirect someone can reach) is recorded against its document
    text = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in layout.SITE_ROOT.rglob("*")
                     if p.is_file() and p.suffix in (".html", ".xml", ".json") and p.name != layout.MANIFEST_FILE)
    aliases = dict(q(tmp_path, "SELECT alias_url, canonical_url FROM aliases"))
    for alias, canonical in manifest["aliases"].items():
        if alias in text:
            assert aliases.get(alias) == canonical, alias
    # what the listings said about each letter: title, date and from/to line
    entries = {u: (t, d, f) for u, t, d, f in q(tmp_path, "SELECT url, title, date_text, fromto FROM listing_entries")}
    listed = [d for d in manifest["documents"] if d["url"] in entries]
    assert len(listed) >= 20
    for doc in listed:
        title, date_text, fromto = entries[doc["url"]]
        y, m, d = map(int, doc["date"].split("-"))
        assert date_text == f"{d} {MONTHS[m - 1]} {y}", doc["url"]
        if doc.get("fromto"):
            assert fromto == " ".join(doc["fromto"].split()), doc["url"]   # spaces normalised
    attachments = q(tmp_path, "SELECT url, parent_url FROM captures WHERE role = 'attachment'")
    assert attachments and all(parent for _, parent in attachments)


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    from mirror.generate import CsvMissing, generate
    root = tmp_path_factory.mktemp("gen") / "site"
    try:
        manifest = generate(root, n_letters=300, seed=1)
    except CsvMissing as exc:
        pytest.skip(f"needs ../shared/data: {exc}")
    return root, manifest


def test_generated_mirror_full_then_refresh_then_new_letter(generated, tmp_path):
    root, manifest = generated
    site = copy_site(tmp_path, src=root)
    data = tmp_path / "data"
    with start(site.root) as mirror:
        full = crawl(data, mirror=mirror.url, throttle=False, settings=FAST)
        counts = document_counts(data)
        assert set(counts) == {d["url"] for d in manifest["documents"]}, full.report()
        assert set(counts.values()) == {1}
        for old, new in manifest.get("aliases", {}).items():
            if old in counts:
                pytest.fail(f"alias {old} stored as a document")
        before = q(data, "SELECT count(*) FROM captures WHERE record_type = 'response'")[0][0]

        refresh = crawl(data, mirror=mirror.url, throttle=False, mode="refresh", settings=FAST)
        assert refresh.requests < 0.30 * full.requests, (refresh.requests, full.requests)
        assert refresh.new_captures == 0 and refresh.revisits == 0
        assert q(data, "SELECT count(*) FROM captures WHERE record_type = 'response'")[0][0] == before

        listing = "https://osr.statisticsauthority.gov.uk/correspondence-list/"
        new_url = "https://osr.statisticsauthority.gov.uk/correspondence/new-letter-on-widget-statistics/"
        site.add_letter(new_url, title="A to B: Widget statistics", date=date(2026, 11, 20).isoformat(),
                        paragraphs=["Dear B,", "A new invented letter.", "Yours sincerely", "A"],
                        fromto="A, Office for Statistics Regulation to B, Department for Widgets", listing=listing)
        site.add_letter(new_url.replace("new-letter", "another-letter"), title="A to C: More widgets",
                        date="2026-11-21", paragraphs=["Dear C,", "Another."], listing=listing + "?keyword=&theme=&date=&show=all")
        again = crawl(data, mirror=mirror.url, throttle=False, mode="refresh", settings=FAST)
    new_docs = {u for (u,) in q(data, "SELECT document_url FROM captures WHERE run_id = ? AND role = 'document'",
                                again.run_id)}
    assert new_docs == {new_url, new_url.replace("new-letter", "another-letter")}, again.report()
