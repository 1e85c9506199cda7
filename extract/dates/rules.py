"""The recogniser's rules: one regular expression and one handler per shape of temporal expression.

A handler turns a match into a ``Hit`` (or None to say "not a date here": a year inside a name, a number that is an
amount, "may" the verb). A Hit is either fixed (``interval``), year-less and periodic (``build(year)``, the year
is chosen later from the sentence's tense) or relative to the document's date (``rel(ref)``).
The policy behind each rule is written down in docs/DATES.md. (About 415 lines: the absolute-date handlers stay
together; relative ones are in dates_relative.py.)
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Callable

from extract.dates import calendar as cal
from extract.dates.lexicon import (
    CHANGE_BEFORE, COUNT_NOUNS, DECADE_WORDS, MONTH_CUES, NOT_YEAR_BEFORE, ORDINALS, SEASON_CUES, YEAR_OK_BEFORE,
    month_number, number, part_of, weekday_number,
)

Interval = cal.Interval


@dataclass
class Options:
    dayfirst: bool = True  # British day-month order for numeric dates; False only for US news benchmarks
    bare_weekdays: bool = True  # "on Friday" resolved against the reference date and the tense


@dataclass
class Hit:
    s: int
    e: int
    gran: str
    interval: Interval | None = None  # known without a reference date
    build: Callable[[int], Interval] | None = None  # year-less: the interval in a given year
    how: str | None = None  # the expression's own choice of year: next | last | this (else: tense)
    rel: Callable[[date, str | None], Interval] | None = None  # needs the reference date (and tense)
    year: int | None = None  # the year as written, when written
    weekday: int | None = None  # "Monday 3 February": picks the year
    deadline: bool = False  # "by ...": a deadline (the interval is X's own; a year-less X is taken as future)
    since: bool = False  # "since X": from the start of X to the reference date
    week: str | None = None  # "week commencing 3 February" (commencing) / "the week of March 6" (of)
    parts: list = field(default_factory=list)  # a range's two ends
    edge: str | None = None  # "the start of" / "the end of" written before the period (start | end)


def _prev_word(text: str, s: int) -> str:
    m = _PREV_WORD.search(text, max(0, s - 40), s)
    return m.group(1) if m else ""


_PREV_WORD = re.compile(r"([\w.&'’/-]+)\s*$")


def _in_name(text: str, s: int) -> bool:
    """Is the word at s preceded by a capitalised word that is not a preposition or a month (a name runs on)?"""
    prev = _prev_word(text, s)
    low = prev.lower().strip(".,;:()[]'’\"")
    return bool(prev) and prev[0].isupper() and low not in YEAR_OK_BEFORE and month_number(low) is None \
        and text[s - 1:s] == " " and not prev.endswith((",", ";", ":", ")", "."))


def _with_part(interval_fn: Callable[[int], Interval], part: str | None) -> Callable[[int], Interval]:
    if not part:
        return interval_fn
    return lambda y: cal.part(interval_fn(y), part)


def _ymd(y, m, d) -> Interval | None:
    try:
        return cal.day(y, m, d)
    except ValueError:
        return None


def _day_num(s: str | None) -> int | None:
    return int(re.match(r"\d+", s).group()) if s else None


def _two_digit_year(y1: int, y2: str) -> int:
    full = y1 // 100 * 100 + int(y2) if len(y2) == 2 else int(y2)
    return full + 100 if full < y1 and len(y2) == 2 else full


# ---- exact days -----------------------------------------------------------------------------------------------
def _days(m, text, opts, first_day, second_day, month_word) -> Hit | None:
    mo = month_number(month_word)
    d1, d2 = _day_num(first_day), _day_num(second_day)
    y = int(m.group("y")) if m.group("y") else None
    wd = weekday_number(m.group("wd")) if m.group("wd") else None
    if d2 is not None and d2 <= d1:
        return None

    def build(year: int) -> Interval:
        a = cal.day(year, mo, d1)
        return (a[0], cal.day(year, mo, d2)[1]) if d2 else a

    gran = "range" if d2 else "day"
    if y is not None:
        try:
            return Hit(m.start(), m.end(), gran, interval=build(y), year=y)
        except ValueError:
            return None
    if d1 > cal.last_day(2000, mo):  # 31 April: not a date
        return None
    return Hit(m.start(), m.end(), gran, build=build, weekday=wd)


def h_dmy(m, text, opts):
    return _days(m, text, opts, m.group("d1"), m.group("d2"), m.group("m"))


def h_mdy(m, text, opts):
    if m.group("m").startswith(("May", "MAY")) and not m.group("y") and _prev_word(text, m.start()) == "Theresa":
        return None
    return _days(m, text, opts, m.group("d1"), m.group("d2"), m.group("m"))


def h_numeric(m, text, opts):
    a, b, ys, sep = int(m.group("a")), int(m.group("b")), m.group("y"), m.group("sep")
    if len(ys) == 2 and sep != "/":
        return None
    if sep == "." and _prev_word(text, m.start()).lower() in NOT_YEAR_BEFORE:
        return None  # "version 2.1.2019", "section 3.2.2020"
    y = int(ys) if len(ys) == 4 else (2000 + int(ys) if int(ys) < 70 else 1900 + int(ys))
    d, mo = (a, b) if opts.dayfirst else (b, a)
    if mo > 12 and d <= 12:
        d, mo = mo, d
    iv = _ymd(y, mo, d)
    return Hit(m.start(), m.end(), "day", interval=iv, year=y) if iv else None


def h_iso(m, text, opts):
    y = int(m.group("y"))
    iv = _ymd(y, int(m.group("mo")), int(m.group("d")))
    return Hit(m.start(), m.end(), "day", interval=iv, year=y) if iv else None


# ---- months ---------------------------------------------------------------------------------------------------
def h_month_year(m, text, opts):
    y, mo = int(m.group("y")), month_number(m.group("m"))
    part = part_of(m.group("part"))
    iv = cal.month(y, mo)
    return Hit(m.start(), m.end(), "month_part" if part else "month", interval=cal.part(iv, part) if part else iv,
               year=y)


def h_month(m, text, opts):
    word, mod, part = m.group("m"), (m.group("mod") or "").strip().lower(), part_of(m.group("part"))
    after = text[m.end():m.end() + 2]
    if word in ("May", "MAY") and not mod and not part:
        if _prev_word(text, m.start()).lower() not in MONTH_CUES or after in ("'s", "’s"):
            return None
    if not mod and not part and re.match(r" [A-Z][a-z]", text[m.end():m.end() + 3]) and _in_name(text, m.start()):
        return None  # "the Northern Ireland June Agricultural Census"
    if not mod and not part and _prev_word(text, m.start()).lower() in ("dear", "hi", "hello"):
        return None  # "Dear June": a salutation names a person
    mo = month_number(word)
    how = "next" if mod.endswith(("next", "following", "coming")) else "last" if mod.endswith(("last", "previous")) \
        else "this" if mod == "this" else None
    return Hit(m.start(), m.end(), "month_part" if part else "month",
               build=_with_part(lambda y: cal.month(y, mo), part), how=how)


# ---- years, financial years, decades --------------------------------------------------------------------------
def h_year(m, text, opts):
    y, s = int(m.group("y")), m.start()
    part = part_of(m.group("part"))
    if not part and not m.group("yw"):
        prev = _prev_word(text, s)
        low = prev.lower().strip(".,;:()[]'’\"")
        if low in NOT_YEAR_BEFORE or low.replace(",", "").isdigit():
            return None
        if y < 1900 and low not in YEAR_OK_BEFORE:
            return None
        if _in_name(text, s):
            return None  # a name: "Digital Economy Act 2017", "Census 2021", "Agenda 2030"
        rest = text[m.end():m.end() + 40]
        if COUNT_NOUNS.match(rest) or re.match(r"\s+(?:edition|million|billion|thousand|\d|Census(?:es)?\b)", rest):
            return None  # an amount, or "(2018 edition)"
        if low in ("", "the", "a", "its", "our", "their", "this") and re.match(r" [A-Z][a-z]", rest):
            return None  # "the 2021 Census", "2011 Census: Confidentiality"
    iv = cal.year(y)
    return Hit(s, m.end(), "year_part" if part else "year", interval=cal.part(iv, part) if part else iv, year=y)


def h_span_years(m, text, opts):
    y1, sep = int(m.group("y1")), m.group("sep").strip()
    kind = (m.group("kind") or m.groupdict().get("kind2") or "").lower()  # "the 2020/21 academic year"
    y2 = _two_digit_year(y1, m.group("y2"))
    fy_marked = bool(kind or m.group("fy"))
    if not fy_marked and _in_name(text, m.start()):
        return None  # "Police Grant 2016/17", "Business Plan 2016-2020": part of a name
    if not fy_marked and _prev_word(text, m.start()).lower() in ("the", "a", "its", "our", "their", "this") \
            and re.match(r" [A-Z][a-z]", text[m.end():m.end() + 3]):
        return None  # "the 2017-18 Annual Report"
    if y2 == y1 + 1 and (fy_marked or sep == "/" or len(m.group("y2")) == 2):
        if kind == "tax":
            return Hit(m.start(), m.end(), "tax_year", interval=cal.tax_year(y1), year=y1)
        if kind in ("academic", "school"):
            return Hit(m.start(), m.end(), "academic_year", interval=cal.academic_year(y1), year=y1)
        return Hit(m.start(), m.end(), "financial_year", interval=cal.financial_year(y1), year=y1)
    before = text[max(0, m.start() - 80):m.start()]
    if re.search(r"\b[Ff]rom\s+$", before) and CHANGE_BEFORE.search(before[:-5]):
        return None  # "moved from 2021 to 2022": two years, found one by one
    if sep != "/" and y2 > y1 and not fy_marked and y2 - y1 < 200:
        return Hit(m.start(), m.end(), "range", interval=(cal.year(y1)[0], cal.year(y2)[1]), year=y1)
    return None


def h_year_ending(m, text, opts):
    y = int(m.group("y"))
    if m.group("m"):
        mo = month_number(m.group("m"))
        gran = "financial_year" if m.group("fin") and mo == 3 else "year"
        return Hit(m.start(), m.end(), gran, interval=cal.year_ending(y, mo), year=y)
    if m.group("fin") or m.group("kw").upper() == "FYE":
        return Hit(m.start(), m.end(), "financial_year", interval=cal.financial_year(y - 1), year=y)
    return Hit(m.start(), m.end(), "year", interval=cal.year(y), year=y)


def h_fiscal_single(m, text, opts):
    y = int(m.group("y"))
    return Hit(m.start(), m.end(), "year", interval=cal.year(y), year=y)


def h_decade(m, text, opts):
    part = part_of(m.group("part"))
    if m.group("dec"):
        first = int(m.group("dec"))
    elif m.group("dec2"):
        two = int(m.group("dec2"))
        first = (1900 if two >= 30 else 2000) + two
    else:
        if not m.group(0).lower().startswith(("the", "early", "mid", "late")):
            return None
        first = 1900 + DECADE_WORDS[m.group("decw").lower()]
    iv = cal.decade(first)
    return Hit(m.start(), m.end(), "decade_part" if part else "decade", interval=cal.part(iv, part) if part else iv,
               year=first)


_CENTURY_WORDS = {"nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty first": 21}


def h_century(m, text, opts):
    n = int(m.group("c")) if m.group("c") else _CENTURY_WORDS[m.group("cw").lower()]
    if not 1 <= n <= 21:
        return None
    return Hit(m.start(), m.end(), "century", interval=cal.century((n - 1) * 100), year=(n - 1) * 100)


# ---- quarters, halves, seasons --------------------------------------------------------------------------------
def _year_unit(m, text, unit_fn, fy_fn, n, gran, bare_ok=True):
    """Shared by quarters and halves: "of 2020", "of 2020/21", "of the financial year 2020/21", "of this year"."""
    y = m.group("y")
    if y:
        y = int(y)
        if m.groupdict().get("y2") or m.groupdict().get("fin"):
            return Hit(m.start(), m.end(), gran, interval=fy_fn(y, n), year=y)
        return Hit(m.start(), m.end(), gran, interval=unit_fn(y, n), year=y)
    rel = (m.groupdict().get("rel") or "").lower()
    if rel:
        step = 1 if rel == "next" else -1 if rel in ("last", "the previous") else 0
        fin = bool(m.groupdict().get("relfin"))

        def rel_fn(ref, tense):
            base = cal.shift("financial_year" if fin else "year", ref, step)[0].year
            return fy_fn(base, n) if fin else unit_fn(base, n)
        return Hit(m.start(), m.end(), gran, rel=rel_fn)
    if not bare_ok:
        return None
    return Hit(m.start(), m.end(), gran, build=lambda yy: unit_fn(yy, n))


def h_q_notation(m, text, opts):
    if not m.group("y") and not m.groupdict().get("qpart") and _prev_word(text, m.start()).lower() not in MONTH_CUES:
        return None  # a bare "Q3" may be a question number
    return _year_unit(m, text, cal.quarter, cal.financial_quarter, int(m.group("q")[-1]), "quarter")


def h_year_q(m, text, opts):
    y = int(m.group("y"))
    return Hit(m.start(), m.end(), "quarter", interval=cal.quarter(y, int(m.group("q")[-1])), year=y)


def h_quarter_words(m, text, opts):
    word = m.group("ord").lower()
    has_of = " of " in m.group(0)
    if word == "last" and not has_of:  # "the last quarter": the previous one
        return Hit(m.start(), m.end(), "quarter", rel=lambda ref, tense: cal.shift("quarter", ref, -1))
    q = 4 if word in ("final", "last") else ORDINALS[word]
    return _year_unit(m, text, cal.quarter, cal.financial_quarter, q, "quarter")


def h_quarter_num(m, text, opts):
    return _year_unit(m, text, cal.quarter, cal.financial_quarter, int(m.group("q")), "quarter",
                      bare_ok=_prev_word(text, m.start()).lower() in MONTH_CUES)


def _fy_half(y, h):
    return cal.month_span(y, 4 if h == 1 else 10, 6)


def h_half_words(m, text, opts):
    word = m.group("ord").lower()
    h = 1 if word in ("first", "1st") else 2
    return _year_unit(m, text, cal.half, _fy_half, h, "half", bare_ok=False)


def h_half_notation(m, text, opts):
    y = int(m.group("y") or m.group("yb"))
    h = int(m.group("h") or m.group("hb"))
    if m.group("y2"):
        return Hit(m.start(), m.end(), "half", interval=_fy_half(y, h), year=y)
    return Hit(m.start(), m.end(), "half", interval=cal.half(y, h), year=y)


def h_months_of(m, text, opts):
    y, n = int(m.group("y")), number(m.group("n"))
    if not n or n > 11:
        return None
    first = 1 if m.group("ord").lower() == "first" else 13 - n
    return Hit(m.start(), m.end(), "month", interval=cal.month_span(y, first, n), year=y)


def h_months_to(m, text, opts):
    """ONS rolling periods: "the three months to June 2023", "the 12 months to January 2023", "the year to March",
    "the quarter to March 2020"."""
    n = 12 if m.group("yr") else 3 if m.group("qr") else number(m.group("n"))
    if not n or n > 36:
        return None
    mo = month_number(m.group("m"))

    def build(y):
        first = cal.add_months(cal.date(y, mo, 1), 1 - n)
        return first, cal.month(y, mo)[1]
    gran = "year" if m.group("yr") else "quarter" if m.group("qr") else "range"
    if m.group("y"):
        y = int(m.group("y"))
        return Hit(m.start(), m.end(), gran, interval=build(y), year=y)
    return Hit(m.start(), m.end(), gran, build=build)


def h_season(m, text, opts):
    name = m.group("s").lower()
    name = "autumn" if name == "fall" else name
    mod = " ".join((m.group("mod") or "").lower().split())
    part = part_of(m.group("part"))
    if m.group("y"):
        y = int(m.group("y"))
        return Hit(m.start(), m.end(), "season", interval=_with_part(lambda yy: cal.season(yy, name), part)(y), year=y)
    if m.group("s")[0].isupper() and re.match(r" [A-Z][a-z]", text[m.end():m.end() + 3]):
        return None  # "the Autumn Statement", "Spring Budget": names
    if m.group("s").lower() == "fall" and not mod and not part:
        return None  # "the fall in output"
    if not mod and not part and not m.group("the") and _prev_word(text, m.start()).lower() not in SEASON_CUES:
        return None  # "winter pressures", "on winter A&E performance": a season as an adjective
    how = "next" if mod.endswith(("next", "following", "coming")) else "last" if mod.endswith(
        ("last", "previous", "past")) else "this" if mod == "this" else None
    return Hit(m.start(), m.end(), "season", build=_with_part(lambda yy: cal.season(yy, name), part), how=how)


_SEASONS_CY = {"gwanwyn": "spring", "haf": "summer", "hydref": "autumn", "gaeaf": "winter"}


def h_season_cy(m, text, opts):
    """Welsh seasons, lower case ("yn yr hydref", "haf 2021"); capitalised "Hydref" is October."""
    name = _SEASONS_CY[m.group("s")]
    if m.group("y"):
        y = int(m.group("y"))
        return Hit(m.start(), m.end(), "season", interval=cal.season(y, name), year=y)
    if not m.group("yr"):
        return None
    return Hit(m.start(), m.end(), "season", build=lambda yy: cal.season(yy, name))


def h_holiday(m, text, opts):
    """Christmas, Easter, Good Friday, New Year's Day... (a day; the year from the tense unless written)."""
    name = " ".join(m.group("h").lower().split())
    fn = cal.HOLIDAYS[name]
    if m.group("y"):
        y = int(m.group("y"))
        return Hit(m.start(), m.end(), "day", interval=fn(y), year=y)
    if name in ("christmas", "easter") and re.match(r" [A-Z][a-z]", text[m.end():m.end() + 3]):
        return None  # "Christmas Island", "Easter Rising"
    return Hit(m.start(), m.end(), "day", build=fn)


