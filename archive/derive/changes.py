"""What an incremental build tells the derived steps: which documents it reloaded, and what they were before.

`snapshot(db, ids, as_of)` runs on the staging database before the build deletes and reloads those documents' rows;
`ChangeSet.versions_now(db)` reads the same facts of the documents as reloaded (after the threads step, so with their
new thread). `archive/derive/__init__.py: derive(db, as_of, changes=...)` then recomputes only the rows those
changes can reach (see `archive/derive/followup_dirty.py` for the argument); `changes=None` recomputes everything.

A `Version` keeps, of one version of one document, everything follow-up matches on: its dates (the document's and
those of its commitments), its words (the content words of its text and title, and of its commitments' objects and
the sentences before them), its title words when it is no letter, its parties (senders, recipients, and its
commitments' actors with their organisations), its thread and its parent.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

import sqlite_utils

from archive.derive import cited as ct
from archive.derive import followup as fu
from archive.derive.followup_rules import object_tokens
from archive.schema import fts_rows


@dataclass
class Version:
    id: int
    dates: set[dt.date] = field(default_factory=set)
    words: set[str] = field(default_factory=set)
    title_words: set[str] = field(default_factory=set)  # only a document that is no letter is found by its title
    parties: set[str] = field(default_factory=set)
    thread: str | None = None
    parent: int | None = None
    commitments: int = 0
    # the follow-up index lists it is in, as (list, key, date): "w" word, "p" party, "s" statement by, "ti" title
    # word of a report, "c" object word and "a" actor of one of its commitments (thread lists: by its thread)
    lists: set[tuple] = field(default_factory=set)
    # what a commitment reading this document as a candidate sees: its shape (date, title, parties, names, thread,
    # parent, kind), its sentences with their words, and its commitments with their object words
    shape: tuple = ()
    sentences: list[tuple[str, set[str]]] = field(default_factory=list)
    promises: set[tuple] = field(default_factory=set)


def seen_words(old: Version, new: Version) -> tuple[set[str], set[str]] | None:
    """The words of what a candidate reader can see differently between two versions of one document: (those of
    sentences added or removed and of commitments added, removed or changed; those of the opening four sentences
    when they differ, which only a promise naming an output reads); None when more than words changed (its shape,
    or the order of the sentences it kept)."""
    if old.shape != new.shape:
        return None
    before, after = Counter(s for s, _ in old.sentences), Counter(s for s, _ in new.sentences)
    words: set[str] = set()
    for s, tokens in old.sentences + new.sentences:
        if before[s] != after[s]:
            words |= tokens
    if [s for s, _ in old.sentences if before[s] == after[s]] != [s for s, _ in new.sentences if before[s] == after[s]]:
        return None
    opening: set[str] = set()
    if [s for s, _ in old.sentences[:4]] != [s for s, _ in new.sentences[:4]]:
        for _, tokens in old.sentences[:4] + new.sentences[:4]:
            opening |= tokens
    for *_row, obj in old.promises ^ new.promises:
        words |= obj
    return words, opening


@dataclass
class ChangeSet:
    ids: set[int]
    prev_as_of: str | None
    before: dict[int, Version]  # the reloaded documents as they were (a document new to the archive has none)
    commitments_before: set[str]  # the ids of their commitments as they were
    parties_before: dict[str, tuple]  # every party: (name, organisation_id)
    fts_before: dict[str, list[tuple]] = field(default_factory=dict)  # their full-text entries (schema.fts_rows)

    def versions_now(self, db: sqlite_utils.Database) -> dict[int, Version]:
        return versions(db, self.ids)


DERIVED_COLUMNS = {"status", "status_date", "status_evidence_id", "thread_id"}  # of commitments: derive writes them


def _ids_sql(ids) -> str:
    return ", ".join(str(int(i)) for i in sorted(ids))


def parties(db: sqlite_utils.Database) -> dict[str, tuple]:
    return {r[0]: (r[1], r[2]) for r in db.execute("select id, name, organisation_id from parties").fetchall()}


def versions(db: sqlite_utils.Database, ids) -> dict[int, Version]:
    """What follow-up can see of these documents as the database holds them now."""
    if not ids:
        return {}
    listed = _ids_sql(ids)
    docs, org_of, _parent, _replies = fu._load(db, where=f"id in ({listed})")
    parents = dict(db.execute(f"select id, parent_id from documents where id in ({listed})").fetchall())
    out: dict[int, Version] = {}
    for d in docs.values():
        v = out[d.id] = Version(d.id, thread=d.thread, parent=parents.get(d.id))
        v.shape = (d.date, d.title, sorted(d.senders), sorted(d.recipients), sorted(d.name_tokens), d.thread,
                   parents.get(d.id), d.is_letter)
        v.sentences = list(d.sentence_tokens)
        if d.date:
            v.dates.add(d.date)
        v.words = d.tokens | d.title_tokens
        if not d.is_letter:
            v.title_words = set(d.title_tokens)
        v.parties = d.senders | d.recipients
        if d.date:
            v.lists |= {("w", t, d.date) for t in d.tokens | d.title_tokens}
            v.lists |= {("p", k, d.date) for k in d.senders | d.recipients}
            v.lists |= {("s", k, d.date) for k in d.senders if not d.recipients}
            v.lists |= {("ti", t, d.date) for t in d.title_tokens if not d.is_letter}
    paragraphs = {(r[0], r[1]): r[2] for r in db.execute(
        f"select document_id, n, text from paragraphs where document_id in ({listed})").fetchall()}
    for c in db.query(f"select * from commitments where document_id in ({listed})"):
        v = out.get(c["document_id"])
        if v is None:
            continue
        v.commitments += 1
        made = ct.to_date(c["made_on"])
        if made:
            v.dates.add(made)
        context = fu._sentence_before(paragraphs.get((c["document_id"], c["paragraph"])) or "", c["quote"] or "")
        obj, around = object_tokens(c["quote"] or "", c["actor_name"]), object_tokens(context, c["actor_name"])
        actor = {k for k in (c["actor"], org_of.get(c["actor"])) if k}
        v.words |= obj | around
        loaded = tuple(value for key, value in c.items() if key not in DERIVED_COLUMNS)
        v.promises.add((loaded, context, frozenset(obj | around)))
        v.parties |= actor
        when = made or docs[c["document_id"]].date
        if when:  # as followup_index.EvidenceIndex indexes it: the sentence before only for a one-word object
            v.lists |= {("c", t, when) for t in (obj | around if len(obj) <= 1 and context else obj)}
            v.lists |= {("a", k, when) for k in actor}
    return out


def snapshot(db: sqlite_utils.Database, ids, prev_as_of: str | None) -> ChangeSet:
    """The documents `ids` as the staging database holds them before the build reloads them."""
    ids = set(ids)
    before = versions(db, ids)
    listed = _ids_sql(ids) or "NULL"
    commitments = {r[0] for r in db.execute(f"select id from commitments where document_id in ({listed})").fetchall()}
    return ChangeSet(ids=ids, prev_as_of=prev_as_of, before=before, commitments_before=commitments,
                     parties_before=parties(db), fts_before=fts_rows(db, ids))
