"""`python -m bench hostile`: the archive against hostile inputs, end to end (issue 14).

Every input is generated here (nothing large is stored in git):
* the SQL memory bomb (`printf('%.*c', 999999999, 'x')` ×3) typed into a real Datasette: its time, the server's
  peak resident memory while it runs, and a plain request's latency meanwhile;
* letters of 1.5 MB and 2.6 MB of repeated dates and of repeated commitments, built through the real build
  (captures → extraction with the per-document budget → archive): time until extracted or refused;
* a document page with 20,000 commitments (each with a history event) served by a real Datasette;
* a 15 MB page with 1,000,000 links crawled by the real crawler from a real HTTP server on 127.0.0.1.

`big_document_archive(...)` is also used by tests/test_web_document_big.py at a smaller size.
"""
from __future__ import annotations

import os
import sqlite3
import tempfile
import threading
import time
from pathlib import Path

from bench.fixture_archive import make_fixture_archive

SENTENCE = "We will publish the revised {n} statistics by {day} March 2027 and report on progress to the Authority."
BIG_DOC_ID = 1


def big_document_archive(path, n_commitments: int, *, spans: bool = True) -> Path:
    """A small fixture archive whose document 1 holds `n_commitments` commitments (one sentence each, 50 to a
    paragraph), each with one history event; with `spans`, commitments carry char_start/char_end (when the
    schema has the columns)."""
    path = make_fixture_archive(path, n_documents=20, seed=2)
    paragraphs, commitments, events = [], [], []
    for p in range(0, n_commitments, 50):
        sentences = [SENTENCE.format(n=f"series-{i}", day=1 + i % 28) for i in range(p, min(p + 50, n_commitments))]
        para = " ".join(sentences)
        pos = 0
        for i, sentence in enumerate(sentences, start=p):
            at = para.index(sentence, pos)
            pos = at + len(sentence)
            commitments.append((f"c{BIG_DOC_ID}-{i + 1}", len(paragraphs), sentence, at, at + len(sentence)))
            events.append((f"c{BIG_DOC_ID}-{i + 1}", "2027-04-02", "met", 2, "published as promised"))
        paragraphs.append(para)
    conn = sqlite3.connect(path)
    columns = {r[1] for r in conn.execute("pragma table_info(commitments)")}
    with_spans = spans and {"char_start", "char_end"} <= columns
    with conn:
        conn.execute("delete from commitment_events where commitment_id in "
                     "(select id from commitments where document_id = ?)", [BIG_DOC_ID])
        conn.execute("delete from commitments where document_id = ?", [BIG_DOC_ID])
        conn.execute("delete from paragraphs where document_id = ?", [BIG_DOC_ID])
        conn.execute("delete from dates where document_id = ?", [BIG_DOC_ID])
        conn.execute("update documents set text = ? where id = ?", ["\n\n".join(paragraphs), BIG_DOC_ID])
        conn.executemany("insert into paragraphs (document_id, n, text) values (?, ?, ?)",
                         [(BIG_DOC_ID, n, t) for n, t in enumerate(paragraphs)])
        span_cols = ", char_start, char_end" if with_spans else ""
        marks = ", ?, ?" if with_spans else ""
        conn.executemany(
            f"insert into commitments (id, document_id, kind, actor, actor_name, quote, paragraph, due_text, status"
            f"{span_cols}) values (?, {BIG_DOC_ID}, 'commitment', 'org:ons', 'Office for National Statistics', ?, ?,"
            f" 'March 2027', 'met'{marks})",
            [(cid, quote, para, *((start, end) if with_spans else ())) for cid, para, quote, start, end in commitments])
        conn.executemany("insert into commitment_events (commitment_id, date, status, evidence_document_id, note)"
                         " values (?, ?, ?, ?, ?)", events)
    conn.close()
    return path


