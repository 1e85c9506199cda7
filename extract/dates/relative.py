"""Rules for expressions relative to the document's date: "next year", "later this year", "within six months",
"in the coming weeks", "two years ago", "today", "next Monday". Each handler returns a Hit whose ``rel(ref, tense)``
gives the interval once the reference date is known (docs/DATES.md).
"""
from __future__ import annotations

from datetime import date, timedelta

from extract.dates import calendar as cal
from extract.dates.lexicon import number, part_of, weekday_number
from extract.dates.rules import Hit, Interval

_STEP = {"this": 0, "the current": 0, "next": 1, "the following": 1, "last": -1, "the previous": -1}
_SPAN_DEFAULT = {"day": 7, "week": 6, "month": 3, "year": 3}  # "in the coming weeks" = 6 weeks, ...


def _unit(word: str) -> str:
    w = " ".join(word.lower().split())
    w = w[:-1] if w.endswith("s") and not w.endswith("ss") else w
    return "financial_year" if w.endswith("year") and w != "year" else w


def h_this_next_last(m, text, opts):
    mod = " ".join(m.group("mod").lower().split())
    unit = _unit(m.group("u"))
    part = part_of(m.group("part"))
    if mod == "the":
        if not m.group("part"):  # "the end of the year" is this year; "the year" alone is not a date
            return None
        mod = "this"
    if mod in ("the past", "the last", "the next", "the coming"):
        if part or unit in ("weekend", "decade", "financial_year", "quarter"):
            return None
        fn = cal.span_before if mod in ("the past", "the last") else cal.span_after
        return Hit(m.start(), m.end(), "relative", rel=lambda ref, tense: fn(ref, unit, 1))
    step = _STEP[mod]
    gran = "week" if unit == "weekend" else unit
    gran = f"{gran}_part" if part and unit not in ("week", "weekend") else gran

    def rel(ref, tense):
        iv = cal.shift(unit, ref, step)
        return cal.part(iv, part) if part and unit not in ("week", "weekend") else iv
    return Hit(m.start(), m.end(), gran, rel=rel)


def h_later_earlier(m, text, opts):
    later = m.group("when").lower() == "later"
    if m.group("y"):
        base = cal.year(int(m.group("y")))
        fixed = lambda ref, tense: base  # noqa: E731
    elif m.group("u") or m.group("u2"):
        step = _STEP.get((m.group("mod") or "this").lower(), 0)
        unit = (m.group("u") or m.group("u2")).lower()
        fixed = lambda ref, tense: cal.shift(unit, ref, step)  # noqa: E731
    else:
        return None

    def rel(ref, tense):
        a, b = fixed(ref, tense)
        if not a <= ref <= b:
            return a, b
        return (ref, b) if later else (a, ref)
    return Hit(m.start(), m.end(), "relative", rel=rel)


_DAY_WORDS = {"today": 0, "yesterday": -1, "tomorrow": 1}


def h_day_word(m, text, opts):
    n = _DAY_WORDS[m.group(0).lower()]
    return Hit(m.start(), m.end(), "day", rel=lambda ref, tense: cal.shift("day", ref, n))


def h_ago(m, text, opts):
    if "few" in m.group("n").lower() or "couple" in m.group("n").lower():
        return None
    n, unit = number(m.group("n")), _unit(m.group("u"))
    if n is None:
        return None
    gran = unit

    def rel(ref, tense):
        if unit == "decade":
            return cal.shift("decade", ref, -n)
        if unit == "day":
            return cal.shift("day", ref, -n)
        if unit == "week":
            return cal.shift("week", ref, -n)
        back = cal.add_months(ref, -n if unit == "month" else -12 * n)
        return cal.shift(unit, back, 0)
    return Hit(m.start(), m.end(), gran, rel=rel)


def _working_days(ref: date, n: int) -> Interval:
    d, left = ref, n
    while left > 0:
        d += timedelta(days=1)
        if d.weekday() < 5:
            left -= 1
    return ref, d


