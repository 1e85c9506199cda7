"""A damaged WARC record never costs a document its text: the build reads the newest capture it can, and says so."""
from __future__ import annotations

import json
import sqlite3

from archive.build import build
from crawler.run import crawl
from mirror.serve import copy_site, start

URL = "https://osr.statisticsauthority.gov.uk/correspondence/ed-humpherson-to-sir-ian-diamond-data-linkage/"


def test_unreadable_latest_capture_falls_back_to_the_previous_one(tmp_path):
    site = copy_site(tmp_path)
    data, db = tmp_path / "data", tmp_path / "archive.db"
    with start(site.root) as mirror:
        crawl(data, mirror=mirror.url, throttle=False)
        site.change(URL, "Dear Ian,", "Dear Ian, (amended)")
        crawl(data, mirror=mirror.url, mode="full", throttle=False)  # FULL=1: revalidate every page
    conn = sqlite3.connect(data / "captures.db")
    rows = conn.execute(
        "SELECT id, warc_file, warc_offset FROM captures WHERE document_url = ? AND record_type = 'response' "
        "ORDER BY id", (URL,)).fetchall()
    conn.close()
    assert len(rows) == 2, "the changed page was captured again"
    _, warc_file, offset = rows[-1]
    with open(data / warc_file, "r+b") as fh:  # scribble over the newest record's gzip member
        fh.seek(offset + 20)
        fh.write(b"\x00" * 200)
    build(data, db, as_of="2024-01-01")
    conn = sqlite3.connect(db)
    text, error, warnings = conn.execute(
        "SELECT text, error, warnings FROM documents WHERE url = ?", (URL,)).fetchone()
    assert error is None
    assert "Dear Ian," in text and "(amended)" not in text, "text of the previous, readable capture"
    assert any("unreadable" in w for w in json.loads(warnings))
