"""archive/publish.py: a reader sees the old archive or the new one, never a mix; nothing is published that
fails a check; the archive never shrinks."""
from __future__ import annotations

import sqlite3
import threading

import pytest
import sqlite_utils

from archive.publish import PublishRefused, publish
from archive.schema import ensure_db_shape, rebuild_fts


def make_archive(path, n_docs: int, marker: str) -> None:
    db = sqlite_utils.Database(path)
    ensure_db_shape(db)
    db["documents"].insert_all(
        {"id": i, "url": f"https://osr.statisticsauthority.gov.uk/correspondence/letter-{i}/",
         "title": f"{marker} letter {i}", "text": f"{marker} text about data linkage {i}", "doc_type": "letter"}
        for i in range(1, n_docs + 1)
    )
    db["commitments"].insert_all(
        {"id": f"c{i}-1", "document_id": i, "kind": "commitment", "quote": f"{marker} we will publish {i}"}
        for i in range(1, n_docs + 1)
    )
    rebuild_fts(db)
    db.close()


def state(path) -> tuple[int, set[str]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        with conn:  # one read transaction: one snapshot
            conn.execute("BEGIN")
            count = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
            markers = {row[0].split()[0] for row in conn.execute("SELECT title FROM documents")}
            markers |= {row[0].split()[0] for row in conn.execute("SELECT quote FROM commitments")}
        return count, markers
    finally:
        conn.close()


def test_publish_into_empty_target_then_replace_contents(tmp_path):
    target = tmp_path / "archive.db"
    make_archive(tmp_path / "a.db", 5, "old")
    result = publish(tmp_path / "a.db", target)
    assert result.documents_after == 5
    assert state(target) == (5, {"old"})
    make_archive(tmp_path / "b.db", 7, "new")
    publish(tmp_path / "b.db", target)
    assert state(target) == (7, {"new"})
    conn = sqlite3.connect(target)
    hits = conn.execute(
        "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'linkage'"
    ).fetchone()[0]
    assert hits == 7, "the full-text index is rebuilt with the new rows"
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_refuses_to_shrink_and_leaves_served_archive_untouched(tmp_path):
    target = tmp_path / "archive.db"
    make_archive(tmp_path / "a.db", 10, "old")
    publish(tmp_path / "a.db", target)
    make_archive(tmp_path / "small.db", 3, "new")
    with pytest.raises(PublishRefused, match="3 documents"):
        publish(tmp_path / "small.db", target)
    assert state(target) == (10, {"old"})


def test_refuses_a_corrupt_staging_file(tmp_path):
    target = tmp_path / "archive.db"
    make_archive(tmp_path / "a.db", 4, "old")
    publish(tmp_path / "a.db", target)
    bad = tmp_path / "bad.db"
    make_archive(bad, 50, "new")
    raw = bytearray(bad.read_bytes())
    for offset in range(4096 * 2, len(raw) - 4096, 4096):  # scribble over b-tree pages, keep the header
        raw[offset + 100: offset + 400] = b"\xff" * 300
    bad.write_bytes(bytes(raw))
    with pytest.raises(PublishRefused):
        publish(bad, target)
    assert state(target) == (4, {"old"})


def test_new_columns_and_tables_in_staging_reach_the_served_file(tmp_path):
    target = tmp_path / "archive.db"
    make_archive(tmp_path / "a.db", 2, "old")
    publish(tmp_path / "a.db", target)
    make_archive(tmp_path / "b.db", 2, "new")
    db = sqlite_utils.Database(tmp_path / "b.db")
    db["documents"].add_column("summary", str)
    db["documents"].update(1, {"summary": "a new column"})
    db["extra_table"].insert({"id": 1, "x": "y"}, pk="id")
    db.close()
    publish(tmp_path / "b.db", target)
    conn = sqlite3.connect(target)
    assert conn.execute("SELECT summary FROM documents WHERE id = 1").fetchone()[0] == "a new column"
    assert conn.execute("SELECT x FROM extra_table").fetchone()[0] == "y"


def test_concurrent_readers_see_old_or_new_never_a_mix(tmp_path):
    target = tmp_path / "archive.db"
    make_archive(tmp_path / "a.db", 300, "old")
    make_archive(tmp_path / "b.db", 400, "new")
    publish(tmp_path / "a.db", target)
    seen: list[tuple[int, frozenset]] = []
    stop = threading.Event()

    def reader():
        while not stop.is_set():
            count, markers = state(target)
            seen.append((count, frozenset(markers)))

    threads = [threading.Thread(target=reader) for _ in range(2)]
    for t in threads:
        t.start()
    for i in range(6):
        publish(tmp_path / ("b.db" if i % 2 == 0 else "a.db"), target, allow_shrink=True)
    stop.set()
    for t in threads:
        t.join()
    allowed = {(300, frozenset({"old"})), (400, frozenset({"new"}))}
    assert len(seen) > 10
    assert set(seen) <= allowed, f"mixed states observed: {set(seen) - allowed}"
