"""The due date of a commitment: the date expression of its sentence that governs the action."""
from __future__ import annotations

import re
from bisect import bisect_left

from extract.records import DateMention

# Words before a date that make it a deadline or a time of action ("by", "before", "in", "during", "within" ...).
_GOVERNING = re.compile(r"(?:\b(?:by|before|in|during|within|until|till|from|over|ahead\s+of|no\s+later\s+than|"
                        r"not\s+later\s+than|later\s+in|early\s+in|at\s+the\s+end\s+of|by\s+the\s+end\s+of|"
                        r"the\s+end\s+of|at|on|for|when|next|this|the)\s*)$", re.I)
# A date that names an earlier document or meeting, not the time of the action ("your letter of 3 May").
_REFERENCE = re.compile(r"\b(?:letter|email|e-mail|note|meeting|reply|conversation|discussion|call|correspondence)"
                        r"\s+(?:of|dated|on|from)\s*(?:the\s+)?$", re.I)

# A date that names the period some output covers ("the results for 2019/20", "the index for March"): what is
# published, not when.  It can still be the due date when the sentence names no other.
_PERIOD_OF = re.compile(r"\b(?:results?|figures|estimates|data|statistics|release|releases|index|indices|bulletin|"
                        r"tables?|series|returns?|accounts?|survey)\s+(?:for|of|covering)\s*(?:the\s+)?$", re.I)


class DateIndex:
    """The document's date mentions grouped by paragraph and ordered by offset, built once per document, so that
    finding the dates inside one sentence costs a binary search, not a pass over every date of the document."""

    def __init__(self, dates: list[DateMention]):
        self.placed: dict[int, tuple[list[int], list[tuple[int, int, int, DateMention]]]] = {}
        self.loose: dict[int, list[tuple[int, DateMention]]] = {}  # mentions without offsets: found by their text
        placed: dict[int, list[tuple[int, int, int, DateMention]]] = {}
        for order, mention in enumerate(dates):
            if mention.paragraph is None:
                continue
            if mention.char_start is not None and mention.char_end is not None:
                placed.setdefault(mention.paragraph, []).append((mention.char_start, mention.char_end, order, mention))
            else:
                self.loose.setdefault(mention.paragraph, []).append((order, mention))
        for paragraph, rows in placed.items():
            rows.sort(key=lambda row: (row[0], row[2]))
            self.placed[paragraph] = ([row[0] for row in rows], rows)

    def within(self, index: int, sentence: str, start: int, end: int) -> list[tuple[int, int, int, DateMention]]:
        """(start, end, order, mention) of the dates of paragraph `index` that lie inside [start, end)."""
        found = []
        starts, rows = self.placed.get(index, ([], []))
        for row in rows[bisect_left(starts, start):bisect_left(starts, end)]:
            if row[1] <= end:
                found.append(row)
        for order, mention in self.loose.get(index, ()):
            at = sentence.find(mention.text)
            if at >= 0:
                found.append((start + at, start + at + len(mention.text), order, mention))
        return found


def due_date(dates: "list[DateMention] | DateIndex", index: int, text: str, start: int, end: int, verb_at: int,
             doc_date: str | None) -> DateMention | None:
    """The best date inside text[start:end] of paragraph `index`: after the verb and introduced by a deadline
    word preferred; dates that only name an earlier document, or that ended before the letter, are skipped.
    Pass a DateIndex when asking for many sentences of one document (a list is indexed on every call)."""
    index_ = dates if isinstance(dates, DateIndex) else DateIndex(dates)
    best: tuple[tuple, DateMention] | None = None
    sentence = text[start:end]
    for m_start, _m_end, order, mention in sorted(index_.within(index, sentence, start, end), key=lambda r: r[2]):
        before = text[max(start, m_start - 40):m_start]
        if _REFERENCE.search(before):
            continue
        if doc_date and mention.end and mention.end < doc_date and mention.granularity != "relative":
            continue
        governed = bool(_GOVERNING.search(before)) or bool(re.match(r"(?:by|before|in|during|within|until|later|"
                                                                     r"no\s+later|the\s+end|early|over)\b",
                                                                     mention.text, re.I))
        if _PERIOD_OF.search(before):
            governed = False
        after_verb = m_start >= verb_at
        key = (after_verb, governed, -order if not after_verb else -m_start)
        if best is None or key > best[0]:
            best = (key, mention)
    return best[1] if best else None
