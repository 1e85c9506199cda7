"""Party names as the links stage compares them: people and organisations in a sender or recipient line, their
keys, initials and first names (titles and post-nominals from extract/parties/names.py)."""
from __future__ import annotations

import functools
import re
from typing import Iterable

from archive.derive.words import stem, words

_TITLES = {"sir", "dame", "dr", "professor", "prof", "mr", "mrs", "ms", "miss", "lord", "lady", "baroness", "rt", "hon",
           "the", "right", "honourable", "rev", "cllr"}


_POSTNOMINALS = {"mp", "msp", "ms", "am", "mla", "cbe", "obe", "mbe", "kcb", "cb", "frs", "qc", "kc"}


_ORG_WORDS = {
    "office", "department", "ministry", "authority", "agency", "government", "council", "service", "services",
    "commission", "executive", "bank", "house", "committee", "university", "trust", "nhs", "england", "scotland",
    "wales", "ireland", "institute", "board", "parliament", "treasury", "statistics", "regulation", "health", "public",
    "hmrc", "division", "unit", "directorate", "commons", "lords", "assembly", "senedd", "group", "foundation",
    "society", "society's", "centre", "network", "association", "federation", "police", "forum", "function",
}


_ROLE_WORDS = {"director", "head", "chief", "chair", "secretary", "statistician", "deputy", "minister", "permanent",
               "officer", "regulator", "member", "chairman", "president", "clerk", "analyst", "lead", "manager"}


# The functions below are pure functions of a party line; the archive has a few hundred distinct lines read tens of
# thousands of times per build (every letter's sender and recipients, by threads, follow-up and the timeline), so
# each line's reading is kept (bounded caches; the results are returned as fresh sets or immutable values).
_CACHE = 65536


def name_tokens(names: Iterable[str]) -> set[str]:
    """Tokens of the people's names (not of organisations: "Education" in "Department for Education" is a topic)."""
    out: set[str] = set()
    for name in names:
        out |= _person_tokens(name or "")
    return out


@functools.lru_cache(maxsize=_CACHE)
def _person_tokens(name: str) -> frozenset[str]:
    return frozenset(stem(w) for i, segment in enumerate(_segments(name)) if _segment_kind(segment, i) == "person"
                     for w in words(segment))


def _segments(name: str) -> list[str]:
    return [s.strip() for s in re.split(r",|\(|\)", name or "") if s.strip()]


def split_people(value: str) -> list[str]:
    return [p for p in re.split(r";|\n|\s+&\s+|\s+and\s+(?=[A-Z][a-z]+ [A-Z])", value) if p.strip()]


@functools.lru_cache(maxsize=_CACHE)
def _segment_kind(segment: str, position: int = 0) -> str:
    """person | org | role | other; after a comma ("Name, Organisation") a non-role segment is an organisation."""
    ws = words(segment)
    if not ws:
        return "none"
    if re.fullmatch(r"[A-Z][A-Za-z&]{1,7}", segment.strip()) and sum(c.isupper() for c in segment) >= 2:
        return "org"
    if ws[0] in _ROLE_WORDS or (ws[0] in ("the", "acting", "interim") and len(ws) > 1 and ws[1] in _ROLE_WORDS):
        return "role"  # "Director General for Regulation", "Deputy National Statistician"
    if set(ws) & _ORG_WORDS:
        return "org"
    if set(ws) & _ROLE_WORDS:
        return "role"
    if position > 0:
        return "org"
    caps = [w for w in segment.split() if w[:1].isupper()]
    return "person" if 1 <= len(caps) <= 5 else "other"


def acronyms(segment: str) -> set[str]:
    raw = re.findall(r"[A-Za-z][A-Za-z'’]*", segment)
    if len(raw) < 2:
        return set()
    out = set()
    for keep_for in (False, True):
        letters = ""
        for w in raw:
            lw = w.lower()
            if lw in ("the", "and", "of", "&") or (lw == "for" and not keep_for):
                continue
            letters += w if (w.isupper() and len(w) > 1) else w[0]
        out.add(letters.lower())
    return out


def person_key(segment: str) -> str | None:
    """"p:<initial> <surname>"; None for a first name alone ("Dear Ed" gives only a first-name key)."""
    ws = [w for w in words(segment) if w not in _TITLES and w not in _POSTNOMINALS]
    if len(ws) < 2:
        return None
    return f"p:{ws[0][0]} {ws[-1]}"


def first_name(segment: str) -> str | None:
    ws = [w for w in words(segment) if w not in _TITLES and w not in _POSTNOMINALS]
    if not ws or (len(ws) == 1 and re.search(r"\b(?:mr|mrs|ms|dr|miss|lord|professor)\b", segment, re.I)):
        return None  # "Mr Healey" names a surname, not a first name
    return ws[0]


def party_keys(name: str) -> set[str]:
    """Keys that let two spellings of one party meet: "p:e humpherson", "o:osr", "o:office for statistics regulation"."""
    return set(_party_keys(name))


@functools.lru_cache(maxsize=_CACHE)
def _party_keys(name: str) -> frozenset[str]:
    keys = set()
    for i, segment in enumerate(_segments(name)):
        kind = _segment_kind(segment, i)
        if kind == "org":
            keys.add("o:" + " ".join(words(segment)))
            keys.update("o:" + a for a in acronyms(segment))
            if len(segment.split()) == 1:
                keys.add("o:" + segment.lower())
        elif kind == "person":
            k = person_key(segment)
            if k:
                keys.add(k)
            first = first_name(segment)
            if first:
                keys.add("f:" + first)
    return frozenset(keys)


def names_in(text: str, names: Iterable[str]) -> str:
    """Which of `names` (party display strings) `text` names, by surname, organisation name or acronym."""
    found = []
    lowered = " " + " ".join(re.sub(r"['’]s$", "", w) for w in words(text)) + " "
    for name in names:
        for segment, probes in _probes(name):
            if any(f" {p} " in lowered for p in probes if p):
                found.append(segment)
                break
    return ", ".join(found)


@functools.lru_cache(maxsize=_CACHE)
def _probes(name: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """Each segment of a party line with the words that name it in a text (a surname; an organisation's name and
    acronyms)."""
    out = []
    for i, segment in enumerate(_segments(name)):
        kind = _segment_kind(segment, i)
        probes: set[str] = set()
        if kind == "person":
            ws = [w for w in words(segment) if w not in _TITLES and w not in _POSTNOMINALS]
            if ws:
                probes.add(ws[-1])
        elif kind == "org":
            probes.add(" ".join(words(segment)))
            probes.update(a for a in acronyms(segment) if len(a) >= 3)
        out.append((segment, frozenset(probes)))
    return tuple(out)
