"""Build archive.db from the captures in DATA: extract, load a staging database, derive, check, publish.

`make extract` is `build()` with no network: everything comes from DATA/warc and DATA/captures.db.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import sqlite_utils

import extract
from archive import buildstate as state
from archive import load
from archive.assemble import assemble, relatives
from archive.extract_budget import split_error
from archive.extract_runner import extract_all, plan_jobs
from archive.derive.changes import ChangeSet, snapshot
from archive.derive.reading_room import captures_are_invented_sample
from archive.schema import ensure_db_shape, rebuild_fts, update_fts
from captures import capturedb
from captures.groups import DocumentGroup, load_groups
from captures.sources import default_registry
from captures.urls import canonical_url
from extract.records import Extraction

log = logging.getLogger(__name__)

@dataclass
class BuildSummary:
    documents: int = 0
    extracted: int = 0
    reused: int = 0
    errors: int = 0
    commitments: int = 0
    withdrawn: int = 0
    seconds: float = 0.0
    by_source: dict[str, int] = field(default_factory=dict)
    staging: str | None = None
    reloaded: int = 0  # documents whose rows were (re)written; the rest were kept from the last build
    derived: bool = True  # False: nothing the derived tables depend on changed, so they were kept
    followup_recomputed: int | None = None  # commitments whose follow-up was recomputed (None: derived tables kept)
    incremental: bool = False

    def report(self) -> str:
        sources = ", ".join(f"{k} {v}" for k, v in sorted(self.by_source.items()))
        derived = "kept" if not self.derived else (
            f"recomputed (follow-up of {self.followup_recomputed} of {self.commitments} commitments)")
        mode = f"incremental: {self.reloaded} documents reloaded, derived tables {derived}; " if self.incremental else ""
        return (
            f"{self.documents} documents ({sources}); {mode}{self.extracted} extracted, {self.reused} reused from "
            f"cache; {self.commitments} commitments; {self.withdrawn} withdrawn; {self.errors} errors; "
            f"{self.seconds:.1f} s"
        )


def now_iso() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def build_staging(
    data_dir: str | Path,
    staging_path: str | Path,
    *,
    as_of: str | None = None,
    workers: int | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    incremental: bool = True,
) -> BuildSummary:
    """Bring `staging_path` to a complete archive of the captures in `data_dir`.

    Incremental (the default): a staging file left complete by an earlier build with the same code, register and
    sources keeps the rows of every document whose inputs are unchanged (`archive/buildstate.py` keys each document
    by its captures, hints, aliases and those of the documents it reads); only changed documents are extracted and
    reloaded, and the derived tables and search index are recomputed only when some document changed or `as_of`
    moved. Otherwise (or `incremental=False`) the file is replaced by a cold build. Both give the same rows."""
    started = time.monotonic()
    data_dir, staging_path = Path(data_dir), Path(staging_path)
    if not (data_dir / "captures.db").exists():
        raise FileNotFoundError(f"no captures in {data_dir}/ (captures.db is missing): crawl first, or check DATA")
    groups = load_groups(data_dir)
    if not groups:
        raise FileNotFoundError(f"no document captures in {data_dir}/captures.db: crawl first, or check DATA")
    as_of = as_of or dt.date.today().isoformat()
    fingerprint = state.code_fingerprint()
    keys = state.document_keys(groups, relatives(groups), fingerprint)
    db = state.open_staging(staging_path, fingerprint) if incremental else None
    summary = BuildSummary(staging=str(staging_path), incremental=db is not None)
    if db is None:
        state.remove(staging_path)
        db = sqlite_utils.Database(staging_path)
        db.execute("PRAGMA journal_mode=WAL")
        ensure_db_shape(db)
        state.ensure(db)
        old_keys: dict[int, str] = {}
    else:
        old_keys = state.stored_keys(db)
    changed = [g for g in groups if old_keys.get(g.id) != keys[g.url]]
    jobs = plan_jobs(changed)
    results, extracted = extract_all(
        data_dir, jobs, workers=workers, progress=(lambda d, t: progress("extract", d, t)) if progress else None
    )
    summary.extracted, summary.reused = extracted, len(groups) - extracted
    summary.reloaded = len(changed)
    # what the derived steps need of the documents about to be reloaded, as they are now (an incremental build)
    prev_as_of = _stored_as_of(db) if old_keys else None
    changes = snapshot(db, [g.id for g in changed], prev_as_of) if old_keys and (changed or prev_as_of != as_of) \
        else None
    state.mark_incomplete(db)
    with db.conn:
        if changed:
            if old_keys:
                state.delete_documents(db, [g.id for g in changed])
            loader = Loader(groups, results, jobs, data_dir)
            loader.load(db, changed, first=not old_keys)
        _load_captures_and_errors(db, data_dir, groups)
        state.store_keys(db, {g.id: keys[g.url] for g in changed})
    db["archive_info"].upsert_all(
        [{"key": "as_of", "value": as_of}, {"key": "built_at", "value": now_iso()},
         {"key": "extractor_version", "value": extract.EXTRACTOR_VERSION},
         {"key": "invented_sample", "value": "1" if captures_are_invented_sample(data_dir) else "0"}],
        pk="key",
    )
    derive_key = state.derive_key(keys, as_of, fingerprint)
    summary.derived = state.stored(db, "derive_key") != derive_key
    if summary.derived:
        summary.followup_recomputed = _derive(db, as_of, changes).followup.recomputed
        if changes is None:
            rebuild_fts(db)
        else:  # only the reloaded documents' text changed (derive writes no indexed column)
            with db.conn:
                update_fts(db, changes.fts_before, changes.ids)
    state.mark_complete(db, fingerprint, derive_key)
    summary.documents = db["documents"].count
    summary.errors = db.execute("SELECT count(*) FROM documents WHERE error IS NOT NULL").fetchone()[0]
    summary.commitments = db["commitments"].count
    summary.withdrawn = db.execute("SELECT count(*) FROM documents WHERE withdrawn_at IS NOT NULL").fetchone()[0]
    summary.by_source = dict(db.execute("SELECT source, count(*) FROM documents GROUP BY source").fetchall())
    db.close()
    summary.seconds = time.monotonic() - started
    return summary


def _derive(db: sqlite_utils.Database, as_of: str, changes: ChangeSet | None = None):
    from archive.derive import derive

    return derive(db, as_of, fts=False, changes=changes)  # the build rebuilds full-text search itself, once, afterwards


def _stored_as_of(db: sqlite_utils.Database) -> str | None:
    row = db.execute("SELECT value FROM archive_info WHERE key = 'as_of'").fetchone() if db["archive_info"].exists() \
        else None
    return row[0] if row else None


class Loader:
    """Turns the changed DocumentGroups and their Extractions into rows, one bulk insert per table."""

    def __init__(self, groups: list[DocumentGroup], results: dict[str, Extraction], jobs, data_dir: Path):
        self.groups = groups
        self.results = results
        self.keys_by_url: dict[str, list[str]] = {}
        for job in jobs:
            self.keys_by_url.setdefault(job.url, []).append(job.key)
        self.id_by_url = {g.url: g.id for g in groups}
        for g in groups:
            for alias, _kind in g.aliases:
                self.id_by_url.setdefault(alias, g.id)
        self.party_id = load.UnresolvedParties()
        self.registry = default_registry()

    def latest(self, group: DocumentGroup | None) -> Extraction | None:
        keys = self.keys_by_url.get(group.url) or [] if group else []
        return self.results.get(keys[-1]) if keys else None

    def resolve_url(self, url: str) -> int | None:
        """The archived document a link points at: as written, or in its canonical form (slash, host case)."""
        found = self.id_by_url.get(url)
        if found is None:
            try:
                found = self.id_by_url.get(canonical_url(url))
            except ValueError:
                found = None
        return found

    def load(self, db, changed: list[DocumentGroup], first: bool) -> None:
        wanted = {g.url for g in changed}
        assembled = assemble(self.groups, self.latest, wanted)
        rows: dict[str, list[dict]] = {name: [] for name in (
            "documents", "paragraphs", "document_versions", "aliases", "links", "document_parties", "dates",
            "commitments")}
        for group in changed:
            a = assembled[group.url]
            parent_id = self.id_by_url.get(group.parent_url) if group.parent_url else None
            rows["documents"].append(load.document_row(group, a.result, title=a.title, doc_type=a.doc_type,
                                                       source=self.registry.label_for(group.url),
                                                       parent_id=parent_id))
            rows["paragraphs"] += load.paragraph_rows(group.id, a.result.paragraphs)
            keys = self.keys_by_url.get(group.url) or []
            rows["document_versions"] += load.document_version_rows(group, [self.results.get(k) for k in keys])
            rows["aliases"] += load.alias_rows(group)
            rows["links"] += load.link_rows(group, (a.own or a.result).links, self.resolve_url)
            if group.role == "attachment" and group.parent_url in self.id_by_url:
                load.attach(rows["links"], self.id_by_url[group.parent_url], group)
            if a.facts and not a.result.error:
                rows["document_parties"] += load.document_party_rows(group.id, a.result.parties, self.party_id)
                rows["dates"] += load.date_rows(group.id, a.result.dates)
                rows["commitments"] += load.commitment_rows(group.id, a.result, self.party_id)
        for name, table_rows in rows.items():
            getattr(load, f"load_{name}")(db, table_rows)
        if first:
            from extract.parties.register import Register

            register = Register.load()
            load.load_parties(db, load.party_rows(register, self.party_id.rows))
            load.load_roles(db, load.role_rows(register))
        else:
            load.load_unresolved_parties(db, self.party_id.rows.values())
            state.drop_unused_unresolved(db)
            # a link of a kept document may point at a document archived since: resolve it as a cold build would
            kinds = ", ".join(f"'{k}'" for k in state.DERIVED_LINK_KINDS)
            for link_id, url in db.execute("SELECT id, to_url FROM links WHERE to_document_id IS NULL AND to_url "
                                           f"IS NOT NULL AND kind NOT IN ({kinds})").fetchall():
                found = self.resolve_url(url)
                if found is not None:
                    db.execute("UPDATE links SET to_document_id = ? WHERE id = ?", (found, link_id))


def _load_captures_and_errors(db, data_dir: Path, groups: list[DocumentGroup]) -> None:
    """The capture history and the errors are small: rewritten whole on every build."""
    conn = capturedb.connect(data_dir)
    ids = {g.url: g.id for g in groups}
    db.execute("DELETE FROM captures")
    load.load_captures(db, load.capture_rows(conn.execute("SELECT * FROM captures ORDER BY id"), ids))
    fetch_errors = conn.execute("SELECT * FROM fetch_errors ORDER BY id").fetchall()
    conn.close()
    db.execute("DELETE FROM errors WHERE stage IN ('crawl', 'extract')")
    # a budget refusal is stored as 'timeout: why' / 'too_large: why': errors.error gets the code, detail the why
    documents = [{"id": r[0], "url": r[1], "error": code, "detail": detail}
                 for r in db.execute("SELECT id, url, error FROM documents WHERE error IS NOT NULL")
                 for code, detail in [split_error(r[2])]]
    load.load_errors(db, load.error_rows(fetch_errors, documents, ids, now_iso()))


def build(data_dir: str | Path, db_path: str | Path, **kwargs) -> BuildSummary:
    """Build a staging archive from DATA and publish it into `db_path` in one transaction."""
    from archive.publish import publish

    staging = Path(f"{db_path}.staging")
    summary = build_staging(data_dir, staging, **kwargs)
    publish(staging, db_path)
    return summary


def dumps(summary: BuildSummary) -> str:
    return json.dumps(summary.__dict__, indent=2)
