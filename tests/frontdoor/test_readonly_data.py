"""A read-only copy of the evidence can be rebuilt into an archive (`make extract`, the build half of
`make archive`): nothing is written to DATA (the extraction cache goes to the temporary folder, no lock is needed
on a DATA nobody can write), and what truly needs to write DATA (the crawl) fails with one clear line
(issue 14 item 10). DATA is a real read-only file system (a tmpfs remounted read-only: root only, else skipped)."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.run import crawl
from mirror.hostile import letter, letter_url, write_site
from mirror.serve import start

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def readonly_data(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("readonly")
    point = tmp_path / "data"
    point.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(point)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {mounted.stderr.decode().strip()}")
    try:
        site = write_site(tmp_path / "site", {"quarterly-figures": letter(
            "Quarterly figures", "<p>We will publish the revised quarterly figures by 30 June 2024.</p>")})
        with start(site) as mirror:
            crawl(point, mirror=mirror.url, sources=["osr"], throttle=False)
        subprocess.run(["mount", "-o", "remount,ro", str(point)], check=True)
        yield point
    finally:
        subprocess.run(["umount", str(point)], check=True)


def _archive(*args):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "frontdoor", *args], capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=300)


def test_a_read_only_data_is_rebuilt_into_an_archive(readonly_data, tmp_path):
    before = sorted(p.name for p in readonly_data.rglob("*"))
    result = _archive("build", "--db", str(tmp_path / "archive.db"), "--data", str(readonly_data))
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    conn = sqlite3.connect(tmp_path / "archive.db")
    text, error = conn.execute("select text, error from documents where url = ?",
                               [letter_url("quarterly-figures")]).fetchone()
    conn.close()
    assert error is None and "revised quarterly figures" in text
    assert sorted(p.name for p in readonly_data.rglob("*")) == before, "nothing was written to DATA"


def test_make_archive_on_a_read_only_data_says_why_in_one_line_and_still_builds(readonly_data, tmp_path):
    result = _archive("archive", "--db", str(tmp_path / "archive.db"), "--data", str(readonly_data),
                      "--mirror", "http://127.0.0.1:9")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("crawl:")]
    assert len(lines) == 1 and "read-only" in lines[0]
    assert (tmp_path / "archive.db").exists(), "the build half rebuilt from the evidence there is"
