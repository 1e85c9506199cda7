"""The recogniser's table: each rule is a regular expression, its handler and an anchor.

A rule runs only around its anchor (a cheap expression such as a month name or a four-digit year): the full
expression is searched in a window of ``back`` characters before and ``fwd`` after each anchor and must cover it.
That keeps a 600-word letter to a millisecond or two instead of running thirty patterns over every character.
"""
from __future__ import annotations

import re
from typing import Callable

from extract.dates.lexicon import (
    DAYN, DECADE_WORDS, MON_ANY, MON_EN, MON_FULL, MONTH_ABBR, MONTHS_CY, MONTHS_EN, NUMW, PART, WEEKDAY, WEEKDAY_FULL,
    WEEKDAYS, YEAR,
)
from extract.dates.relative import (
    h_ago, h_coming, h_cy_relative, h_day_word, h_in_time, h_later_earlier, h_month_rel_year, h_season_rel_year,
    h_this_next_last,
    h_weekday_bare, h_weekday_mod, h_within, h_year_ago, h_latest_quarter, h_year_words, YEAR_WORDS, h_the_weekend,
)
from extract.dates.rules import (
    h_century, h_decade, h_dmy, h_fiscal_single, h_half_notation, h_half_words, h_holiday, h_iso, h_mdy, h_month,
    h_month_span, h_month_year, h_months_of, h_months_to, h_numeric, h_q_notation, h_quarter_num, h_quarter_words,
    h_season, h_season_cy, h_span_years, h_week_of_month, h_year, h_year_ending, h_year_q,
)


class Anchor:
    """A cheap expression, and optionally a test of the matched word (a set lookup beats a long alternation)."""

    def __init__(self, pattern: str, keep: Callable[[str], bool] | None = None):
        self.rx = re.compile(pattern)
        self.keep = keep

    def spots(self, text: str) -> list[tuple[int, int]]:
        keep = self.keep
        return [m.span() for m in self.rx.finditer(text) if keep is None or keep(m.group())]


_MONTH_WORDS = {w for words in (MONTHS_EN, MONTH_ABBR, MONTHS_CY) for w in words}
_WEEKDAY_WORDS = set(WEEKDAYS)

A_MONTH = Anchor(r"[A-Z][A-Za-z]{2,9}", lambda w: w.lower() in _MONTH_WORDS and (w.istitle() or w.isupper()))
A_YEAR = Anchor(r"\d{4,}", lambda w: len(w) == 4 and w[:2] in ("18", "19", "20"))
A_DECADE = Anchor(r"\d0['’]?s|ties")
A_CENTURY = Anchor(r"[Cc]entury")
A_QUARTER = Anchor(r"Q[1-4]|[Qq]uarter")
A_HALF = Anchor(r"half|H[12]")
A_MONTHS = Anchor(r"months")
A_SEASON = Anchor(r"[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter|SPRING|SUMMER|AUTUMN|WINTER")
A_SEASON_CY = Anchor(r"gwanwyn|haf|hydref|gaeaf")
A_UNIT = Anchor(r"year|month|week|fortnight|quarter|decade|day")
A_LATER = Anchor(r"[Ll]ater|[Ee]arlier")
A_AGO = Anchor(r"ago")
A_YEAR_AGO = Anchor(r"year[- ](?:ago|earlier)")
A_YEAR_WORDS = Anchor(r"[Nn]ineteen|[Tt]wo thousand")
A_WITHIN = Anchor(r"[Ww]ithin")
A_CY = Anchor(r"[Ee]leni|[Ll]lynedd|flwyddyn|mis|wythnos|[Hh]eddiw|[Dd]doe|[Yy]fory")
A_TIME = Anchor(r"[’'] time|s time|from now")
A_HOLIDAY = Anchor(r"Christmas|Easter|New Year|Boxing Day|Good Friday")
A_WEEKDAY = Anchor(r"[A-Z][a-zA-Z]{5,8}", lambda w: w.lower() in _WEEKDAY_WORDS and (w.istitle() or w.isupper()))

_B = r"(?<![\w£$€#/.,:@-])"  # not inside a word, a number, an amount or a path
_E = r"(?![\w/]|[.,:-]\d|\s?%)"  # not followed by more of a word or number
_YEAR_TAIL = r"(?:\s?[/-]\s?(?P<y2>\d{2}))?"
_OF_YEAR = (
    r"(?:\s+of\s+(?:(?P<rel>this|next|last|the\s+current|the\s+previous|the)\s+(?P<relfin>financial\s+)?year"
    rf"|(?:the\s+)?(?:(?P<fin>financial|fiscal)\s+year\s+|FY\s?)?(?P<y>{YEAR}){_YEAR_TAIL}))"
)
_MOD = r"(?P<mod>(?i:this|next|last|the\s+following|the\s+previous|the\s+coming|this\s+coming|this\s+past)\s+)"

