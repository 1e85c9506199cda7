"""Name normalisation for the parties register: honorifics, post-nominals, keys, partial dates, a trie regex."""
from __future__ import annotations

import datetime as dt
import re
from typing import Iterable

# Titles written before a name, longest first (matched case-insensitively, repeatedly: "Professor Sir Ian Diamond").
HONORIFICS = (
    "the rt hon the", "the right honourable the", "the right honourable", "the rt hon", "rt hon", "right honourable",
    "the honourable", "the hon", "hon", "professor", "prof", "sir", "dame", "dr", "lord", "baroness", "lady",
    "mrs justice", "mr justice", "mr", "mrs", "ms", "miss", "mx", "the reverend", "reverend", "rev", "cllr",
    "councillor",
)
# Letters written after a name (parliaments, honours, silk): "Nigel Dodds OBE MP MLA", "Mark Drakeford AC / AM".
POSTNOMINALS = (
    "mp", "msp", "am", "ac", "ms", "mla", "mep", "qc", "kc", "cbe", "obe", "mbe", "dbe", "kcb", "kbe", "kcmg", "cmg",
    "cb", "frs", "fba", "facss", "frse", "freng", "frss", "fmedsci", "phd", "jp", "dl", "pc", "bt", "/",
)
# Honorifics after which a single word is a surname ("Mr Humpherson"); after Sir / Dame it is a first name.
SURNAME_HONORIFICS = {"mr", "mrs", "ms", "miss", "mx", "dr", "professor", "prof", "lord", "baroness", "lady",
                      "mrs justice", "mr justice", "cllr", "councillor"}
# What the listings put where a party should be; never a party.
PLACEHOLDERS = {"by email", "sent by email", "anonymous", "n/a", "none", "-", "–"}

_ROLE_WORDS = re.compile(
    r"\b(head|director|statistician|editor|chair|chairman|chairwoman|secretary|minister|chief|officer|manager|"
    r"deputy|registrar|governor|commissioner|leaders?|convener|president|clerk|team|branch|unit)\b",
    re.IGNORECASE,
)
_HON_RE = re.compile(r"^(?:" + "|".join(re.escape(h) for h in HONORIFICS) + r")\.?(?:\s+|$)", re.IGNORECASE)
_POST_RE = re.compile(r"(?:,?\s+)(?:" + "|".join(re.escape(p) for p in POSTNOMINALS) + r")\.?$", re.IGNORECASE)


def split_honorifics(name: str) -> tuple[list[str], str, list[str]]:
    """("Professor Sir Ian Diamond") -> (["professor", "sir"], "Ian Diamond", []); keys are lower case."""
    text = re.sub(r"\s+", " ", name.replace("’", "'").strip())
    honorifics: list[str] = []
    postnominals: list[str] = []
    while True:
        match = _HON_RE.match(text)
        if not match or match.end() >= len(text):
            break
        honorifics.append(re.sub(r"\.$", "", match.group(0).strip().lower()))
        text = text[match.end():]
    while True:
        match = _POST_RE.search(text)
        if not match or match.start() == 0:
            break
        postnominals.insert(0, match.group(0).strip(" ,.").lower())
        text = text[: match.start()]
    return honorifics, text.strip(" ,"), [p for p in postnominals if p != "/"]


def name_key(name: str) -> str:
    """The index key of a person's name: honorifics and post-nominals stripped, dots dropped, lower case."""
    _, core, _ = split_honorifics(name)
    core = core.replace(".", " ").replace("-", "-").lower()
    return re.sub(r"\s+", " ", core).strip()


def org_key(name: str) -> str:
    """The index key of an organisation's name: lower case, '&' as 'and', no leading 'the', no commas or dots."""
    text = name.replace("’", "'").replace("&", " and ").lower()
    text = re.sub(r"[.,]", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"^the\s+", "", text)


def looks_like_role(text: str) -> bool:
    """'Senior Statistician', 'Head of PSNI Statistics Branch', 'Editor': a post, not a person's name."""
    return bool(_ROLE_WORDS.search(text or ""))


def quote_variants(name: str) -> set[str]:
    """A name as it may be typed: straight and curly apostrophes."""
    return {name, name.replace("'", "’"), name.replace("’", "'")}


def date_start(value: str) -> str:
    """First day of a partial ISO date: '2016-11' -> '2016-11-01', '2016' -> '2016-01-01'."""
    value = str(value)
    if len(value) == 4:
        return value + "-01-01"
    if len(value) == 7:
        return value + "-01"
    return value[:10]


def date_end(value: str) -> str:
    """Last day (for comparison) of a partial ISO date: '2016-11' -> '2016-11-31', '2016' -> '2016-12-31'."""
    value = str(value)
    if len(value) == 4:
        return value + "-12-31"
    if len(value) == 7:
        return value + "-31"
    return value[:10]


def _day(value: str) -> dt.date:
    text = date_start(value)
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return dt.date.fromisoformat(text[:8] + "28")


def days_between(on_date: str, span: tuple[str, str]) -> int:
    """0 when on_date lies within span (inclusive), else the number of days to its nearer end."""
    day, first, last = _day(on_date), _day(span[0]), _day(span[1])
    if first <= day <= last:
        return 0
    return (first - day).days if day < first else (day - last).days


class TrieRegex:
    """One compiled regular expression for many literal strings, prefix-factored so it stays fast.

    Matches whole words only (no letter or digit either side) and prefers the longest string."""

    def __init__(self, words: Iterable[str]):
        trie: dict = {}
        for word in words:
            node = trie
            for ch in word:
                node = node.setdefault(ch, {})
            node[""] = True
        body = self._pattern(trie) or "(?!)"
        self.regex = re.compile(r"(?<![\w])(?:" + body + r")(?![\w])")

    def _pattern(self, node: dict) -> str | None:
        if "" in node and len(node) == 1:
            return None
        alternatives = []
        for ch in sorted(k for k in node if k):
            sub = self._pattern(node[ch])
            alternatives.append(re.escape(ch) + (sub or ""))
        body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
        if "" in node:
            return "(?:" + body + ")?"
        return body

    def finditer(self, text: str):
        return self.regex.finditer(text)
