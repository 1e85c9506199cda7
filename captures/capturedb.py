"""DATA/captures.db: the index of raw captures kept in DATA/warc/*.warc.gz (see docs/DESIGN.md).

Written by the crawler, read by the build. It can be rebuilt from the WARC files alone
(`archive.warcstore.rebuild_capture_index`).
"""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

CAPTURE_SCHEMA = """
CREATE TABLE IF NOT EXISTS captures (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,              -- canonical real URL fetched (after redirects); never the mirror's
    requested_url TEXT,             -- the URL first requested, when different
    document_url TEXT,              -- canonical URL of the document this capture belongs to
    part INTEGER NOT NULL DEFAULT 0,-- chapter page number; 0 for the main page
    role TEXT,                      -- document | chapter | attachment
    parent_url TEXT,                -- for attachments: the page that linked it
    fetched_at TEXT NOT NULL,       -- ISO 8601 UTC
    http_status INTEGER,
    content_type TEXT,
    sha256 TEXT,                    -- sha256 of the payload (body after content-encoding is removed)
    warc_file TEXT,                 -- relative to DATA
    warc_offset INTEGER,
    warc_length INTEGER,
    record_type TEXT,               -- response | revisit
    etag TEXT,
    last_modified TEXT,
    run_id TEXT
);
CREATE INDEX IF NOT EXISTS captures_url ON captures(url);
CREATE INDEX IF NOT EXISTS captures_document_url ON captures(document_url);
CREATE INDEX IF NOT EXISTS captures_sha256 ON captures(sha256);

CREATE TABLE IF NOT EXISTS doc_ids (
    id INTEGER PRIMARY KEY AUTOINCREMENT,  -- documents.id in archive.db: stable for the life of the archive
    url TEXT NOT NULL UNIQUE,
    first_seen TEXT
);

CREATE TABLE IF NOT EXISTS aliases (
    alias_url TEXT PRIMARY KEY,
    canonical_url TEXT NOT NULL,
    kind TEXT,                       -- redirect | slash | listing | embed
    first_seen TEXT
);

CREATE TABLE IF NOT EXISTS listing_entries (
    url TEXT NOT NULL,
    listing_url TEXT NOT NULL,
    title TEXT,
    date_text TEXT,
    fromto TEXT,
    seen_at TEXT,
    PRIMARY KEY (url, listing_url)
);

CREATE TABLE IF NOT EXISTS url_state (
    url TEXT PRIMARY KEY,
    kind TEXT,                        -- letter | publication | chapter | attachment | listing | other
    document_url TEXT,
    first_seen TEXT,
    last_seen TEXT,
    last_status INTEGER,
    etag TEXT,
    last_modified TEXT,
    sha256 TEXT,
    withdrawn_at TEXT,
    last_checked TEXT
);

CREATE TABLE IF NOT EXISTS fetch_errors (
    id INTEGER PRIMARY KEY,
    url TEXT,
    at TEXT,
    error TEXT,                       -- a short class: http_500 | timeout | too_large | redirect_loop | ...
    detail TEXT,
    run_id TEXT
);

CREATE TABLE IF NOT EXISTS crawl_runs (
    run_id TEXT PRIMARY KEY,
    started TEXT,
    finished TEXT,
    mode TEXT,
    requests INTEGER,
    responses INTEGER,
    new_captures INTEGER,
    errors INTEGER,
    status TEXT
);
"""


# Columns added after the first schema (applied to older databases by `connect`).
ADDED_COLUMNS = {
    "url_state": {"source": "TEXT", "wp_modified": "TEXT", "sitemap_lastmod": "TEXT", "not_modified_count": "INTEGER"},
    "crawl_runs": {"revisits": "INTEGER", "not_modified": "INTEGER", "withdrawn": "INTEGER", "summary": "TEXT"},
}


def _add_columns(conn: sqlite3.Connection) -> None:
    for table, columns in ADDED_COLUMNS.items():
        have = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
        for name, decl in columns.items():
            if name not in have:
                try:
                    conn.execute(f"ALTER TABLE {table} ADD COLUMN {name} {decl}")
                except sqlite3.OperationalError as exc:  # another connection added it first
                    if "duplicate column" not in str(exc):
                        raise


class ReadOnlyData(RuntimeError):
    """DATA cannot be written and the step at hand needs to write it."""


def writable(data_dir: str | Path) -> bool:
    """Whether DATA (and its captures.db, if any) can be written: False on a read-only copy of the evidence."""
    data_dir = Path(data_dir)
    db = data_dir / "captures.db"
    return os.access(data_dir, os.W_OK) and (not db.exists() or os.access(db, os.W_OK))


def connect_readonly(data_dir: str | Path) -> sqlite3.Connection:
    """DATA/captures.db opened read-only (a read-only copy of the evidence: nothing is created or changed)."""
    path = Path(data_dir).resolve() / "captures.db"
    if not path.exists():
        raise FileNotFoundError(f"no captures in {data_dir}/ (captures.db is missing): crawl first, or check DATA")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError:
        # in WAL mode a read-only folder cannot hold the -shm file: read the file as it is (nobody can be
        # writing a read-only copy)
        conn = sqlite3.connect(f"file:{path}?immutable=1", uri=True)
    conn.row_factory = sqlite3.Row
    return conn


def connect(data_dir: str | Path) -> sqlite3.Connection:
    """Open (creating if needed) DATA/captures.db in WAL mode with the schema applied; read-only (nothing
    created) when DATA is a read-only copy of the evidence."""
    data_dir = Path(data_dir)
    if data_dir.is_dir() and not writable(data_dir):
        return connect_readonly(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(data_dir / "captures.db", timeout=60)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.executescript(CAPTURE_SCHEMA)
    _add_columns(conn)
    return conn


def document_id(conn: sqlite3.Connection, url: str, seen_at: str | None = None) -> int:
    """The stable archive id of a canonical document URL, assigning one the first time it is seen."""
    row = conn.execute("SELECT id FROM doc_ids WHERE url = ?", (url,)).fetchone()
    if row:
        return row[0]
    try:
        cur = conn.execute("INSERT INTO doc_ids (url, first_seen) VALUES (?, ?)", (url, seen_at))
    except sqlite3.OperationalError as exc:
        if "readonly" not in str(exc):
            raise
        raise ReadOnlyData(f"DATA is read-only and {url} has no document id yet (python -m frontdoor rebuild-index "
                           "on a writable copy assigns them)") from exc
    return cur.lastrowid
