"""Derived tables for the reading room's organisation pages (web/org_pages.py), recomputed on every derive:

* `organisation_summary`: one row per organisation that sent, received or was copied into a document or is bound
  by a commitment — its letters and its commitments counted by current status. An organisation's commitments are
  the ones binding it or one of its people (`commitments.actor` is the organisation, or a person whose
  `parties.organisation_id` is it), the same rule as the `promises` and `open_commitments` queries.
* `organisation_years`: per organisation and year, letters sent or received, commitments made and falling due
  (the small timeline on its page).
* `organisation_commitments`: one row per organisation and commitment binding it (or one of its people), and
  per person and commitment binding them (their page reads it the same way), with the page's sort key (status rank, then due date), so one page of an organisation's commitment cards is an index
  range scan at any archive size.
* `documents.organisations` is rewritten from the resolved parties (the register's name for each organisation
  the sender, recipients and people copied acted for), so the documents table's organisation facet counts
  "ONS" and "Office for National Statistics" together. Documents with no resolved organisation keep the names
  as written.

`captures_are_invented_sample(data_dir)` tells the build whether the captures come from the invented sample
mirror (every page of `mirror/` carries an INVENTED SAMPLE CONTENT comment), so the site can say so.
"""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import sqlite_utils

STATUSES = ("open", "in_progress", "met", "restated", "overdue")
# archive/build.py names an unresolved organisation whose name was empty "unknown": not an organisation to list.
PLACEHOLDER = "unresolved:organisation:unknown"
LETTER_ROLES = ("sender", "recipient", "copied")

# An organisation's commitments: those binding it, or one of its people.
ORG_COMMITMENTS = """
    select p.id as organisation_id, c.* from parties p
    join parties who on who.id = p.id or who.organisation_id = p.id
    join commitments c on c.actor = who.id
    where p.kind = 'organisation'
"""
ORG_LETTERS = """
    select distinct coalesce(dp.organisation_id, dp.party_id) as organisation_id, dp.document_id
    from document_parties dp
    where dp.role in ('sender', 'recipient', 'copied')
      and coalesce(dp.organisation_id, dp.party_id) in (select id from parties where kind = 'organisation')
"""

SUMMARY_SQL = f"""
with letters as ({ORG_LETTERS}),
letter_counts as (
  select l.organisation_id, count(*) as letters, min(d.date) as first_date, max(d.date) as last_date
  from letters l join documents d on d.id = l.document_id group by l.organisation_id
),
commitment_counts as (
  select organisation_id, count(*) as commitments,
    {", ".join(f"sum(status = '{s}') as {s}" for s in STATUSES)}
  from ({ORG_COMMITMENTS}) group by organisation_id
)
select p.id, case when p.id like 'org:%' then substr(p.id, 5)
    when p.id like 'unresolved:organisation:%' then 'unresolved-' || substr(p.id, 25) else p.id end as slug, p.name, p.abbreviation, p.resolved,
  coalesce(lc.letters, 0) as letters, coalesce(cc.commitments, 0) as commitments,
  {", ".join(f"coalesce(cc.{s}, 0) as {s}" for s in STATUSES)},
  lc.first_date, lc.last_date
from parties p
left join letter_counts lc on lc.organisation_id = p.id
left join commitment_counts cc on cc.organisation_id = p.id
where p.kind = 'organisation' and p.id != '{PLACEHOLDER}' and (lc.letters is not null or cc.commitments is not null)
"""

YEARS_SQL = f"""
with letters as ({ORG_LETTERS}),
events as (
  select l.organisation_id, cast(substr(d.date, 1, 4) as integer) as year, 'letter' as what
  from letters l join documents d on d.id = l.document_id where d.date is not null
  union all
  select organisation_id, cast(substr(made_on, 1, 4) as integer), 'made' from ({ORG_COMMITMENTS})
  where made_on is not null
  union all
  select organisation_id, cast(substr(due_end, 1, 4) as integer), 'due' from ({ORG_COMMITMENTS})
  where due_end is not null
)
select organisation_id, year, sum(what = 'letter') as letters, sum(what = 'made') as commitments_made,
  sum(what = 'due') as commitments_due
from events group by organisation_id, year
"""


