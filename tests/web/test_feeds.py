"""The feeds to spec (issue 13 item 7, issue 7 item 6): the raw Atom and iCalendar text is checked against RFC 4287
and RFC 5545 point by point, then read by independent clients (feedparser; icalendar and ics)."""
from __future__ import annotations

import datetime as dt
import re
import sqlite3
import urllib.parse

import feedparser
import icalendar
import ics
import pytest
import sqlite_utils
from lxml import etree

from bench.fixture_archive import make_fixture_archive
from web.feeds import shorten
from bench.datasette import running_datasette

ATOM = "{http://www.w3.org/2005/Atom}"
LONG_TITLE = ("Letter about the statistics on regional household disposable income and the revisions published "
              "alongside them during the autumn round of consultations with users")
LONG_QUOTE = ("We will publish a development plan for the regional household income statistics, with a timetable for "
              "each of the improvements users asked for during the consultation, by the end of March 2027.")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    db_path = make_fixture_archive(tmp_path_factory.mktemp("feeds") / "archive.db", n_documents=150, seed=5)
    db = sqlite_utils.Database(db_path)
    # Invented: the newest document, with a long title and a long commitment, so shortening is exercised.
    db["documents"].insert({"id": 990001, "url": "https://example.org/invented/990001/", "title": LONG_TITLE,
                            "doc_type": "letter", "date": "2026-06-29", "year": 2026, "text": "",
                            "first_captured": "2026-06-30T09:00:00Z", "sender": "An Invented Sender"})
    db["commitments"].insert({"id": "c990001-1", "document_id": 990001, "kind": "commitment", "actor": "org:ons",
                              "actor_name": "Office for National Statistics", "quote": LONG_QUOTE,
                              "due_text": "by the end of March 2027", "due_start": "2027-03-01",
                              "due_end": "2027-03-31", "status": "open", "made_on": "2026-06-29"})
    db.close()
    conn = sqlite3.connect(db_path)
    with running_datasette(db_path) as server:
        yield server, conn
    conn.close()


def fetch(server, path, content_type, **params):
    status, headers, body = server.get(path, **params)
    assert status == 200, body[:300]
    assert headers["content-type"].startswith(content_type)
    return body


def parse(server, path, **params):
    body = fetch(server, path, "application/atom+xml", **params)
    feed = feedparser.parse(body)
    assert not feed.bozo, feed.bozo_exception
    return feed, etree.fromstring(body)


def busiest_org(conn):
    return conn.execute("select organisation_id from document_parties where organisation_id !="
                        " 'org:osr' group by 1 order by count(*) desc").fetchone()[0]


def local_path(server, url):
    assert url.startswith(server.base + "/"), url
    return urllib.parse.urlsplit(url).path


def check_atom_to_spec(server, root, full_titles):
    """RFC 4287: feed id, title, updated, author, self link; each entry's id, title, updated, a summary that is
    not empty, rel=alternate to the archive's page (answering 200) and rel=related to the original."""
    for name in ("id", "title", "updated"):
        assert (root.findtext(f"{ATOM}{name}") or "").strip()
    assert root.findtext(f"{ATOM}author/{ATOM}name").strip()
    assert root.find(f"{ATOM}link[@rel='self']") is not None
    entries = root.findall(f"{ATOM}entry")
    assert entries
    for entry in entries:
        entry_id = entry.findtext(f"{ATOM}id")
        assert entry_id and entry.findtext(f"{ATOM}updated")
        assert (entry.findtext(f"{ATOM}summary") or "").strip(), entry_id
        alternate = entry.findall(f"{ATOM}link[@rel='alternate']")
        assert len(alternate) == 1
        path = local_path(server, alternate[0].get("href"))
        if not entry_id.split(":")[2].startswith("no-"):
            assert re.fullmatch(r"/archive/documents/\d+", path)
            assert len(entry.findall(f"{ATOM}link[@rel='related']")) == 1
        title = entry.findtext(f"{ATOM}title")
        full = full_titles.get(entry_id)
        if full is not None:
            assert_shortened(title, full, 140)
    for path in {local_path(server, e.get("href")) for e in root.iter(f"{ATOM}link") if e.get("rel") == "alternate"
                 and e.get("href").startswith(server.base)}:
        assert server.get(path)[0] == 200, path


def assert_shortened(shown: str, full: str, width: int):
    """Either the whole text, or a prefix ending at a word boundary followed by an ellipsis."""
    full = " ".join(full.split())
    if shown == full:
        return
    assert shown.endswith("…") and len(shown) <= width, shown
    kept = shown[:-1]
    assert full.startswith(kept) and full[len(kept.rstrip(" ,;:.-–—")):][:1] in (" ", ",", ";", ":", ".", "-")


@pytest.mark.parametrize("text,width,expected", [
    ("short title", 20, "short title"),
    ("one two three four", 12, "one two…"),
    ("one two, three four", 10, "one two…"),
    ("supercalifragilistic word", 10, "supercalifragilistic…"),
    ("  spaced\n out  ", 20, "spaced out"),
    ("", 10, ""),
])
def test_shorten_cuts_at_word_boundaries(text, width, expected):
    assert shorten(text, width) == expected


