"""Incremental follow-up: recompute only the commitments whose history a set of reloaded documents can change.

`update_changed(db, as_of, changes, ...)` gives the same `commitment_events`, statuses and follow-up `errors` rows as
`followup.update_followup` (archive/derive/followup.py) would, recomputing only the "dirty" commitments below and
keeping the others' rows. Why the others cannot change (same `as_of`; X ranges over the old and the new version of
every reloaded document, see `archive/derive/changes.py: Version`):

A commitment c's history is a function of: its own row and the sentence before it (its document's paragraphs); its
document's Doc (thread, parties, title); its family (its document's root and that root's children); the topic
words of its thread (the objects of every commitment in the thread) and of its page; the party -> organisation map;
and what the EvidenceIndex (archive/derive/followup_index.py) offers it: later documents, sentences and commitments
dated in [made, as_of] that are in its thread, or share an object word with it (every accepted candidate shares one:
the rules need m >= 1 shared words), plus replies to its document (reply_to links) and letters of its thread.

1. c's document was reloaded, or its root is a reloaded document or the old or new parent of one      -> dirty.
2. c's document's thread, before or after, is the old or new thread of a reloaded document or of a document whose
   thread changed (threads are recomputed whole first): thread candidates, thread letters and topic words  -> dirty.
3. some X could be (or hold) a candidate outside c's thread (inside it, rule 2): the party lists and the actor's
   commitments need min(3, |obj|) shared object words, a party of X (senders, recipients, its commitments' actors)
   among c's actor and its document's senders and recipients, and a date of X (its own or one of its
   commitments') within [made, party_end] (the out-of-thread horizon, at most 731 days after made or a year
   after the due date, and as_of); the title lists two shared title words of a document that is no letter, dated
   within [made, as_of]. Unless X has both versions, the same shape (date, title, parties, names, thread, parent,
   kind), its kept sentences in the same order, and none of c's object words is a word of what changed (sentences
   added or removed, commitments added, removed or changed, and when c's quote names an output, the opening four
   sentences when they differ): then everything c's rules read of X (tokens, sentences offered in order, opening,
   title, commitments) is as it was                                                                    -> dirty.
4. an index list changed (`Version.lists`: a document in both versions, on the same date, changes none of its
   lists; one let in by a moved as_of enters every window it is in): the title walk reads the title lists of the
   object's rarest title words, and which are rarest depends on every list's length whatever its dates, so a
   changed title list of one of c's object words                                                       -> dirty.
5. a reply_to link to c's document appeared or went, or one from a reloaded document exists           -> dirty.
6. truncation. When no walk reaches a bound, a walk yields exactly the candidates the rules could accept, whichever
   side (scope lists or word lists) `_scoped` chose; so a clean c's candidates are unchanged by 1-5. c is
   "touched" when a changed list is a word list of one of its object words (any date: lengths rank the words) or
   a party list of c's parties dated within [made, as_of]; an untouched c reads exactly the lists it read. A walk
   reads at most its scope side (the shorter side is walked), which a reloaded document lengthens by at most one
   per list; the index records each c's largest scope side (length, number of lists). A touched c is dirty when
   it was truncated last time or that length plus (reloaded documents x lists) could pass SCAN; a touched c left
   clean has that sum stored as its new length, so the stored length stays an upper bound build after build.
   A new c is dirty.
   PER_DOC groups differ between the two sides, so any document with more than PER_DOC commitments gives a full
   recompute; MAX_POOL cuts a sorted set of accepted candidates, unchanged when the set is.
7. as_of moved forward: the documents and commitments dated in (old, new] are added ones (X, new version only),
   the commitments made then, or with a due date (their own or a stored event's) in [old, new], are dirty:
   windows end at as_of, overdue is "due before as_of", and nothing else reads as_of.
as_of moved back, a changed party -> organisation entry or no stored state give a full recompute (None).
"""
from __future__ import annotations

import datetime as dt

import sqlite_utils

