"""Dates: every temporal expression in a document, normalised against the document's own date.

    extract_dates(paragraphs, ref_date, *, tense_hint=None) -> list[DateMention]
    parse_date_text(text, ref_date=None) -> DateMention | None      (one expression: listing dates, link labels)
    find_letter_date(paragraphs) -> str | None                        (the letter's own date line)

Our own regular-expression recogniser (extract/dates/rules.py) decides what is a temporal expression; each match is
normalised to an inclusive ISO interval with a granularity. The policy (season months, "early 2020", financial
years, "in the coming weeks", what is not a date) is written down in docs/DATES.md; tests/test_dates*.py hold it.
dateparser, configured once (English, day-month order), is only a fallback for a single odd expression handed to
parse_date_text: it is never run over running text ("we" would be Wednesday and "may" the month).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from datetime import date, datetime, timedelta
from functools import lru_cache

from extract.dates import calendar as cal
from extract.dates.lexicon import CHANGE_BEFORE
from extract.dates.rules import Hit, Options
from extract.dates.table import RULES
from extract.dates.tense import tense
from extract.records import DateMention, Paragraph

__all__ = ["extract_dates", "parse_date_text", "find_letter_date", "DATEPARSER_SETTINGS"]

DATEPARSER_SETTINGS = {
    "DATE_ORDER": "DMY",
    "PREFER_DAY_OF_MONTH": "first",
    "RETURN_AS_TIMEZONE_AWARE": False,
    "PREFER_DATES_FROM": "current_period",
}

_BRITISH = Options()
_PARA_SEP = "\x00"


def extract_dates(
    paragraphs: list[Paragraph] | str,
    ref_date: str | date | None,
    *,
    tense_hint: str | None = None,
    dayfirst: bool = True,
    bare_weekdays: bool = True,
) -> list[DateMention]:
    """Every temporal expression in the paragraphs, in reading order.

    ref_date is the document's own date: relative and year-less expressions are resolved against it (without it
    they are still found, with start and end None). tense_hint ("future" | "past") is used for a year-less
    expression whose sentence shows no tense. dayfirst=False (US month-day numeric dates) exists for the news
    benchmark in eval/timebank.py; bare_weekdays=False leaves a bare "on Friday" out.
    """
    ref = _as_date(ref_date)
    opts = _BRITISH if dayfirst and bare_weekdays else Options(dayfirst=dayfirst, bare_weekdays=bare_weekdays)
    if isinstance(paragraphs, str):
        paragraphs = [Paragraph(paragraphs)]
    paras = [Paragraph(p) if isinstance(p, str) else p for p in paragraphs]
    # One pass over the whole document: paragraphs joined by a NUL, which no rule and no sentence crosses.
    starts, pos = [], 0
    for para in paras:
        starts.append(pos)
        pos += len(para.text or "") + 1
    text = _PARA_SEP.join(para.text or "" for para in paras)
    out: list[DateMention] = []
    for hit in find_hits(text, opts):
        index = bisect_right(starts, hit.s) - 1
        mention = _mention(hit, text, ref, tense_hint, index, paras[index].page)
        mention.char_start -= starts[index]
        mention.char_end -= starts[index]
        out.append(mention)
    return out


def parse_date_text(text: str, ref_date: str | date | None = None) -> DateMention | None:
    """The date named in one short text ("16 January 2019", "X to Y (January 2019)"): its longest expression."""
    if not text:
        return None
    ref = _as_date(ref_date) if ref_date is not None else None
    hits = find_hits(text, _BRITISH)
    if hits:
        best = max(hits, key=lambda h: (h.e - h.s, h.s))
        return _mention(best, text, ref, None, None, None)
    return _dateparser_fallback(text)


def find_letter_date(paragraphs: list[Paragraph]) -> str | None:
    """The letter's own date line near the top (a paragraph that is a full date, or "Date: ..."), as ISO."""
    seen = 0
    for para in paragraphs:
        if para.section in ("related", "note"):
            continue
        seen += 1
        if seen > 12:
            break
        text = para.text.strip()
        if not text or len(text) > 60:
            continue
        for hit in find_hits(text, _BRITISH):
            if hit.gran == "day" and hit.interval and hit.year and (hit.e - hit.s) >= len(text) * 0.6:
                return hit.interval[0].isoformat()
            if hit.gran == "day" and hit.interval and re.match(r"(?i)\s*(date[d:]?|sent)\b", text):
                return hit.interval[0].isoformat()
    return None