def _cpu(pid: int) -> float:
    """CPU seconds a process has used (user + system, all threads): a figure the machine's load does not inflate."""
    with open(f"/proc/{pid}/stat", "rb") as fh:
        fields = fh.read().rsplit(b")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _page_seconds(n_commitments: int) -> tuple[float, float, int, float]:
    """(document page seconds, slowest other request meanwhile, marks placed, server CPU seconds) over a real
    Datasette."""
    from bench.datasette import running_datasette

    with tempfile.TemporaryDirectory() as tmp:
        db = big_document_archive(Path(tmp) / "archive.db", n_commitments)
        with running_datasette(db) as server:
            server.get(f"/archive/documents/{BIG_DOC_ID + 1}")  # warm up templates
            others: list[float] = []
            done = threading.Event()

            def poll():
                while not done.is_set():
                    started = time.monotonic()
                    server.get("/-/versions.json")
                    others.append(time.monotonic() - started)
                    time.sleep(0.05)

            poller = threading.Thread(target=poll)
            started = time.monotonic()
            cpu = _cpu(server.proc.pid)
            poller.start()
            status, _h, body = server.get(f"/archive/documents/{BIG_DOC_ID}")
            seconds = time.monotonic() - started
            cpu = _cpu(server.proc.pid) - cpu
            done.set()
            poller.join()
            assert status == 200, status
            return seconds, max(others or [0.0]), body.count(b'class="m-commitment"'), cpu


BOMB = "select length(printf('%.*c',999999999,'x')) + length(printf('%.*c',999999999,'x'))" \
       " + length(printf('%.*c',999999999,'x'))"
ROWS_BOMB = "select hex(zeroblob(7000000)) from paragraphs limit 1000"
BLOB_BOMB = "select zeroblob(16000000) from paragraphs limit 1000"


def _rss(pid: int) -> int:
    with open(f"/proc/{pid}/statm") as fh:
        return int(fh.read().split()[1]) * 4096


def sql_bomb_figures() -> list[tuple]:
    """Three concurrent SQL memory bombs typed into a real Datasette: their time, the server's peak memory growth
    and a plain request's slowest latency meanwhile; then the same for a query of huge rows."""
    from bench.datasette import running_datasette

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        db = make_fixture_archive(Path(tmp) / "archive.db", n_documents=200, seed=3)
        with running_datasette(db) as server:
            server.get("/archive.json", sql="select count(*) from documents")
            for label, sql in (("printf('%.*c', 999999999, 'x') x3, three at once", BOMB),
                               ("14 MB text values x 1000 rows, three at once", ROWS_BOMB),
                               ("16 MB blobs x 1000 rows, three at once", BLOB_BOMB)):
                base = _rss(server.proc.pid)
                peak = [base]
                plain: list[float] = []
                times: list[float] = []
                statuses: list[int] = []
                done = threading.Event()

                def sample():
                    while not done.is_set():
                        peak[0] = max(peak[0], _rss(server.proc.pid))
                        time.sleep(0.01)

                def poll():
                    while not done.is_set():
                        started = time.monotonic()
                        server.get("/archive.json", sql="select count(*) from documents")
                        plain.append(time.monotonic() - started)
                        time.sleep(0.05)

                def bomb():
                    started = time.monotonic()
                    statuses.append(server.get("/archive.json", sql=sql)[0])
                    times.append(time.monotonic() - started)

                helpers = [threading.Thread(target=sample), threading.Thread(target=poll)]
                bombs = [threading.Thread(target=bomb) for _ in range(3)]
                for t in helpers + bombs:
                    t.start()
                for t in bombs:
                    t.join()
                done.set()
                for t in helpers:
                    t.join()
                rows.append((f"SQL bomb {label}: stopped after (HTTP {sorted(set(statuses))}; target <= 3.5 s)",
                             "", max(times), "s"))
                rows.append(("  server peak memory growth during it (target < 200 MB)", "",
                             (peak[0] - base) / 1e6, "MB"))
                rows.append(("  slowest plain request meanwhile (target <= 1 s)", f"{len(plain)} requests",
                             max(plain or [0.0]), "s"))
    return rows


def bench_hostile() -> list[tuple]:
    from bench.hostile_letters import bench_extraction_bombs
    from bench.hostile_crawl import bench_link_page

    rows = sql_bomb_figures()
    seconds, other, placed, cpu = _page_seconds(20_000)
    rows.append(("document page with 20,000 commitments (target <= 2 s)", f"{placed - 1} marks", seconds, "s"))
    rows.append(("  server CPU for it (all threads)", "", cpu, "s CPU"))
    rows.append(("  slowest other request while it renders", "", other, "s"))
    rows += bench_extraction_bombs()
    rows += bench_link_page()
    return rows
