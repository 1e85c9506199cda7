"""Words and regular-expression fragments the date recogniser is built from (English and Welsh).

The project's one month and weekday lexicon: the readers' explicit dates, the sentence splitter's abbreviations, the
commitment rules and the reply finder (archive/derive/cited.py) all read their month names from here. (The
crawler, which may import only captures/, builds its listing-date pattern from the standard library's names.)
"""
from __future__ import annotations

import re

MONTHS_EN = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
}
MONTH_ABBR = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}
# Welsh month names, with their soft-mutated forms (after "o", "i", "ym mis ..." and so on).
MONTHS_CY_BASE = {
    "ionawr": 1, "chwefror": 2, "mawrth": 3, "ebrill": 4, "mai": 5, "mehefin": 6, "gorffennaf": 7, "awst": 8,
    "medi": 9, "hydref": 10, "tachwedd": 11, "rhagfyr": 12,
}
MONTHS_CY = {**MONTHS_CY_BASE, "fawrth": 3, "fai": 5, "fehefin": 6, "orffennaf": 7, "fedi": 9, "dachwedd": 11,
             "ragfyr": 12}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
WEEKDAY_ABBR = {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6}
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18, "twenty": 20, "thirty": 30,
    "couple of": 2, "few": 3, "a few": 3, "a couple of": 2,
}
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
DECADE_WORDS = {
    "twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70,
    "eighties": 80, "nineties": 90,
}


def _cased(words) -> str:
    """Title-case and upper-case forms only: lower-case "may" and "march" are verbs."""
    forms = []
    for w in sorted(words, key=len, reverse=True):
        forms += [w.capitalize(), w.upper()]
    return "|".join(forms)


MON_FULL = f"(?:{_cased(MONTHS_EN)})"
MON_ABBR = f"(?:(?:{_cased(MONTH_ABBR)})\\.?)"
MON_EN = f"(?:{MON_FULL}|{MON_ABBR})"
MON_CY = f"(?:{_cased(MONTHS_CY)})"
MON_ANY = f"(?:{MON_FULL}|{MON_CY}|{MON_ABBR})"
WEEKDAY = f"(?:(?:{_cased(WEEKDAYS)})|(?:{_cased(WEEKDAY_ABBR)})\\.?)"
WEEKDAY_FULL = f"(?:{_cased(WEEKDAYS)})"
DAYN = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
YEAR = r"(?:1[89]\d\d|20\d\d)"
NUMW = "(?i:" + "|".join(sorted((re.escape(k) for k in NUMBER_WORDS), key=len, reverse=True)) + r"|\d{1,3})"
# early/mid/late and beginning/middle/end of: split a period into thirds (docs/DATES.md).
PART = (
    r"(?P<part>(?i:early|mid|late|(?:end|start)(?=-)|(?:the\s+)?(?:very\s+)?(?:beginning|start|middle|end|close)\s+of)"
    r"|[Dd]?diwedd|[Dd]?dechrau|[Cc]anol|[Gg]anol)"  # Welsh: (d)diwedd = end of, (d)dechrau = start of, canol = mid
    r"(?:[\s-]+|-)(?:the\s+)?"
)
# early / mid / late narrow a period to a third; "the beginning / middle / end of X" is X itself (a letter's
# "by the end of March" is due in March), so those map to None.
PART_WORDS = {"early": "early", "mid": "mid", "late": "late", "canol": "mid", "ganol": "mid"}
CONNECT = r"(?:-|–|—|to|until|till|through|and)"


def month_number(word: str) -> int | None:
    w = word.lower().rstrip(".")
    return MONTHS_EN.get(w) or MONTH_ABBR.get(w) or MONTHS_CY.get(w)


def weekday_number(word: str) -> int | None:
    w = word.lower().rstrip(".")
    return WEEKDAYS.get(w, WEEKDAY_ABBR.get(w))


def number(word: str) -> int | None:
    w = " ".join(word.lower().split())
    if w.isdigit():
        return int(w)
    return NUMBER_WORDS.get(w)


def part_of(phrase: str | None) -> str | None:
    """early | mid | late for a narrowing word; None for none, or for "the beginning / end of" (X itself)."""
    if not phrase:
        return None
    return PART_WORDS.get(phrase.lower().strip())


# Words before a bare month ("in May") that make it a date; "Theresa May" and "may" the verb are not.
MONTH_CUES = {
    "in", "by", "since", "until", "till", "from", "during", "of", "to", "before", "after", "throughout",
    "early", "late", "mid", "end", "start", "beginning", "middle", "and", "or", "between", "through", "on",
    "this", "next", "last", "for", "at", "around", "into", "over", "as", "each", "every", "that", "same",
}
# Words before a bare season ("in spring", "by autumn"); elsewhere a season word is an adjective ("winter pressures").
SEASON_CUES = {
    "in", "by", "over", "during", "until", "till", "since", "from", "before", "after", "through", "throughout",
    "into", "early", "late", "mid", "and", "or", "to", "between",
}
# Capitalised words before a year that still leave it a date (a capitalised word otherwise makes a name:
# "Digital Economy Act 2017", "Census 2021", "Agenda 2030").
YEAR_OK_BEFORE = {
    "in", "by", "since", "until", "till", "from", "during", "of", "before", "after", "for", "throughout",
    "early", "late", "mid", "end", "spring", "summer", "autumn", "winter", "fall", "and", "or", "between",
    "the", "to", "through", "within", "also", "then", "year", "calendar", "fiscal", "financial", "q1", "q2",
    "q3", "q4", "h1", "h2", "yn", "ers", "hyd", "erbyn", "ym", "mewn", "a", "ac", "tan", "o", "cyn", "ar",
}
# Words right before a number that make it a reference or an amount, not a year.
NOT_YEAR_BEFORE = {
    "no", "no.", "nos", "number", "page", "pages", "p", "p.", "pp", "pp.", "para", "paragraph", "paragraphs",
    "section", "sections", "s.", "table", "tables", "figure", "figures", "fig", "fig.", "chart", "annex",
    "appendix", "item", "question", "isbn", "ref", "reference", "case", "tel", "tel.", "telephone", "phone",
    "room", "box", "regulation", "article", "clause", "schedule", "rule", "chapter", "part", "line", "column",
    "row", "code", "id", "version", "v", "v.", "edition", "issue", "volume", "vol", "vol.",
    "approximately", "nearly", "almost", "roughly", "total", "exactly", "additional", "extra", "another",
}
# Plural count nouns after a number: "2019 people" is an amount.
COUNT_NOUNS = re.compile(
    r"\s+(?:people|persons|individuals|households|homes|families|respondents|responses|businesses|firms|"
    r"companies|cases|deaths|births|staff|employees|jobs|posts|records|patients|children|adults|pupils|"
    r"students|schools|hospitals|beds|users|visitors|visits|items|rows|series|variables|datasets|tables|"
    r"pages|words|cells|units|sites|areas|places|properties|dwellings|vehicles|offences|crimes|claims|"
    r"claimants|applications|members|votes|participants|observations|samples|interviews|tonnes|miles|km|"
    r"metres|hours|minutes|pounds|euros|dollars|points|percent|per\s+cent)\b",
    re.I,
)
# "move the census from 2021 to 2022": a change from one date to another, two dates rather than a range.
CHANGE_BEFORE = re.compile(
    r"\b(?:mov|postpon|delay|defer|shift|chang|switch|reschedul|push|brought|bring|put|revis)\w*\b[^.;\x00]*$", re.I
)