# ---- recognition ----------------------------------------------------------------------------------------------
_WEEK_PREFIX = re.compile(
    r"(?:\b[Tt]he\s+)?(?:\b[Ww]eek\s+(?P<c>commencing|beginning|starting)(?:\s+on)?|\b(?P<wc>w/c)|"
    r"\b[Ww]eek\s+(?P<we>ending|ended)(?:\s+on)?|\b[Ww]eek\s+of)\s+$"
)
_DEADLINE_PREFIX = re.compile(r"\b(?:[Bb]y|[Nn]o\s+later\s+than|[Nn]ot\s+later\s+than|[Ee]rbyn)\s+$")  # erbyn: Welsh
_SINCE_PREFIX = re.compile(r"\b(?:[Ss]ince|[Ee]ver\s+since|[Ee]rs)\s+$")
_CONNECT = re.compile(r"\s*(?:-|–|—|/|to|until|till|through|and|&)\s*")
_FROM_BETWEEN = re.compile(r"\b([Ff]rom|[Bb]etween)\s+$")


def find_hits(text: str, opts: Options = _BRITISH) -> list[Hit]:
    """The temporal expressions in one paragraph, longest match first, then ranges joined."""
    cands = []
    anchors: dict = {}
    for rx, handler, anchor, back, fwd in RULES:
        if anchor is None:
            matches = rx.finditer(text)
        else:
            if anchor not in anchors:
                anchors[anchor] = anchor.spots(text)
            matches = _around(rx, text, anchors[anchor], back, fwd)
        for m in matches:
            hit = handler(m, text, opts)
            if hit is not None:
                cands.append(hit)
    cands.sort(key=lambda h: (h.s - h.e, h.s))
    # Longest first; a candidate is kept when none of its characters is taken yet. The taken characters are marked
    # in a byte map, so each test costs the candidate's own length (linear in the text, not in all pairs of hits).
    taken = bytearray(len(text))
    chosen: list[Hit] = []
    for h in cands:
        if taken.find(1, h.s, h.e) < 0:
            taken[h.s:h.e] = b"\x01" * (h.e - h.s)
            chosen.append(h)
    chosen.sort(key=lambda h: h.s)
    for h in chosen:
        _extend_prefix(text, h)
    return _join_ranges(text, chosen)


def _around(rx: re.Pattern, text: str, spots: list[tuple[int, int]], back: int, fwd: int):
    """Matches of rx that cover one of the anchor spots, searched only in windows around them (overlapping windows
    merged, so no stretch of text is scanned twice)."""
    n = len(text)
    starts = [a for a, _ in spots]
    i, count = 0, len(spots)
    while i < count:
        lo, hi = max(0, spots[i][0] - back), min(n, spots[i][1] + fwd)
        j = i + 1
        while j < count and spots[j][0] - back <= hi:
            hi = min(n, max(hi, spots[j][1] + fwd))
            j += 1
        for m in rx.finditer(text, lo, hi):
            k = bisect_left(starts, m.start(), i, j)
            if k < j and spots[k][1] <= m.end():
                yield m
        i = j


def _joinable(a: Hit, b: Hit) -> bool:
    """Two ends of a range: neither relative to the document's date ("from Friday to December" is not a range)."""
    if a.deadline or b.deadline or a.since or b.since or a.rel is not None or b.rel is not None:
        return False
    return "relative" not in (a.gran, b.gran)


_EDGE_BEFORE = re.compile(r"\b(?:[Tt]he\s+)?(?:very\s+)?(?P<edge>[Ss]tart|[Bb]eginning|[Ee]nd|[Cc]lose)\s+of\s+"
                          r"(?:the\s+)?$")
_EDGE_IN = re.compile(r"(?i)(?:the\s+)?(?:very\s+)?(?P<edge>start|beginning|end|close)\s+of\b")


