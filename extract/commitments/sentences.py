"""Sentence splitting for the commitment extractor: character spans, abbreviations respected, list items apart."""
from __future__ import annotations

import re

from extract.dates.lexicon import MONTH_ABBR, WEEKDAY_ABBR

from extract.commitments.rules import BULLET

# Words ending in a full stop that do not end a sentence ("Dr. Smith", "No. 10", "i.e. the", "St. Andrews").
ABBREVIATIONS = {
    "dr", "mr", "mrs", "ms", "prof", "rev", "hon", "rt", "st", "no", "nos", "vol", "vols", "p", "pp", "para", "paras",
    "fig", "figs", "sec", "secs", "ch", "art", "arts", "cf", "vs", "v", "viz", "approx", "est", "dept", "govt", "inc",
    "ltd", "co", "corp", *MONTH_ABBR, *WEEKDAY_ABBR, "op", "cit", "al", "ed", "eds", "ref", "refs", "tel", "ext", "min",
    "max", "incl", "excl", "av", "ave", "gen", "col", "lt", "sgt", "capt", "supt", "insp", "cllr", "e.g", "i.e",
    "a.m", "p.m", "n.b", "et al", "u.k", "u.s",
}
_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+)|[.!?]+[\"'”’)\]]*$")
_CELL = re.compile(r"\s+\|\s+")
_NEXT_START = re.compile(r"\s+(?=[\"'“‘(\[]?[A-Z0-9•·▪●\-–])")


def _is_abbreviation(text: str, dot: int) -> bool:
    """Is the full stop at text[dot] part of an abbreviation or an initial, rather than a sentence end?"""
    if text[dot] != ".":
        return False
    start = dot
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in "([\"'“‘":
        start -= 1
    token = text[start:dot].lower()
    if not token:
        return False
    if token in ABBREVIATIONS or token.rstrip(".") in ABBREVIATIONS:
        return True
    if len(token) == 1 and token.isalpha():  # an initial: "J. Smith", "D. G. Jones"
        return True
    if "." in token and all(len(part) <= 2 for part in token.split(".")):  # "U.K", "e.g", "a.m"
        return True
    return False


def _split_line(text: str, offset: int, out: list[tuple[int, int]]) -> None:
    start = 0
    for match in _END.finditer(text):
        end = match.end()
        after = text[end:]
        if after and not _NEXT_START.match(after):
            continue  # "... 2.5 per cent", "e.g. the", "etc. and": no capital after the stop
        if _is_abbreviation(text, match.start()) and match.group(0) == ".":
            continue
        if text[start:end].strip():
            out.append(_trim(text, start, end, offset))
        start = end
    if text[start:].strip():
        out.append(_trim(text, start, len(text), offset))


def _trim(text: str, start: int, end: int, offset: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    marker = BULLET.match(text[start:end])
    if marker and marker.end() < end - start:
        start += marker.end()
    return start + offset, end + offset


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) character spans of the sentences of one paragraph, in order.

    A line break starts a new unit when the next line is a list item or the line before ended a clause
    (":", ";", "." ...); list markers (•, -, 1., (a), i.) are left out of the span."""
    spans: list[tuple[int, int]] = []
    lines: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    merged: list[list[int]] = []
    for start, end in lines:
        line = text[start:end]
        if not line.strip():
            continue
        if merged:
            previous = text[merged[-1][0]:merged[-1][1]].rstrip()
            wrapped = line.lstrip()[:1].islower() or len(previous) > 60
            if not BULLET.match(line) and previous and previous[-1] not in ".:;!?" and wrapped:
                merged[-1][1] = end  # a line wrapped inside a sentence (PDF text)
                continue
        merged.append([start, end])
    for start, end in merged:
        cell = start
        for bar in _CELL.finditer(text, start, end):  # table cells ("... | ... |") are read one by one
            _split_line(text[cell:bar.start()], cell, spans)
            cell = bar.end()
        _split_line(text[cell:end], cell, spans)
    return spans
