"""Turn whatever someone types into a search box into a valid SQLite FTS5 query (issue 13 item 2).

`safe_fts(text) -> str | None`: quoted "phrases", the operators OR, AND and NOT (upper case, as FTS5 spells them),
prefix* and balanced parentheses keep their meaning; every other word is quoted with Datasette's `escape_fts` (the
same quoting sqlite-utils' `quote_fts` does), so hyphens ("Covid-19"), apostrophes ("ONS's"), slashes ("2019/20"),
ampersands ("R&D"), colons and stray punctuation become phrases of the words around them, exactly as the tokenizer
indexed them. An unbalanced quote is closed at the end (as `escape_fts` does), an operator with nothing on one side
is dropped, so is a parenthesis without its partner, and a bit with no letter or digit in it. Text that leaves
nothing to search for gives None: the search pages then show the newest documents instead.

Registered as the SQL function `safe_fts(text)` by web/plugins/search.py (used by the canned search queries) and
under Datasette's own name `escape_fts`, so the table pages' `?_search=` gets the same treatment.
"""
from __future__ import annotations

import re

from datasette.utils import escape_fts

OPERATORS = {"OR", "AND", "NOT"}
MAX_LENGTH = 1000  # longer input is cut (at a space) before parsing: a search box, not a document
NOTHING = '""'  # a valid FTS5 query that matches no row
MAX_TERMS = 64  # FTS5 cost grows with the number of phrases; the rest of a pasted paragraph is ignored

# A quoted phrase, a parenthesis, or a run of anything else up to the next space, quote or parenthesis.
_TOKEN = re.compile(r'"[^"]*"\*?|[()]|[^\s"()]+')


def _has_word(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _term(bit: str) -> str | None:
    """One word or phrase as an FTS5 string (with a trailing * when it was typed as a prefix), or None."""
    prefix = bit.endswith("*")
    body = bit.rstrip("*")
    if body.startswith('"') and body.endswith('"') and len(body) >= 2:
        body = body[1:-1]
    body = body.replace('"', " ").strip()
    if not _has_word(body):
        return None
    quoted = escape_fts(body) if not re.search(r"\s", body) else f'"{body}"'
    return quoted + ("*" if prefix else "")


def _tokens(text: str) -> list[str]:
    if text.count('"') % 2:
        text += '"'
    return _TOKEN.findall(text)


def _render(items: list[tuple[str, str]]) -> str:
    """Join operands, keeping an operator only between two of them (the last one typed wins). FTS5 accepts two
    phrases side by side as AND but not a phrase beside a parenthesised group, so AND is written out there."""
    out: list[str] = []
    pending = None
    for kind, value in items:
        if kind == "op":
            if out:
                pending = value
            continue
        if out and not pending and (value.startswith("(") or out[-1].endswith(")")):
            pending = "AND"
        if out and pending:
            out.append(pending)
        out.append(value)
        pending = None
    return " ".join(out)


def _parse(tokens: list[str], i: int, depth: int) -> tuple[str, int]:
    items: list[tuple[str, str]] = []
    terms = 0
    while i < len(tokens):
        token = tokens[i]
        i += 1
        if token == "(":
            inner, i = _parse(tokens, i, depth + 1)
            if inner:
                items.append(("term", f"({inner})"))
        elif token == ")":
            if depth:
                return _render(items), i
        elif token in OPERATORS:
            items.append(("op", token))
        elif terms < MAX_TERMS:
            term = _term(token)
            if term:
                items.append(("term", term))
                terms += 1
    return _render(items), i


def safe_fts(text) -> str | None:
    """A valid FTS5 query for `text`, or None when nothing in it can be searched for."""
    if text is None:
        return None
    text = str(text)
    if len(text) > MAX_LENGTH:
        text = text[:MAX_LENGTH].rsplit(" ", 1)[0]
    query, _ = _parse(_tokens(text), 0, 0)
    return query or None


def safe_fts_sql(text) -> str:
    """The SQL function: like safe_fts, but never NULL (FTS5 rejects MATCH NULL): an empty phrase, which matches
    nothing, stands for "nothing to search for" (compare with NOTHING)."""
    return safe_fts(text) or NOTHING


def is_prefix_query(query: str | None) -> bool:
    """True when the (safe) query holds a prefix term, whose cost depends on how many words share the prefix."""
    return bool(query) and '"*' in query