def test_new_documents_feed(site):
    server, conn = site
    feed, root = parse(server, "/archive/feed_documents.atom")
    assert feed.feed.title == "New documents in the statistics regulation correspondence archive"
    assert feed.feed.author
    assert len(feed.entries) == 50 and len({e.id for e in feed.entries}) == 50
    urls = dict(conn.execute("select 'tag:osr-archive,2024:document:' || id, url from documents"))
    titles = dict(conn.execute("select 'tag:osr-archive,2024:document:' || id, title from documents"))
    check_atom_to_spec(server, root, titles)
    for entry in feed.entries:
        related = [link.href for link in entry.links if link.rel == "related"]
        assert related == [urls[entry.id]]
        assert entry.link == server.base + "/archive/documents/" + entry.id.rsplit(":", 1)[1]
        assert entry.summary.strip()
    first = feed.entries[0]
    assert first.id.endswith(":990001") and first.title != LONG_TITLE and first.title.endswith("…")
    assert first.summary.strip()  # the document has no text: the summary still says what it is
    updated = [e.updated_parsed for e in feed.entries]
    assert updated == sorted(updated, reverse=True)


def test_new_documents_feed_per_organisation(site):
    server, conn = site
    org = busiest_org(conn)
    feed, root = parse(server, "/archive/feed_documents_org.atom", org=org)
    involved = {f"tag:osr-archive,2024:document:{r[0]}" for r in conn.execute(
        "select document_id from document_parties where organisation_id = ? or party_id = ?", (org, org))}
    assert feed.entries and {e.id for e in feed.entries} <= involved
    name = conn.execute("select name from parties where id = ?", (org,)).fetchone()[0]
    assert name in feed.feed.title
    check_atom_to_spec(server, root, {})
    empty, root = parse(server, "/archive/feed_documents_org.atom", org="org:no-such-body")
    assert [e.title for e in empty.entries] == ["No documents in this feed yet"]
    check_atom_to_spec(server, root, {})


def test_commitments_feed_has_new_and_changed_commitments(site):
    server, conn = site
    feed, root = parse(server, "/archive/feed_commitments.atom")
    assert len(feed.entries) == 50 and len({e.id for e in feed.entries}) == 50
    kinds = {e.title.split(":")[0] for e in feed.entries}
    assert any(k.startswith("New ") for k in kinds) and kinds & {"Met", "Restated", "Overdue", "In progress"}
    assert all("Status: " in e.summary for e in feed.entries)
    check_atom_to_spec(server, root, {"tag:osr-archive,2024:commitment:c990001-1:made":
                                      "New commitment: Office for National Statistics — " + LONG_QUOTE})
    assert any(e.title.endswith("…") for e in feed.entries)
    org = busiest_org(conn)
    per_org, root = parse(server, "/archive/feed_commitments_org.atom", org=org)
    bound = {r[0] for r in conn.execute("select c.id from commitments c left join parties p on p.id = c.actor"
                                        " where c.actor = ? or p.organisation_id = ?", (org, org))}
    assert per_org.entries
    assert all(e.id.split(":")[3] in bound for e in per_org.entries)
    check_atom_to_spec(server, root, {})


def unfolded(text: str) -> list[str]:
    return re.sub(r"\r\n[ \t]", "", text).split("\r\n")


def check_ics_to_spec(server, body: bytes, conn):
    """RFC 5545: CRLF lines of at most 75 octets; VERSION and PRODID; every VEVENT with UID, DTSTAMP (UTC), an
    all-day DTSTART;VALUE=DATE and DTEND the next day, a URL to the archive's page; no TZID (there is no
    VTIMEZONE); summaries never cut inside a word."""
    assert body.endswith(b"\r\n") and b"\n" not in body.replace(b"\r\n", b"")
    for line in body.split(b"\r\n"):
        assert len(line) <= 75, line
    text = body.decode("utf-8")
    assert "TZID" not in text and "VTIMEZONE" not in text
    lines = unfolded(text)
    assert "VERSION:2.0" in lines and any(line.startswith("PRODID:") for line in lines)
    quotes = dict(conn.execute("select 'commitment-' || id || '@osr-archive', coalesce(actor_name, 'Due') || ': '"
                               " || quote from commitments"))
    events = re.findall(r"BEGIN:VEVENT\r\n(.*?)END:VEVENT", "\r\n".join(lines) + "\r\n", re.S)
    assert events
    urls = set()
    for event in events:
        props = {}
        for line in event.split("\r\n"):
            if line:
                name, _, value = line.partition(":")
                props[name] = value
        assert re.fullmatch(r"\d{8}T\d{6}Z", props["DTSTAMP"])
        start = dt.datetime.strptime(props["DTSTART;VALUE=DATE"], "%Y%m%d").date()
        end = dt.datetime.strptime(props["DTEND;VALUE=DATE"], "%Y%m%d").date()
        assert end - start == dt.timedelta(days=1)
        summary = icalendar.vText.from_ical(props["SUMMARY"])
        assert_shortened(summary, quotes[props["UID"]], 100)
        urls.add(local_path(server, props["URL"]))
    for path in list(urls)[:20]:
        assert server.get(path)[0] == 200, path
    return len(events)


