"""Publish a finished staging archive into the served database, atomically.

Design (issue #7 item 9, issue #8 item 1): the served file is never replaced. It is kept in WAL mode and the new
state is copied into it in ONE write transaction (`BEGIN IMMEDIATE … COMMIT`). A Datasette reading it the whole
time sees, for every query, either the old archive or the new one: WAL readers keep their snapshot until the commit.
Measured with Datasette 0.65.5: `os.replace` of the file made a running Datasette serve old data or a mix, and `-i`
(immutable) with a changed file gave "database disk image is malformed". Both are avoided here.

Before anything is written the staging file must pass `PRAGMA integrity_check`, and the archive may not shrink:
documents are never dropped (a page that disappears is marked withdrawn), so fewer documents than the served
archive holds means something went wrong upstream and the publish is refused.

After the commit, `publish` writes the researchers' bulk snapshot beside the served file (archive/snapshot.py,
issue 13 item 8). The publish stands whatever happens to the snapshot: a failure is logged and returned in
`PublishResult.snapshot_error`, and the previous complete snapshot stays served.
"""
from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)


class PublishRefused(RuntimeError):
    """The staging archive failed a check; the served archive was left untouched."""


@dataclass
class PublishResult:
    tables: int
    documents_before: int
    documents_after: int
    snapshot: Path | None = None  # the snapshot folder written after the publish
    snapshot_error: str | None = None  # why it could not be written (the publish itself stands)


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=120, isolation_level=None)
    conn.execute("PRAGMA busy_timeout = 120000")
    return conn


def _objects(conn: sqlite3.Connection, schema: str = "main") -> dict[str, tuple[str, str]]:
    rows = conn.execute(f"SELECT name, type, sql FROM {schema}.sqlite_master WHERE sql IS NOT NULL").fetchall()
    return {name: (kind, sql) for name, kind, sql in rows}


def _fts_tables(objects: dict[str, tuple[str, str]]) -> set[str]:
    return {n for n, (k, sql) in objects.items() if k == "table" and "VIRTUAL TABLE" in sql.upper()}


def _is_shadow(name: str, fts: set[str]) -> bool:
    return any(name.startswith(f"{v}_") and name[len(v) + 1:] in {"data", "idx", "docsize", "config", "content"}
               for v in fts)


def _count(conn: sqlite3.Connection, schema: str = "main") -> int:
    try:
        return conn.execute(f"SELECT count(*) FROM {schema}.documents").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def check_staging(staging: Path) -> None:
    conn = _connect(staging)
    conn.text_factory = lambda raw: raw.decode("utf-8", "replace")  # a damaged page can quote raw bytes
    try:
        result = conn.execute("PRAGMA integrity_check").fetchone()[0]
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:  # SQLite may quote a damaged page's raw bytes
        raise PublishRefused(f"staging archive {staging} is damaged: {type(exc).__name__}: {exc}") from exc
    finally:
        conn.close()
    if result != "ok":
        raise PublishRefused(f"staging archive {staging} failed integrity_check: {result[:300]}")


def publish(staging: str | Path, target: str | Path, *, allow_shrink: bool = False,
            snapshot: bool = True) -> PublishResult:
    staging, target = Path(staging), Path(target)
    if not staging.exists():
        raise PublishRefused(f"no staging archive at {staging}")
    check_staging(staging)
    conn = _connect(target)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("ATTACH DATABASE ? AS s", (str(staging),))
        before = _count(conn)
        after = _count(conn, "s")
        if after < before and not allow_shrink:
            raise PublishRefused(
                f"refusing to publish: the new archive has {after} documents, the served one {before} "
                "(documents are never dropped; a crawl or build went wrong)"
            )
        src = _objects(conn, "s")
        dst = _objects(conn, "main")
        fts = _fts_tables(src)
        # tables named _* are the build's own bookkeeping (archive/buildstate.py), never served
        tables = [n for n, (k, _) in src.items()
                  if k == "table" and n not in fts and not _is_shadow(n, fts) and not n.startswith(("sqlite_", "_"))]
        conn.execute("BEGIN IMMEDIATE")
        try:
            for name in tables:
                _sync_table(conn, name, src[name][1], dst.get(name))
            for name in sorted(fts):
                if name not in dst:
                    conn.execute(src[name][1])
                conn.execute(f"INSERT INTO [{name}]([{name}]) VALUES('rebuild')")
            for name, (kind, sql) in src.items():
                if kind in ("view", "index", "trigger") and not name.startswith(("sqlite_", "_")):
                    if name in dst and dst[name][1] != sql:
                        conn.execute(f"DROP {kind.upper()} IF EXISTS [{name}]")
                    if name not in dst or dst[name][1] != sql:
                        conn.execute(sql)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
        result = PublishResult(tables=len(tables), documents_before=before, documents_after=after)
    finally:
        conn.close()
    if snapshot:
        _write_snapshot(target, result)
    return result


def _write_snapshot(target: Path, result: PublishResult) -> None:
    from archive.snapshot import SnapshotFailed, write_snapshot

    try:
        result.snapshot = write_snapshot(target).path
    except SnapshotFailed as exc:  # recorded in the result and the log
        result.snapshot_error = str(exc)
        log.error("published %s, but its bulk-data snapshot failed (the previous one stays served): %s",
                  target, result.snapshot_error)


def _sync_table(conn: sqlite3.Connection, name: str, create_sql: str, existing) -> None:
    if existing is None:
        conn.execute(create_sql)
    src_cols = [r[1] for r in conn.execute(f"PRAGMA s.table_info([{name}])")]
    dst_info = {r[1]: r[2] for r in conn.execute(f"PRAGMA main.table_info([{name}])")}
    src_types = {r[1]: r[2] for r in conn.execute(f"PRAGMA s.table_info([{name}])")}
    for column in src_cols:
        if column not in dst_info:
            conn.execute(f"ALTER TABLE [{name}] ADD COLUMN [{column}] {src_types[column]}")
    cols = ", ".join(f"[{c}]" for c in src_cols)
    conn.execute(f"DELETE FROM main.[{name}]")
    conn.execute(f"INSERT INTO main.[{name}] ({cols}) SELECT {cols} FROM s.[{name}]")
