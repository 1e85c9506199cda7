"""The due date of a commitment: the date expression of its sentence that governs the action."""
from __future__ import annotations

import re

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


def due_date(dates: list[DateMention], index: int, text: str, start: int, end: int, verb_at: int,
             doc_date: str | None) -> DateMention | None:
    """The best date inside text[start:end] of paragraph `index`: after the verb and introduced by a deadline
    word preferred; dates that only name an earlier document, or that ended before the letter, are skipped."""
    best: tuple[tuple, DateMention] | None = None
    sentence = text[start:end]
    for order, mention in enumerate(dates):
        if mention.paragraph != index:
            continue
        if mention.char_start is not None and mention.char_end is not None:
            m_start, m_end = mention.char_start, mention.char_end
            if m_start < start or m_end > end:
                continue
        else:
            found = sentence.find(mention.text)
            if found < 0:
                continue
            m_start, m_end = start + found, start + found + len(mention.text)
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