def _edge(text: str, h: Hit) -> None:
    """"the start of 2021" / "the end of 2020/21": note the edge (its interval is set in _resolve); a financial
    year's "the end of" written before a hit that does not include it joins the hit."""
    m = _EDGE_IN.match(text, h.s)
    if m is None and h.gran == "financial_year":
        m = _EDGE_BEFORE.search(text, max(0, h.s - 30), h.s)
        if m is not None:
            h.s = m.start()
    if m is None:
        return
    h.edge = "start" if m.group("edge").lower() in ("start", "beginning") else "end"
    if h.edge == "end" and h.gran == "financial_year":
        h.gran = "month"
    elif h.edge == "start" and h.gran == "year":
        h.gran = "year_part"


def _consecutive(a: Hit, b: Hit) -> bool:
    """"2020 and 2021", "September and October 2023": two neighbouring years or months joined by "and" are one
    interval; "2017 and 2019" or "March and June" stay two dates (the interval would add what was not said)."""
    if a.gran != b.gran or a.gran not in ("year", "month") or b.interval is None or a.edge or b.edge:
        return False
    try:
        ia = a.interval or (a.build(b.interval[0].year) if a.build is not None and a.how is None else None)
    except ValueError:
        return False
    return ia is not None and (ia[1] + timedelta(days=1)) == b.interval[0]


def _extend_prefix(text: str, h: Hit) -> None:
    _edge(text, h)
    before = text[max(0, h.s - 40):h.s]
    if h.gran == "day" and not h.parts:
        m = _WEEK_PREFIX.search(before)
        if m:
            h.s -= len(before) - m.start()
            h.gran = "week"
            h.week = "commencing" if (m.group("c") or m.group("wc")) else "ending" if m.group("we") else "of"
            return
    if h.gran != "relative":
        m = _DEADLINE_PREFIX.search(before)
        if m:
            h.s -= len(before) - m.start()
            h.deadline = True
            return
        m = _SINCE_PREFIX.search(before)
        if m and h.rel is None:  # "since 2015": the prefix is kept, the date is 2015 itself (a past one)
            h.s -= len(before) - m.start()
            h.since = True


def _join_ranges(text: str, hits: list[Hit]) -> list[Hit]:
    out: list[Hit] = []
    i = 0
    while i < len(hits):
        a = hits[i]
        pre = _FROM_BETWEEN.search(text, max(0, a.s - 12), a.s)
        if i + 1 < len(hits) and _joinable(a, hits[i + 1]):
            b = hits[i + 1]
            gap = text[a.e:b.s]
            if _CONNECT.fullmatch(gap) and not b.deadline:
                conn = gap.strip()
                moved = pre and pre.group(1).lower() == "from" and CHANGE_BEFORE.search(text, max(0, pre.start() - 60),
                                                                                pre.start())
                if not moved and (conn not in ("and", "&") or (pre and pre.group(1).lower() == "between")
                                  or _consecutive(a, b)):
                    out.append(Hit(pre.start() if pre else a.s, b.e, "range", parts=[a, b]))
                    i += 2
                    continue
        if a.gran == "range" and pre and not a.parts:
            a.s = pre.start()
        out.append(a)
        i += 1
    return out


# ---- normalisation --------------------------------------------------------------------------------------------
def _resolve(h: Hit, text: str, ref: date | None, hint: str | None) -> cal.Interval | None:
    if h.parts:
        return _resolve_range(h, text, ref, hint)
    iv = h.interval
    if iv is None and ref is not None:
        if h.rel is not None:
            iv = h.rel(ref, tense(text, h.s, h.e, hint) if h.gran in ("day", "week") else None)
        elif h.build is not None:
            iv = _pick(h, text, ref, hint)
    if iv is None:
        return None
    if h.week == "commencing":
        iv = (iv[0], iv[0] + timedelta(days=6))
    elif h.week == "ending":  # ONS weekly deaths: "the week ending 10 April 2020" = 4-10 April
        iv = (iv[0] - timedelta(days=6), iv[0])
    elif h.week == "of":
        iv = cal.iso_week(iv[0])
    if h.edge == "end" and h.gran == "month" and iv[0].month == 4 and iv[1] == date(iv[0].year + 1, 3, 31):
        iv = (date(iv[1].year, 3, 1), iv[1])  # "by the end of 2020/21": March 2021, the year's last month
    elif h.edge == "start" and h.gran == "year_part" and iv == cal.year(iv[0].year):
        iv = cal.part(iv, "early")  # "at the start of next year": as "early next year", January to April
    return iv


