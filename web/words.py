"""Words for the reading room's pages: where a party's page is, dates and due intervals as people write them,
status names. Pure functions (no Datasette), shared by the plugin, the templates and the tests."""
from __future__ import annotations

import calendar
import re
from datetime import date

from datasette.utils import tilde_encode

STATUS_WORDS = {"met": "met", "in_progress": "in progress", "restated": "restated", "overdue": "overdue",
                "open": "open"}
SCORECARD_ORDER = ("met", "in_progress", "restated", "overdue", "open")
KINDS = ("commitment", "expectation", "request", "recommendation")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9._-]{0,120}$")


def party_url(party_id: str | None) -> str | None:
    """The page of a party: /organisations/<slug>, /people/<slug>, else its row in the parties table."""
    if not party_id:
        return None
    for prefix, page in (("org:", "/organisations/"), ("unresolved:organisation:", "/organisations/unresolved-"),
                         ("person:", "/people/"), ("unresolved:person:", "/people/unresolved-")):
        if party_id.startswith(prefix) and _SLUG.match(party_id[len(prefix):]):
            return page + party_id[len(prefix):]
    return "/archive/parties/" + tilde_encode(party_id)


def party_ids_for_slug(kind: str, slug: str) -> list[str]:
    """Candidate party ids for /organisations/<slug> (kind 'organisation') or /people/<slug> (kind 'person')."""
    if not _SLUG.match(slug or ""):
        return []
    if slug.startswith("unresolved-"):
        return [f"unresolved:{kind}:{slug[len('unresolved-'):]}"]
    return ["org:" + slug if kind == "organisation" else "person:" + slug]


def _parse(value: str | None) -> date | None:
    try:
        return date.fromisoformat((value or "")[:10])
    except ValueError:
        return None


def day_in_words(value: str | None) -> str:
    """'2020-06-30' -> '30 June 2020'; a partial date ('2020-06', '2020') as far as it goes; '' when empty."""
    if not value:
        return ""
    d = _parse(value)
    if d is not None:
        return f"{d.day} {calendar.month_name[d.month]} {d.year}"
    m = re.match(r"^(\d{4})-(\d{2})$", value)
    if m and 1 <= int(m.group(2)) <= 12:
        return f"{calendar.month_name[int(m.group(2))]} {m.group(1)}"
    return value if re.match(r"^\d{4}$", value) else value[:10]


def due_in_words(start: str | None, end: str | None) -> str:
    """A due interval in words: a day, a month, a quarter, a year, or 'between X and Y'; 'no date given'."""
    s, e = _parse(start), _parse(end)
    if e is None:
        return "no date given"
    if s is None or s == e:
        return f"by {day_in_words(end)}"
    last = calendar.monthrange(e.year, e.month)[1]
    if s.day == 1 and e.day == last:
        if (s.year, s.month) == (e.year, e.month):
            return f"by the end of {calendar.month_name[e.month]} {e.year}"
        if s.year == e.year and s.month == 1 and e.month == 12:
            return f"by the end of {e.year}"
        if s.year == e.year and e.month - s.month == 2 and s.month in (1, 4, 7, 10):
            return f"by the end of {calendar.month_name[e.month]} {e.year} (Q{(s.month + 2) // 3} {e.year})"
        return f"between {calendar.month_name[s.month]} {s.year} and the end of {calendar.month_name[e.month]} {e.year}"
    return f"between {day_in_words(start)} and {day_in_words(end)}"


def status_word(status: str | None) -> str:
    return STATUS_WORDS.get(status or "", (status or "unknown").replace("_", " "))


def clean_text(value) -> str:
    """Text for a page: never Python's None."""
    return "" if value is None else str(value)


_TIMESTAMP = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2}(\.\d+)?)?(Z|[+-]00:?00)?$")
_TITLE_WORDS = re.compile(r"\s*→\s*title words \[[^\]]*\]")


def is_timestamp(value) -> bool:
    return isinstance(value, str) and bool(_TIMESTAMP.match(value))


def time_in_words(value: str | None) -> str:
    """'2026-12-03T08:20:32.300812Z' -> '3 December 2026, 08:20 UTC' (stored times are UTC)."""
    m = _TIMESTAMP.match(value or "")
    if not m:
        return clean_text(value)
    return f"{day_in_words(m.group(1))}, {m.group(2)} UTC"


def readable_evidence(text: str | None) -> str:
    """Link evidence for readers: the matcher's internal word list becomes words."""
    return _TITLE_WORDS.sub(" → matched on the words of its title", clean_text(text))


_COMMITMENT_ID = re.compile(r"^c(\d{1,18})-\d{1,6}$")


def commitment_document(commitment_id: str | None) -> int | None:
    """The letter a commitment was made in, from its id (c<document id>-<n>, docs/DESIGN.md)."""
    m = _COMMITMENT_ID.match(commitment_id or "")
    return int(m.group(1)) if m else None
