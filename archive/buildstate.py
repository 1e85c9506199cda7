"""What an incremental build remembers in its staging file, and the keys that decide what it may keep.

* `code_fingerprint()`: the extractors' version (their code and the parties register) plus the build's own code
  and the sources' declarations. A staging file built under another fingerprint is rebuilt cold.
* `document_keys()`: one key per document from everything its rows are made of: its captures (ids, digests,
  times, statuses), chapters, aliases, crawl hints and withdrawal, and the same of the documents whose extraction
  its rows read (its page or its attachments, `archive.assemble.relatives`).
* `derive_key()`: every document key, `as_of` and the fingerprint: threads, citations, follow-up, the timeline
  and the search index are recomputed when it changes and kept when it does not.

The state lives in two tables whose names start with `_` (`_build_keys`, `_build_state`); publish leaves them out
of the served archive. A build marks the file incomplete before it changes anything and complete at the end, so
a build killed half-way is followed by a cold one, never by a build on top of a half-written file.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import sqlite_utils

import extract
from archive.schema import ensure_db_shape
from captures.groups import DocumentGroup

HERE = Path(__file__).resolve().parent
DERIVED_LINK_KINDS = ("reply_to", "follows_up", "cites")
# tables holding one document's loaded rows, and the column naming the document
DOCUMENT_TABLES = (("documents", "id"), ("paragraphs", "document_id"), ("document_versions", "document_id"),
                   ("aliases", "document_id"), ("document_parties", "document_id"), ("dates", "document_id"),
                   ("commitments", "document_id"))


def _digest(*parts) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def code_fingerprint() -> str:
    """The extractors' version, the build's code and the sources' declarations."""
    import captures

    files = sorted([*HERE.rglob("*.py"), Path(captures.__file__).with_name("groups.py"),
                    *Path(captures.__file__).parent.joinpath("sources").glob("*.yml")])
    digest = hashlib.sha256(extract.EXTRACTOR_VERSION.encode())
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _own_key(g: DocumentGroup) -> str:
    return _digest(
        g.id, g.url, g.role, g.parent_url, g.withdrawn_at, g.hints, g.aliases,
        [(v.id, v.sha256, v.fetched_at) for v in g.versions],
        [(c.id, c.sha256, c.part) for c in g.chapters],
        [(c.id, c.fetched_at, c.http_status, c.sha256) for c in g.captures],
    )


def document_keys(groups: list[DocumentGroup], relatives: dict[str, set[str]], fingerprint: str) -> dict[str, str]:
    own = {g.url: _own_key(g) for g in groups}
    return {url: _digest(own[url], sorted(own[r] for r in relatives.get(url, ())), fingerprint) for url in own}


def derive_key(keys: dict[str, str], as_of: str, fingerprint: str) -> str:
    return _digest(sorted(keys.values()), as_of, fingerprint)


def ensure(db: sqlite_utils.Database) -> None:
    db.execute("CREATE TABLE IF NOT EXISTS _build_keys (document_id INTEGER PRIMARY KEY, key TEXT NOT NULL)")
    db.execute("CREATE TABLE IF NOT EXISTS _build_state (key TEXT PRIMARY KEY, value TEXT)")


def remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def open_staging(path: Path, fingerprint: str) -> sqlite_utils.Database | None:
    """The staging file left complete by a build with this fingerprint, or None (then the build is cold)."""
    if not path.exists():
        return None
    try:
        db = sqlite_utils.Database(path)
        done = db.execute("SELECT value FROM _build_state WHERE key = 'complete'").fetchone()
    except sqlite3.DatabaseError:
        return None
    if not done or done[0] != fingerprint:
        db.close()
        return None
    ensure_db_shape(db)
    return db


def stored(db, key: str) -> str | None:
    row = db.execute("SELECT value FROM _build_state WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def stored_keys(db) -> dict[int, str]:
    return dict(db.execute("SELECT document_id, key FROM _build_keys").fetchall())


def store_keys(db, keys: dict[int, str]) -> None:
    db.conn.executemany("INSERT OR REPLACE INTO _build_keys (document_id, key) VALUES (?, ?)", keys.items())


def mark_incomplete(db) -> None:
    with db.conn:
        db.execute("INSERT OR REPLACE INTO _build_state (key, value) VALUES ('complete', NULL)")


def mark_complete(db, fingerprint: str, derive: str) -> None:
    with db.conn:
        db.conn.executemany("INSERT OR REPLACE INTO _build_state (key, value) VALUES (?, ?)",
                            [("derive_key", derive), ("complete", fingerprint)])


def delete_documents(db, ids: list[int]) -> None:
    """Remove the loaded rows of these documents (their derived rows are recomputed by derive)."""
    db.execute("CREATE TEMP TABLE IF NOT EXISTS _reload (id INTEGER PRIMARY KEY)")
    db.execute("DELETE FROM _reload")
    db.conn.executemany("INSERT INTO _reload (id) VALUES (?)", [(i,) for i in ids])
    for table, column in DOCUMENT_TABLES:
        db.execute(f"DELETE FROM [{table}] WHERE [{column}] IN (SELECT id FROM _reload)")
    kinds = ", ".join(f"'{k}'" for k in DERIVED_LINK_KINDS)
    db.execute(f"DELETE FROM links WHERE from_document_id IN (SELECT id FROM _reload) AND kind NOT IN ({kinds})")
    db.execute("DELETE FROM _build_keys WHERE document_id IN (SELECT id FROM _reload)")


def drop_unused_unresolved(db) -> None:
    """An unresolved party no document names any more goes, as a cold build would never have made it."""
    db.execute(
        "DELETE FROM parties WHERE resolved = 0 AND id NOT IN (SELECT party_id FROM document_parties) "
        "AND id NOT IN (SELECT actor FROM commitments WHERE actor IS NOT NULL)"
    )