from archive.derive import cited as ct
from archive.derive import followup as fu
from archive.derive import rows as dbw
from archive.derive import sentence_memo
from archive.derive.changes import ChangeSet, Version, seen_words
from archive.derive.changes import versions as changes_versions
from archive.derive.followup_index import PER_DOC, SCAN, EvidenceIndex

STATE = "_followup_state"
MAX_ARRIVED = 300  # documents a moved as_of lets in beyond which recomputing everything is as quick


def _ensure(db: sqlite_utils.Database) -> None:
    db.execute(f"CREATE TABLE IF NOT EXISTS {STATE} (commitment_id TEXT PRIMARY KEY, scope_sum INTEGER NOT NULL, "
               "scope_lists INTEGER NOT NULL, truncated INTEGER NOT NULL)")


def save_state(db: sqlite_utils.Database, ix: EvidenceIndex, ids, replace: bool = True) -> None:
    """What the next incremental derive needs to know of these commitments' walks."""
    _ensure(db)
    if replace:
        db.execute(f"DELETE FROM {STATE}")
    rows = [(cid, *ix.scope_load.get(cid, (0, 0)), int(cid in ix.truncated)) for cid in ids]
    db.conn.executemany(f"INSERT OR REPLACE INTO {STATE} VALUES (?, ?, ?, ?)", rows)


def load_state(db: sqlite_utils.Database) -> dict[str, tuple[int, int, int]] | None:
    if not db[STATE].exists():
        return None
    return {r[0]: (r[1], r[2], r[3]) for r in db.execute(f"SELECT * FROM {STATE}").fetchall()}


def dirty_commitments(commitments: list[dict], ix: EvidenceIndex, before: dict[int, Version],
                      after: dict[int, Version], arrived: set, thread_before: dict, thread_after: dict,
                      replies_before: set, replies_after: set, state: dict, as_of: dt.date,
                      forced: set = frozenset(), bumps: dict | None = None) -> set | None:
    """The ids of the commitments whose history may differ from the stored one (see the module docstring), or None
    when everything must be recomputed. `before`/`after`: the old and new versions of the reloaded documents, and
    the documents a moved as_of lets in (`arrived`, whose every list is new to the windows); `forced`: commitments
    dirty whatever else (as_of moved past their date or a due date); `bumps` receives the stored scope bounds of
    touched clean commitments, raised by what the change may have added (so they stay upper bounds)."""
    versions = [*before.values(), *after.values()]
    reloaded = set(before) | set(after) | set(arrived)
    if any(v.commitments > PER_DOC for v in versions) or any(len(cs) > PER_DOC for cs in ix.c_of_doc.values()):
        return None
    moved = {i for i in set(thread_before) | set(thread_after) if thread_before.get(i) != thread_after.get(i)}
    threads = {v.thread for v in versions} | {thread_before.get(i) for i in moved} | {thread_after.get(i) for i in moved}
    threads.discard(None)
    roots = set(reloaded) | {v.parent for v in versions if v.parent is not None}
    answered = {t for f, t in replies_before ^ replies_after} | {
        t for f, t in replies_before | replies_after if f in reloaded}
    growth = len(reloaded)
    # the index lists whose content changed: a document in both versions, on the same date, changes none
    # a document in both versions (and not let in by as_of): the words of what changed in it, else None
    seen = {i: seen_words(before[i], after[i]) for i in set(before) & set(after) if i not in arrived}
    changed: set = set()
    for i in reloaded:
        old, new = (before[i].lists if i in before else set()), (after[i].lists if i in after else set())
        changed |= (old | new) if i in arrived else (old ^ new)
    words = {t for kind, t, _ in changed if kind in ("w", "c")}
    titles = {t for kind, t, _ in changed if kind == "ti"}
    party_dates: dict = {}
    for kind, k, when in changed:
        if kind in ("p", "s", "a"):
            party_dates.setdefault(k, []).append(when)
    dirty = set()
    for c in commitments:
        cid, doc = c["id"], c["document_id"]
        st = state.get(cid)
        if st is None or cid in forced:
            dirty.add(cid)
            continue
        if doc in reloaded or ix.parent.get(doc, doc) in roots or doc in answered:
            dirty.add(cid)
            continue
        if thread_before.get(doc) in threads or thread_after.get(doc) in threads:
            dirty.add(cid)
            continue
        obj, made = c["_obj"], c["_date"]
        own = ix.docs.get(doc)
        involved = c["_actor"] | (own.senders | own.recipients if own is not None else set())
        touched = obj & words or (made is not None and any(
            made <= when <= as_of for k in involved for when in party_dates.get(k, ())))
        if touched and (st[2] or st[0] + growth * st[1] > SCAN):
            dirty.add(cid)
            continue
        if touched and bumps is not None:
            bumps[cid] = (st[0] + growth * st[1], st[1])  # its scope sides may have grown: keep an upper bound
        if obj & titles:
            dirty.add(cid)
            continue
        if not obj:
            continue
        if made is None:
            continue
        need = min(3, len(obj))
        due_end = ct.to_date(c["due_end"])
        party_end = min(as_of, max(made + dt.timedelta(days=731), due_end + dt.timedelta(days=365) if due_end else made))
        names_output = None
        for v in versions:
            if seen.get(v.id) is not None:
                words_seen, opening = seen[v.id]
                if names_output is None:
                    names_output = bool(fu.outputs_named(c["quote"] or ""))
                if not obj & words_seen and not (names_output and obj & opening):
                    continue  # what c could see of this document is as it was
            by_party = v.parties & involved and len(obj & v.words) >= need
            if (by_party and any(made <= d <= party_end for d in v.dates)) or (
                    len(obj & v.title_words) >= 2 and any(made <= d <= as_of for d in v.dates)):
                dirty.add(cid)
                break
    if bumps is not None:
        for cid in dirty & set(bumps):
            del bumps[cid]
    return dirty


