"""Publishing bench: p50/p95 of search and timeline requests through a real Datasette over HTTP, on a generated
archive of 100,000 documents (archive/fixture_archive.py). The generated database is cached under bench/out/,
keyed by a hash of the code that shapes it, so it is rebuilt only when that code changes.

`bench_publishing() -> [(what, size, figure, unit)]`; `python -m web.bench [N_DOCUMENTS]` prints the rows.
"""
from __future__ import annotations

import hashlib
import sqlite3
import sys
import time
from pathlib import Path

from archive.fixture_archive import make_fixture_archive
from web.testing import running_datasette

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
SHAPERS = ["archive/fixture_archive.py", "archive/schema.py", "archive/timeline.py"]
REPEAT = 20


def cached_archive(n_documents: int) -> tuple[Path, float | None]:
    """The generated archive for n documents and the seconds it took to generate (None when cached)."""
    digest = hashlib.sha256(b"".join((ROOT / p).read_bytes() for p in SHAPERS)).hexdigest()[:12]
    path = OUT / f"web-{n_documents}-{digest}" / "archive.db"
    if path.exists():
        return path, None
    for old in OUT.glob(f"web-{n_documents}-*/archive.db*"):
        old.unlink()
    started = time.perf_counter()
    tmp = path.with_name("building.db")
    make_fixture_archive(tmp, n_documents=n_documents, seed=0)
    tmp.rename(path)
    return path, time.perf_counter() - started


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def _time(server, path: str, params: dict, repeat: int) -> tuple[list[float], int]:
    status, _headers, body = server.get(path, **params)  # warm the page cache and the query plan
    assert status == 200, (path, params, status, body[:300])
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        status, _headers, body = server.get(path, **params)
        times.append((time.perf_counter() - started) * 1000)
        assert status == 200, (path, status)
    return times, len(body)


def cases(conn) -> list[tuple[str, str, dict]]:
    org = conn.execute("select party_id from timeline_parties where party_id like 'org:%' and party_id !="
                       " 'org:office-for-statistics-regulation' group by 1 order by count(*) desc limit 1"
                       ).fetchone()[0]
    thread = conn.execute("select id from threads order by document_count desc limit 1").fetchone()[0]
    doc = conn.execute("select document_id from commitments order by rowid limit 1").fetchone()[0]
    no_dates = {"from": "", "to": ""}
    return [
        ("search, common word (every document), newest first", "/archive/search.json",
         {"q": "statistics", **no_dates, "_shape": "array"}),
        ("search, rare word, newest first", "/archive/search.json", {"q": "quinquennial", **no_dates, "_shape": "array"}),
        ("search, common phrase, newest first", "/archive/search.json",
         {"q": '"labour market"', **no_dates, "_shape": "array"}),
        ("search ranked (bm25, bounded), common word", "/archive/search_ranked.json",
         {"q": "statistics", "_shape": "array"}),
        ("search ranked (bm25, bounded), rare word", "/archive/search_ranked.json",
         {"q": "quinquennial", "_shape": "array"}),
        ("table search documents?_search=, common word", "/archive/documents.json",
         {"_search": "statistics", "_shape": "array"}),
        ("timeline query, one organisation, 2019-2023", "/archive/timeline_events.json",
         {"party": org, "thread": "", "from": "2019-01-01", "to": "2023-12-31", "_shape": "array"}),
        ("timeline page /timeline, unfiltered (latest 1,000 events)", "/timeline", {}),
        ("timeline page /timeline, one organisation", "/timeline", {"org": org}),
        ("timeline page /timeline, one thread", "/timeline", {"thread": thread}),
        ("document page", f"/archive/documents/{doc}", {}),
        ("documents table page with its facets", "/archive/documents", {}),
        ("open commitments query", "/archive/open_commitments.json", {"party": org, "_shape": "array"}),
        ("Atom feed of new documents", "/archive/feed_documents.atom", {}),
    ]


def bench_publishing(n_documents: int = 100_000, repeat: int = REPEAT) -> list[tuple[str, str, float, str]]:
    path, generated = cached_archive(n_documents)
    size = f"{n_documents:,} docs"
    rows = []
    if generated is not None:
        rows.append(("generate fixture archive (bulk inserts, timeline, FTS)", size, round(generated, 1), "s"))
    rows.append(("fixture archive size on disk", size, round(path.stat().st_size / 1e6), "MB"))
    conn = sqlite3.connect(path)
    try:
        planned = cases(conn)
        counts = {"statistics": conn.execute(
            "select count(*) from documents_fts where documents_fts match 'statistics'").fetchone()[0]}
    finally:
        conn.close()
    rows.append(("documents matching the common word", size, counts["statistics"], "docs"))
    with running_datasette(path) as server:
        for what, url, params in planned:
            times, _size = _time(server, url, params, repeat)
            rows.append((f"{what}: p50", size, round(_percentile(times, 0.5), 1), "ms"))
            rows.append((f"{what}: p95", size, round(_percentile(times, 0.95), 1), "ms"))
    return rows


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    for row in bench_publishing(n):
        print(f"{row[0]:70s} {row[1]:>14s} {row[2]:>10} {row[3]}")