def _pick(h: Hit, text: str, ref: date, hint: str | None, base_year: int | None = None) -> cal.Interval:
    if h.weekday is not None:  # "Friday 9 May": the year (next to the reference date's) where it is a Friday
        fits = []
        for y in range(ref.year - 1, ref.year + 2):
            try:
                iv = h.build(y)
            except ValueError:
                continue
            if iv[0].weekday() == h.weekday:
                fits.append(iv)
        if fits:
            return min(fits, key=lambda iv: abs((iv[0] - ref).days))
    how = h.how or ("past" if h.since else tense(text, h.s, h.e, hint, h.deadline))
    if how == "future" and h.gran == "quarter" and not h.deadline and _PERIOD_OF_FIGURES.search(
            text, max(0, h.s - 8), min(len(text), h.e + 3)):
        how = None  # "expects to report a third-quarter loss", "profit for the third quarter": a reporting period
    return cal.pick(h.build, ref, how, base_year)


def _resolve_range(h: Hit, text: str, ref: date | None, hint: str | None) -> cal.Interval | None:
    a, b = h.parts
    if b.build is not None and b.interval is None and a.interval is not None:
        ib = b.build(a.interval[0].year)
        if ib[1] < a.interval[0]:
            ib = b.build(a.interval[0].year + 1)
        ia = a.interval
    else:
        ib = _resolve(b, text, ref, hint)
        if ib is None:
            return None
        if a.build is not None and a.interval is None:
            ia = a.build(ib[1].year)
            if ia[0] > ib[0]:
                ia = a.build(ib[1].year - 1)
        else:
            ia = _resolve(a, text, ref, hint)
    if ia is None or ia[0] > ib[1]:
        return None
    return ia[0], ib[1]


# a quarter as the period figures are for: "for the third quarter", "third-quarter earnings" (attributive)
_PERIOD_OF_FIGURES = re.compile(r"\bfor\s+(?:the\s+)?(?:first|second|third|fourth|final|last)\s+quarter\b"
                                r"|\b(?:first|second|third|fourth)-quarter\s+[a-z]")


def _mention(h: Hit, text: str, ref, hint, index, page) -> DateMention:
    try:
        iv = _resolve(h, text, ref, hint)
    except (ValueError, StopIteration, IndexError):  # 29 February with no leap year near the reference date
        iv = None
    return DateMention(
        text=text[h.s:h.e],
        start=iv[0].isoformat() if iv else None,
        end=iv[1].isoformat() if iv else None,
        granularity=h.gran,
        paragraph=index,
        page=page,
        char_start=h.s,
        char_end=h.e,
    )


def _as_date(value) -> date | None:
    if value is None or isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, datetime):
        return value.date()
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        found = parse_date_text(text)
        if found is None or found.start is None:
            raise ValueError(f"ref_date is not a date: {value!r}") from None
        return date.fromisoformat(found.start)


# ---- dateparser, configured once ------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _dateparser():
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings=DATEPARSER_SETTINGS)


_HAS_YEAR = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)")


@lru_cache(maxsize=4096)
def _dateparser_fallback(text: str) -> DateMention | None:
    """An explicit date in a shape our rules do not know ("2019.01.16", "16-Jan-2019"): dateparser reads it."""
    if len(text) > 60 or not _HAS_YEAR.search(text):
        return None
    data = _dateparser().get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    d = data.date_obj.date()
    period = data.period or "day"
    if period == "month":
        iv, gran = cal.month(d.year, d.month), "month"
    elif period == "year":
        iv, gran = cal.year(d.year), "year"
    else:
        iv, gran = (d, d), "day"
    return DateMention(text=text.strip(), start=iv[0].isoformat(), end=iv[1].isoformat(), granularity=gran,
                       char_start=0, char_end=len(text))
