"""Calendar arithmetic for the date extractor: the interval each kind of expression stands for.

Every function returns an inclusive interval ``(start, end)`` of ``datetime.date``. The choices (which months a
season covers, what "early 2020" means, ...) are the policy written down in docs/DATES.md; change both together.
"""
from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Callable

Interval = tuple[date, date]

# UK meteorological seasons: (first month, number of months); winter starts in December of its year.
SEASONS = {"spring": (3, 3), "summer": (6, 3), "autumn": (9, 3), "winter": (12, 3)}
# early / mid / late split a period into thirds (of its months, or of a month's days: 1-10, 11-20, 21-end).
PARTS = ("early", "mid", "late")


def last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def add_months(d: date, n: int) -> date:
    m = d.month - 1 + n
    y = d.year + m // 12
    m = m % 12 + 1
    return date(y, m, min(d.day, last_day(y, m)))


def month_span(year: int, month: int, count: int = 1) -> Interval:
    """``count`` whole months starting with (year, month)."""
    start = date(year, month, 1)
    end_first = add_months(start, count - 1)
    return start, date(end_first.year, end_first.month, last_day(end_first.year, end_first.month))


def day(year: int, month: int, d: int) -> Interval:
    x = date(year, month, d)
    return x, x


def month(year: int, m: int) -> Interval:
    return month_span(year, m)


def year(y: int) -> Interval:
    return date(y, 1, 1), date(y, 12, 31)


def quarter(y: int, q: int) -> Interval:
    return month_span(y, 3 * (q - 1) + 1, 3)


def half(y: int, h: int) -> Interval:
    return month_span(y, 6 * (h - 1) + 1, 6)


def season(y: int, name: str) -> Interval:
    first, count = SEASONS[name]
    return month_span(y, first, count)


def financial_year(y: int) -> Interval:
    """UK government financial year y/y+1: 1 April y to 31 March y+1."""
    return date(y, 4, 1), date(y + 1, 3, 31)


def financial_quarter(y: int, q: int) -> Interval:
    """Quarter q of financial year y/y+1 (Q1 = April to June)."""
    return month_span(*_ym(y, 4 + 3 * (q - 1)), 3)


def tax_year(y: int) -> Interval:
    return date(y, 4, 6), date(y + 1, 4, 5)


def academic_year(y: int) -> Interval:
    return date(y, 9, 1), date(y + 1, 8, 31)


def year_ending(y: int, m: int) -> Interval:
    """ONS "year ending March 2020": the twelve months ending with that month."""
    end = month(y, m)[1]
    start = add_months(date(y, m, 1), -11)
    return start, end


def decade(first_year: int) -> Interval:
    return date(first_year, 1, 1), date(first_year + 9, 12, 31)


def century(first_year: int) -> Interval:
    return date(first_year, 1, 1), date(first_year + 99, 12, 31)


def iso_week(d: date) -> Interval:
    monday = d - timedelta(days=d.weekday())
    return monday, monday + timedelta(days=6)


def _ym(y: int, m: int) -> tuple[int, int]:
    return y + (m - 1) // 12, (m - 1) % 12 + 1


