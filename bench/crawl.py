"""`bench_crawl()`: crawl speed and refresh cost on a generated 2,500-letter mirror served on loopback.

Rows (what, size, figure, unit) for `python -m bench crawl`. Throttling is off (loopback only): the figure is
the crawler's own cost (Scrapy, parsing, WARC writing with an fsync per record, SQLite), not a live-site rate,
which politeness holds to well under one page per second per host.
"""
from __future__ import annotations

import sqlite3
import tempfile
import time
from pathlib import Path

from crawler.run import crawl


def bench_crawl(n_letters: int = 2500) -> list[tuple]:
    from mirror.generate import CsvMissing, generate
    from mirror.serve import start

    rows: list[tuple] = []
    with tempfile.TemporaryDirectory(prefix="bench-crawl-") as tmp:
        root = Path(tmp) / "site"
        try:
            generate(root, n_letters=n_letters, seed=0)
        except CsvMissing as exc:
            return [("crawl benchmark skipped", "-", str(exc), "-")]
        data = Path(tmp) / "data"
        size = f"{n_letters} letters"
        with start(root) as mirror:
            t0 = time.monotonic()
            full = crawl(data, mirror=mirror.url, throttle=False, log_level="WARNING")
            full_wall = time.monotonic() - t0
            t0 = time.monotonic()
            refresh = crawl(data, mirror=mirror.url, mode="refresh", throttle=False, log_level="WARNING")
            refresh_wall = time.monotonic() - t0
            t0 = time.monotonic()
            revalidate = crawl(data, mirror=mirror.url, mode="full", throttle=False, log_level="WARNING")
            revalidate_wall = time.monotonic() - t0
        warc_bytes = sum(p.stat().st_size for p in (data / "warc").glob("*.warc.gz"))
        conn = sqlite3.connect(data / "captures.db")
        docs = conn.execute("SELECT count(DISTINCT document_url) FROM captures WHERE document_url IS NOT NULL").fetchone()[0]
        conn.close()
    rows += [
        ("full crawl, loopback, no throttle: pages/second", size, full.responses / full.seconds, "pages/s"),
        ("full crawl: requests", size, full.requests, "requests"),
        ("full crawl: seconds (in crawl / wall incl. process start)", size, f"{full.seconds:.1f} / {full_wall:.1f}", "s"),
        ("full crawl: documents captured", size, docs, "documents"),
        ("full crawl: WARC bytes per document", size, round(warc_bytes / max(docs, 1)), "bytes"),
        ("no-change refresh: requests", size, refresh.requests, "requests"),
        ("no-change refresh: requests as share of full crawl", size, 100.0 * refresh.requests / full.requests, "%"),
        ("no-change refresh: seconds as share of full crawl", size, 100.0 * refresh.seconds / full.seconds, "%"),
        ("no-change refresh: wall seconds (incl. process start)", size, refresh_wall, "s"),
        ("no-change refresh: new captures", size, refresh.new_captures + refresh.revisits, "captures"),
        ("FULL=1 revalidation: requests answered 304", size, revalidate.not_modified, "requests"),
        ("FULL=1 revalidation: seconds as share of full crawl", size, 100.0 * revalidate.seconds / full.seconds, "%"),
        ("FULL=1 revalidation: wall seconds", size, revalidate_wall, "s"),
    ]
    return rows


if __name__ == "__main__":
    for row in bench_crawl():
        print(*row, sep="\t")
