"""Issue #8 item 4: the nightly refresh against a loopback mirror, killed with SIGKILL at random moments, and under
a corrupt WARC file, a long reader and a mirror that goes down mid-run. After each: the served archive passes
integrity_check and has every document it had, no capture is lost or duplicated, and the next refresh completes."""
from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from frontdoor.lock import RunLock
from captures.warcstore import read_payload
from mirror.serve import copy_site, start

ROOT = Path(__file__).resolve().parents[2]
TRIALS = 20
OSR = "https://osr.statisticsauthority.gov.uk"
LISTING = f"{OSR}/correspondence-list/"


def refresh_cmd(work: Path, mirror_url: str, *extra: str) -> list[str]:
    return [sys.executable, "-m", "frontdoor", "refresh", "--db", str(work / "archive.db"),
            "--data", str(work / "data"), "--mirror", mirror_url, "--as-of", "2024-01-01", *extra]


def run_refresh(work: Path, mirror_url: str, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run(refresh_cmd(work, mirror_url), cwd=ROOT, capture_output=True, text=True, timeout=timeout)


def served(work: Path) -> dict:
    db = work / "archive.db"
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return {
            "urls": {r[0] for r in conn.execute("SELECT url FROM documents")},
            "runs": conn.execute("SELECT count(*) FROM runs").fetchone()[0],
        }
    finally:
        conn.close()


def check_captures(work: Path, checked: set[int]) -> int:
    """No capture duplicated; every capture row points at a readable WARC record with its digest."""
    conn = sqlite3.connect(work / "data" / "captures.db")
    conn.row_factory = sqlite3.Row
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        dupes = conn.execute(
            "SELECT warc_file, warc_offset, count(*) FROM captures WHERE warc_file IS NOT NULL "
            "GROUP BY warc_file, warc_offset HAVING count(*) > 1"
        ).fetchall()
        assert not dupes, f"captures duplicated: {[tuple(d) for d in dupes]}"
        ids = {r[0] for r in conn.execute("SELECT id FROM captures")}
        lost = checked - ids
        assert not lost, f"captures lost: {sorted(lost)[:10]}"
        rows = conn.execute("SELECT * FROM captures WHERE record_type = 'response'").fetchall()
        for row in rows:
            if row["id"] in checked:
                continue
            payload = read_payload(work / "data", row["warc_file"], row["warc_offset"])
            body = payload[1] if isinstance(payload, tuple) else payload
            assert hashlib.sha256(body).hexdigest() == row["sha256"], f"capture {row['id']} does not match its WARC"
            checked.add(row["id"])
        return len(rows)
    finally:
        conn.close()


def new_letter(site, n: int) -> None:
    site.add_letter(
        f"{OSR}/correspondence/ed-humpherson-to-sir-ian-diamond-trial-{n}/",
        title=f"Ed Humpherson to Sir Ian Diamond: Reliability trial {n}",
        date="2023-11-0%d" % (1 + n % 9),
        fromto="Ed Humpherson, Office for Statistics Regulation to Sir Ian Diamond, UK Statistics Authority",
        paragraphs=["Dear Ian,", f"We will publish the trial {n} review by the end of March 2024.",
                    "Yours sincerely,", "Ed Humpherson"],
        listing=LISTING,
    )


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    work = tmp_path_factory.mktemp("reliability")
    site = copy_site(work)
    with start(site.root) as mirror:
        first = run_refresh(work, mirror.url)
        assert first.returncode == 0, first.stdout + first.stderr
        yield work, site, mirror


def test_sigkill_at_random_moments_loses_nothing(world):
    work, site, mirror = world
    started = time.monotonic()
    baseline = run_refresh(work, mirror.url)
    duration = time.monotonic() - started
    assert baseline.returncode == 0, baseline.stdout + baseline.stderr
    before = served(work)["urls"]
    checked: set[int] = set()
    check_captures(work, checked)
    rng = random.Random(8)
    killed_in = []
    for trial in range(TRIALS):
        if trial % 4 == 0:
            new_letter(site, trial)  # give the runs something to fetch, extract and publish
        delay = rng.uniform(0.05, duration * 1.1)
        proc = subprocess.Popen(refresh_cmd(work, mirror.url), cwd=ROOT, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True, start_new_session=True)
        time.sleep(delay)
        finished = proc.poll() is not None
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # the refresh and every process it started
        except ProcessLookupError:
            assert finished  # nothing left to kill: the run had ended
        proc.wait()
        killed_in.append("after end" if finished else f"{delay:.2f}s")
        now = served(work)["urls"]
        assert before <= now, f"trial {trial}: documents lost: {before - now}"
        before = now
        check_captures(work, checked)
        RunLock(work / "data" / "refresh.lock").acquire().release()  # a killed run leaves no stuck lock
    final = run_refresh(work, mirror.url)
    assert final.returncode == 0, final.stdout + final.stderr
    manifest = {d["url"] for d in json.loads((site.root / "MANIFEST.json").read_text())["documents"]}
    assert manifest <= served(work)["urls"], "the next refresh completes the archive"
    check_captures(work, checked)
    assert sum(1 for k in killed_in if k != "after end") >= TRIALS // 2, killed_in


def test_a_corrupt_warc_file_does_not_stop_the_next_refresh(world):
    work, site, mirror = world
    before = served(work)["urls"]
    warcs = sorted((work / "data" / "warc").glob("*.warc.gz"))
    with open(warcs[-1], "ab") as fh:  # a torn write at the end of the newest file
        fh.write(b"\x1f\x8b\x08\x00garbage-not-a-record" * 10)
    stray = work / "data" / "warc" / "zz-corrupt.warc.gz"
    stray.write_bytes(os.urandom(4096))  # and a file of noise beside them
    try:
        result = run_refresh(work, mirror.url)
        assert result.returncode == 0, result.stdout + result.stderr
        assert before <= served(work)["urls"]
    finally:
        stray.unlink()


def test_a_long_reader_does_not_block_publication_and_keeps_its_snapshot(world):
    work, site, mirror = world
    new_letter(site, 101)
    reader = sqlite3.connect(work / "archive.db", isolation_level=None)
    reader.execute("BEGIN")
    count_before = reader.execute("SELECT count(*) FROM documents").fetchone()[0]
    try:
        result = run_refresh(work, mirror.url)
        assert result.returncode == 0, result.stdout + result.stderr
        assert reader.execute("SELECT count(*) FROM documents").fetchone()[0] == count_before
    finally:
        reader.execute("COMMIT")
        reader.close()
    assert len(served(work)["urls"]) == count_before + 1


def test_mirror_going_down_mid_run_keeps_the_served_archive_and_recovers(world):
    work, site, mirror = world
    before = served(work)
    mirror.go_down_after(5)
    try:
        result = run_refresh(work, mirror.url)
    finally:
        mirror.come_up()
    assert result.returncode != 0, "a run that lost its source must say so"
    after = served(work)
    assert after["urls"] == before["urls"]
    assert after["runs"] == before["runs"] + 1, "the failed run is recorded in runs"
    again = run_refresh(work, mirror.url)
    assert again.returncode == 0, again.stdout + again.stderr


def test_a_crawl_does_not_outlive_a_killed_refresh(world):
    """Only the refresh itself is killed (not its process group): its crawl subprocess must not go on writing."""
    work, site, mirror = world
    mirror.set_fault("/osr.statisticsauthority.gov.uk/correspondence-list/", {"delay": 30})
    proc = subprocess.Popen(refresh_cmd(work, mirror.url), cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        child = ""
        while not child and time.monotonic() < deadline:
            child = subprocess.run(["pgrep", "-P", str(proc.pid), "-f", "crawler run"],
                                   capture_output=True, text=True).stdout.strip()
            time.sleep(0.2)
        assert child, "the refresh started its crawl"
        proc.kill()
        proc.wait()
        deadline = time.monotonic() + 10
        while Path(f"/proc/{child}").exists() and time.monotonic() < deadline:
            time.sleep(0.2)
            subprocess.run(["true"])  # let init reap it
        state = Path(f"/proc/{child}/stat").read_text().split()[2] if Path(f"/proc/{child}").exists() else "gone"
        assert state in ("gone", "Z"), f"crawl {child} still running after its refresh was killed"
    finally:
        mirror.faults.clear()
    result = run_refresh(work, mirror.url)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_page_that_cannot_be_fetched_is_named_and_everything_else_is_published(world):
    work, site, mirror = world
    broken = f"{OSR}/correspondence/mark-pont-to-keith-morris-road-safety-statistics-2/"
    new_letter(site, 202)
    mirror.set_fault(broken, {"status": 500})
    try:
        result = subprocess.run(refresh_cmd(work, mirror.url, "--full"), cwd=ROOT, capture_output=True, text=True,
                                timeout=180)
    finally:
        mirror.faults.clear()
    assert result.returncode == 4, result.stdout + result.stderr
    assert broken in result.stdout, "the report names the page that failed"
    assert f"{OSR}/correspondence/ed-humpherson-to-sir-ian-diamond-trial-202/" in served(work)["urls"]
    assert broken in served(work)["urls"], "the failed page keeps its earlier capture"
    conn = sqlite3.connect(work / "archive.db")
    assert conn.execute("SELECT status FROM runs ORDER BY started DESC LIMIT 1").fetchone()[0] == "ok_with_faults"
    conn.close()


def test_a_source_that_suddenly_lists_nothing_stops_the_run_before_publishing(world):
    import re

    work, site, mirror = world
    before = served(work)
    mirror.set_fault(re.compile(r"osr\.statisticsauthority\.gov\.uk/(correspondence-list|publications-list|wp-sitemap|"
                                r"sitemap|wp-json)"), {"status": 404})
    try:
        result = run_refresh(work, mirror.url)
    finally:
        mirror.faults.clear()
    assert result.returncode == 2, result.stdout + result.stderr
    assert "source osr" in result.stdout
    after = served(work)
    assert after["urls"] == before["urls"]
    assert after["runs"] == before["runs"] + 1
