"""Search that never fails (issue 13 item 2): registers `safe_fts(text)` on every connection, and puts the same
function under Datasette's own name `escape_fts`, which the table pages apply to `?_search=`. See web/fts_query.py.

Datasette registers its `escape_fts` before calling plugins' prepare_connection, so this one replaces it: table
search then keeps "phrases", OR, NOT and prefix* (Datasette's own quotes every word) and still never fails.
On the search pages a note (Datasette's info message) says when the box was empty or a prefix* was cut short.
"""
from __future__ import annotations

from datasette import hookimpl

from web.fts_query import is_prefix_query, safe_fts, safe_fts_sql

SEARCH_PAGES = {"/archive/search", "/archive/search_ranked", "/archive/search_commitments"}


@hookimpl(trylast=True)  # after Datasette's own default plugin has registered its escape_fts
def prepare_connection(conn):
    conn.create_function("safe_fts", 1, safe_fts_sql, deterministic=True)
    conn.create_function("escape_fts", 1, safe_fts_sql, deterministic=True)


def search_note(path: str, typed: str) -> str | None:
    """What the search page should say about how it read `typed`, or None."""
    query = safe_fts(typed)
    if query is None:
        if path == "/archive/search":
            return ("Nothing to search for yet: these are the newest documents. Type words, \"a phrase\", "
                    "OR, NOT or a prefix*.")
        return "Type words, \"a phrase\", OR, NOT or a prefix* to search."
    if is_prefix_query(query):
        return (f"Searched for {query}. A prefix* can match a great many words, so these are the first 100 "
                "matches among the most recently archived documents; type more of the word for a complete list.")
    return None


@hookimpl
def extra_template_vars(request, datasette):
    if request is None or request.path not in SEARCH_PAGES:
        return {}
    note = search_note(request.path, request.args.get("q", ""))
    if note:
        datasette.add_message(request, note, datasette.INFO)
    return {"search_note": note}
