"""`rebuild-index` trusts no record blindly: a response record whose payload falls short of its Content-Length or
differs from its WARC-Payload-Digest is skipped and reported, and the command takes the run lock (issue 14 item 7).
The WARC files are written here with the archive's own writer, then cut short or damaged."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from frontdoor.lock import RunLock
from captures.warcstore import WarcWriter, rebuild_capture_index

ROOT = Path(__file__).resolve().parents[2]
URL = "https://osr.statisticsauthority.gov.uk/correspondence/{}/"
HTML = [("Content-Type", "text/html; charset=utf-8")]


def _warc(data: Path, big: int = 3_000_000):
    writer = WarcWriter(data, "run-1")
    small = writer.write_response(URL.format("small"), 200, HTML, b"<p>Dear Director,</p>")
    large = writer.write_response(URL.format("large"), 200, HTML, os.urandom(big))   # incompressible
    writer.close()
    return small, large


def _urls(data: Path) -> set[str]:
    conn = sqlite3.connect(data / "captures.db")
    urls = {r[0] for r in conn.execute("select url from captures")}
    conn.close()
    return urls


def test_a_truncated_record_is_skipped_and_reported(tmp_path):
    small, large = _warc(tmp_path)
    path = tmp_path / large.warc_file
    with open(path, "r+b") as fh:               # the file ends two thirds of the way into the large record
        fh.truncate(large.offset + 2_000_000)
    skipped: list = []
    assert rebuild_capture_index(tmp_path, skipped) == 1
    assert _urls(tmp_path) == {URL.format("small")}
    assert [(url, "truncated" in reason) for _f, _o, url, reason in skipped] == [(URL.format("large"), True)]


def test_a_damaged_payload_is_skipped_by_its_digest(tmp_path):
    writer = WarcWriter(tmp_path, "run-1")
    ref = writer.write_response(URL.format("stored"), 200, [("Content-Type", "text/plain")], b"A" * 4000)
    writer.close()
    # rewrite the record with the same length but other bytes: only the digest can tell
    import gzip
    path = tmp_path / ref.warc_file
    raw = gzip.decompress(path.read_bytes()[ref.offset:ref.offset + ref.length])
    damaged = raw.replace(b"A" * 4000, b"B" * 4000)
    with open(path, "r+b") as fh:
        fh.truncate(ref.offset)
        fh.seek(ref.offset)
        fh.write(gzip.compress(damaged))
    skipped: list = []
    assert rebuild_capture_index(tmp_path, skipped) == 0
    assert "digest" in skipped[0][3]


def _cli(data: Path):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "frontdoor", "rebuild-index", "--data", str(data)],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)


def test_the_command_reports_skips_and_waits_for_no_one(tmp_path):
    small, large = _warc(tmp_path, big=200_000)
    with open(tmp_path / large.warc_file, "r+b") as fh:
        fh.truncate(large.offset + 100_000)
    with RunLock(tmp_path / "refresh.lock"):
        held = _cli(tmp_path)
    assert held.returncode == 75 and "another run holds" in held.stderr
    done = _cli(tmp_path)
    assert done.returncode == 1, done.stderr
    assert "1 capture rows written" in done.stdout and "skipped warc/" in done.stdout
    assert URL.format("large") in done.stdout
