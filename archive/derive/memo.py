"""Per-document results of pure functions of a document's own fields, kept in the staging file between builds.

`Memo(db, step)` reads the stored rows of one step (`_derive_memo`: step, key, digest of the inputs, JSON value);
`get(key, digest)` gives the value only when the digest of the inputs still matches, `put` stores a new one and
`save()` writes them. Threads keep each letter's reply features and word bag, citations each document's mentions:
the text-heavy parts of those steps, so an incremental derive recomputes them for changed documents only. A value
is a function of its inputs and of the code, which the build's fingerprint covers (other code: a cold build).
"""
from __future__ import annotations

import hashlib
import json

import sqlite_utils

TABLE = "_derive_memo"


def digest(*parts) -> str:
    """A digest of the inputs (strings, numbers, dates, None, lists of them): their repr, unambiguous for these."""
    return hashlib.sha1(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()


class Memo:
    def __init__(self, db: sqlite_utils.Database, step: str) -> None:
        self.db, self.step = db, step
        self.rows: dict[str, tuple[str, str]] = {}
        self.new: dict[str, tuple[str, str]] = {}
        if db[TABLE].exists():
            self.rows = {k: (d, v) for k, d, v in db.execute(
                f"SELECT key, digest, value FROM {TABLE} WHERE step = ?", [step]).fetchall()}

    def get(self, key, inputs: str):
        row = self.rows.get(str(key))
        return json.loads(row[1]) if row is not None and row[0] == inputs else None

    def put(self, key, inputs: str, value) -> None:
        self.new[str(key)] = (inputs, json.dumps(value, ensure_ascii=False))

    def save(self) -> None:
        self.db.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} (step TEXT NOT NULL, key TEXT NOT NULL, digest TEXT NOT NULL, "
                        "value TEXT NOT NULL, PRIMARY KEY (step, key))")
        self.db.conn.executemany(f"INSERT OR REPLACE INTO {TABLE} VALUES (?, ?, ?, ?)",
                                 [(self.step, k, d, v) for k, (d, v) in self.new.items()])
