"""Letter bombs for the build's per-document budget: generators (used by tests/test_build_budget.py) and the
`hostile` bench rows (extraction time of date and commitment bombs at 1.5 MB and 2.6 MB, through the real
crawl → captures → build, with the default budget: each one extracted or refused)."""
from __future__ import annotations

import sqlite3
import tempfile
import time
from pathlib import Path

from mirror.hostile import letter, write_site

DATE = "1 January 2019 "
COMMITMENT_SENTENCE = "We will publish the revised {n} series by 30 June 2025 and write to you when we do. "


def date_bomb(size: int) -> bytes:
    """A letter of about `size` bytes: one paragraph of "1 January 2019" over and over (100,000 at 1.5 MB)."""
    return letter("Date bomb", "<p>" + DATE * max(1, size // len(DATE)) + "</p>")


def commitment_bomb(size: int) -> bytes:
    """A letter of about `size` bytes: one commitment with a due date after another, 20 to a paragraph."""
    n = max(1, size // len(COMMITMENT_SENTENCE.format(n="x-00000")))
    sentences = [COMMITMENT_SENTENCE.format(n=f"x-{i:05d}") for i in range(n)]
    paras = ["<p>" + "".join(sentences[i:i + 20]) + "</p>" for i in range(0, n, 20)]
    return letter("Commitment bomb", "".join(paras))


def bench_extraction_bombs() -> list[tuple]:
    from archive.build import build_staging
    from archive.extract_budget import Budget
    from crawler.run import crawl
    from mirror.serve import start

    rows = []
    budget = Budget.from_env()
    for name, make in (("date", date_bomb), ("commitment", commitment_bomb)):
        for size in (1_500_000, 2_600_000):
            with tempfile.TemporaryDirectory() as tmp:
                tmp = Path(tmp)
                slug = f"{name}-bomb"
                write_site(tmp / "site", {slug: make(size)})
                with start(tmp / "site") as mirror:
                    crawl(tmp / "data", mirror=mirror.url, sources=["osr"], throttle=False)
                started = time.monotonic()
                build_staging(tmp / "data", tmp / "a.staging", as_of="2024-06-01", workers=1)
                seconds = time.monotonic() - started
                conn = sqlite3.connect(tmp / "a.staging")
                error, commitments, dates = conn.execute(
                    "select error, (select count(*) from commitments), (select count(*) from dates) "
                    "from documents where url like ?", [f"%/{slug}/"]).fetchone()
                conn.close()
                outcome = (error or "extracted").split(":")[0]
                rows.append((f"{name} bomb letter: build until extracted or refused ({outcome}; "
                             f"{commitments} commitments, {dates} dates; target <= 30 s)",
                             f"{size / 1e6:.1f} MB", seconds, "s"))
    rows.append(("  per-document budget (ARCHIVE_EXTRACT_*)", "", f"{budget.cpu_seconds:g} s CPU, "
                 f"{budget.memory_mb} MB, {budget.max_payload_mb} MB payload", ""))
    return rows