def update_changed(db: sqlite_utils.Database, as_of: str, changes: ChangeSet, thread_before: dict,
                   thread_after: dict, replies_before: set, replies_after: set) -> tuple[fu.FollowupSummary, set] | None:
    """Recompute the dirty commitments only; (summary, their ids), or None when a full recompute is needed (then
    nothing was written)."""
    as_of_date, old_as_of = ct.to_date(as_of), ct.to_date(changes.prev_as_of)
    state = load_state(db)
    if state is None or as_of_date is None or old_as_of is None or old_as_of > as_of_date:
        return None
    docs, org_of, parent, replies = fu._load(db)
    restored = sentence_memo.restore(db, docs)
    before = changes.parties_before
    if any(before[k][1] != org for k, org in org_of.items() if k in before):
        return None
    commitments = list(db.query("select * from commitments order by made_on, id"))
    paragraphs = {(r[0], r[1]): r[2] for r in db.execute(
        "select p.document_id, p.n, p.text from paragraphs p join (select distinct document_id, paragraph from "
        "commitments) c on c.document_id = p.document_id and c.paragraph = p.n").fetchall()}
    for c in commitments:
        c["_actor"] = {k for k in (c["actor"], org_of.get(c["actor"])) if k}
        c["_context"] = fu._sentence_before(paragraphs.get((c["document_id"], c["paragraph"])) or "", c["quote"] or "")
    objects = sentence_memo.restore_objects(db, commitments)
    ix = EvidenceIndex(docs, parent, replies, commitments)
    after = changes.versions_now(db)
    reloaded, forced, arrived = set(changes.ids), set(), set()
    if old_as_of < as_of_date:
        # what the later as_of lets in: documents and commitments dated in (old, new] count as added, commitments
        # made then or with a due date in [old, new] (where overdue flips) are recomputed
        arrived = {d.id for d in docs.values() if d.date and old_as_of < d.date <= as_of_date}
        arrived |= {c["document_id"] for c in commitments if c["_date"] and old_as_of < c["_date"] <= as_of_date}
        if len(arrived) > MAX_ARRIVED:
            return None
        after.update(changes_versions(db, arrived - reloaded))
        lo, hi = old_as_of.isoformat(), as_of_date.isoformat()
        forced = {c["id"] for c in commitments if (c["_date"] and old_as_of < c["_date"] <= as_of_date)
                  or (c["due_end"] and lo <= c["due_end"][:10] <= hi)}
        forced |= {r[0] for r in db.execute("select distinct commitment_id from commitment_events where "
                                            "substr(due_end, 1, 10) between ? and ?", (lo, hi)).fetchall()}
    bumps: dict = {}
    dirty = dirty_commitments(commitments, ix, changes.before, after, arrived, thread_before, thread_after,
                              replies_before, replies_after, state, as_of_date, forced, bumps)
    if dirty is None:
        return None
    existing = {c["id"] for c in commitments}
    gone = (set(state) | changes.commitments_before) - existing
    summary = fu.FollowupSummary(commitments=len(commitments), recomputed=len(dirty))
    _forget(db, dirty | gone)
    failed: set = set()

    def on_error(c: dict, exc: Exception) -> None:
        dbw.record_error(db, f"followup {c['id']}", c["document_id"], exc)
        summary.errors += 1
        failed.add(c["id"])

    histories = fu.follow(commitments, docs, parent, replies, as_of_date, on_error, ix=ix, only=dirty)
    truncated = {cid for cid, st in state.items() if st[2] and cid in existing and cid not in dirty} | ix.truncated
    db.execute("delete from errors where stage = 'derive' and error like 'followup: %'")
    fu._record_truncated(db, commitments, truncated, summary)
    next_id = (db.execute("select max(id) from commitment_events").fetchone()[0] or 0) + 1
    rows, updates = [], []
    for c in commitments:
        if c["id"] in dirty:
            update, _last = fu.history_rows(c["id"], histories[c["id"]], as_of_date, c["id"] in failed, rows,
                                            next_id + len(rows))
            updates.append(update)
    dbw.bulk_insert(db, "commitment_events", rows)
    db.conn.executemany("update commitments set status = ?, status_date = ?, status_evidence_id = ? where id = ?",
                        updates)
    save_state(db, ix, sorted(dirty), replace=False)
    db.conn.executemany(f"UPDATE {STATE} SET scope_sum = ?, scope_lists = ? WHERE commitment_id = ?",
                        [(total, lists, cid) for cid, (total, lists) in bumps.items()])
    sentence_memo.save(db, docs, skip=restored)
    sentence_memo.save_objects(objects, commitments)
    summary.events = db.execute("select count(*) from commitment_events").fetchone()[0]
    summary.by_status = _by_status(db)
    return summary, dirty


def _by_status(db: sqlite_utils.Database) -> dict[str, int]:
    return {s: n for s, n in db.execute(
        "select status, count(*) from commitments where status is not null group by status").fetchall()}


def _forget(db: sqlite_utils.Database, ids: set) -> None:
    """Remove the events, state and per-commitment errors of these commitments (recomputed, or gone)."""
    db.execute("CREATE TEMP TABLE IF NOT EXISTS _dirty_commitments (id TEXT PRIMARY KEY)")
    db.execute("DELETE FROM _dirty_commitments")
    db.conn.executemany("INSERT INTO _dirty_commitments VALUES (?)", [(i,) for i in ids])
    db.execute("DELETE FROM commitment_events WHERE commitment_id IN (SELECT id FROM _dirty_commitments)")
    db.execute(f"DELETE FROM {STATE} WHERE commitment_id IN (SELECT id FROM _dirty_commitments)")
    db.execute("DELETE FROM errors WHERE stage = 'derive' AND error LIKE 'followup c%' AND "
               "substr(error, 10, instr(error, ':') - 10) IN (SELECT id FROM _dirty_commitments)")
