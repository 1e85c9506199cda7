"""Atom feeds (RFC 4287, written by feedgen) and iCalendar calendars (RFC 5545, written by icalendar) from rows
of the archive (issue 13 item 7). Pure: rows in, bytes out; web/plugins/feeds.py runs the SQL and serves them.

Atom: the feed has an author, a self link and an id; every entry links to the archive's own page
(rel=alternate) and to the original on the publisher's site (rel=related), has a summary that is never empty and
a title shortened at a word boundary with an ellipsis. iCalendar: every event has UID and DTSTAMP, a due date is
an all-day event (DTSTART;VALUE=DATE, DTEND the next day), the summary is shortened at a word boundary, URL is the
archive's page; no TZID is written (all-day dates need no time zone), and icalendar folds lines at 75 octets.
"""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

import icalendar
from feedgen.feed import FeedGenerator
from lxml import etree

log = logging.getLogger(__name__)

ARCHIVE_NAME = "Statistics regulation correspondence archive"
PRODID = "-//osr-correspondence-archive//commitment due dates//EN"
LICENCE = ("Documents are Crown copyright, Open Government Licence v3.0; code and derived data MIT. "
           "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/")
ELLIPSIS = "…"


def shorten(text: str | None, width: int) -> str:
    """`text` on one line, at most `width` characters, cut at a word boundary with an ellipsis. A first word
    longer than `width` is kept whole rather than cut."""
    text = " ".join((text or "").split())
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    if text[width - 1] != " " and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    elif " " not in cut and text[width - 1] != " ":
        cut = text.split(" ", 1)[0]
    return cut.rstrip(" ,;:.-–—") + ELLIPSIS


def _utc(value: str | None, fallback: dt.datetime) -> dt.datetime:
    """An ISO date or timestamp from the archive as an aware UTC datetime (naive values are UTC)."""
    if not value:
        return fallback
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        log.warning("feed: unreadable timestamp %r, using %s", value, fallback)
        return fallback
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.timezone.utc)


@dataclass
class FeedEntry:
    id: str
    title: str
    updated: str | None
    summary: str
    page: str  # absolute URL of the archive's own page
    original: str | None  # the publisher's URL
    author: str | None = None
    published: str | None = None
    category: str | None = None


@dataclass
class Feed:
    id: str
    title: str
    subtitle: str
    self_url: str
    home_url: str
    as_of: str | None
    entries: list[FeedEntry]


def atom(feed: Feed, title_width: int = 140) -> bytes:
    fallback = _utc(feed.as_of, dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc))
    fg = FeedGenerator()
    fg.id(feed.id)
    fg.title(feed.title)
    fg.subtitle(feed.subtitle)
    fg.author({"name": ARCHIVE_NAME, "uri": feed.home_url})
    fg.link(href=feed.self_url, rel="self", type="application/atom+xml")
    fg.link(href=feed.home_url, rel="alternate", type="text/html")
    fg.rights(LICENCE)
    fg.generator("feedgen (osr-correspondence-archive)")
    newest = fallback
    for item in feed.entries:
        updated = _utc(item.updated, fallback)
        newest = max(newest, updated)
        entry = fg.add_entry(order="append")
        entry.id(item.id)
        entry.title(shorten(item.title, title_width) or "Untitled")
        entry.updated(updated)
        if item.published:
            entry.published(_utc(item.published, updated))
        if item.author:
            entry.author({"name": item.author})
        for link in _entry_links(item):
            entry.link(**link)
        entry.summary(item.summary.strip() or item.title or "No text could be extracted.")
        if item.category:
            entry.category(term=item.category)
    fg.updated(newest)
    return _with_entry_link_attributes(fg.atom_str(), feed.entries)


def _entry_links(item: FeedEntry) -> list[dict]:
    links = [{"href": item.page, "rel": "alternate", "type": "text/html"}]
    if item.original:
        links.append({"href": item.original, "rel": "related", "type": "text/html",
                      "title": "Original on the publisher's site"})
    return links


def _with_entry_link_attributes(xml: bytes, entries: list[FeedEntry]) -> bytes:
    """feedgen 1.0.0 (the latest) writes an entry's <link> with its href only, dropping rel, type and title (its
    atom_entry() rebinds the loop variable before reading them), so every entry link would read as rel=alternate.
    Put them back from the entries' own link lists."""
    atom_ns = "{http://www.w3.org/2005/Atom}"
    root = etree.fromstring(xml)
    for element, item in zip(root.iter(f"{atom_ns}entry"), entries, strict=True):
        for link_element, link in zip(element.findall(f"{atom_ns}link"), _entry_links(item), strict=True):
            if link_element.get("href") != link["href"]:
                raise ValueError(f"feedgen wrote links in an unexpected order for {item.id}")
            for name in ("rel", "type", "title"):
                if link.get(name):
                    link_element.set(name, link[name])
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


@dataclass
class DueEvent:
    uid: str
    due: str  # ISO date: the last day of the due interval
    summary: str
    description: str
    page: str  # absolute URL of the archive's page
    categories: list[str]


def calendar(name: str, description: str, events: list[DueEvent], stamp: dt.datetime,
             summary_width: int = 100) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-caldesc", description)
    for item in events:
        try:
            day = dt.date.fromisoformat(item.due)
        except (TypeError, ValueError):
            log.warning("calendar: %s has an unreadable due date %r; left out", item.uid, item.due)
            continue
        event = icalendar.Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + dt.timedelta(days=1))
        event.add("summary", shorten(item.summary, summary_width))
        event.add("description", item.description)
        event.add("url", item.page)
        event.add("categories", [c for c in item.categories if c])
        event.add("transp", "TRANSPARENT")  # a deadline, not a meeting: it does not make anyone busy
        event.add("class", "PUBLIC")
        cal.add_component(event)
    return cal.to_ical()
