"""The documents table's organisation facet, by resolved party and fast at 100,000 documents (issue 13 bench).

Datasette's array facet over `documents.organisations` (a JSON list of names as written) unpacked every row's JSON
on each page view (673 ms at 100,000 documents, then abandoned at facet_time_limit_ms) and counted "ONS" and
"Office for National Statistics" apart. This facet (`{organisation: organisations}` in metadata.yml, or
`?_facet_organisation=organisations`) counts the same thing, documents per organisation of their senders,
recipients and people copied, from `document_parties`' resolved ids, labelled with the register's names, and
`?_organisation=org:ons` filters the table to one organisation's documents.

The unfiltered counts change only when the archive is republished, so they are kept per database state (the
file's and its WAL's size and mtime, which a publish changes) and computed once per state; a filtered table's
counts are computed from its own rows each time, within facet_time_limit_ms like any facet.
"""
from __future__ import annotations

import urllib.parse

from datasette import hookimpl
from datasette.database import QueryInterrupted
from datasette.facets import Facet
from datasette.filters import FilterArguments
from datasette.utils import path_with_added_args, path_with_removed_args

from web.dbstate import StateCache

TABLE = "documents"
PARAM = "_organisation"
ROLES = "('sender', 'recipient', 'copied')"
_cache = StateCache(size=8)


class OrganisationFacet(Facet):
    type = "organisation"

    async def suggest(self):
        return []

    async def _counts(self, limit: int) -> list[tuple[str, int]]:
        filtered = " where " in self.sql.lower() or bool(self.params)
        if filtered:
            sql = f"""with inner as ({self.sql})
                select dp.organisation_id as value, count(distinct dp.document_id) as count
                from inner cross join document_parties dp on dp.document_id = inner.id
                where dp.organisation_id is not null and dp.role in {ROLES}
                group by 1 order by 2 desc, 1 limit {limit}"""
        else:
            sql = f"""select organisation_id as value, count(distinct document_id) as count from document_parties
                where organisation_id is not null and role in {ROLES} group by 1 order by 2 desc, 1 limit {limit}"""
        db = self.ds.get_database(self.database)
        cached = None if filtered else _cache.get(db.path, limit)
        if cached is not None:
            return cached
        # Unfiltered counts are computed once per publish: they may take the ordinary SQL time limit (on a busy
        # machine more than the facet limit, which would otherwise stop them every time, never to be kept).
        limit_ms = None if not filtered else self.ds.setting("facet_time_limit_ms")
        result = await self.ds.execute(self.database, sql, self.params, truncate=False, custom_time_limit=limit_ms)
        rows = [(r["value"], r["count"]) for r in result.rows]
        if not filtered:
            _cache.put(db.path, limit, rows)
        return rows

    async def facet_results(self):
        configs = self.get_configs()
        if not configs or self.table != TABLE:
            return [], []
        size = self.get_facet_size()
        try:
            rows = await self._counts(size + 1)
        except QueryInterrupted:
            return [], ["organisation"]
        ids = [value for value, _ in rows[:size]]
        names = {}
        if ids:
            marks = ", ".join("?" for _ in ids)
            result = await self.ds.execute(self.database, f"select id, name from parties where id in ({marks})", ids)
            names = {r["id"]: r["name"] for r in result.rows}
        pairs = urllib.parse.parse_qsl(self.request.query_string, keep_blank_values=True)
        values = []
        for value, count in rows[:size]:
            selected = (PARAM, value) in pairs
            path = (path_with_removed_args(self.request, {PARAM: value}) if selected
                    else path_with_added_args(self.request, {PARAM: value}))
            values.append({"value": value, "label": names.get(value) or value, "count": count,
                           "toggle_url": self.ds.absolute_url(self.request, path), "selected": selected})
        return [{
            "name": "organisation", "type": self.type, "results": values,
            "hideable": configs[0]["source"] != "metadata",
            "toggle_url": self.ds.urls.path(path_with_removed_args(self.request, {"_facet_organisation"})),
            "truncated": len(rows) > size,
        }], []


@hookimpl
def register_facet_classes():
    return [OrganisationFacet]


@hookimpl
def filters_from_request(request, database, table, datasette):
    wanted = request.args.getlist(PARAM) if table == TABLE else []
    if not wanted:
        return None
    clauses, params, human = [], {}, []
    for i, value in enumerate(wanted):
        clauses.append(f"id in (select document_id from document_parties where organisation_id = :org_facet_{i}"
                       f" and role in {ROLES})")
        params[f"org_facet_{i}"] = value
        human.append(f"organisation is {value}")
    return FilterArguments(clauses, params=params, human_descriptions=human)