def part(interval: Interval, which: str) -> Interval:
    """early / mid / late third of an interval: by days within one month, by months otherwise, by years for a
    decade (early 1990s = 1990-1993, mid = 1994-1996, late = 1997-1999)."""
    start, end = interval
    i = PARTS.index(which)
    if start.year == end.year and start.month == end.month:
        bounds = ((1, 10), (11, 20), (21, last_day(start.year, start.month)))[i]
        return date(start.year, start.month, bounds[0]), date(start.year, start.month, bounds[1])
    years = end.year - start.year + 1
    if years >= 10 and start.month == 1 and end.month == 12:
        cuts = ((0, 3), (4, 6), (7, 9)) if years == 10 else ((0, 32), (33, 65), (66, 99))
        a, b = cuts[i]
        return date(start.year + a, 1, 1), date(start.year + b, 12, 31)
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    size = months // 3 if months % 3 == 0 else None
    if size is None:  # e.g. a 4-month thing; split as evenly as possible, the middle gets the remainder
        sizes = (months // 3, months - 2 * (months // 3), months // 3)
    else:
        sizes = (size, size, size)
    offset = sum(sizes[:i])
    first = add_months(date(start.year, start.month, 1), offset)
    return month_span(first.year, first.month, sizes[i])


def pick(build: Callable[[int], Interval], ref: date, how: str | None, base_year: int | None = None) -> Interval:
    """Choose the year for a year-less periodic expression ("in February", "the summer", "16 January").

    how = "future": the first one not yet over at ref (this February if ref is in February);
          "next": the first that starts after ref; "past": the last that has started by ref;
          "last": the last that ended before ref; "this": the one containing ref, else the one starting in
          ref's year; None: the one containing ref, else the nearest.
    """
    y0 = ref.year if base_year is None else base_year
    cands = []
    for y in (y0 - 2, y0 - 1, y0, y0 + 1, y0 + 2):
        try:
            cands.append(build(y))
        except ValueError:  # 29 February in a common year
            continue
    if how == "future":
        return next(c for c in cands if c[1] >= ref)
    if how == "next":
        return next(c for c in cands if c[0] > ref)
    if how == "past":
        return [c for c in cands if c[0] <= ref][-1]
    if how == "last":
        return [c for c in cands if c[1] < ref][-1]
    for c in cands:
        if c[0] <= ref <= c[1]:
            return c
    if how == "this":  # "this September": the one in the reference year
        same = [c for c in cands if c[0].year == ref.year]
        if same:
            return same[0]
    return min(cands, key=lambda c: (min(abs((c[0] - ref).days), abs((c[1] - ref).days)), c[0] < ref))


def shift(unit: str, ref: date, n: int) -> Interval:
    """The calendar unit containing ref, moved by n units (n=0 this, 1 next, -1 last)."""
    if unit == "day":
        d = ref + timedelta(days=n)
        return d, d
    if unit == "week":
        return iso_week(ref + timedelta(weeks=n))
    if unit == "weekend":
        sat = iso_week(ref + timedelta(weeks=n))[0] + timedelta(days=5)
        return sat, sat + timedelta(days=1)
    if unit == "month":
        first = add_months(date(ref.year, ref.month, 1), n)
        return month(first.year, first.month)
    if unit == "quarter":
        first = add_months(date(ref.year, 3 * ((ref.month - 1) // 3) + 1, 1), 3 * n)
        return month_span(first.year, first.month, 3)
    if unit == "half":
        first = add_months(date(ref.year, 6 * ((ref.month - 1) // 6) + 1, 1), 6 * n)
        return month_span(first.year, first.month, 6)
    if unit == "year":
        return year(ref.year + n)
    if unit == "financial_year":
        fy = ref.year if ref.month >= 4 else ref.year - 1
        return financial_year(fy + n)
    if unit == "decade":
        return decade(ref.year // 10 * 10 + 10 * n)
    raise ValueError(unit)


def span_after(ref: date, unit: str, n: int) -> Interval:
    """ref to ref + n units ("within six months", "in the coming weeks")."""
    if unit == "day":
        return ref, ref + timedelta(days=n)
    if unit == "week":
        return ref, ref + timedelta(weeks=n)
    if unit == "month":
        return ref, add_months(ref, n)
    if unit == "year":
        return ref, add_months(ref, 12 * n)
    raise ValueError(unit)


def span_before(ref: date, unit: str, n: int) -> Interval:
    """ref - n units to ref ("over the past two years")."""
    if unit == "day":
        return ref - timedelta(days=n), ref
    if unit == "week":
        return ref - timedelta(weeks=n), ref
    if unit == "month":
        return add_months(ref, -n), ref
    if unit == "year":
        return add_months(ref, -12 * n), ref
    raise ValueError(unit)


def easter(y: int) -> date:
    """Easter Sunday (Gregorian; the anonymous algorithm)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month_, day_ = divmod(h + ell - 7 * m + 114, 31)
    return date(y, month_, day_ + 1)


HOLIDAYS = {  # name -> (first day, last day) in year y
    "christmas": lambda y: (date(y, 12, 25), date(y, 12, 25)),
    "christmas day": lambda y: (date(y, 12, 25), date(y, 12, 25)),
    "christmas eve": lambda y: (date(y, 12, 24), date(y, 12, 24)),
    "boxing day": lambda y: (date(y, 12, 26), date(y, 12, 26)),
    "new year's day": lambda y: (date(y, 1, 1), date(y, 1, 1)),
    "new year’s day": lambda y: (date(y, 1, 1), date(y, 1, 1)),
    "new year's eve": lambda y: (date(y, 12, 31), date(y, 12, 31)),
    "new year’s eve": lambda y: (date(y, 12, 31), date(y, 12, 31)),
    "easter": lambda y: (easter(y), easter(y)),
    "easter sunday": lambda y: (easter(y), easter(y)),
    "easter monday": lambda y: (easter(y) + timedelta(days=1), easter(y) + timedelta(days=1)),
    "good friday": lambda y: (easter(y) - timedelta(days=2), easter(y) - timedelta(days=2)),
}
