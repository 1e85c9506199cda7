"""Column facets (doc_type, year, source ...) computed once per database state and request.

A facet is a GROUP BY over every row the table page shows: over 100,000 documents each one is a full index scan
(20-25 ms, most of a documents page's time). Only a publish changes the served file, so the same page asked again
between two publishes has the same facets: they are kept per database state (`web/dbstate.py`: size and mtime of
the file and its WAL, read with two stat() calls) and per exact request (path and query string, from which the
facet links are built), and recomputed as soon as a publish lands. A facet that timed out is never kept.
"""
from __future__ import annotations

import copy

from datasette.facets import ColumnFacet

from web.dbstate import StateCache

_cache = StateCache(size=256)
_compute = ColumnFacet.facet_results


async def _cached_facet_results(self):
    db = self.ds.databases.get(self.database)
    path = getattr(db, "path", None)
    if not path:
        return await _compute(self)
    key = ("column", self.database, self.table, self.sql, repr(sorted((self.params or {}).items())),
           self.request.path, self.request.query_string)
    kept = _cache.get(path, key)
    if kept is None:
        results, timed_out = await _compute(self)
        if timed_out:
            return results, timed_out
        kept = (results, timed_out)
        _cache.put(path, key, kept)
    return copy.deepcopy(kept)


ColumnFacet.facet_results = _cached_facet_results
