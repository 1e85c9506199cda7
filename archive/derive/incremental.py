"""The derived steps after an incremental build: recompute only what the reloaded documents can reach.

`derive_changed(db, as_of, changes, summary)` runs the steps of `archive/derive/__init__.py: derive` with a change
set (`archive/derive/changes.py`):

* threads and citations: recomputed whole (reply links weigh words over every letter, and a citation can resolve to
  any document), which also tells which documents moved thread and which reply links changed;
* follow-up: only the dirty commitments (`archive/derive/followup_dirty.py` argues which), else whole;
* timeline: only the rows of the documents that were reloaded, moved thread or name a party whose row changed, and
  of the commitments that were recomputed, are gone, sit in those documents, cite one of them as evidence or bind
  a changed party (a row reads nothing else: `archive/derive/timeline.py`);
* the reading room's counts: recomputed whole (a few SQL statements).
"""
from __future__ import annotations

import time

import sqlite_utils

from archive.derive import followup_dirty, sentence_memo
from archive.derive.changes import ChangeSet, parties
from archive.derive.citations import build_citations
from archive.derive.followup import update_followup
from archive.derive.memo import Memo
from archive.derive.reading_room import build_reading_room
from archive.derive.threads import build_threads, load_letters
from archive.derive.timeline import build_timeline


def _threads(db: sqlite_utils.Database) -> dict:
    return dict(db.execute("select id, thread_id from documents").fetchall())


def _replies(db: sqlite_utils.Database) -> set:
    return set(db.execute("select from_document_id, to_document_id from links where kind = 'reply_to'").fetchall())


def full_followup(db: sqlite_utils.Database, as_of: str):
    """Every commitment's history, and the state the next incremental derive reads."""
    used: list = []
    summary = update_followup(db, as_of, index=used)
    summary.recomputed = summary.commitments
    sentence_memo.save(db, used[0].docs, replace=True)
    sentence_memo.save_objects(Memo(db, "objects"), [c for cs in used[0].c_of_doc.values() for c in cs])
    followup_dirty.save_state(db, used[0], [r[0] for r in db.execute("select id from commitments").fetchall()])
    return summary


def derive_changed(db: sqlite_utils.Database, as_of: str, changes: ChangeSet, summary) -> None:
    def timed(name: str, step):
        started = time.perf_counter()
        result = step()
        summary.seconds[name] = round(time.perf_counter() - started, 3)
        return result

    thread_before = _threads(db)
    for i in changes.ids:
        old = changes.before.get(i)
        thread_before[i] = old.thread if old else None
    replies_before = _replies(db)
    db.execute("delete from links where kind in ('reply_to', 'follows_up', 'cites')")
    db.execute("delete from errors where stage = 'derive' and error like 'citations%'")
    loaded = load_letters(db)  # neither threads nor citations changes what it reads
    summary.threads = timed("threads", lambda: build_threads(db, loaded))
    summary.citations = timed("citations", lambda: build_citations(db, loaded))
    thread_after, replies_after = _threads(db), _replies(db)

    def followup():
        done = followup_dirty.update_changed(db, as_of, changes, thread_before, thread_after, replies_before,
                                             replies_after)
        if done is not None:
            return done
        db.execute("delete from errors where stage = 'derive' and error like 'followup%'")
        return full_followup(db, as_of), None

    summary.followup, dirty = timed("followup", followup)
    documents, commitments = _timeline_rows(db, changes, thread_before, thread_after, dirty)
    summary.timeline = timed("timeline", lambda: build_timeline(db, documents, commitments))
    summary.reading_room = timed("reading_room", lambda: build_reading_room(db))


def _timeline_rows(db: sqlite_utils.Database, changes: ChangeSet, thread_before: dict, thread_after: dict,
                   dirty: set | None) -> tuple[set, set]:
    """The documents and commitments whose timeline rows may differ (see the module docstring)."""
    now = parties(db)
    before = changes.parties_before
    changed = {k for k in set(before) | set(now) if before.get(k) != now.get(k)}
    changed |= {k for k, (_name, org) in (before | now).items() if org in changed}
    documents = set(changes.ids) | {i for i in set(thread_before) | set(thread_after)
                                    if thread_before.get(i) != thread_after.get(i)}
    if changed:
        marks = ", ".join("?" for _ in changed)
        documents |= {r[0] for r in db.execute(
            f"select document_id from document_parties where party_id in ({marks}) or organisation_id in ({marks})",
            [*changed, *changed]).fetchall()}
    org_of = {k: org for k, (_name, org) in now.items()}
    commitments = set(changes.commitments_before)
    for cid, doc, actor in db.execute("select id, document_id, actor from commitments").fetchall():
        if dirty is None or cid in dirty or doc in documents or actor in changed or org_of.get(actor) in changed:
            commitments.add(cid)
    db.execute("CREATE TEMP TABLE IF NOT EXISTS _evidence_docs (id INTEGER PRIMARY KEY)")
    db.execute("DELETE FROM _evidence_docs")
    db.conn.executemany("INSERT INTO _evidence_docs VALUES (?)", [(i,) for i in documents])
    commitments |= {r[0] for r in db.execute(
        "select distinct commitment_id from commitment_events where evidence_document_id in "
        "(select id from _evidence_docs)").fetchall()}
    return documents, commitments
