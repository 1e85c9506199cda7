"""The archive's Atom feeds and iCalendar calendars, to spec (issue 13 item 7), built by web/feeds.py.

datasette-atom and datasette-ics render canned queries, but cannot write all-day events, a DTSTAMP, per-entry
links to two places or a feed author, so these routes answer the feed addresses themselves (Datasette tries
plugin routes before its own, so the README's addresses keep working):

  /archive/feed_documents.atom[?org=]       new documents (optionally involving one party)
  /archive/feed_documents_org.atom?org=     the same, per party (kept: it was a canned query's address)
  /archive/feed_commitments.atom[?org=]     new or changed commitments
  /archive/feed_commitments_org.atom?org=
  /archive/calendar_due.ics[?party=]        commitment due dates
  /calendars/<slug>.ics                     one calendar per organisation (the register id without `org:`)

The canned queries of the same names stay in metadata.yml for their JSON and CSV.

A feed changes only when the archive is republished (and a calendar's order, nearest deadline first, each day), so
each body is kept until then (web/dbstate.py): icalendar takes about a second to write 1,000 events on a busy
2-core machine, most of it folding lines character by character.
"""
from __future__ import annotations

import asyncio
import datetime as dt

from datasette import hookimpl
from datasette.utils.asgi import Response

from web.dbstate import StateCache
from web.feeds import DueEvent, Feed, FeedEntry, atom, calendar, shorten

DB = "archive"
TAG = "tag:osr-archive,2024:"
ATOM = "application/atom+xml; charset=utf-8"
ICS = "text/calendar; charset=utf-8"

DOCUMENTS_SQL = """
select d.id, d.title, d.date, d.doc_type, d.fromto, d.sender, d.recipients, d.url, d.first_captured,
  substr(coalesce(d.text, ''), 1, 1500) as opening
from documents d
where (:org = '' or d.id in (
  select document_id from document_parties where organisation_id = :org or party_id = :org))
order by d.first_captured desc, d.id desc
limit 50
"""

COMMITMENTS_SQL = """
with bound(id) as materialized (  -- the party's own commitments and, for an organisation, its people's
  select id from commitments where actor = :org
  union select c.id from parties p join commitments c on c.actor = p.id where p.organisation_id = :org
),
made as (
  select c.id || ':made' as key, 'made' as change, c.made_on as day, c.id as commitment_id, 'open' as status,
    c.document_id as evidence, null as evidence_quote, null as note, c.due_text as due
  from commitments c
  where c.made_on is not null and (:org = '' or c.id in bound)
  order by c.made_on desc, key desc limit 50
),
events as (
  select c.id || ':event:' || e.id as key, e.status as change, e.date as day, c.id as commitment_id,
    e.status as status, coalesce(e.evidence_document_id, c.document_id) as evidence, e.evidence_quote,
    e.note, coalesce(e.due_start || ' to ' || e.due_end, c.due_text) as due
  from commitment_events e join commitments c on c.id = e.commitment_id
  where e.date is not null and not (e.status = 'open' and e.date = c.made_on) and (:org = '' or c.id in bound)
  order by e.date desc, key desc limit 50  -- the same order as the final one, so its first 50 are here
),
changes as (select * from made union all select * from events)
select ch.*, c.kind, c.actor_name, c.quote, d.url as evidence_url, d.title as evidence_title
from changes ch join commitments c on c.id = ch.commitment_id left join documents d on d.id = ch.evidence
order by ch.day desc, ch.key desc
limit 50
"""

DUE_SQL = """
with near as materialized (  -- choose the 1,000 first, then read their documents
  select id, abs(julianday(due_end) - julianday('now')) as distance from commitments
  where due_end is not null and (:party = '' or actor = :party
    or actor in (select id from parties where organisation_id = :party))
  order by distance, id limit 1000
)
select c.id, c.kind, c.actor_name, c.quote, c.due_text, c.due_start, c.due_end, c.status, c.document_id,
  d.title, d.date, d.url
from near join commitments c on c.id = near.id join documents d on d.id = c.document_id
order by near.distance, c.id
"""

