"""Each document's sentences and their content words as follow-up reads them (`followup.Doc.sentence_tokens`),
kept in the staging file between builds: `_followup_sentences`, one row per document with a digest of its text;
and each commitment's object words and effective kind (`restore_objects`, `save_objects`).

Splitting and stemming every document's text is most of the time of building follow-up's index; an incremental
derive (`archive/derive/followup_dirty.py`) restores the rows whose digest still matches the text and computes the
rest. The value is a pure function of the text (and of the code, which the build's fingerprint covers: other code
gives a cold build and a new table), so a restored row equals a recomputed one.
"""
from __future__ import annotations

import hashlib
import json

import sqlite_utils

from archive.derive.memo import Memo, digest

TABLE = "_followup_sentences"


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def restore(db: sqlite_utils.Database, docs: dict) -> set:
    """Fill `_sentences` of the docs whose stored digest matches their text; returns their ids."""
    if not db[TABLE].exists():
        return set()
    filled = set()
    for doc_id, digest, blob in db.execute(f"SELECT document_id, digest, sentences FROM {TABLE}").fetchall():
        d = docs.get(doc_id)
        if d is not None and d._sentences is None and digest == _digest(d.text):
            d._sentences = [(s, set(tokens)) for s, tokens in json.loads(blob)]
            filled.add(doc_id)
    return filled


def save(db: sqlite_utils.Database, docs: dict, skip: set = frozenset(), replace: bool = False) -> None:
    """Store the sentences of the docs that have them (all of them with `replace`, else those not in `skip`)."""
    db.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} (document_id INTEGER PRIMARY KEY, digest TEXT NOT NULL, "
               "sentences TEXT NOT NULL)")
    if replace:
        db.execute(f"DELETE FROM {TABLE}")
    rows = [(d.id, _digest(d.text), json.dumps([[s, sorted(tokens)] for s, tokens in d._sentences]))
            for d in docs.values() if d._sentences is not None and d.id not in skip]
    db.conn.executemany(f"INSERT OR REPLACE INTO {TABLE} VALUES (?, ?, ?)", rows)


# A commitment's object words and effective kind (archive/derive/followup_index.py) are a function of its quote,
# actor's name, kind and the sentence before it: kept the same way (archive/derive/memo.py, step "objects").
def _object_inputs(c: dict) -> str:
    return digest(c["quote"], c["actor_name"], c["kind"], c["_context"])


def restore_objects(db: sqlite_utils.Database, commitments: list[dict]) -> Memo:
    memo = Memo(db, "objects")
    for c in commitments:
        value = memo.get(c["id"], _object_inputs(c))
        if value is not None:
            c["_obj"], c["_kind"] = set(value[0]), value[1]
            c["_kept"] = True
    return memo


def save_objects(memo: Memo, commitments) -> None:
    for c in commitments:
        if "_obj" in c and not c.get("_kept"):
            memo.put(c["id"], _object_inputs(c), [sorted(c["_obj"]), c["_kind"]])
    memo.save()
