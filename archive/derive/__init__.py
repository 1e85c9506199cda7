"""The derived steps of a build, in order: threads, citations, follow-up, timeline, then full-text indexes.

`derive(db, as_of)` runs on the staging database after the build has filled documents, paragraphs, parties,
document_parties, dates, commitments (status NULL), links (related | attachment | chapter | inline) and aliases.
Everything it writes is recomputed from those tables (links of kind reply_to, follows_up and cites, threads,
documents.thread_id, commitments.thread_id/status*, commitment_events, timeline, timeline_parties), so a re-run
gives the same rows and ids. `as_of` (ISO date) is stored in archive_info and fixes what "overdue" means. After an
incremental build, `changes` says what was reloaded and only the rows it can reach are recomputed
(archive/derive/incremental.py); per-document text results are kept between builds (memo.py, sentence_memo.py).
"""
from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field

import sqlite_utils

from archive.derive import cited as ct
from archive.derive.citations import CitationSummary, build_citations
from archive.derive.changes import ChangeSet
from archive.derive.followup import FollowupSummary
from archive.derive.incremental import derive_changed, full_followup
from archive.derive.reading_room import build_reading_room
from archive.derive.threads import ThreadSummary, build_threads, load_letters
from archive.derive.timeline import TimelineSummary, build_timeline
from archive.schema import ensure_db_shape, rebuild_fts


@dataclass
class DeriveSummary:
    as_of: str
    threads: ThreadSummary = field(default_factory=ThreadSummary)
    citations: CitationSummary = field(default_factory=CitationSummary)
    followup: FollowupSummary = field(default_factory=FollowupSummary)
    timeline: TimelineSummary = field(default_factory=TimelineSummary)
    reading_room: dict = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    def to_json(self) -> dict:
        return asdict(self)


def derive(db: sqlite_utils.Database, as_of: str, *, fts: bool = True, changes: ChangeSet | None = None) -> DeriveSummary:
    """Recompute every derived table of `db` as of the ISO date `as_of`; returns counts and timings.

    With `changes` (what an incremental build reloaded, `archive/derive/changes.py`, on a staging file whose derived
    tables were complete as of `changes.prev_as_of`), only the rows those changes can reach are recomputed
    (`archive/derive/incremental.py`); the result is the same."""
    if ct.to_date(as_of) is None:
        raise ValueError(f"as_of must be an ISO date (YYYY-MM-DD), not {as_of!r}")
    as_of = ct.to_date(as_of).isoformat()
    ensure_db_shape(db)
    summary = DeriveSummary(as_of=as_of)
    loaded: list = []  # documents and links as threads and citations read them (neither step changes them)

    def threads() -> ThreadSummary:
        loaded.append(load_letters(db))
        return build_threads(db, loaded[0])

    steps = [
        ("threads", threads),
        ("citations", lambda: build_citations(db, loaded[0])),
        ("followup", lambda: full_followup(db, as_of)),
        ("timeline", lambda: build_timeline(db)),
        ("reading_room", lambda: build_reading_room(db)),  # organisation pages' counts (web/org_pages.py)
    ]
    with db.conn:
        db["archive_info"].upsert({"key": "as_of", "value": as_of}, pk="key")
        if changes is not None and changes.prev_as_of is not None and changes.prev_as_of <= as_of:
            derive_changed(db, as_of, changes, summary)
            steps = []
        else:
            # derived links go first so that re-inserting them in the same order gives them the same ids
            db.execute("delete from links where kind in ('reply_to', 'follows_up', 'cites')")
            db.execute("delete from errors where stage = 'derive'")
        for name, step in steps:
            started = time.perf_counter()
            setattr(summary, name, step())
            summary.seconds[name] = round(time.perf_counter() - started, 3)
    if fts:
        started = time.perf_counter()
        rebuild_fts(db)
        summary.seconds["fts"] = round(time.perf_counter() - started, 3)
    return summary
