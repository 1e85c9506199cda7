"""Persisting a crawl: WARC records first (flushed and fsynced), then captures.db rows in one transaction.

Crash safety (issue 3 "Incremental", issue 8): a captures row is inserted only after `WarcWriter` has fsynced
its record, and the row, its url_state update and its doc_id go in one SQLite transaction (WAL,
synchronous=FULL). A SIGKILL between the two leaves a durable WARC record with no row: the next run finds
url_state unchanged, fetches the URL again and writes a new record and its row; nothing is ever half-written
in the database, and no capture is duplicated. A record cut short in the WARC file is never referenced.

Withdrawn pages: a 404/410 for a URL that was captured before sets url_state.withdrawn_at (kept until it
comes back) and adds a fetch_errors row `withdrawn_404`/`withdrawn_410`; no captures row is written, so the
build's "latest good capture" is always a real page. A 404 for a URL never captured is `http_404`.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from captures import capturedb
from captures.warcstore import WarcWriter
from crawler.items import Alias, Capture, FetchError, Gone, ListingSeen, NotModified

DOC_ROLES = ("document", "chapter", "attachment")


def now_iso() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Known:
    url: str
    kind: str | None
    document_url: str | None
    etag: str | None
    last_modified: str | None
    sha256: str | None
    last_status: int | None
    withdrawn_at: str | None
    last_checked: str | None
    wp_modified: str | None
    sitemap_lastmod: str | None
    warc_file: str | None = None      # latest response record for this URL (to re-read on a 304)
    warc_offset: int | None = None


class CaptureStore:
    def __init__(self, data_dir: str | Path, run_id: str, mode: str):
        self.data_dir = Path(data_dir)
        self.run_id = run_id
        self.mode = mode
        self.conn = capturedb.connect(self.data_dir)
        self.writer = WarcWriter(self.data_dir, run_id)
        self.counts = {"new_captures": 0, "revisits": 0, "not_modified": 0, "withdrawn": 0, "errors": 0}
        self.errors: list[tuple[str, str]] = []

    # ---- reading state (a snapshot taken when the run starts) ------------------------------------------
    def known(self) -> dict[str, Known]:
        rows = self.conn.execute(
            "SELECT s.url, s.kind, s.document_url, s.etag, s.last_modified, s.sha256, s.last_status, s.withdrawn_at,"
            " s.last_checked, s.wp_modified, s.sitemap_lastmod, c.warc_file, c.warc_offset FROM url_state s"
            " LEFT JOIN captures c ON c.id = (SELECT max(id) FROM captures WHERE url = s.url"
            " AND record_type = 'response' AND http_status = 200)").fetchall()
        return {r["url"]: Known(*r) for r in rows}

    def aliases(self) -> dict[str, str]:
        return {r[0]: r[1] for r in self.conn.execute("SELECT alias_url, canonical_url FROM aliases")}

    def listing_signatures(self) -> dict[str, set[tuple]]:
        out: dict[str, set[tuple]] = {}
        for r in self.conn.execute("SELECT url, title, date_text, fromto FROM listing_entries"):
            out.setdefault(r["url"], set()).add((r["title"], r["date_text"], r["fromto"]))
        return out

    # ---- runs ------------------------------------------------------------------------------------------
    def start_run(self) -> None:
        with self.conn:
            self.conn.execute("UPDATE crawl_runs SET status = 'interrupted' WHERE status = 'running'")
            self.conn.execute("INSERT INTO crawl_runs (run_id, started, mode, status) VALUES (?, ?, ?, 'running')",
                              (self.run_id, now_iso(), self.mode))

    def finish_run(self, summary: dict) -> None:
        with self.conn:
            self.conn.execute(
                "UPDATE crawl_runs SET finished=?, requests=?, responses=?, new_captures=?, errors=?, status=?,"
                " revisits=?, not_modified=?, withdrawn=?, summary=? WHERE run_id=?",
                (now_iso(), summary["requests"], summary["responses"], summary["new_captures"],
                 len(summary["errors"]), "ok" if summary["exit_ok"] else "errors", summary["revisits"],
                 summary["not_modified"], summary["withdrawn"], json.dumps(summary), self.run_id))

    def close(self) -> None:
        self.writer.close()
        self.conn.close()

    # ---- writing ---------------------------------------------------------------------------------------
    def handle(self, item) -> None:
        if isinstance(item, Capture):
            self.capture(item)
        elif isinstance(item, NotModified):
            self.not_modified(item)
        elif isinstance(item, Gone):
            self.gone(item)
        elif isinstance(item, FetchError):
            self.error(item.url, item.error, item.detail)
        elif isinstance(item, Alias):
            self.alias(item)
        elif isinstance(item, ListingSeen):
            self.listing(item)
        else:
            raise TypeError(f"unknown item {type(item).__name__}")

    def _state(self, url: str):
        return self.conn.execute("SELECT sha256, withdrawn_at FROM url_state WHERE url = ?", (url,)).fetchone()

    def capture(self, c: Capture) -> str:
        """Write the record (response, or revisit when the payload equals the URL's last one), then the row."""
        meta = {"role": c.role, "document_url": c.document_url, "part": c.part, "parent_url": c.parent_url,
                "requested_url": c.requested_url}
        get = {k.lower(): v for k, v in c.headers}
        state = self._state(c.url)
        sha = hashlib.sha256(c.body).hexdigest()
        original = None
        if state is not None and state["sha256"] == sha and not c.full_record:
            original = self.conn.execute(
                "SELECT url, fetched_at FROM captures WHERE url = ? AND sha256 = ? AND record_type = 'response'"
                " ORDER BY id DESC LIMIT 1", (c.url, sha)).fetchone()
        common = dict(request_headers=c.request_headers, fetched_at=c.fetched_at, protocol=c.protocol, meta=meta)
        if original is not None:
            ref = self.writer.write_revisit(c.url, c.status, c.headers, sha, refers_to_uri=original["url"],
                                            refers_to_date=original["fetched_at"], **common)
        else:
            ref = self.writer.write_response(c.url, c.status, c.headers, c.body, ip=c.ip, **common)
        # the record is durable: now the row, its url_state and doc_id, in one transaction
        with self.conn:
            self.conn.execute(
                "INSERT INTO captures (url, requested_url, document_url, part, role, parent_url, fetched_at,"
                " http_status, content_type, sha256, warc_file, warc_offset, warc_length, record_type, etag,"
                " last_modified, run_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (c.url, c.requested_url, c.document_url, c.part, c.role, c.parent_url, c.fetched_at, c.status,
                 get.get("content-type"), sha, ref.warc_file, ref.offset, ref.length, ref.record_type,
                 get.get("etag"), get.get("last-modified"), self.run_id))
            self._upsert_state(c.url, c.kind, c.document_url, c.status, get.get("etag"), get.get("last-modified"),
                               sha, c.source, c.wp_modified, c.sitemap_lastmod)
            if c.role in DOC_ROLES and c.document_url:
                capturedb.document_id(self.conn, c.document_url, c.fetched_at)
        self.counts["new_captures" if ref.record_type == "response" else "revisits"] += 1
        return ref.record_type

    def _upsert_state(self, url, kind, document_url, status, etag, last_modified, sha, source,
                      wp_modified=None, sitemap_lastmod=None) -> None:
        t = now_iso()
        self.conn.execute(
            "INSERT INTO url_state (url, kind, document_url, first_seen, last_seen, last_status, etag, last_modified,"
            " sha256, withdrawn_at, last_checked, source, wp_modified, sitemap_lastmod)"
            " VALUES (?,?,?,?,?,?,?,?,?,NULL,?,?,?,?)"
            " ON CONFLICT(url) DO UPDATE SET kind=excluded.kind, document_url=excluded.document_url,"
            " last_seen=excluded.last_seen, last_status=excluded.last_status, etag=excluded.etag,"
            " last_modified=excluded.last_modified, sha256=excluded.sha256, withdrawn_at=NULL,"
            " last_checked=excluded.last_checked, source=coalesce(excluded.source, url_state.source),"
            " wp_modified=coalesce(excluded.wp_modified, url_state.wp_modified),"
            " sitemap_lastmod=coalesce(excluded.sitemap_lastmod, url_state.sitemap_lastmod)",
            (url, kind, document_url, t, t, status, etag, last_modified, sha, t, source, wp_modified, sitemap_lastmod))

    def not_modified(self, item: NotModified) -> None:
        t = now_iso()
        with self.conn:
            self.conn.execute(
                "UPDATE url_state SET last_seen=?, last_checked=?, last_status=304, withdrawn_at=NULL,"
                " not_modified_count=coalesce(not_modified_count, 0) + 1,"
                " wp_modified=coalesce(?, wp_modified), sitemap_lastmod=coalesce(?, sitemap_lastmod) WHERE url=?",
                (t, t, item.wp_modified, item.sitemap_lastmod, item.url))
        self.counts["not_modified"] += 1

    def gone(self, item: Gone) -> None:
        t = now_iso()
        state = self.conn.execute("SELECT sha256, withdrawn_at FROM url_state WHERE url = ?", (item.url,)).fetchone()
        existed = state is not None and state["sha256"] is not None
        with self.conn:
            if existed:
                self.conn.execute("UPDATE url_state SET last_status=?, last_checked=?,"
                                  " withdrawn_at=coalesce(withdrawn_at, ?) WHERE url=?",
                                  (item.status, t, t, item.url))
                if state["withdrawn_at"] is None:
                    self.counts["withdrawn"] += 1
            self._error_row(item.url, f"withdrawn_{item.status}" if existed else f"http_{item.status}",
                            "was captured before; marked withdrawn" if existed else "not found")

    def _error_row(self, url: str, error: str, detail: str) -> None:
        self.conn.execute("INSERT INTO fetch_errors (url, at, error, detail, run_id) VALUES (?,?,?,?,?)",
                          (url, now_iso(), error, detail[:2000], self.run_id))
        self.counts["errors"] += 1
        self.errors.append((url, error))

    def error(self, url: str, error: str, detail: str = "") -> None:
        with self.conn:
            self._error_row(url, error, detail)

    def alias(self, item: Alias) -> None:
        if item.alias_url == item.canonical_url:
            return
        with self.conn:
            self.conn.execute("INSERT OR IGNORE INTO aliases (alias_url, canonical_url, kind, first_seen)"
                              " VALUES (?,?,?,?)", (item.alias_url, item.canonical_url, item.kind, now_iso()))

    def listing(self, item: ListingSeen) -> None:
        t = now_iso()
        with self.conn:   # one transaction per listing page
            self.conn.executemany(
                "INSERT INTO listing_entries (url, listing_url, title, date_text, fromto, seen_at) VALUES (?,?,?,?,?,?)"
                " ON CONFLICT(url, listing_url) DO UPDATE SET title=excluded.title, date_text=excluded.date_text,"
                " fromto=excluded.fromto, seen_at=excluded.seen_at",
                [(url, item.listing_url, title, date_text, fromto, t) for url, title, date_text, fromto in item.entries])

    def note_discovery(self, url: str, kind: str, *, wp_modified: str | None = None,
                       sitemap_lastmod: str | None = None) -> None:
        """Keep what a sitemap or the WP API said about a URL, for the next refresh to compare against."""
        with self.conn:
            self.conn.execute(
                "INSERT INTO url_state (url, kind, first_seen, wp_modified, sitemap_lastmod) VALUES (?,?,?,?,?)"
                " ON CONFLICT(url) DO UPDATE SET wp_modified=coalesce(excluded.wp_modified, url_state.wp_modified),"
                " sitemap_lastmod=coalesce(excluded.sitemap_lastmod, url_state.sitemap_lastmod)",
                (url, kind, now_iso(), wp_modified, sitemap_lastmod))
