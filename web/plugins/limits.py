"""Limits on every SQLite connection Datasette opens, so no typed query can stall or bloat the server (issue 14).

Datasette's own time limit (`sql_time_limit_ms`) is a progress handler checked *between* SQLite instructions, and
only around `db.execute`: one instruction can run for seconds and allocate gigabytes
(`select length(printf('%.*c', 999999999, 'x'))`). Here, through the `prepare_connection` hook:

* `setlimit`: a string or blob, and so any row a query builds, is at most `LENGTH` bytes (SQLite answers "string or
  blob too big" at once instead of allocating); SQL text, expression depth, compound selects, LIKE patterns,
  function arguments, bound variables and the size of a prepared program are bounded too.
* `printf()` / `format()`: SQLite 3.40 writes a padded field one character at a time, without checking the
  limits or the progress handler (a width of 999,999,999 runs ~15 s in one instruction, whatever the length
  limit); both are replaced by a function that refuses a width or precision over `MAX_FIELD_WIDTH` and hands
  everything else to SQLite's own printf on a private in-memory connection.
* the text one statement hands Python is counted (the connection's text factory): past MAX_RESULT_TEXT_BYTES the
  statement stops with a clear error, between two rows;
* a progress handler on every connection, for every statement (the trace callback marks when each one starts):
  a statement running past the wall-clock limit (`sql_time_limit_ms`, the same one Datasette applies) is
  interrupted, and so is any statement running while the server's resident memory is more than `max_growth_mb`
  above what it was before the statements now running began (one allowance shared by concurrent statements;
  Datasette reports both as "took too long").
* Datasette's own per-query limiter (`datasette.database.sqlite_timelimit`, which sets a handler and then clears
  it) is replaced by one that keeps both checks and restores this handler afterwards; a test fails if Datasette
  stops calling it by that name.

Typed SQL stays available: these limits are far above what the archive's canned queries and pages need.
Overrides, in metadata.yml `plugins: archive-limits:` (`length`, `sql_length`, `max_growth_mb`).
"""
from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import threading
import time

import datasette.database
from datasette import hookimpl

