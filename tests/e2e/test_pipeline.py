"""Issue #2, done when: the sample mirror, served by a real HTTP server, crawled by the Scrapy crawler, extracted
and built, gives an archive whose documents are exactly the mirror's documents, each with title, date and text;
`make extract` rebuilds the same archive from the captures alone; the one-file CLI prints the JSON contract."""
from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from archive.build import build
from crawler.run import crawl
from mirror.serve import start

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = json.loads((ROOT / "mirror" / "site" / "MANIFEST.json").read_text())


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    work = tmp_path_factory.mktemp("e2e")
    with start() as mirror:
        summary = crawl(work / "data", mirror=mirror.url, mode="full", throttle=False)
    assert summary.exit_ok, summary.report()
    build(work / "data", work / "archive.db", as_of="2024-01-01")
    return work


def rows(db: Path, sql: str, params=()):
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(sql, params)]
    finally:
        conn.close()


def test_documents_are_exactly_the_mirrors_documents(built):
    urls = {r["url"] for r in rows(built / "archive.db", "SELECT url FROM documents")}
    expected = {d["url"] for d in MANIFEST["documents"]}
    assert urls == expected, {"missing": expected - urls, "not documents": urls - expected}
    never = {d["url"] if isinstance(d, dict) else d for d in MANIFEST["not_documents"]}
    assert not urls & never


def test_every_letter_has_title_date_and_text(built):
    letters = {d["url"]: d for d in MANIFEST["documents"] if d["kind"] in ("letter", "legacy")}
    assert len(letters) >= 30
    docs = {r["url"]: r for r in rows(built / "archive.db", "SELECT * FROM documents")}
    for url, expected in letters.items():
        doc = docs[url]
        assert doc["error"] is None, (url, doc["error"])
        assert doc["title"], url
        assert doc["date"] == expected["date"], (url, doc["date"], expected["date"])
        assert len(doc["text"].split()) > 40, url


def test_captures_point_into_warc_files_with_their_digest(built):
    from captures.warcstore import read_payload
    import hashlib

    captures = rows(built / "archive.db", "SELECT * FROM captures WHERE record_type = 'response' LIMIT 20")
    assert captures
    for capture in captures:
        payload = read_payload(built / "data", capture["warc_file"], capture["warc_offset"])
        body = payload[1] if isinstance(payload, tuple) else payload
        assert hashlib.sha256(body).hexdigest() == capture["sha256"]


def test_make_extract_rebuilds_the_same_archive_offline(built, tmp_path):
    again = tmp_path / "again.db"
    build(built / "data", again, as_of="2024-01-01")
    query = "SELECT url, title, date, doc_type, text FROM documents ORDER BY url"
    assert rows(again, query) == rows(built / "archive.db", query)
    query = "SELECT id, kind, actor, quote, due_start, due_end, status FROM commitments ORDER BY id"
    assert rows(again, query) == rows(built / "archive.db", query)


def test_one_file_cli_prints_the_json_contract(tmp_path):
    letter = next(d for d in MANIFEST["documents"] if d["kind"] == "letter")
    host_path = letter["url"].split("://", 1)[1]
    page = ROOT / "mirror" / "site" / host_path / "index.html"
    out = subprocess.run(
        [sys.executable, "-m", "extract", str(page), "--url", letter["url"]],
        capture_output=True, text=True, check=True, cwd=ROOT,
    ).stdout
    data = json.loads(out)
    for key in ("title", "date", "doc_type", "sender", "recipients", "parties", "dates", "commitments", "links"):
        assert key in data
    assert data["title"] == letter["title"]
    assert data["date"] == letter["date"]
    assert set(data["sender"]) == {"name", "role", "organisation"}
    for date in data["dates"]:
        assert set(date) == {"text", "start", "end", "granularity"}
    for commitment in data["commitments"]:
        assert set(commitment) == {"kind", "actor", "quote", "due"}


def test_commitments_keep_the_offsets_of_their_words(built):
    """Issue 12 item 6: pages mark a commitment by its span; paragraph text[char_start:char_end] is the quote."""
    found = rows(built / "archive.db",
                 "SELECT c.quote, c.char_start, c.char_end, p.text FROM commitments c JOIN paragraphs p "
                 "ON p.document_id = c.document_id AND p.n = c.paragraph")
    assert len(found) >= 10
    for row in found:
        assert row["char_start"] is not None and row["char_end"] is not None, row["quote"]
        assert row["text"][row["char_start"]:row["char_end"]] == row["quote"]