def h_month_span(m, text, opts):
    """"Jan–Mar 2020", "Oct-Dec 2019": a range of months in one year (the first month may fall in the year before)."""
    y, m1, m2 = int(m.group("y")), month_number(m.group("m1")), month_number(m.group("m2"))
    start_year = y if m1 <= m2 else y - 1
    return Hit(m.start(), m.end(), "range", interval=(cal.month(start_year, m1)[0], cal.month(y, m2)[1]), year=y)


_WEEK_ORDINALS = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "fourth": 3, "4th": 3}


def h_week_of_month(m, text, opts):
    """"the first week of March" = 1-7 March, "the second week" = 8-14, ..., "the last / final week" = its last 7
    days."""
    word, mo = m.group("ord").lower(), month_number(m.group("m"))

    def build(y):
        end_day = cal.last_day(y, mo)
        if word in ("last", "final"):
            return cal.date(y, mo, end_day - 6), cal.date(y, mo, end_day)
        first = 1 + 7 * _WEEK_ORDINALS[word]
        return cal.date(y, mo, first), cal.date(y, mo, min(first + 6, end_day))
    if m.group("y"):
        y = int(m.group("y"))
        return Hit(m.start(), m.end(), "week", interval=build(y), year=y)
    return Hit(m.start(), m.end(), "week", build=build)
