"""A cheap fingerprint of a SQLite database's state, for caching what only a publish can change.

archive/publish.py rewrites the served file in one WAL transaction, which changes the size or mtime of the file or
its -wal; `database_state(path)` reads both with two stat() calls (no query). `StateCache` keeps a few results per
state and forgets them when the state changes.
"""
from __future__ import annotations

import os
from collections import OrderedDict


def database_state(path) -> tuple:
    facts = []
    for name in (str(path), f"{path}-wal"):
        try:
            st = os.stat(name)
            facts.append((st.st_size, st.st_mtime_ns))
        except OSError:
            facts.append(None)
    return tuple(facts)


class StateCache:
    """At most `size` values, each valid while the database is in the state it was computed in."""

    def __init__(self, size: int = 64):
        self.size = size
        self._values: OrderedDict = OrderedDict()

    def get(self, path, key):
        return self._values.get((database_state(path), key))

    def put(self, path, key, value) -> None:
        self._values[(database_state(path), key)] = value
        while len(self._values) > self.size:
            self._values.popitem(last=False)
