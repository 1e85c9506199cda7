"""The tense of a date's sentence, which chooses the year of a year-less expression ("in February").

tense(text, s, e, hint, deadline) -> "future" | "past" | "nearest" | hint. The policy is in docs/DATES.md
(*Year-less expressions: the tense decides*).
"""
from __future__ import annotations

import re

_FUTURE = re.compile(
    r"\b(?:will|shall|won[’']t|[’']ll|would|could|going\s+to|plan(?:s|ning)?\s+to|intend(?:s|ing)?\s+to|"
    r"aim(?:s|ing)?\s+to|expect(?:s|ing)?\s+to|hope(?:s)?\s+to|due\s+to|forthcoming|upcoming|next|"
    r"planned\s+to|scheduled|set\s+to|as\s+(?:soon|early)\s+as|"
    r"look(?:s|ing)?\s+forward|propos(?:e|es|ing)\s+to|should|must|to\s+publish|"
    r"please|grateful\s+if|ask(?:s)?\s+(?:that|you|for)|request(?:s)?\s+that|"
    r"bydd\w*|fydd\w*|nesaf)\b",  # Welsh: bydd / byddwn / byddaf (will), nesaf (next)
    re.I,
)
_PAST = re.compile(
    r"\b(?:was|were|had|did|ago|previous(?:ly)?|since|took\s+place|dated|roedd|bu|buom|cyhoeddwyd|diwethaf|"
    r"(?:letter|reply|response|e-?mail|note|submission|report)\s+of|"  # "your letter of 3 March": it exists
    r"(?:my|our|your|its|his|her|their)\s+(?:[\w-]+\s+){0,2}?(?:letter|reply|response|e-?mail|note|submission|"
    r"report|release|statement|announcement|article|blog|speech|publication|bulletin)\s+(?:of|dated|on)|"
    r"(?:has|have)\s+(?:been|now|already|recently)|"
    r"(?P<ed>[a-z]{3,}ed|wrote|met|said|sent|told|began|gave|made|held|spoke|saw|ran|took|went|came|rose|fell|grew|"
    r"found|became|brought|thought|knew|led|left|paid|built|sold|spent|stood|won|lost|kept|chose))\b",
    re.I,
)
# -ed words that are adjectives or point forward ("the planned review in March"), and words after which an -ed
# word is a passive or perfect of something still to come ("will be published", "to be released").
_ED_IGNORE = frozenset(
    "expected planned proposed scheduled intended anticipated needed required related based detailed limited "
    "used supposed concerned interested pleased delighted committed continued revised updated improved "
    "increased reduced combined associated dated named".split()
)
_ED_NOT_AFTER = frozenset(
    "be been being is are am get gets will to the a an this its our their your shall would".split()
)
_SENTENCE_END = re.compile(r"[.!?;](?:\s|$)|\x00")


# "the figures for November", "data covering March": a statistics reference period. The tense of the sentence is
# that of publishing ("we will publish the release for September"), not of the period: take the nearest one.
_REFERENCE_PERIOD = re.compile(
    r"\b(?:figures|data|statistics|release|releases|estimates?|numbers|results|bulletin|outputs?|series|index|"
    r"count|survey)\s+(?:for|covering)\s+(?:the\s+)?(?:month\s+of\s+)?$",
    re.I,
)


def tense(text: str, s: int, e: int, hint: str | None, deadline: bool = False) -> str | None:
    """future | past from the cue nearest the expression in its sentence, else the hint."""
    if _REFERENCE_PERIOD.search(text, max(0, s - 40), s):
        return "nearest"
    lo = max(0, s - 250)
    starts = [m.end() for m in _SENTENCE_END.finditer(text, lo, s)]
    a = starts[-1] if starts else lo
    end = _SENTENCE_END.search(text, e, e + 250)
    b = end.start() if end else min(len(text), e + 250)
    # The verb that governs a date adjunct nearly always comes before it ("we published ... on 6 November"):
    # the nearest cue before the expression decides; only a sentence-initial adjunct looks after it.
    best, kind = None, None
    for rx, k in ((_FUTURE, "future"), (_PAST, "past")):
        for m in rx.finditer(text, a, b):
            if s <= m.start() < e:
                continue
            if k == "past" and m.group("ed") and not _past_ed(text, m):
                continue
            dist = s - m.end() if m.end() <= s else 10_000 + m.start() - e
            if best is None or dist < best:
                best, kind = dist, k
    if (best is None or best >= 10_000) and _ITEM_START.search(text, max(0, a - 8), s):
        lead = _lead_in(text, a)  # a list item without its own verb before the date: its lead-in's tense
        if lead is not None:
            return lead
    if deadline and (best is None or best >= 10_000 or (kind == "past" and best > 30)):
        return "future"  # "reply by 13 September": a deadline is ahead unless a past verb governs it closely
    return kind or hint


# A numbered or lettered list item's opening ("1. ", "(b) ", "ii) ", "• "), right before the date's sentence
_ITEM_START = re.compile(r"(?:^|[\s:\x00])(?:\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)]|[•·▪–-])\s*$")
_LEAD_IN_END = re.compile(r":\s")


def _lead_in(text: str, a: int) -> str | None:
    """The tense of the lead-in that opens a list ("Access will be granted on the following dates: 1. 17 June ...
    2. 16 September ..."): the nearest cue before the last colon within the preceding 1,200 characters; a
    lead-in without a cue ("The monthly releases that fall on:") inside a list takes the one before it."""
    lo = max(0, a - 1200)
    if "\x00" in text[lo:a]:
        lo = text.rindex("\x00", lo, a) + 1
    colons = [m.start() for m in _LEAD_IN_END.finditer(text, lo, a)]
    for c in reversed(colons):
        starts = [m.end() for m in _SENTENCE_END.finditer(text, max(lo, c - 250), c)
                  if not _ITEM_START.search(text, max(0, m.start() - 4), m.end())]
        b = starts[-1] if starts else max(lo, c - 250)
        best, kind = None, None
        for rx, k in ((_FUTURE, "future"), (_PAST, "past")):
            for m in rx.finditer(text, b, c):
                if k == "past" and m.group("ed") and not _past_ed(text, m):
                    continue
                if best is None or c - m.end() < best:
                    best, kind = c - m.end(), k
        if kind is not None:
            return kind
    return None


def _past_ed(text: str, m: re.Match) -> bool:
    if m.group("ed").lower() in _ED_IGNORE:
        return False
    prev = text[max(0, m.start() - 12):m.start()].split()
    return not prev or prev[-1].lower() not in _ED_NOT_AFTER
