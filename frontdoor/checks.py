"""Checks a staging archive must pass before it is published (the datasette.io habit: build, then check)."""
from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
QUERY_TIME_LIMIT_S = 5.0


def canned_queries(metadata_path: Path = ROOT / "metadata.yml") -> dict[str, str]:
    if not metadata_path.exists():
        return {}
    metadata = yaml.safe_load(metadata_path.read_text()) or {}
    queries = {}
    for database in (metadata.get("databases") or {}).values():
        for name, query in (database.get("queries") or {}).items():
            queries[name] = query["sql"] if isinstance(query, dict) else query
    return queries


def check_archive(path: str | Path) -> list[str]:
    """Problems found in the archive at `path`: integrity, required tables, every canned query runs."""
    problems = []
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    conn.text_factory = lambda raw: raw.decode("utf-8", "replace")
    register_sql_functions(conn)
    try:
        try:
            result = conn.execute("PRAGMA integrity_check").fetchone()[0]
        except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
            return [f"integrity_check: the file is damaged ({type(exc).__name__}: {exc})"]
        if result != "ok":
            problems.append(f"integrity_check: {result[:300]}")
            return problems
        for table in ("documents", "parties", "document_parties", "dates", "commitments", "links", "captures"):
            try:
                conn.execute(f"SELECT count(*) FROM [{table}]").fetchone()
            except sqlite3.OperationalError as exc:
                problems.append(f"table {table}: {exc}")
        empty = conn.execute("SELECT count(*) FROM documents WHERE error IS NULL AND (text IS NULL OR text = '')")
        if empty.fetchone()[0]:
            problems.append("documents with neither text nor an error")
        for name, sql in canned_queries().items():
            params = {p: _sample_value(p) for p in _named_params(sql)}
            started = time.monotonic()
            try:
                conn.execute(sql, params).fetchmany(5)
            except sqlite3.Error as exc:
                problems.append(f"canned query {name}: {exc}")
            if time.monotonic() - started > QUERY_TIME_LIMIT_S:
                problems.append(f"canned query {name} took over {QUERY_TIME_LIMIT_S} s")
    finally:
        conn.close()
    return problems


def register_sql_functions(conn: sqlite3.Connection) -> None:
    """The SQL functions the server gives the canned queries (web/plugins/search.py), so they run here as served."""
    from web.fts_query import safe_fts_sql

    conn.create_function("safe_fts", 1, safe_fts_sql, deterministic=True)


def _sample_value(name: str) -> str:
    """A plausible value for a canned query's parameter, so that the check runs the query's real plan."""
    lowered = name.lower()
    if any(word in lowered for word in ("date", "start", "end", "from", "until", "since", "before", "after")):
        return "2020-01-01"
    if lowered in ("q", "query", "search", "term", "text", "words") or "search" in lowered:
        return "statistics"
    return "x"


def _named_params(sql: str) -> list[str]:
    import re

    return sorted(set(re.findall(r"(?<!:):([a-zA-Z_][a-zA-Z0-9_]*)", sql)))
