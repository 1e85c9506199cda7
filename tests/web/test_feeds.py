"""The Atom feeds read by a real feed parser and the calendar by a real iCalendar parser (issue #7 item 6)."""
from __future__ import annotations

import datetime as dt
import sqlite3

import feedparser
import icalendar
import pytest

from bench.fixture_archive import make_fixture_archive
from bench.datasette import running_datasette


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    db_path = make_fixture_archive(tmp_path_factory.mktemp("feeds") / "archive.db", n_documents=150, seed=5)
    conn = sqlite3.connect(db_path)
    with running_datasette(db_path) as server:
        yield server, conn
    conn.close()


def parse(server, path, **params):
    status, headers, body = server.get(path, **params)
    assert status == 200, body[:300]
    feed = feedparser.parse(body)
    assert not feed.bozo, feed.bozo_exception
    return feed


def busiest_org(conn):
    return conn.execute("select organisation_id from document_parties where organisation_id !="
                        " 'org:osr' group by 1 order by count(*) desc").fetchone()[0]


def test_new_documents_feed(site):
    server, conn = site
    feed = parse(server, "/archive/feed_documents.atom")
    assert feed.feed.title == "New documents in the statistics regulation correspondence archive"
    assert len(feed.entries) == 50
    assert len({e.id for e in feed.entries}) == 50
    urls = {r[0] for r in conn.execute("select url from documents")}
    assert all(e.link in urls for e in feed.entries)
    newest = conn.execute("select title from documents order by first_captured desc, id desc limit 1").fetchone()[0]
    assert feed.entries[0].title == newest
    updated = [e.updated_parsed for e in feed.entries]
    assert updated == sorted(updated, reverse=True)


def test_new_documents_feed_per_organisation(site):
    server, conn = site
    org = busiest_org(conn)
    feed = parse(server, "/archive/feed_documents_org.atom", org=org)
    involved = {f"tag:osr-archive,2024:document:{r[0]}" for r in conn.execute(
        "select document_id from document_parties where organisation_id = ? or party_id = ?", (org, org))}
    assert feed.entries and {e.id for e in feed.entries} <= involved
    empty = parse(server, "/archive/feed_documents_org.atom", org="org:no-such-body")
    assert [e.title for e in empty.entries] == ["No documents in this feed yet"]


def test_commitments_feed_has_new_and_changed_commitments(site):
    server, conn = site
    feed = parse(server, "/archive/feed_commitments.atom")
    assert len(feed.entries) == 50 and len({e.id for e in feed.entries}) == 50
    kinds = {e.title.split(":")[0] for e in feed.entries}
    assert any(k.startswith("New ") for k in kinds) and kinds & {"Met", "Restated", "Overdue", "In progress"}
    assert all("Status: " in e.summary for e in feed.entries)
    org = busiest_org(conn)
    per_org = parse(server, "/archive/feed_commitments_org.atom", org=org)
    bound = {r[0] for r in conn.execute("select c.id from commitments c left join parties p on p.id = c.actor"
                                        " where c.actor = ? or p.organisation_id = ?", (org, org))}
    assert per_org.entries
    assert all(e.id.split(":")[3] in bound for e in per_org.entries)


def test_calendar_of_due_dates(site):
    server, conn = site
    status, headers, body = server.get("/archive/calendar_due.ics")
    assert status == 200 and headers["content-type"].startswith("text/calendar")
    cal = icalendar.Calendar.from_ical(body)
    events = cal.walk("VEVENT")
    due = dict(conn.execute("select 'commitment-' || id || '@osr-archive', due_end from commitments"
                            " where due_end is not null"))
    assert len(events) == len(due)
    assert len({str(e["UID"]) for e in events}) == len(events)
    for event in events:
        start = event.decoded("DTSTART")
        start = start.date() if isinstance(start, dt.datetime) else start
        assert start.isoformat() == due[str(event["UID"])]
        assert str(event["SUMMARY"])
    assert str(cal["X-WR-CALNAME"]) == "Commitment due dates"
    org = busiest_org(conn)
    org_events = icalendar.Calendar.from_ical(server.get("/archive/calendar_due.ics", party=org)[2]).walk("VEVENT")
    assert 0 < len(org_events) < len(events)


def test_raw_captures_are_not_found_on_a_server_without_data(site):
    server, conn = site
    capture = conn.execute("select id from captures limit 1").fetchone()[0]
    status, _, body = server.get(f"/-/captures/{capture}/raw")
    assert status == 404 and b"not available" in body
