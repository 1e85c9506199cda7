"""Writing derived rows: one bulk insert per table, and a failure on one document kept in `errors` against it."""
from __future__ import annotations

import datetime as dt
from typing import Any


def bulk_insert(db: Any, table: str, rows: list[dict], or_ignore: bool = False) -> None:
    """Insert dict rows in one executemany inside one transaction (sqlite-utils commits every chunk, which costs
    seconds per 100,000 rows on a busy disk). Columns are the union of the rows' keys, in first-seen order."""
    if not rows:
        return
    columns: dict[str, None] = {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    names = list(columns)
    sql = (f"insert {'or ignore ' if or_ignore else ''}into [{table}] ("
           + ", ".join(f"[{n}]" for n in names) + ") values (" + ", ".join("?" for _ in names) + ")")
    conn = db.conn
    with conn:
        conn.executemany(sql, [tuple(row.get(n) for n in names) for row in rows])


def record_error(db: Any, step: str, document_id: Any, exc: BaseException, url: str | None = None) -> None:
    """A failure on one document, kept in `errors` against it (stage 'derive'); the run goes on."""
    import traceback

    db["errors"].insert({
        "url": url, "document_id": document_id, "stage": "derive", "error": f"{step}: {type(exc).__name__}",
        "detail": "".join(traceback.format_exception_only(type(exc), exc)).strip()[:2000],
        "at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
    }, pk="id", alter=True)