# The order of an organisation's commitment cards: overdue first, then open, in progress, restated, met; soonest
# due first within each (no due date last). web/org_pages.py reads pages of it in this order.
STATUS_RANK = {"overdue": 0, "open": 1, "in_progress": 2, "restated": 3, "met": 4}
COMMITMENTS_SQL = f"""
select organisation_id, id as commitment_id,
  case status {" ".join(f"when '{s}' then {r}" for s, r in STATUS_RANK.items())} else 5 end as rank,
  coalesce(due_end, '9999-12-31') as sort_due, status, kind, cast(substr(made_on, 1, 4) as integer) as year
from ({ORG_COMMITMENTS}
      union all
      select c.actor as organisation_id, c.* from commitments c join parties p on p.id = c.actor
      where p.kind = 'person')
"""


def build_reading_room(db: sqlite_utils.Database) -> dict:
    """Recompute organisation_summary, organisation_years, organisation_commitments and documents.organisations;
    returns row counts."""
    conn = db.conn
    conn.execute("delete from organisation_summary")
    conn.execute("delete from organisation_years")
    conn.execute("delete from organisation_commitments")
    conn.execute("insert into organisation_commitments (organisation_id, commitment_id, rank, sort_due, status, kind,"
                 f" year) {COMMITMENTS_SQL}")
    conn.execute(f"insert into organisation_summary ({', '.join(SUMMARY_COLUMNS)}) {SUMMARY_SQL}")
    conn.execute(f"insert into organisation_years (organisation_id, year, letters, commitments_made,"
                 f" commitments_due) {YEARS_SQL}")
    _resolve_document_organisations(conn)
    return {"organisations": db["organisation_summary"].count, "years": db["organisation_years"].count,
            "organisation_commitments": db["organisation_commitments"].count}


SUMMARY_COLUMNS = ["id", "slug", "name", "abbreviation", "resolved", "letters", "commitments", *STATUSES,
                   "first_date", "last_date"]


def _resolve_document_organisations(conn: sqlite3.Connection) -> None:
    rows = conn.execute("""
        select dp.document_id, p.name from document_parties dp
        join parties p on p.id = coalesce(dp.organisation_id, dp.party_id) and p.kind = 'organisation'
        where dp.role in ('sender', 'recipient', 'copied') and p.id != ?
        order by dp.document_id,
          case dp.role when 'sender' then 0 when 'recipient' then 1 else 2 end, dp.rowid""", [PLACEHOLDER]).fetchall()
    names: dict[int, list[str]] = {}
    for doc_id, name in rows:
        listed = names.setdefault(doc_id, [])
        if name and name not in listed:
            listed.append(name)
    current = dict(conn.execute("select id, organisations from documents where organisations is not null"))
    # only the documents whose list changed are written (most keep theirs from one build to the next)
    conn.executemany("update documents set organisations = ? where id = ?",
                     [(value, k) for k, v in names.items() if v and current.get(k) != (value := json.dumps(v))])


SAMPLE_MARKER = b"INVENTED SAMPLE CONTENT"
SAMPLE_PROBES = 25


def captures_are_invented_sample(data_dir: str | Path) -> bool:
    """True when most of (up to 25, spread over the run) HTML document captures carry the sample mirror's
    INVENTED SAMPLE CONTENT marker: a real site's pages never do."""
    from warcio.exceptions import ArchiveLoadFailed

    from captures import capturedb
    from captures.warcstore import read_payload

    conn = capturedb.connect(data_dir)
    try:
        rows = conn.execute("""
            select warc_file, warc_offset from captures
            where record_type = 'response' and content_type like 'text/html%' and warc_file is not null
            order by id""").fetchall()
    finally:
        conn.close()
    if not rows:
        return False
    step = max(1, len(rows) // SAMPLE_PROBES)
    probes = rows[::step][:SAMPLE_PROBES]
    marked = 0
    for warc_file, offset in probes:
        try:
            _headers, payload = read_payload(data_dir, warc_file, offset)
        except (ArchiveLoadFailed, OSError, ValueError):
            continue  # a damaged record says nothing either way; the build records it elsewhere
        marked += SAMPLE_MARKER in payload
    return marked * 2 > len(probes)
