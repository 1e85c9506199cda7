"""A crawl killed with SIGKILL at any moment leaves nothing half-written; the next run completes, no duplicates."""
import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from captures.warcstore import read_payload, rebuild_capture_index
from crawler.run import crawl, crawl_command, new_run_id
from mirror.serve import start

O = "https://osr.statisticsauthority.gov.uk"
N_LETTERS = 120


def build_bulk(root: Path) -> Path:
    """An invented site of N_LETTERS letters, each with a PDF, listed 25 to a page with rel=next."""
    host = root / "osr.statisticsauthority.gov.uk"
    slugs = [f"letter-{i:03d}-on-widgets" for i in range(N_LETTERS)]
    pages = [slugs[i:i + 25] for i in range(0, N_LETTERS, 25)]
    for n, chunk in enumerate(pages, start=1):
        items = "".join(f'<li><a href="{O}/correspondence/{s}/">Letter {s}</a><p>{1 + i % 28} May 2024</p>'
                        f"<p>Ann Author, Invented Office to Bo Reader, Department {i}</p></li>" for i, s in enumerate(chunk))
        nxt = f'<a rel="next" href="{O}/correspondence-list/page/{n + 1}/">Next</a>' if n < len(pages) else ""
        folder = host / "correspondence-list" / ("" if n == 1 else f"page/{n}")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.html").write_text(f"<html><body><ul>{items}</ul>{nxt}</body></html>")
    (host / "publications-list").mkdir()
    (host / "publications-list" / "index.html").write_text("<html><body><p>None.</p></body></html>")
    for i, s in enumerate(slugs):
        (host / "correspondence" / s).mkdir(parents=True)
        pdf = f"/wp-content/uploads/2024/05/Letter_{i:03d}.pdf"
        (host / "correspondence" / s / "index.html").write_text(
            f"<html><body><h1>Letter {s}</h1><p>Dear Bo,</p><p>{'Text. ' * 200}</p><p>Yours sincerely</p>"
            f'<a href="{O}{pdf}">Letter (PDF)</a></body></html>')
        (host / pdf.lstrip("/")).parent.mkdir(parents=True, exist_ok=True)
        (host / pdf.lstrip("/")).write_bytes(b"%PDF-1.4 invented " + os.urandom(20_000))
    return root


def count_rows(data: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{data / 'captures.db'}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("SELECT count(*) FROM captures").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return 0


def kill_after(data: Path, mirror_url: str, rows: int) -> None:
    cmd = crawl_command(data, mirror_url, "full", ["osr"], False, new_run_id(), "WARNING")
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    deadline = time.monotonic() + 60
    while proc.poll() is None and count_rows(data) < rows and time.monotonic() < deadline:
        time.sleep(0.02)
    assert proc.poll() is None, "the crawl finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    assert proc.wait() == -signal.SIGKILL


def check_consistent(data: Path) -> None:
    conn = sqlite3.connect(data / "captures.db")
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        for warc_file, offset, sha in conn.execute("SELECT warc_file, warc_offset, sha256 FROM captures"
                                                   " WHERE record_type = 'response'"):
            assert hashlib.sha256(read_payload(data, warc_file, offset)[1]).hexdigest() == sha
        dupes = conn.execute("SELECT url, sha256, count(*) FROM captures WHERE record_type = 'response'"
                             " GROUP BY url, sha256 HAVING count(*) > 1").fetchall()
        assert dupes == []
    finally:
        conn.close()


def test_sigkill_at_three_moments_then_a_clean_finish(tmp_path):
    root = build_bulk(tmp_path / "site")
    data = tmp_path / "data"
    with start(root) as mirror:
        for rows in (1, 40, 170):
            kill_after(data, mirror.url, rows)
            check_consistent(data)
        # the WARC files alone, partial tails included, still rebuild an index
        copy = tmp_path / "copy"
        shutil.copytree(data, copy)
        assert rebuild_capture_index(copy) >= count_rows(data)
        summary = crawl(data, mirror=mirror.url, throttle=False, settings={"DOWNLOAD_TIMEOUT": 10}, sources=["osr"])
    assert summary.exit_ok, summary.report()
    check_consistent(data)
    conn = sqlite3.connect(data / "captures.db")
    docs = conn.execute("SELECT count(DISTINCT document_url) FROM captures WHERE role IN ('document', 'attachment')").fetchone()[0]
    statuses = [s for (s,) in conn.execute("SELECT status FROM crawl_runs ORDER BY started")]
    conn.close()
    assert docs == 2 * N_LETTERS
    assert statuses == ["interrupted", "interrupted", "interrupted", "ok"]