def h_within(m, text, opts):
    n, unit = number(m.group("n")), _unit(m.group("u"))
    if n is None:
        return None
    if m.group("wk") and m.group("wk").strip().lower() in ("working", "business") and unit == "day":
        return Hit(m.start(), m.end(), "relative", rel=lambda ref, tense: _working_days(ref, n))
    return Hit(m.start(), m.end(), "relative", rel=lambda ref, tense: cal.span_after(ref, unit, n))


def h_coming(m, text, opts):
    direction = (m.group("dir") or "next").lower()
    unit = _unit(m.group("u"))
    plural = m.group("u").lower().endswith("s")
    n = number(m.group("n")) if m.group("n") else (_SPAN_DEFAULT[unit] if plural else 1)
    if n is None:
        return None
    fn = cal.span_before if direction in ("past", "last", "previous") else cal.span_after
    gran = "weeks" if unit == "week" and plural and not m.group("n") and fn is cal.span_after else "relative"
    return Hit(m.start(), m.end(), gran, rel=lambda ref, tense: fn(ref, unit, n))


def _weekday_rel(wd: int, how: str | None):
    def rel(ref, tense):
        mode = how or ("future" if tense == "future" else "past")
        delta = (wd - ref.weekday()) % 7
        if mode == "this":
            d = cal.iso_week(ref)[0] + timedelta(days=wd)
        elif mode in ("next", "future"):
            d = ref + timedelta(days=delta or (7 if mode == "next" else 0))
        else:  # last / past: the most recent one (today counts for "past", not for "last")
            back = (ref.weekday() - wd) % 7
            d = ref - timedelta(days=back or (7 if mode == "last" else 0))
        return d, d
    return rel


def h_weekday_mod(m, text, opts):
    mod = " ".join(m.group("mod").lower().split())
    how = "next" if mod.endswith(("next", "following", "coming")) else "last" if mod.endswith(
        ("last", "previous", "past")) else "this"
    return Hit(m.start(), m.end(), "day", rel=_weekday_rel(weekday_number(m.group("wd")), how))


def h_weekday_bare(m, text, opts):
    if not opts.bare_weekdays:
        return None
    return Hit(m.start(), m.end(), "day", rel=_weekday_rel(weekday_number(m.group("wd")), None))




def h_in_time(m, text, opts):
    """"in six months' time", "in a year's time", "two weeks from now": the day / week / month (for months and
    years) that falls that far after the reference date."""
    n, unit = number(m.group("n") or m.group("n2")), _unit(m.group("u") or m.group("u2"))
    if n is None:
        return None
    gran = {"day": "day", "week": "week"}.get(unit, "month")

    def rel(ref, tense):
        if unit == "day":
            return cal.shift("day", ref, n)
        if unit == "week":
            return cal.shift("week", ref, n)
        target = cal.add_months(ref, n if unit == "month" else 12 * n)
        return cal.month(target.year, target.month)
    return Hit(m.start(), m.end(), gran, rel=rel)


_CY_RELATIVE = {  # Welsh: (unit, step)
    "eleni": ("year", 0), "llynedd": ("year", -1), "y llynedd": ("year", -1), "y flwyddyn nesaf": ("year", 1),
    "y flwyddyn ddiwethaf": ("year", -1), "y mis hwn": ("month", 0), "y mis nesaf": ("month", 1),
    "y mis diwethaf": ("month", -1), "yr wythnos hon": ("week", 0), "yr wythnos nesaf": ("week", 1),
    "yr wythnos diwethaf": ("week", -1), "heddiw": ("day", 0), "ddoe": ("day", -1), "yfory": ("day", 1),
}


def h_cy_relative(m, text, opts):
    """Welsh relative words: eleni (this year), y llynedd, y flwyddyn nesaf, y mis nesaf, heddiw, ...;
    "yn ddiweddarach eleni" = later this year."""
    unit, step = _CY_RELATIVE[" ".join(m.group("w").lower().split())]
    if m.group("later"):
        return Hit(m.start(), m.end(), "relative", rel=lambda ref, tense: (ref, cal.year(ref.year)[1]))
    return Hit(m.start(), m.end(), unit, rel=lambda ref, tense: cal.shift(unit, ref, step))
