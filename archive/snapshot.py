"""Bulk data for researchers (issue 13 item 8): after every publish, a snapshot of the archive beside it.

    archive.db                     the served database
    archive-snapshot -> .archive-snapshots/20260630T120000Z     (a symlink, swapped atomically)
    .archive-snapshots/20260630T120000Z/
        archive.db                 a consistent copy (SQLite online backup API), readable while the server runs
        <table>.csv                one per public table (metadata.yml's tables that are not hidden), UTF-8, header row
        datapackage.json           Frictionless Data Package: every table's fields, types and descriptions,
                                   licences (OGL v3 for the documents, MIT for code and derived data), sources,
                                   and each file's size and sha256

Every file is written into a `.partial` folder, which is renamed when complete; then the `archive-snapshot` link
is replaced in one `rename`, so a reader (web/plugins/snapshot.py serves /snapshot/) only ever sees a complete
snapshot, the previous one until the new one is whole. Older versions and leftovers of an interrupted run are
removed afterwards. The CSVs are read from the copy, not the live file, so all files agree with each other.

`write_snapshot(db_path) -> Snapshot`; `python -m archive.snapshot archive.db` writes one by hand.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import logging
import os
import shutil
import sqlite3
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

log = logging.getLogger(__name__)

METADATA = Path(__file__).resolve().parent.parent / "metadata.yml"
OGL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
TYPES = {"INTEGER": "integer", "INT": "integer", "REAL": "number", "FLOAT": "number", "NUMERIC": "number",
         "TEXT": "string", "": "any"}


class SnapshotFailed(RuntimeError):
    """The snapshot could not be written; the previous one (if any) is still the current one."""


@dataclass
class Snapshot:
    path: Path  # the version folder the link now points to
    tables: dict[str, int] = field(default_factory=dict)  # table -> rows written


def snapshot_link(db_path: str | Path) -> Path:
    """Where the current snapshot of `db_path` is found: `<dir>/<stem>-snapshot` (a symlink)."""
    db_path = Path(db_path)
    return db_path.with_name(f"{db_path.stem}-snapshot")


def _versions_dir(db_path: Path) -> Path:
    return db_path.with_name(f".{db_path.stem}-snapshots")


def _metadata() -> dict:
    return yaml.safe_load(METADATA.read_text())


def public_tables(conn: sqlite3.Connection, metadata: dict) -> list[str]:
    """The tables metadata.yml describes and does not hide, that exist in the database, in metadata order."""
    described = metadata["databases"]["archive"]["tables"]
    present = {r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")}
    return [name for name, spec in described.items() if name in present and not (spec or {}).get("hidden")]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _backup(db_path: Path, copy: Path) -> None:
    source = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=120)
    target = sqlite3.connect(copy)
    try:
        source.backup(target, pages=4096)
        target.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
    finally:
        target.close()
        source.close()


def _write_csv(conn: sqlite3.Connection, table: str, path: Path) -> tuple[list[tuple[str, str]], int]:
    columns = [(r[1], (r[2] or "").upper()) for r in conn.execute(f"PRAGMA table_info([{table}])")]
    rows = 0
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow([name for name, _ in columns])
        for row in conn.execute(f"SELECT * FROM [{table}] ORDER BY rowid" if _has_rowid(conn, table)
                                else f"SELECT * FROM [{table}]"):
            writer.writerow(row)
            rows += 1
    return columns, rows


def _has_rowid(conn: sqlite3.Connection, table: str) -> bool:
    sql = conn.execute("select sql from sqlite_master where name = ?", (table,)).fetchone()[0] or ""
    return "WITHOUT ROWID" not in sql.upper()


def _primary_key(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in sorted(conn.execute(f"PRAGMA table_info([{table}])"), key=lambda r: r[5]) if r[5]]


def _file_facts(path: Path) -> dict:
    return {"bytes": path.stat().st_size, "hash": f"sha256:{_sha256(path)}"}


def datapackage(conn: sqlite3.Connection, folder: Path, tables: list[str], columns: dict, metadata: dict,
                created: str) -> dict:
    """The Frictionless Data Package descriptor for the files in `folder`."""
    described = metadata["databases"]["archive"]["tables"]
    as_of = conn.execute("select value from archive_info where key = 'as_of'").fetchone() \
        if "archive_info" in tables else None
    resources = []
    for table in tables:
        spec = described.get(table) or {}
        notes = spec.get("columns") or {}
        fields = [{"name": name, "type": TYPES.get(kind.split("(")[0].strip(), "any"),
                   **({"description": str(notes[name])} if notes.get(name) else {})}
                  for name, kind in columns[table]]
        schema = {"fields": fields}
        key = _primary_key(conn, table)
        if key:
            schema["primaryKey"] = key
        resources.append({
            "name": table, "path": f"{table}.csv", "profile": "tabular-data-resource", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8", "description": spec.get("description", ""),
            "schema": schema, **_file_facts(folder / f"{table}.csv")})
    resources.append({"name": "archive", "path": "archive.db", "format": "sqlite",
                      "mediatype": "application/vnd.sqlite3",
                      "description": "The whole archive as one SQLite database (every table, with full-text indexes)",
                      **_file_facts(folder / "archive.db")})
    return {
        "profile": "data-package",
        "name": "osr-correspondence-archive",
        "title": metadata.get("title", "Statistics regulation correspondence archive"),
        "description": "The published correspondence of the UK's statistics regulator (OSR and the UK Statistics "
                       "Authority): documents, parties, dates, commitments and their status, links, captures."
                       + (f" As of {as_of[0]}." if as_of else ""),
        "version": as_of[0] if as_of else created[:10],
        "created": created,
        "licenses": [
            {"name": "OGL-UK-3.0", "path": OGL,
             "title": "Open Government Licence v3.0: the documents' text and titles are Crown copyright"},
            {"name": "MIT", "path": "https://opensource.org/license/mit/",
             "title": "MIT: the code and the derived data (parties, dates, commitments, links, statuses)"},
        ],
        "sources": [
            {"title": "Office for Statistics Regulation", "path": "https://osr.statisticsauthority.gov.uk/"},
            {"title": "UK Statistics Authority", "path": "https://uksa.statisticsauthority.gov.uk/"},
            {"title": metadata.get("source", "Publishers' websites"), "path": metadata.get("source_url", "")},
        ],
        "resources": resources,
    }


def write_snapshot(db_path: str | Path, *, now: dt.datetime | None = None) -> Snapshot:
    """Write a complete snapshot of `db_path` and make it the current one. Raises SnapshotFailed; the previous
    snapshot then stays current and the partial folder is removed."""
    try:
        return _write_snapshot(Path(db_path).resolve(), now)
    except (OSError, sqlite3.Error, csv.Error, UnicodeError, ValueError, KeyError, yaml.YAMLError) as exc:
        raise SnapshotFailed(f"{type(exc).__name__}: {exc}") from exc


def _write_snapshot(db_path: Path, now: dt.datetime | None) -> Snapshot:
    created = (now or dt.datetime.now(dt.timezone.utc)).strftime("%Y-%m-%dT%H:%M:%SZ")
    versions = _versions_dir(db_path)
    versions.mkdir(exist_ok=True)
    name = created.replace("-", "").replace(":", "")
    partial = versions / f"{name}-{os.getpid()}.partial"
    final = versions / name
    if final.exists():  # a second publish in the same second
        final = versions / f"{name}-{os.getpid()}"
    partial.mkdir()
    try:
        _backup(db_path, partial / "archive.db")
        metadata = _metadata()
        conn = sqlite3.connect(f"file:{partial / 'archive.db'}?mode=ro", uri=True)
        conn.text_factory = lambda raw: raw.decode("utf-8", "replace")
        try:
            tables = public_tables(conn, metadata)
            columns, counts = {}, {}
            for table in tables:
                columns[table], counts[table] = _write_csv(conn, table, partial / f"{table}.csv")
            package = datapackage(conn, partial, tables, columns, metadata, created)
        finally:
            conn.close()
        (partial / "datapackage.json").write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n")
        partial.rename(final)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    link = snapshot_link(db_path)
    tmp_link = link.with_name(f".{link.name}.{os.getpid()}.tmp")
    tmp_link.unlink(missing_ok=True)
    tmp_link.symlink_to(os.path.relpath(final, link.parent))
    os.replace(tmp_link, link)  # the switch: one rename
    for old in versions.iterdir():
        if old != final:
            shutil.rmtree(old, ignore_errors=True)  # older versions and leftovers of interrupted runs
    return Snapshot(path=final, tables=counts)


def current_snapshot(db_path: str | Path) -> Path | None:
    """The folder of the current complete snapshot of `db_path`, or None."""
    link = snapshot_link(db_path)
    if not link.is_symlink():
        return None
    folder = link.resolve()
    return folder if (folder / "datapackage.json").is_file() else None


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    result = write_snapshot(sys.argv[1])
    print(f"snapshot {result.path}: " + ", ".join(f"{t} {n}" for t, n in result.tables.items()))