PLUGIN = "archive-limits"
LIMITS = {  # SQLite limit -> value (defaults are 1,000,000,000 bytes, 1000 levels, 500 terms...)
    sqlite3.SQLITE_LIMIT_LENGTH: 16 * 1024 * 1024,      # above any stored text (the build refuses 15 MB and more)
    sqlite3.SQLITE_LIMIT_SQL_LENGTH: 100_000,
    sqlite3.SQLITE_LIMIT_EXPR_DEPTH: 100,
    sqlite3.SQLITE_LIMIT_COMPOUND_SELECT: 50,
    sqlite3.SQLITE_LIMIT_LIKE_PATTERN_LENGTH: 1_000,
    sqlite3.SQLITE_LIMIT_FUNCTION_ARG: 100,
    sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER: 1_000,
    sqlite3.SQLITE_LIMIT_VDBE_OP: 250_000,
    sqlite3.SQLITE_LIMIT_TRIGGER_DEPTH: 10,
    sqlite3.SQLITE_LIMIT_WORKER_THREADS: 0,
}
CONFIG_NAMES = {"length": sqlite3.SQLITE_LIMIT_LENGTH, "sql_length": sqlite3.SQLITE_LIMIT_SQL_LENGTH}
MAX_GROWTH_MB = 160
OWN_GROWTH_BYTES = 32 * 1024 * 1024   # a statement is only stopped for memory once the server grew this much while it ran
MAX_RESULT_TEXT_BYTES = 32 * 1024 * 1024   # text one statement may hand Python (rows × values)
CHECK_EVERY = 10            # SQLite instructions between checks: every row or two of a query fetching big values
MAX_FIELD_WIDTH = 100_000  # printf('%.*c', N, 'x'): N above this is refused
_SPEC = re.compile(r"%[-+ 0#,!]*(\*|\d+)?(?:\.(\*|\d*))?(?:ll|l)?([a-zA-Z%])")
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def resident_bytes() -> int | None:
    """This process's resident memory now (Linux /proc; None elsewhere, and then only time is limited)."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            return int(fh.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return None


class _Baseline:
    """The server's resident memory before the statements now running began: the lowest size seen at a statement's
    start over the last BASELINE_WINDOW seconds. Every statement's ceiling is this plus the allowed growth, so
    three bombs at once share one allowance instead of having one each."""

    def __init__(self):
        self.low: int | None = None
        self.since = 0.0
        self.lock = threading.Lock()

    def at_start(self, now_bytes: int | None) -> int | None:
        if now_bytes is None:
            return None
        now = time.monotonic()
        with self.lock:
            if self.low is None or now_bytes < self.low or now - self.since > BASELINE_WINDOW:
                self.low, self.since = now_bytes, now
            return self.low


BASELINE_WINDOW = 10.0
BASELINE = _Baseline()


class _Guard:
    """Per connection: when the running statement must stop (its own start plus the limit, or the deadline
    Datasette asked for, whichever is sooner), checked every CHECK_EVERY instructions; memory every 2 ms."""

    def __init__(self, limit_s: float, growth_bytes: int):
        self.limit_s = limit_s
        self.growth_bytes = growth_bytes
        self.deadline: float | None = None
        self.stop_at = time.perf_counter() + limit_s
        self.memory_checked = 0.0
        self.memory_ceiling: int | None = None
        self.rss_at_start: int | None = None
        self.text_bytes = 0
        self.text_factory = None

    def text(self, value: bytes):
        """Datasette's text factory, counting what one statement hands Python: a result of many huge values is
        stopped between two rows (the progress handler only runs every few rows)."""
        self.text_bytes += len(value)
        if self.text_bytes > MAX_RESULT_TEXT_BYTES:
            raise ResultTooLarge(f"query result text over {MAX_RESULT_TEXT_BYTES // 2**20} MB: add a limit, or "
                                 "select less (length(), substr())")
        return self.text_factory(value)

    def statement_started(self, sql) -> None:
        # A statement SQLite runs inside the current one (FTS5 reading its shadow tables, a trigger) is reported
        # with a "-- " prefix: it belongs to the running statement, whose deadline and memory baseline stand.
        # (Resetting them there cost a search 2,000 /proc reads: a common word over 100,000 documents 70 -> 27 ms.)
        if sql is not None and sql.startswith("-- "):
            return
        self.text_bytes = 0
        self.stop_at = time.perf_counter() + self.limit_s
        self.rss_at_start = resident_bytes()
        low = BASELINE.at_start(self.rss_at_start)
        self.memory_ceiling = None if low is None else low + self.growth_bytes
        if self.deadline is not None:
            self.stop_at = min(self.stop_at, self.deadline)

    def handler(self) -> int:
        now = time.perf_counter()
        if now >= self.stop_at:
            return 1  # SQLite stops the statement: "interrupted"
        if now - self.memory_checked > 0.002:
            self.memory_checked = now
            rss = resident_bytes() or 0
            # over the shared ceiling, and grown since this statement began: memory a finished bomb left behind
            # (the allocator keeps it) never stops an innocent statement
            if self.memory_ceiling is not None and rss > self.memory_ceiling and \
                    rss - (self.rss_at_start or 0) > OWN_GROWTH_BYTES:
                return 1
        return 0

    def install(self, conn) -> None:
        conn.set_progress_handler(self.handler, CHECK_EVERY)


class FieldTooWide(ValueError):
    pass


class ResultTooLarge(sqlite3.DatabaseError):
    """Raised from the text factory: Datasette shows a DatabaseError as a 400 with its message."""


_local = threading.local()


def _field_widths(fmt: str, args) -> list[int]:
    """Every width and precision in a printf format, '*' ones read from the arguments."""
    widths, i = [], 0
    for m in _SPEC.finditer(fmt):
        for part in (m.group(1), m.group(2)):
            if part == "*":
                try:
                    widths.append(abs(int(args[i])))
                except (IndexError, TypeError, ValueError):
                    widths.append(0)
                i += 1
            elif part:
                widths.append(int(part))
        if m.group(3) != "%":
            i += 1
    return widths


def safe_printf(fmt=None, *args):
    """SQLite's printf(), but a width or precision over MAX_FIELD_WIDTH is an error rather than seconds of work."""
    if fmt is None:
        return None
    if max(_field_widths(str(fmt), args), default=0) > MAX_FIELD_WIDTH:
        raise FieldTooWide(f"printf field wider than {MAX_FIELD_WIDTH}")
    conn = getattr(_local, "printf", None)
    if conn is None:
        conn = _local.printf = sqlite3.connect(":memory:", check_same_thread=True)
        conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, LIMITS[sqlite3.SQLITE_LIMIT_LENGTH])
    marks = ", ".join("?" * (1 + len(args)))
    return conn.execute(f"select printf({marks})", (fmt, *args)).fetchone()[0]


_GUARDS: "dict[int, _Guard]" = {}


def _config(datasette) -> dict:
    return datasette.plugin_config(PLUGIN) or {}


@hookimpl
def prepare_connection(conn, database, datasette):
    config = _config(datasette)
    for limit, value in LIMITS.items():
        conn.setlimit(limit, value)
    for name, limit in CONFIG_NAMES.items():
        if config.get(name):
            conn.setlimit(limit, int(config[name]))
    for name in ("printf", "format"):
        conn.create_function(name, -1, safe_printf, deterministic=True)
    growth = int(config.get("max_growth_mb") or MAX_GROWTH_MB) * 1024 * 1024
    guard = _Guard(datasette.setting("sql_time_limit_ms") / 1000, growth)
    guard.text_factory = conn.text_factory or str
    conn.text_factory = guard.text
    conn.set_trace_callback(guard.statement_started)
    guard.install(conn)
    _GUARDS[id(conn)] = guard


@contextlib.contextmanager
def _timelimit(conn, ms):
    """Datasette's per-query limit, kept together with this plugin's checks (replaces its sqlite_timelimit)."""
    guard = _GUARDS.get(id(conn))
    if guard is None:  # a connection not prepared by Datasette's hook: behave as Datasette does
        with _datasette_timelimit(conn, ms):
            yield
        return
    guard.deadline = time.perf_counter() + ms / 1000
    # a fresh clock and memory baseline: the last statement's are stale, and SQLite may call the progress handler
    # before it reports the next statement (preparing it), which then stopped an innocent query after a runaway one
    guard.statement_started(None)
    try:
        yield
    finally:
        guard.deadline = None
        guard.install(conn)


_datasette_timelimit = datasette.database.sqlite_timelimit
datasette.database.sqlite_timelimit = _timelimit