Rule = tuple[re.Pattern, Callable, Anchor | None, int, int]

RULES: list[Rule] = [(re.compile(p), h, a, back, fwd) for p, h, a, back, fwd in [
    (rf"(?<![\w-])(?:(?i:the)\s+)?(?P<ord>(?i:first|second|third|fourth|1st|2nd|3rd|4th|last|final))\s+week\s+of\s+"
     rf"(?P<m>{MON_ANY})(?:\s+(?P<y>{YEAR}))?{_E}",
     h_week_of_month, A_MONTH, 40, 10),
    (r"(?<![\w-])(?P<later>[Yy]n\s+ddiweddarach\s+(?=eleni))?(?P<w>(?i:eleni|y\s+llynedd|llynedd|"
     r"y\s+flwyddyn\s+(?:nesaf|ddiwethaf)|y\s+mis\s+(?:hwn|nesaf|diwethaf)|yr\s+wythnos\s+(?:hon|nesaf|diwethaf)|"
     r"heddiw|ddoe|yfory))(?![\w-])",
     h_cy_relative, A_CY, 30, 30),
    (rf"(?<![\w-])(?:[Ii]n\s+(?P<n>{NUMW})\s+(?P<u>days?|weeks?|months?|years?)(?:[’']?\s+|[’']s\s+)time"
     rf"|(?P<n2>{NUMW})\s+(?P<u2>days?|weeks?|months?|years?)\s+from\s+now)(?![\w-])",
     h_in_time, A_TIME, 40, 12),
    (rf"(?<![\w-])(?P<m1>{MON_EN})\s?[-–—/]\s?(?P<m2>{MON_EN})\s+(?P<y>{YEAR}){_E}",
     h_month_span, A_MONTH, 5, 30),
    (rf"(?<![\w-])(?P<h>Christmas(?:\s+(?:Day|Eve))?|Boxing\s+Day|New\s+Year[’']s\s+(?:Day|Eve)|Easter(?:\s+"
     rf"(?:Sunday|Monday))?|Good\s+Friday)(?:\s+(?P<y>{YEAR}))?(?![\w-])",
     h_holiday, A_HOLIDAY, 5, 30),
    (rf"(?<![\w-])(?:(?i:the)\s+)?(?:(?P<n>{NUMW})\s+months?|(?P<yr>year)|(?P<qr>quarter))\s+"
     r"(?:to|ending(?:\s+in)?|up\s+to)\s+"
     rf"(?P<m>{MON_ANY})(?:\s+(?P<y>{YEAR}))?{_E}",
     h_months_to, A_MONTH, 45, 25),
    (rf"{_B}(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<d1>{DAYN})(?:\s*(?:-|–|—|to|and|&)\s*(?P<d2>{DAYN}))?"
     rf"(?(wd),?)(?:\s+of)?\s+(?P<m>{MON_ANY})(?:,?\s+(?P<y>{YEAR}))?(?:(?![\w])|(?=\d{{1,2}}(?![\w])))",
     h_dmy, A_MONTH, 45, 25),
    (rf"{_B}(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<m>{MON_EN})\s+(?P<d1>{DAYN})(?:\s*(?:-|–|—|to)\s*(?P<d2>{DAYN}))?"
     rf"(?!\s*(?:%|per\s*cent|[.,:]\d))(?:,?\s+(?P<y>{YEAR}))?(?![\w])",
     h_mdy, A_MONTH, 20, 30),
    (r"(?<![\w/.:,-])(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?![\w/]|[.:-]\d)",
     h_numeric, None, 0, 0),
    (rf"(?<![\w/.-])(?P<y>{YEAR})-(?P<mo>0[1-9]|1[0-2])-(?P<d>[0-3]\d)(?!\d|[/.-]\d)",
     h_iso, None, 0, 0),
    (rf"(?<![\w-])(?:{PART})?(?P<m>{MON_ANY})(?:,?\s+|\s+of\s+)(?P<y>{YEAR}){_E}",
     h_month_year, A_MONTH, 45, 25),
    (rf"(?<![\w-])(?:{PART})?(?:(?P<d>{DAYN})\s+(?:of\s+)?)?(?P<m>{MON_FULL})\s+(?:of\s+)?(?P<mod>(?i:this|next|last))"
     r"\s+year(?![\w-])",
     h_month_rel_year, A_MONTH, 50, 25),
    (rf"(?<![\w-])(?:{PART})?{_MOD}?(?P<m>{MON_FULL})(?![\w-]|\s*\d)",
     h_month, A_MONTH, 50, 8),
    (rf"{_B}(?:{PART})?(?:(?P<yw>(?:the\s+)?(?:calendar\s+)?year)\s+)?(?P<y>{YEAR})(?!\s?[-–—/]\s?\d){_E}",
     h_year, A_YEAR, 50, 40),
    (rf"{_B}(?:(?:the\s+)?(?P<kind>financial|fiscal|tax|academic|school|reporting|business)\s+years?\s+(?:of\s+)?"
     rf"|(?P<fy>FY)\s?)?(?P<y1>{YEAR})\s?(?P<sep>/|-|–|—|\s+to\s+)\s?(?P<y2>\d{{4}}|\d{{2}})"
     rf"(?:\s+(?P<kind2>financial|fiscal|tax|academic|school)\s+year(?!s))?{_E}",
     h_span_years, A_YEAR, 45, 25),
    (rf"(?<![\w-])(?:the\s+)?(?:(?P<fin>financial)\s+)?(?P<kw>year\s+end(?:ing|ed)|YE|FYE)\s+(?:(?:in|on)\s+)?"
     rf"(?:(?P<m>{MON_ANY})\s+)?(?P<y>{YEAR}){_E}",
     h_year_ending, A_YEAR, 60, 25),
    (rf"(?<![\w-])(?:the\s+)?(?:financial|fiscal)\s+(?:year\s+)?(?P<y>{YEAR})(?!\s?[-–—/]\s?\d){_E}",
     h_fiscal_single, A_YEAR, 35, 25),
    (rf"(?<![\w-])(?:(?i:the)\s+)?(?:{PART})?(?:(?P<dec>(?:1[89]|20)\d0)['’]?s|['’](?P<dec2>\d0)['’]?s|(?P<decw>"
     rf"{'|'.join(DECADE_WORDS)}))(?![\w])",
     h_decade, A_DECADE, 45, 5),
    (r"(?<![\w-])(?:the\s+)?(?:(?P<c>\d{1,2})(?:st|nd|rd|th)|(?P<cw>nineteenth|twentieth|twenty-first|twenty\s+first))"
     r"\s+[Cc]entury",
     h_century, A_CENTURY, 35, 5),
    (rf"(?<![\w-])(?:(?P<qpart>(?i:end|mid))-)?(?P<q>Q[1-4])(?:\s+of)?(?:\s*(?P<y>{YEAR}){_YEAR_TAIL})?(?![\w/])",
     h_q_notation, A_QUARTER, 5, 30),
    (rf"(?<![\w-])(?P<y>{YEAR})\s?(?P<q>Q[1-4])(?![\w/])",
     h_year_q, A_QUARTER, 10, 5),
    (rf"(?<![\w-])(?:(?i:the)\s+)?(?P<ord>(?i:first|second|third|fourth|final|last|1st|2nd|3rd|4th))[\s-]+"
     rf"quarter{_OF_YEAR}?"
     r"(?![\w-])",
     h_quarter_words, A_QUARTER, 30, 60),
    (rf"(?<![\w-])[Qq]uarter\s+(?P<q>[1-4])(?:\s+(?:of\s+)?(?P<y>{YEAR}){_YEAR_TAIL})?(?![\w/])",
     h_quarter_num, A_QUARTER, 5, 30),
    (rf"(?<![\w-])(?:(?i:the)\s+)?(?P<ord>(?i:first|second|1st|2nd|latter|last|final))\s+half{_OF_YEAR}",
     h_half_words, A_HALF, 30, 60),
    (rf"(?<![\w-])(?:H(?P<h>[12])\s*(?P<y>{YEAR}){_YEAR_TAIL}|(?P<yb>{YEAR})\s?H(?P<hb>[12]))(?![\w/])",
     h_half_notation, A_HALF, 10, 30),
    (rf"(?<![\w-])(?:the\s+)?(?P<ord>first|last|final)\s+(?P<n>\w+)\s+months\s+of\s+(?:the\s+)?(?P<y>{YEAR})",
     h_months_of, A_MONTHS, 30, 30),
    (rf"(?<![\w-])(?:(?i:the)\s+)?(?:{PART})?(?P<s>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ww]inter)\s+(?:of\s+)?"
     r"(?P<mod>(?i:this|next|last))\s+year(?![\w-])",
     h_season_rel_year, A_SEASON, 50, 25),
    (rf"(?<![\w-])(?:{PART})?(?:{_MOD}|(?P<the>(?i:the)\s+))?"
     r"(?P<s>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter|SPRING"
     rf"|SUMMER|AUTUMN|WINTER)(?:\s+(?:of\s+)?(?P<y>{YEAR}){_YEAR_TAIL})?(?![\w-])",
     h_season, A_SEASON, 60, 30),
    (rf"(?<![\w-])(?:(?:[Yy]n|[Ee]rbyn|[Dd]ros|[Tt]an|[Ee]rs|[Yy]n\s+ystod)\s+)?(?P<yr>y\s+|yr\s+)?"
     rf"(?P<s>gwanwyn|haf|hydref|gaeaf)(?:\s+(?P<y>{YEAR}))?(?![\w-])",
     h_season_cy, A_SEASON_CY, 30, 10),
    (rf"(?<![\w-])(?:{PART})?"
     r"(?P<mod>(?i:this|next|last|the(?:\s+(?:previous|following|coming|current|past|next|last))?))"
     r"\s+(?P<u>year|month|week|weekend|quarter|decade|(?:financial|fiscal|calendar)\s+year)(?![\w-])",
     h_this_next_last, A_UNIT, 60, 5),
    (rf"(?<![\w-])(?P<when>[Ll]ater|[Ee]arlier)\s+(?:(?P<mod>(?i:this|next|last))\s+(?P<u>year|month|week|quarter)"
     rf"|in\s+(?:the\s+)?(?:(?P<y>{YEAR})|(?P<u2>year|month|week|quarter)))(?![\w-])",
     h_later_earlier, A_LATER, 5, 40),
    (r"(?<![\w-])(?:[Tt]oday|[Yy]esterday|[Tt]omorrow)(?![\w-])",
     h_day_word, None, 0, 0),
    (r"(?<![\w-])(?:(?:[Tt]he\s+)?(?:(?:comparable|same)\s+)?(?P<q1>quarter|period)\s+)?(?:[Aa]|[Oo]ne)\s+year\s+"
     r"(?:ago|earlier)(?![\w-])|(?<![\w-])(?:[Tt]he\s+)?(?:(?:comparable|same)\s+)?[Yy]ear[- ](?:ago|earlier)"
     r"(?:\s+(?:(?P<ord>first|second|third|fourth)[- ])?(?P<q2>quarter|period))?(?![\w-])",
     h_year_ago, A_YEAR_AGO, 60, 40),
    (rf"(?<![\w-])(?P<n>{NUMW})\s+(?P<u>days?|weeks?|months?|years?|decades?)\s+ago(?![\w-])",
     h_ago, A_AGO, 40, 5),
    (r"(?<![\w-])(?:[Tt]he\s+)?(?:latest|most\s+recent)\s+quarter(?![\w-])",
     h_latest_quarter, A_QUARTER, 30, 5),
    (rf"(?<![\w-]){YEAR_WORDS}(?![\w-])",
     h_year_words, A_YEAR_WORDS, 20, 40),
    (r"(?<![\w-])(?P<p>[Oo]ver|[Dd]uring|[Aa]t|[Aa]head\s+of|[Bb]efore)\s+(?P<w>the\s+weekend)(?![\w-])",
     h_the_weekend, A_UNIT, 20, 5),
    (rf"(?<![\w-])[Ww]ithin\s+(?:the\s+(?:next|coming|following)\s+)?(?P<n>{NUMW})\s+"
     r"(?P<wk>working\s+|calendar\s+|business\s+)?(?P<u>days?|weeks?|months?|years?)(?![\w-])",
     h_within, A_WITHIN, 5, 60),
    (r"(?<![\w-])(?:[Ii]n|[Oo]ver|[Dd]uring|[Ww]ithin|[Ff]or)\s+the\s+"
     r"(?P<dir>next|coming|following|past|last|previous)"
     rf"\s+(?:(?P<n>{NUMW})\s+)?(?P<u>days?|weeks?|fortnights?|months?|years?|decades?)(?![\w-])",
     h_coming, A_UNIT, 60, 10),
    (r"(?<![\w-])(?:[Ii]n|[Oo]ver)\s+the\s+(?P<u>days|weeks|months|years)\s+ahead(?P<dir>)(?P<n>)(?![\w-])",
     h_coming, A_UNIT, 60, 10),
    (r"(?<![\w-])(?:[Ii]n|[Oo]ver|[Dd]uring|[Ww]ithin)\s+(?P<dir>coming)\s+(?P<n>)(?P<u>days|weeks|months|years)"
     r"(?![\w-])",
     h_coming, A_UNIT, 60, 10),
    (rf"(?<![\w-])(?P<mod>(?i:next|last|this|this\s+coming|this\s+past|the\s+following|the\s+previous))\s+"
     rf"(?P<wd>{WEEKDAY_FULL})(?![\w-])",
     h_weekday_mod, A_WEEKDAY, 30, 5),
    (rf"(?<![\w-])(?P<wd>{WEEKDAY_FULL})(?![\w-])",
     h_weekday_bare, A_WEEKDAY, 5, 30),
]]
