"""Issue #3 item 6: each nightly refresh revalidates a rolling share of the known documents, the least recently
checked first, so a page that changes (or disappears) without any listing saying so is caught within 1/share nights."""
from __future__ import annotations

import math
import sqlite3

from crawler.run import crawl
from mirror.serve import copy_site, start

CHANGED = "https://osr.statisticsauthority.gov.uk/correspondence/mark-pont-to-keith-morris-road-safety-statistics-2/"
DELETED = "https://uksa.statisticsauthority.gov.uk/correspondence/sir-david-norgrove-to-rachel-whitcombe-mp-2/"


def captures_of(data, url: str) -> int:
    conn = sqlite3.connect(data / "captures.db")
    try:
        return conn.execute("SELECT count(*) FROM captures WHERE url = ? AND record_type = 'response'",
                            (url,)).fetchone()[0]
    finally:
        conn.close()


def withdrawn(data, url: str) -> bool:
    conn = sqlite3.connect(data / "captures.db")
    try:
        row = conn.execute("SELECT withdrawn_at FROM url_state WHERE url = ?", (url,)).fetchone()
        return bool(row and row[0])
    finally:
        conn.close()


def test_silent_changes_and_withdrawals_are_caught_by_the_rolling_share(tmp_path):
    site = copy_site(tmp_path)
    data = tmp_path / "data"
    share = 0.25
    with start(site.root) as mirror:
        full = crawl(data, mirror=mirror.url, throttle=False)
        assert full.exit_ok, full.report()
        assert captures_of(data, CHANGED) == 1
        site.change(CHANGED, "Dear Keith,", "Dear Keith, (silently amended)")
        site.delete(DELETED)
        nights = 0
        while nights < math.ceil(1 / share) and not (captures_of(data, CHANGED) == 2 and withdrawn(data, DELETED)):
            mirror.clear_log()
            crawl(data, mirror=mirror.url, mode="refresh", throttle=False, rolling_share=share)
            nights += 1
            assert len(mirror.requests) < full.requests, "a refresh sends fewer requests than a full crawl"
    assert captures_of(data, CHANGED) == 2, f"the silent change was not caught in {nights} nights"
    assert withdrawn(data, DELETED), f"the withdrawn page was not noticed in {nights} nights"