def test_calendar_of_due_dates(site):
    server, conn = site
    body = fetch(server, "/archive/calendar_due.ics", "text/calendar")
    count = check_ics_to_spec(server, body, conn)
    cal = icalendar.Calendar.from_ical(body)
    events = cal.walk("VEVENT")
    due = dict(conn.execute("select 'commitment-' || id || '@osr-archive', due_end from commitments"
                            " where due_end is not null"))
    assert len(events) == len(due) == count
    assert len({str(e["UID"]) for e in events}) == len(events)
    for event in events:
        start = event.decoded("DTSTART")
        assert isinstance(start, dt.date) and not isinstance(start, dt.datetime)  # all-day
        assert start.isoformat() == due[str(event["UID"])]
        assert event.decoded("DTSTAMP").tzinfo is not None
    assert str(cal["X-WR-CALNAME"]) == "Commitment due dates"
    long_one = next(e for e in events if str(e["UID"]) == "commitment-c990001-1@osr-archive")
    assert str(long_one["SUMMARY"]).endswith("…") and LONG_QUOTE in str(long_one["DESCRIPTION"])
    other = ics.Calendar(body.decode("utf-8"))  # a second, independent parser
    assert len(other.events) == len(events)
    assert all(e.all_day for e in other.events)
    org = busiest_org(conn)
    org_events = icalendar.Calendar.from_ical(server.get("/archive/calendar_due.ics", party=org)[2]).walk("VEVENT")
    assert 0 < len(org_events) < len(events)


def test_one_calendar_per_organisation(site):
    server, conn = site
    org = busiest_org(conn)
    body = fetch(server, f"/calendars/{org.removeprefix('org:')}.ics", "text/calendar")
    check_ics_to_spec(server, body, conn)
    cal = icalendar.Calendar.from_ical(body)
    name = conn.execute("select name from parties where id = ?", (org,)).fetchone()[0]
    assert str(cal["X-WR-CALNAME"]) == f"Commitment due dates: {name}"
    bound = {f"commitment-{r[0]}@osr-archive" for r in conn.execute(
        "select c.id from commitments c left join parties p on p.id = c.actor"
        " where c.due_end is not null and (c.actor = ? or p.organisation_id = ?)", (org, org))}
    assert {str(e["UID"]) for e in cal.walk("VEVENT")} == bound
    assert server.get("/calendars/no-such-body.ics")[0] == 404


def test_raw_captures_are_not_found_on_a_server_without_data(site):
    server, conn = site
    capture = conn.execute("select id from captures limit 1").fetchone()[0]
    status, _, body = server.get(f"/-/captures/{capture}/raw")
    assert status == 404 and b"not available" in body


def test_feeds_and_facet_follow_a_republish(tmp_path):
    """Feeds and the facets (organisation, and the column facets: web/plugins/facet_cache.py) are kept between
    requests; a publish must show through at once."""
    from archive.publish import publish

    target = tmp_path / "archive.db"
    publish(make_fixture_archive(tmp_path / "a.db", n_documents=30, seed=21), target, snapshot=False)
    with running_datasette(target) as server:
        before = parse(server, "/archive/feed_documents.atom")[0]
        calendar_before = icalendar.Calendar.from_ical(server.get("/archive/calendar_due.ics")[2]).walk("VEVENT")
        facet_before = server.json("/archive/documents.json", _size="1")["facet_results"]["organisation"]
        types_before = server.json("/archive/documents.json", _size="1")["facet_results"]["doc_type"]["results"]
        assert sum(r["count"] for r in types_before) == 30
        publish(make_fixture_archive(tmp_path / "b.db", n_documents=45, seed=22), target, snapshot=False)
        conn = sqlite3.connect(target)
        try:
            newest = conn.execute("select id from documents order by first_captured desc, id desc limit 1").fetchone()[0]
            due = conn.execute("select count(*) from commitments where due_end is not null").fetchone()[0]
            total = sum(n for _, n in conn.execute(
                "select organisation_id, count(distinct document_id) from document_parties where organisation_id"
                " is not null and role in ('sender', 'recipient', 'copied') group by 1"))
        finally:
            conn.close()
        after = parse(server, "/archive/feed_documents.atom")[0]
        assert after.entries[0].id.endswith(f":{newest}") and after.entries != before.entries
        calendar_after = icalendar.Calendar.from_ical(server.get("/archive/calendar_due.ics")[2]).walk("VEVENT")
        assert len(calendar_after) == due != len(calendar_before)
        facet_after = server.json("/archive/documents.json", _size="1")["facet_results"]["organisation"]
        assert sum(r["count"] for r in facet_after["results"]) == total
        assert facet_after["results"] != facet_before["results"]
        types_after = server.json("/archive/documents.json", _size="1")["facet_results"]["doc_type"]["results"]
        assert sum(r["count"] for r in types_after) == 45
        doc_types = dict(sqlite3.connect(target).execute("select doc_type, count(*) from documents group by 1"))
        assert {r["value"]: r["count"] for r in types_after} == doc_types