_bodies = StateCache(size=64)


async def _cached(datasette, request, build, content_type: str) -> Response:
    """The body `build()` makes for this address, reused while the database is unchanged (same day)."""
    path = datasette.get_database(DB).path
    key = (datasette.absolute_url(request, request.full_path), dt.date.today().isoformat())
    body = _bodies.get(path, key)
    if body is None:
        body = await build()
        _bodies.put(path, key, body)
    return Response(body, content_type=content_type)


STATUS_WORDS = {"made": "New", "open": "Open", "in_progress": "In progress", "met": "Met", "restated": "Restated",
                "overdue": "Overdue"}


def _status(status: str | None) -> str:
    return STATUS_WORDS.get(status or "", status or "unknown").lower() if status != "made" else "open"


async def _as_of(db) -> str | None:
    row = (await db.execute("select value from archive_info where key = 'as_of'")).first()
    return row["value"] if row else None


async def _party_name(db, party: str) -> str | None:
    if not party:
        return None
    row = (await db.execute("select name from parties where id = ?", [party])).first()
    return row["name"] if row else None


def _page(datasette, request, path: str) -> str:
    return datasette.absolute_url(request, datasette.urls.path(path))


def _self(datasette, request) -> str:
    return datasette.absolute_url(request, request.full_path)


def _placeholder(kind: str, party: str, home: str, as_of: str | None) -> FeedEntry:
    return FeedEntry(id=f"{TAG}no-{kind}:{party}", title=f"No {kind} in this feed yet", updated=as_of,
                     summary="Nothing in the archive matches this feed yet.", page=home, original=None)


def _document_entry(datasette, request, row) -> FeedEntry:
    line = " · ".join(str(v) for v in (row["date"], row["doc_type"], row["fromto"]) if v)
    opening = shorten(row["opening"], 600)
    return FeedEntry(
        id=f"{TAG}document:{row['id']}", title=row["title"] or f"Document {row['id']}",
        updated=row["first_captured"] or row["date"], published=row["date"],
        summary="\n\n".join(p for p in (line, opening) if p) or f"Document {row['id']} (no text could be extracted)",
        page=_page(datasette, request, f"/archive/documents/{row['id']}"), original=row["url"],
        author=row["sender"], category=row["doc_type"])


async def documents_feed(datasette, request):
    return await _cached(datasette, request, lambda: _documents_atom(datasette, request), ATOM)


async def _documents_atom(datasette, request) -> bytes:
    db = datasette.get_database(DB)
    org = request.args.get("org", "")
    rows = (await db.execute(DOCUMENTS_SQL, {"org": org})).rows
    name = await _party_name(db, org)
    home = _page(datasette, request, "/")
    as_of = await _as_of(db)
    entries = [_document_entry(datasette, request, r) for r in rows] or [_placeholder("documents", org, home, as_of)]
    title = ("New documents in the statistics regulation correspondence archive" if not org
             else f"New documents involving {name or org}")
    feed = Feed(id=f"{TAG}feed:documents:{org}", title=title,
                subtitle="The 50 documents most recently added to the archive.",
                self_url=_self(datasette, request), home_url=home, as_of=as_of, entries=entries)
    return atom(feed)


def _commitment_entry(datasette, request, row) -> FeedEntry:
    word = STATUS_WORDS.get(row["change"], str(row["change"]).replace("_", " ").capitalize())
    head = f"New {row['kind']}" if row["change"] == "made" else word
    parts = [row["quote"], f"Due: {row['due'] or 'no date given'}", f"Status: {_status(row['status'])}"]
    if row["evidence_quote"]:
        parts.append(f"Evidence: {row['evidence_quote']}")
    if row["note"]:
        parts.append(f"Note: {row['note']}")
    if row["evidence_title"]:
        parts.append(f"In: {row['evidence_title']}")
    return FeedEntry(
        id=f"{TAG}commitment:{row['key']}",
        title=f"{head}: {row['actor_name'] or 'unnamed party'} — {row['quote'] or ''}",
        updated=row["day"], published=row["day"], summary="\n".join(str(p) for p in parts if p),
        page=_page(datasette, request, f"/archive/documents/{row['evidence']}"), original=row["evidence_url"],
        author=row["actor_name"], category=row["kind"])


