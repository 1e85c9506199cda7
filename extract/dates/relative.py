"""Rules for expressions relative to the document's date: "next year", "later this year", "within six months",
"in the coming weeks", "two years ago", "today", "next Monday". Each handler returns a Hit whose ``rel(ref, tense)``
gives the interval once the reference date is known (docs/DATES.md).
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from extract.dates import calendar as cal
from extract.dates.lexicon import month_number, number, part_of, weekday_number
from extract.dates.rules import Hit, Interval

_STEP = {"this": 0, "the current": 0, "next": 1, "the following": 1, "last": -1, "the previous": -1}
_SPAN_DEFAULT = {"day": 7, "week": 6, "month": 3, "year": 3}  # "in the coming weeks" = 6 weeks, ...


def _unit(word: str) -> str:
    w = " ".join(word.lower().split())
    w = w[:-1] if w.endswith("s") and not w.endswith("ss") else w
    if w == "calendar year":
        return "year"
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
    n = number(m.group("n")) if m.group("n") else (_SPAN_DEFAULT.get(unit, 1) if plural else 1)
    if n is None:
        return None
    if unit == "fortnight":  # "the next fortnight", "the past two fortnights": two weeks each
        unit, n = "week", 2 * n
    if unit == "decade":  # "over the last decade": the ten years to the reference date
        unit, n = "year", 10 * n
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


_WEEKDAY_NAME_BEFORE = frozenset("black super ash holy maundy shrove cyber giving sheffield man girl".split())


def h_weekday_bare(m, text, opts):
    """"on Friday", "published Tuesday": the day of that name nearest the reference date on the side the tense
    points to (past when the sentence shows none). Not a date inside a name ("Black Friday", "Sheffield
    Wednesday", "Friday Night Lights") or with bare_weekdays switched off."""
    if not opts.bare_weekdays:
        return None
    before = text[max(0, m.start() - 20):m.start()].split()
    prev = before[-1].lower().strip("“‘\"'(") if before else ""
    if prev in _WEEKDAY_NAME_BEFORE or " ".join(before[-2:]).lower() == "mail on":
        return None
    after = re.match(r" ([A-Z][a-z]+)", text[m.end():m.end() + 20])
    if after and month_number(after.group(1)) is None:
        return None  # "the Sunday Times", "Friday Night Lights": a name (a month after it is a US date)
    return Hit(m.start(), m.end(), "day", rel=_weekday_rel(weekday_number(m.group("wd")), None))


_QUARTER_CONTEXT = re.compile(r"(?i)\bquarter(?:ly|s)?\b")
_QN = {"first": 1, "second": 2, "third": 3, "fourth": 4}


def h_year_ago(m, text, opts):
    """"a year ago", "a year earlier", "the year-ago quarter", "the year-earlier period", "the quarter a year
    earlier": a year before the reference date. Where the text around speaks of quarters (quarterly results), the
    comparison is with the same quarter a year before the latest completed one; else it is last year."""
    quarterly = bool(m.group("q1") or m.group("q2"))
    if not quarterly:
        lo = max(0, m.start() - 400)
        nul = text.rfind("\x00", lo, m.start())
        hi = text.find("\x00", m.end(), m.end() + 80)
        quarterly = bool(_QUARTER_CONTEXT.search(text, nul + 1 if nul >= 0 else lo, hi if hi >= 0 else m.end() + 80))
    n = _QN.get((m.group("ord") or "").lower())

    def rel(ref, tense):
        if not quarterly:
            return cal.shift("year", ref, -1)
        latest = cal.shift("quarter", ref, -1)
        if n:
            return cal.quarter(latest[0].year - 1, n)
        return cal.shift("quarter", ref, -5)
    return Hit(m.start(), m.end(), "quarter" if quarterly else "year", rel=rel)


def h_latest_quarter(m, text, opts):
    """"the latest quarter", "the most recent quarter": the last quarter completed before the reference date."""
    return Hit(m.start(), m.end(), "quarter", rel=lambda ref, tense: cal.shift("quarter", ref, -1))


_TENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
         "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
         "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
YEAR_WORDS = (r"(?:[Nn]ineteen[\s-]+(?P<tens>" + "|".join(_TENS) + r")(?:[\s-]+(?P<ones>" + "|".join(_ONES) + r"))?"
              r"|(?P<the>(?i:the)\s+year\s+)?[Tt]wo\s+thousand(?:\s+and\s+(?P<ones2>" + "|".join(_ONES) + r"))?)")


def h_year_words(m, text, opts):
    """A year in words, as spoken transcripts write it: "nineteen ninety-six", "the year two thousand"."""
    if m.group("tens"):
        tens = _TENS[m.group("tens").lower()]
        if tens < 20 and m.group("ones"):
            return None
        y = 1900 + tens + (_ONES[m.group("ones").lower()] if m.group("ones") else 0)
    else:
        prev = text[max(0, m.start() - 12):m.start()].split()
        if not m.group("the") and (not prev or prev[-1].lower() not in ("in", "since", "by", "until", "of", "before",
                                                                        "after")):
            return None  # "two thousand people": an amount
        y = 2000 + (_ONES[m.group("ones2").lower()] if m.group("ones2") else 0)
    if re.match(r"\s+(?:people|persons|[a-z]+s\b)", text[m.end():m.end() + 20]):
        return None
    return Hit(m.start(), m.end(), "year", interval=cal.year(y), year=y)


def h_the_weekend(m, text, opts):
    """"over the weekend" (the last one, the reference date's own when it falls on one), "ahead of the weekend"
    (the next one); the tense decides after "at", "during"."""
    lead = " ".join(m.group("p").lower().split())
    how = "future" if lead in ("ahead of", "before") else "past" if lead == "over" else None

    def rel(ref, tense):
        mode = how or ("future" if tense == "future" else "past")
        sat = cal.iso_week(ref)[0] + timedelta(days=5)
        if mode == "past" and ref < sat:
            sat -= timedelta(days=7)
        return sat, sat + timedelta(days=1)
    return Hit(m.start("w"), m.end(), "week", rel=rel)


def h_month_rel_year(m, text, opts):
    """"February last year", "March of next year", "early June this year": that month of the year named
    relative to the reference date."""
    mo, part = month_number(m.group("m")), part_of(m.group("part"))
    step = {"this": 0, "next": 1, "last": -1}[m.group("mod").lower()]
    day = int(re.match(r"\d+", m.group("d")).group()) if m.group("d") else None
    if day is not None and (part or day > cal.last_day(2000, mo)):
        return None

    def rel(ref, tense):
        if day is not None:
            return cal.day(ref.year + step, mo, min(day, cal.last_day(ref.year + step, mo)))
        iv = cal.month(ref.year + step, mo)
        return cal.part(iv, part) if part else iv
    return Hit(m.start(), m.end(), "day" if day is not None else "month_part" if part else "month", rel=rel)




def h_season_rel_year(m, text, opts):
    """"the autumn of next year", "spring this year", "early summer last year": that season of the year named
    relative to the reference date."""
    name = m.group("s").lower()
    part = part_of(m.group("part"))
    step = {"this": 0, "next": 1, "last": -1}[m.group("mod").lower()]

    def rel(ref, tense):
        iv = cal.season(ref.year + step, name)
        return cal.part(iv, part) if part else iv
    return Hit(m.start(), m.end(), "season", rel=rel)


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
