"""Mark a document's text for the document page: commitments, dates and parties, always escaped.

Pure functions (no Datasette): `locate_marks(...)` turns the archive's rows into character spans of the text,
`render_marked(text, marks)` escapes every piece of crawled text and wraps the spans in <mark>/<a> elements.
Spans that cross each other are dropped (nested ones are kept), so the output is always well-formed HTML.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice
from urllib.parse import urlsplit

from markupsafe import Markup, escape

SNIPPET_OPEN, SNIPPET_CLOSE = "⟦", "⟧"
_HIT = re.compile("⟦([^⟦⟧]*)⟧")


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str  # commitment | date | party
    title: str = ""
    href: str | None = None
    anchor: str | None = None


def paragraph_offsets(text: str, paragraphs: list[str]) -> list[int]:
    """Start offset in `text` of each paragraph (found in order; -1 when a paragraph is not in the text)."""
    offsets, pos = [], 0
    for para in paragraphs:
        at = text.find(para, pos) if para else -1
        offsets.append(at)
        if at >= 0:
            pos = at + len(para)
    return offsets


def find_span(text: str, needle: str, offsets: list[int], paragraph: int | None,
              char_start: int | None = None, char_end: int | None = None) -> tuple[int, int] | None:
    """Where `needle` is in `text`: at the stored offsets if they hold it, else in its paragraph, else anywhere."""
    if not needle:
        return None
    base = offsets[paragraph] if paragraph is not None and 0 <= paragraph < len(offsets) else -1
    if base >= 0 and char_start is not None and char_end is not None:
        if text[base + char_start:base + char_end] == needle:
            return base + char_start, base + char_end
    if base >= 0:
        at = text.find(needle, base)
        if at >= 0:
            return at, at + len(needle)
    at = text.find(needle)
    return (at, at + len(needle)) if at >= 0 else None


WHOLE_TEXT_SEARCHES = 200  # quotes looked for outside their paragraph, per page (each one reads the whole text)


def commitment_span(text: str, c, offsets: list[int], cursors: dict, budget: list[int]) -> tuple[int, int] | None:
    """Where a commitment is in `text`: by its stored span (`char_start`/`char_end` in its paragraph, when the
    archive has them), else by its quote, searched from where the previous commitment of the same paragraph was
    found (so a paragraph holding thousands is read once), then from the paragraph's start, then (a bounded
    number of times per page) anywhere."""
    quote = (c["quote"] or "").strip()
    paragraph = c["paragraph"]
    base = offsets[paragraph] if paragraph is not None and 0 <= paragraph < len(offsets) else -1
    start, end = c.get("char_start"), c.get("char_end")
    if base >= 0 and start is not None and end is not None and 0 <= start < end and base + end <= len(text):
        return base + start, base + end
    if not quote:
        return None
    if base >= 0:
        for origin in (cursors.get(paragraph, base), base):
            at = text.find(quote, origin)
            if at >= 0:
                cursors[paragraph] = at + len(quote)
                return at, at + len(quote)
    if budget[0] <= 0:
        return None
    budget[0] -= 1
    at = text.find(quote)
    return (at, at + len(quote)) if at >= 0 else None


def locate_marks(text: str, paragraphs: list[str], commitments, dates, parties, party_href) -> list[Mark]:
    """Marks for commitments (stored span, else quote), dates (expression) and parties (every mention of the
    name as written, up to 50 each)."""
    paragraphs = paragraphs or text.split("\n\n")
    offsets = paragraph_offsets(text, paragraphs)
    marks = []
    cursors: dict = {}
    budget = [WHOLE_TEXT_SEARCHES]
    for c in commitments:
        span = commitment_span(text, c, offsets, cursors, budget)
        if span:
            title = f"{c['kind']} · {c['actor_name'] or ''} · due {c['due_text'] or 'not stated'} · {c['status']}"
            marks.append(Mark(*span, "commitment", title, href=None, anchor=c["id"]))
    for d in dates:
        span = find_span(text, d["text"] or "", offsets, d["paragraph"], d["char_start"], d["char_end"])
        if span:
            interval = d["start"] if d["start"] == d["end"] else f"{d['start']} to {d['end']}"
            marks.append(Mark(*span, "date", f"{interval} ({d['granularity']})"))
    seen = set()
    for p in parties:
        name = (p["name_text"] or "").strip()
        if len(name) < 3 or name in seen:
            continue
        seen.add(name)
        for m in islice(re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text), 50):
            marks.append(Mark(m.start(), m.end(), "party", f"{p['role']}: {p['party_id']}", party_href(p["party_id"])))
    return marks


def _nested(marks: list[Mark]) -> list[Mark]:
    """Keep marks that nest properly; drop any that cross one already kept."""
    kept, stack = [], []
    for m in sorted(marks, key=lambda m: (m.start, -m.end)):
        if m.end <= m.start:
            continue
        while stack and stack[-1].end <= m.start:
            stack.pop()
        if stack and m.end > stack[-1].end:
            continue
        kept.append(m)
        stack.append(m)
    return kept


def _open_tag(m: Mark) -> str:
    attrs = f' class="m-{m.kind}" title="{escape(m.title)}"'
    if m.anchor:
        attrs += f' id="{escape(m.anchor)}"'
    if m.href:
        return f'<a href="{escape(m.href)}"{attrs}>'
    return f"<mark{attrs}>"


def render_marked(text: str, marks: list[Mark]) -> Markup:
    """The text, escaped, with the marks as HTML elements."""
    text = text or ""
    kept = _nested(marks)
    events: dict[int, list] = {}
    for m in kept:
        events.setdefault(m.start, []).append(("open", m))
        events.setdefault(m.end, []).append(("close", m))
    out, pos, stack = [], 0, []
    for at in sorted(events):
        out.append(str(escape(text[pos:at])))
        pos = at
        for _ in [e for e in events[at] if e[0] == "close"]:
            m = stack.pop()
            out.append("</a>" if m.href else "</mark>")
        opens = sorted((e[1] for e in events[at] if e[0] == "open"), key=lambda m: -m.end)
        for m in opens:
            out.append(_open_tag(m))
            stack.append(m)
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


def render_snippet(value: str) -> Markup:
    """An FTS snippet with ⟦highlight⟧ markers: escaped, then the markers become <mark>."""
    escaped = str(escape(value))
    return Markup(_HIT.sub(r'<mark class="m-hit">\1</mark>', escaped))


def safe_href(url: str | None) -> str | None:
    """A crawled URL usable as a link: only http(s); anything else (javascript:, data:) is not linked."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None