async def commitments_feed(datasette, request):
    return await _cached(datasette, request, lambda: _commitments_atom(datasette, request), ATOM)


async def _commitments_atom(datasette, request) -> bytes:
    db = datasette.get_database(DB)
    org = request.args.get("org", "")
    rows = (await db.execute(COMMITMENTS_SQL, {"org": org})).rows
    name = await _party_name(db, org)
    home = _page(datasette, request, "/")
    as_of = await _as_of(db)
    entries = ([_commitment_entry(datasette, request, r) for r in rows]
               or [_placeholder("commitments", org, home, as_of)])
    title = ("New or changed commitments in the statistics regulation correspondence archive" if not org
             else f"New or changed commitments binding {name or org}")
    feed = Feed(id=f"{TAG}feed:commitments:{org}", title=title,
                subtitle="The 50 latest commitments made and status changes (in progress, met, restated, overdue).",
                self_url=_self(datasette, request), home_url=home, as_of=as_of, entries=entries)
    return atom(feed)


def _due_event(datasette, request, row) -> DueEvent:
    page = _page(datasette, request, f"/archive/documents/{row['document_id']}")
    due = row["due_text"] or ""
    if row["due_start"] and row["due_end"] and row["due_start"] != row["due_end"]:
        due = f"{due} ({row['due_start']} to {row['due_end']})".strip()
    description = "\n".join(str(p) for p in (
        row["quote"], f"Due: {due or row['due_end']}", f"Status: {_status(row['status'])}",
        f"Made in: {row['title']} ({row['date']})" if row["title"] else None,
        f"In the archive: {page}", f"Original: {row['url']}" if row["url"] else None) if p)
    return DueEvent(uid=f"commitment-{row['id']}@osr-archive", due=row["due_end"],
                    summary=f"{row['actor_name'] or 'Due'}: {row['quote'] or row['id']}", description=description,
                    page=page, categories=[row["kind"], _status(row["status"])])


async def _calendar_response(datasette, request, party: str):
    return await _cached(datasette, request, lambda: _calendar_body(datasette, request, party), ICS)


async def _calendar_body(datasette, request, party: str) -> bytes:
    db = datasette.get_database(DB)
    rows = (await db.execute(DUE_SQL, {"party": party})).rows
    name = await _party_name(db, party)
    title = "Commitment due dates" + (f": {name or party}" if party else "")
    description = ("Deadlines of the commitments, requests and recommendations in the statistics regulation "
                   "correspondence archive, each on the last day it was due")
    stamp = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    events = [_due_event(datasette, request, r) for r in rows]
    return await asyncio.to_thread(calendar, title, description, events, stamp)  # not on the event loop


async def due_calendar(datasette, request):
    return await _calendar_response(datasette, request, request.args.get("party", ""))


async def organisation_calendar(datasette, request):
    party = "org:" + request.url_vars["slug"]
    if await _party_name(datasette.get_database(DB), party) is None:
        return Response.text(f"No organisation {party} in this archive.\n", status=404)
    return await _calendar_response(datasette, request, party)


@hookimpl
def register_routes():
    return [
        (r"^/archive/feed_documents(_org)?\.atom$", documents_feed),
        (r"^/archive/feed_commitments(_org)?\.atom$", commitments_feed),
        (r"^/archive/calendar_due\.ics$", due_calendar),
        (r"^/calendars/(?P<slug>[a-z0-9][a-z0-9-]{0,80})\.ics$", organisation_calendar),
    ]
