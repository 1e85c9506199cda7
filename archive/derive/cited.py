"""What a letter's text says about other letters: the dates it cites ("your letter of 16 January"), reply cues,
response titles, and the sentence around a mention. Month names come from extract/dates/lexicon.py."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from extract.commitments.sentences import split_sentences
from extract.dates.lexicon import MONTH_ABBR, MONTHS_CY_BASE, MONTHS_EN

# Month names: the one lexicon is extract/dates/lexicon.py.
MONTHS = {**MONTHS_EN, **MONTH_ABBR}


MONTHS_CY = MONTHS_CY_BASE


_MONTH_RE = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"


DATE_RE = (
    rf"(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{_MONTH_RE})(?:,?\s+(?P<y1>(?:19|20)\d\d))?"
    rf"|(?P<m2>{_MONTH_RE})\s+(?P<d2>\d{{1,2}})(?!\d)(?:st|nd|rd|th)?(?:,?\s+(?P<y2>(?:19|20)\d\d))?)"
)


DATE_MATCH_RE = re.compile(r"\b" + DATE_RE, re.IGNORECASE)


# "in October 2018" (no day): the first of the month
MONTH_YEAR_RE = re.compile(rf"\b(?P<month>{_MONTH_RE})\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE)


CITED_RE = re.compile(
    r"(?P<poss>\byour|\bmy|\bour|\bthe|\bhis|\bher|\btheir)\s+(?:recent\s+|earlier\s+|previous\s+|last\s+)?"
    r"(?:letters?|e-?mails?|note|response|reply|correspondence)\s+"
    r"(?:(?:to|from)\s+(?:me|us|[A-Z][\w.'’ -]{0,60}?)\s+)?(?:of|dated|on|sent\s+on|from)\s+(?:the\s+)?" + DATE_RE,
    re.IGNORECASE,
)


# Welsh: "Diolch am eich llythyr dyddiedig 10 Chwefror 2021" (thank you for your letter dated ...)
CITED_CY_RE = re.compile(
    r"(?P<poss>\beich|\bein|\bfy)\s+(?:llythyr(?:au)?|e-bost|ymateb)\s+(?:dyddiedig|ar|o|a\s+anfonwyd\s+ar)\s+"
    r"(?P<d1>\d{1,2})(?:af|ain|ed|fed|ydd)?\s+(?:fis\s+)?(?P<m1>" + "|".join(MONTHS_CY) + r")(?:\s+(?P<y1>(?:19|20)\d\d))?"
    r"(?P<m2>)?(?P<d2>)?(?P<y2>)?",
    re.IGNORECASE,
)


_POSS_CY = {"eich": "your", "ein": "our", "fy": "my"}


_REPLY_CUE_RE = re.compile(
    r"thank(?:s|\s+you)\s+for\s+(?:your|the)\b|\bin\s+(?:response|reply)\s+to\b|\bfurther\s+to\s+your\b"
    r"|\bfollowing\s+(?:your|receipt\s+of\s+your)\b|\brespond(?:ing)?\s+to\s+your\b|\byou\s+wrote\s+to\b"
    r"|\breply(?:ing)?\s+to\s+your\b|\byour\s+(?:recent\s+)?(?:letter|e-?mail)\b"
    r"|\bdiolch\s+am\s+eich\b|\bmewn\s+ymateb\s+i\b",
    re.IGNORECASE,
)


_RESPONSE_TITLE_RE = re.compile(
    r"\b(?:response|reply|responds|replies|responding|replying)\b(?:\s+from\s+.+?)?\s+to\s+(?P<to>.+?)"
    r"(?=\s*[:–—]|\s+-\s+|\s+from\s+|\s+(?:on|regarding|re|about|concerning)\s+|$)",
    re.IGNORECASE,
)


_RESPONSE_WORD_RE = re.compile(r"\b(?:response|reply|responds|replies)\b", re.IGNORECASE)


def to_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def month_year(m: re.Match) -> dt.date | None:
    month = MONTHS.get(m.group("month").lower().rstrip("."))
    return dt.date(int(m.group("year")), month, 1) if month else None


def parse_date_match(m: re.Match, ref: dt.date | None) -> dt.date | None:
    """A DATE_RE match as a date; a missing year is the latest one that keeps the date on or before `ref` (+3 days)."""
    day, month, year = (m.group("d1"), m.group("m1"), m.group("y1")) if m.group("m1") else (
        m.group("d2"), m.group("m2"), m.group("y2"))
    month_n = MONTHS.get(month.lower().rstrip(".")) or MONTHS_CY.get(month.lower())
    if not month_n:
        return None
    if year is None and ref is None:
        return None
    y = int(year) if year else ref.year
    try:
        found = dt.date(y, month_n, int(day))
        if not year and found > ref + dt.timedelta(days=3):
            found = dt.date(y - 1, month_n, int(day))
    except ValueError:
        return None
    return found


@dataclass
class CitedLetter:
    """A letter the text cites by its date: "your letter of 16 January"."""

    poss: str  # your | my | our | the | his | her | their
    date: dt.date
    start: int
    end: int
    quote: str  # the sentence
    phrase: str  # the words as written
    cue: bool  # the sentence says it answers that letter ("Thank you for", "in reply to", ...)


def cited_letters(text: str, ref: dt.date | None) -> list[CitedLetter]:
    out = []
    text = text or ""
    for regex in (CITED_RE, CITED_CY_RE):
        for m in regex.finditer(text):
            when = parse_date_match(m, ref)
            if when is None:
                continue
            poss = m.group("poss").lower()
            poss = _POSS_CY.get(poss, poss)
            quote = sentence_around(text, m.start(), m.end())
            sentence_start = max(text.rfind(". ", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
            before = text[max(sentence_start, m.start() - 60): m.start()]
            cue = bool(_REPLY_CUE_RE.search(before + " " + m.group(0)[:4])) or bool(
                re.search(r"(?:thank(?:s|\s+you)\s+for|in\s+(?:response|reply)\s+to|further\s+to|diolch\s+am|"
                          r"respond(?:ing)?\s+to|reply(?:ing)?\s+to|following)\s*$", before, re.IGNORECASE))
            out.append(CitedLetter(poss, when, m.start(), m.end(), quote, " ".join(m.group(0).split()), cue))
    return sorted(out, key=lambda c: c.start)


def cited_letter_dates(text: str, ref: dt.date | None, possessive: str | None = None) -> list[tuple[dt.date, str]]:
    """Dates of letters the text cites ("your letter of 16 January"), with the quoted sentence.

    possessive="your" keeps letters written by the addressee (and "the letter of" right after a reply cue)."""
    out = []
    for c in cited_letters(text, ref):
        if possessive == "your" and c.poss != "your" and not (c.poss == "the" and c.cue):
            continue
        if possessive == "mine" and c.poss not in ("my", "our"):
            continue
        out.append((c.date, c.quote))
    return out


def sentence_around(text: str, start: int, end: int, limit: int = 300) -> str:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    quote = " ".join(text[left:right].split())
    return quote if len(quote) <= limit else quote[: limit - 1] + "…"


def sentences(text: str) -> list[str]:
    """The sentences of a text, line by line, split by the extractors' one sentence splitter (abbreviations such as
    "Dr." or "No. 10" do not end a sentence)."""
    out = []
    for para in re.split(r"\n\s*\n|\n", text or ""):
        out.extend(para[a:b].strip() for a, b in split_sentences(para) if para[a:b].strip())
    return out


def has_reply_cue(text: str, chars: int = 900) -> bool:
    return bool(_REPLY_CUE_RE.search((text or "")[:chars]))


def response_title_target(title: str) -> str | None:
    """For a title that says it is a response: the words naming whom it answers ("" when none); else None."""
    m = _RESPONSE_TITLE_RE.search(title or "")
    if m:
        return m.group("to").strip()
    return "" if _RESPONSE_WORD_RE.search(title or "") else None
