"""`bench_build()`: extraction and build of a generated 2,500-letter archive from its captures (`python -m bench build`).

Rows (what, size, figure, unit): a cold build (every document extracted, on both cores), a warm rebuild where
nothing changed (every extraction reused from the cache), a rebuild after one changed letter and one a day later
(as a nightly refresh moves as_of) with how many commitments' follow-up each recomputed, the atomic publish, and
peak memory. The cold build and the one-letter rebuild, whose ratio has a target, are each timed RUNS times from
the same starting state and the fastest run counts (every run's time is printed in the row's label).
"""
from __future__ import annotations

import resource
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

from archive.build import build_staging
from archive.publish import publish


def _peak_rss_mib() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


RUNS = 2


def _runs(times: list[float]) -> str:
    return " / ".join(f"{t:.1f}" for t in times) + " s"


def _files(folder: Path, names: list[str]) -> list[Path]:
    """The named SQLite files with their write-ahead log and shared-memory files, where present."""
    return [folder / f"{n}{suffix}" for n in names for suffix in ("", "-wal", "-shm") if (folder / f"{n}{suffix}").exists()]


def _keep(folder: Path, into: Path, names: list[str]) -> Path:
    into.mkdir()
    for f in _files(folder, names):
        shutil.copy2(f, into / f.name)
    return into


def _restore(kept: Path, folder: Path, names: list[str]) -> None:
    for f in _files(folder, names):
        f.unlink()
    for f in _files(kept, names):
        shutil.copy2(f, folder / f.name)


def _remove_staging(path: Path) -> None:
    for f in _files(path.parent, [path.name]):
        f.unlink()


def bench_build(n_letters: int = 2500) -> list[tuple]:
    from crawler.run import crawl
    from mirror.generate import CsvMissing, generate
    from mirror.serve import start

    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        tmp = Path(tmp)
        try:
            generate(tmp / "site", n_letters=n_letters, seed=0)
        except CsvMissing as exc:
            return [("build benchmark skipped", "-", str(exc), "-")]
        with start(tmp / "site") as mirror:
            crawl(tmp / "data", mirror=mirror.url, throttle=False, log_level="WARNING")
        # Every timed build whose share is reported runs RUNS times from the same state (the staging file and the
        # extraction cache put back before each), and the fastest counts, as timeit does: on a shared 2-core machine
        # a single run's wall time moves by a third either way.
        pristine = _keep(tmp / "data", tmp / "pristine", ["extract-cache.db"])
        cold_runs = []
        for _ in range(RUNS):
            _restore(pristine, tmp / "data", ["extract-cache.db"])
            _remove_staging(tmp / "a.staging")
            t0 = time.monotonic()
            cold = build_staging(tmp / "data", tmp / "a.staging", as_of="2024-01-01", workers=2, incremental=False)
            cold_runs.append(time.monotonic() - t0)
        cold_s = min(cold_runs)
        t0 = time.monotonic()
        warm = build_staging(tmp / "data", tmp / "a.staging", as_of="2024-01-01", workers=2)
        warm_s = time.monotonic() - t0
        letter = next(iter(sorted((tmp / "site" / "osr.statisticsauthority.gov.uk" / "correspondence").glob(
            "*/index.html"))))
        page = letter.read_text(encoding="utf-8")
        letter.write_text(page.replace("Dear ", "Dear reader, we will publish the revised tables by March 2025. "
                                       "Dear ", 1), encoding="utf-8")
        with start(tmp / "site") as mirror:
            crawl(tmp / "data", mirror=mirror.url, throttle=False, log_level="WARNING")
        before = _keep(tmp / "data", tmp / "before-one", ["extract-cache.db"])
        staged = _keep(tmp, tmp / "staged", ["a.staging"])
        one_runs = []
        for _ in range(RUNS):
            _restore(before, tmp / "data", ["extract-cache.db"])
            _remove_staging(tmp / "a.staging")
            _restore(staged, tmp, ["a.staging"])
            t0 = time.monotonic()
            one = build_staging(tmp / "data", tmp / "a.staging", as_of="2024-01-01", workers=2)
            one_runs.append(time.monotonic() - t0)
        one_s = min(one_runs)
        t0 = time.monotonic()
        nightly = build_staging(tmp / "data", tmp / "a.staging", as_of="2024-01-02", workers=2)
        nightly_s = time.monotonic() - t0
        build_staging(tmp / "data", tmp / "b.staging", as_of="2024-01-02", workers=2, incremental=False)
        t0 = time.monotonic()
        publish(tmp / "a.staging", tmp / "archive.db")
        first_publish = time.monotonic() - t0
        t0 = time.monotonic()
        publish(tmp / "b.staging", tmp / "archive.db")
        republish = time.monotonic() - t0
        conn = sqlite3.connect(tmp / "archive.db")
        commitments = conn.execute("SELECT count(*) FROM commitments").fetchone()[0]
        size_mib = (tmp / "archive.db").stat().st_size / 2**20
        conn.close()
    size = f"{cold.documents} documents"
    return [
        ("cold build: documents extracted per second (2 workers)", size, cold.extracted / cold_s, "docs/s"),
        ("cold build: seconds (extract, load, derive, FTS; fastest of " + _runs(cold_runs) + ")", size, cold_s, "s"),
        ("incremental rebuild, nothing changed: seconds", size, warm_s, "s"),
        ("incremental rebuild, nothing changed: share of the cold build (target <= 10%)", size,
         100 * warm_s / cold_s, "%"),
        ("incremental rebuild after one changed letter: seconds (fastest of " + _runs(one_runs) + ")", size, one_s,
         "s"),
        ("incremental rebuild after one changed letter: share of the cold build (target <= 15%)", size,
         100 * one_s / cold_s, "%"),
        ("incremental rebuild after one changed letter: documents reloaded", size, one.reloaded, "documents"),
        ("incremental rebuild after one changed letter: documents extracted", size, one.extracted, "documents"),
        ("incremental rebuild after one changed letter: commitments whose follow-up was recomputed", size,
         one.followup_recomputed, "commitments"),
        ("incremental rebuild, nothing changed: documents reloaded", size, warm.reloaded, "documents"),
        ("incremental rebuild, nothing changed but as_of a day later (a nightly refresh): seconds", size, nightly_s,
         "s"),
        ("incremental rebuild, as_of a day later: commitments whose follow-up was recomputed", size,
         nightly.followup_recomputed, "commitments"),
        ("publish into an empty served file: seconds", size, first_publish, "s"),
        ("republish over the served file (one transaction): seconds", size, republish, "s"),
        ("commitments found", size, commitments, "commitments"),
        ("archive.db size", size, size_mib, "MiB"),
        ("peak memory (largest single process)", size, _peak_rss_mib(), "MiB"),
    ]


if __name__ == "__main__":
    for row in bench_build():
        print(*row, sep="\t")
