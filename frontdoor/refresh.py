"""The nightly refresh: one run at a time, checked before publishing, recorded in `runs`, loud when it fails.

Stages: preflight (DATA writable, enough disk) → lock → incremental crawl → guard rails → build a staging archive
→ checks (integrity, canned queries) → atomic publish (archive/publish.py) → run report.
If any stage fails the served archive is left exactly as it was and the exit status says which stage failed.

Exit status: 0 published; 4 published, but some pages could not be fetched (listed in the report; they keep their
earlier captures); 1 a stage failed, nothing published; 2 a guard rail stopped the run (a source shrank), nothing
published; 3 preflight failed (DATA read-only or disk nearly full); 75 another run holds the lock (EX_TEMPFAIL: cron
may simply try later).
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import os
import shutil
import sqlite3
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from archive.build import now_iso
from frontdoor.lock import LockHeld, RunLock

log = logging.getLogger(__name__)

EXIT_OK, EXIT_FAILED, EXIT_GUARD, EXIT_PREFLIGHT, EXIT_FAULTS, EXIT_LOCKED = 0, 1, 2, 3, 4, 75
MIN_FREE_BYTES = 256 * 1024 * 1024
SHRINK_RATIO = 0.5  # a source yielding under half of what it yielded last time fails the run
CRAWL_GRACE_SECONDS = 600  # beyond the sources' run budget before the crawl process is stopped from outside


class StageFailed(RuntimeError):
    def __init__(self, stage: str, message: str, code: int = EXIT_FAILED):
        super().__init__(f"{stage}: {message}")
        self.stage, self.code = stage, code


@dataclass
class RunRecord:
    id: str
    started: str
    mode: str
    finished: str | None = None
    status: str = "running"
    documents: int = 0
    new_documents: int = 0
    changed_documents: int = 0
    withdrawn_documents: int = 0
    new_commitments: int = 0
    status_changes: int = 0
    errors: int = 0
    requests: int = 0
    report: str = ""
    per_source: dict = field(default_factory=dict)
    faults: list = field(default_factory=list)  # [(url, error)] pages that could not be fetched this run

    def row(self) -> dict:
        row = {k: v for k, v in self.__dict__.items() if k not in ("per_source", "faults")}
        row["per_source"] = json.dumps(self.per_source, sort_keys=True)
        return row


def preflight(data: Path, db: Path) -> None:
    """Refuse to start when DATA or the database's folder cannot be written or the disk is nearly full."""
    data.mkdir(parents=True, exist_ok=True)
    for folder in {data, db.resolve().parent}:
        probe = folder / f".write-probe-{os.getpid()}"
        try:
            with open(probe, "wb") as fh:
                fh.write(b"x" * 4096)
                fh.flush()
                os.fsync(fh.fileno())
            probe.unlink()
        except OSError as exc:
            raise StageFailed("preflight", f"{folder} is not writable: {exc.strerror}", EXIT_PREFLIGHT) from exc
        free = shutil.disk_usage(folder).free
        need = MIN_FREE_BYTES + (2 * db.stat().st_size if db.exists() else 0)
        if free < need:
            raise StageFailed(
                "preflight", f"only {free // 2**20} MiB free under {folder}; need {need // 2**20} MiB", EXIT_PREFLIGHT
            )


def served_state(db: Path) -> dict:
    """What the served archive holds now: counts, the last run's per-source figures, statuses."""
    state = {"documents": 0, "per_source": {}, "commitments": {}, "urls": {}}
    if not db.exists():
        return state
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        state["documents"] = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        state["urls"] = dict(conn.execute("SELECT url, sha256 FROM documents"))
        state["commitments"] = dict(conn.execute("SELECT id, status FROM commitments"))
        row = conn.execute(
            "SELECT per_source FROM runs WHERE status IN ('ok', 'ok_with_faults') AND per_source IS NOT NULL ORDER BY started DESC LIMIT 1"
        ).fetchone()
        if row and row[0]:
            state["per_source"] = json.loads(row[0])
    except sqlite3.OperationalError as exc:
        log.warning("served archive %s could not be read fully: %s", db, exc)
    finally:
        conn.close()
    return state


def is_loopback(mirror: str | None) -> bool:
    """Politeness (robots.txt is always obeyed; the delay and one-request-per-host) is for real sites: a mirror on
    this machine's loopback is crawled at full speed."""
    if not mirror:
        return False
    from urllib.parse import urlsplit

    host = urlsplit(mirror).hostname or ""
    return host == "localhost" or host.startswith("127.") or host == "::1"


def listed_per_source(summary) -> dict[str, int]:
    """Documents each source listed in this run (discovered, whether fetched or not), for the shrink guard.
    Sources followed one hop from Related Links are left out: a refresh that re-requests no letter sees none."""
    from captures.sources import Registry

    one_hop = {s.name for s in Registry.load().sources if s.one_hop}
    counts = {}
    for name, figures in summary.per_source.items():
        if name in one_hop:
            continue
        counts[name] = sum(n for kind, n in figures.get("by_kind", {}).items() if kind not in ("attachment", "chapter"))
    return counts


def guard_sources(per_source: dict[str, int], last: dict[str, int], minimums: dict[str, int]) -> list[str]:
    """Reasons to stop: a source under its declared minimum, or under half of what it yielded last time."""
    problems = []
    for source, minimum in sorted(minimums.items()):
        seen = per_source.get(source, 0)
        if minimum and seen < minimum:
            problems.append(f"source {source}: {seen} documents seen, declared minimum {minimum}")
    for source, before in sorted(last.items()):
        seen = per_source.get(source, 0)
        if before >= 10 and seen < before * SHRINK_RATIO:
            problems.append(f"source {source}: {seen} documents seen, {before} last time (site redesign?)")
    return problems


BUDGET_FAULTS = ("crawl_budget", "crawl_timeout")


def cut_short(summary) -> bool:
    """Whether the crawl was stopped by its budget (crawler/budget.py) or its time limit (crawl_timeout)."""
    return any(error in BUDGET_FAULTS for _url, error in summary.errors)


def crawl_problems(summary, per_source: dict[str, int], last: dict[str, int]) -> list[str]:
    """Reasons not to publish after the crawl. A crawl cut short by its budget is not held to the shrink guard or
    the declared minimums (it saw part of the sites, not a redesign): the run publishes what it has."""
    problems = []
    if not cut_short(summary):
        problems += guard_sources(per_source, last, {})
        problems += [f"source {src}: {found} {kind} documents found, at least {minimum} expected (declared minimum)"
                     for src, kind, found, minimum in summary.shortfalls]
    if not summary.exit_ok and not summary.documents_seen:
        problems.append("the crawl reached no documents at all")
    return problems


def record_run(db: Path, run: RunRecord, data: Path) -> None:
    """Append the run to DATA/runs.jsonl (survives anything) and to the served archive's `runs` table."""
    with open(data / "runs.jsonl", "a", encoding="utf-8") as fh:
        fh.write(json.dumps(run.row(), sort_keys=True) + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    if not db.exists():
        return
    import sqlite_utils

    target = sqlite_utils.Database(sqlite3.connect(db, timeout=120))
    try:
        target["runs"].upsert(run.row(), pk="id", alter=True)
    except sqlite3.OperationalError as exc:
        log.error("could not record run %s in %s: %s", run.id, db, exc)
    finally:
        target.close()


def carry_runs(db: Path, staging: Path, run: RunRecord) -> None:
    """The staging archive takes the run history of the served one, plus this run."""
    import sqlite_utils

    new = sqlite_utils.Database(staging)
    rows = []
    if db.exists():
        old = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        old.row_factory = sqlite3.Row
        try:
            rows = [dict(r) for r in old.execute("SELECT * FROM runs")]
        except sqlite3.OperationalError:
            rows = []
        finally:
            old.close()
    new["runs"].upsert_all(rows + [run.row()], pk="id", alter=True)
    new.close()


def refresh(db="archive.db", data="data", mirror=None, full=False, as_of=None, stream=None) -> int:
    stream = stream or sys.stdout
    db, data = Path(db), Path(data)
    run = RunRecord(id=dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ-") + uuid.uuid4().hex[:6],
                    started=now_iso(), mode="full" if full else "refresh")
    try:
        preflight(data, db)
    except StageFailed as exc:
        print(f"refresh {run.id}: FAILED before starting: {exc}", file=stream)
        return exc.code
    try:
        lock = RunLock(data / "refresh.lock").acquire()
    except LockHeld as exc:
        print(f"refresh {run.id}: not started: {exc}", file=stream)
        return EXIT_LOCKED
    started = time.monotonic()
    try:
        code = _run(db, data, mirror, full, as_of, run, stream)
    except StageFailed as exc:
        run.status, run.report, code = "failed", str(exc), exc.code
    except Exception as exc:  # a bug in any stage: the served archive is untouched; record it and say so
        log.exception("refresh %s failed", run.id)
        run.status, run.report, code = "failed", f"unexpected {type(exc).__name__}: {exc}", EXIT_FAILED
    finally:
        run.finished = now_iso()
    if run.status == "failed":
        record_run(db, run, data)
    lock.release()
    print(_report(run, time.monotonic() - started), file=stream)
    return code


def _run(db: Path, data: Path, mirror, full: bool, as_of, run: RunRecord, stream) -> int:
    from archive.build import build_staging
    from frontdoor.checks import check_archive
    from frontdoor.progress import Progress
    from archive.publish import PublishRefused, publish
    from crawler.run import crawl

    before = served_state(db)
    print(f"refresh {run.id}: crawling ({run.mode})", file=stream, flush=True)
    try:
        summary = crawl(data, mirror=mirror, mode=run.mode, run_id=run.id, throttle=not is_loopback(mirror),
                        progress=lambda line: print(line, file=stream, flush=True), timeout=crawl_timeout())
    except (OSError, RuntimeError) as exc:
        raise StageFailed("crawl", str(exc)) from exc
    run.requests = summary.requests
    run.errors = len(summary.errors)
    run.faults = [tuple(f) for f in summary.faults]
    run.per_source = listed_per_source(summary)
    if cut_short(summary):
        # stopped by its crawl budget: what it saw is not a site's whole list, so the counts guard nothing; the
        # run publishes what it has, and the next run is guarded by the last complete run's counts
        run.per_source = before["per_source"]
    problems = crawl_problems(summary, listed_per_source(summary), before["per_source"])
    if problems:
        raise StageFailed("guard", "; ".join(problems), EXIT_GUARD)
    staging = Path(f"{db}.staging")
    print(f"refresh {run.id}: building", file=stream, flush=True)
    try:
        built = build_staging(data, staging, as_of=as_of, progress=Progress(stream))
    except (OSError, sqlite3.Error, RuntimeError) as exc:
        raise StageFailed("build", f"{type(exc).__name__}: {exc}") from exc
    after = served_state(staging)
    run.documents = after["documents"]
    run.new_documents = len(set(after["urls"]) - set(before["urls"]))
    run.changed_documents = sum(1 for u, sha in after["urls"].items() if u in before["urls"] and before["urls"][u] != sha)
    run.withdrawn_documents = built.withdrawn
    run.new_commitments = len(set(after["commitments"]) - set(before["commitments"]))
    run.status_changes = sum(1 for c, s in after["commitments"].items()
                             if c in before["commitments"] and before["commitments"][c] != s)
    run.errors += built.errors
    problems = check_archive(staging)
    if problems:
        raise StageFailed("checks", "; ".join(problems))
    run.status = "ok" if summary.exit_ok and not run.faults else "ok_with_faults"
    run.report = f"crawl: {summary.report().splitlines()[0] if summary.report() else ''}; build: {built.report()}"
    carry_runs(db, staging, run)
    try:
        publish(staging, db)
    except (PublishRefused, sqlite3.Error) as exc:
        run.status = "failed"
        raise StageFailed("publish", str(exc)) from exc
    with open(data / "runs.jsonl", "a", encoding="utf-8") as fh:
        fh.write(json.dumps(run.row(), sort_keys=True) + "\n")
    return EXIT_OK if run.status == "ok" else EXIT_FAULTS


def crawl_timeout() -> float | None:
    """How long the crawl may run: the sources' run budget (crawler/budget.py, which stops it from inside) plus a
    grace period; past it the crawl process is stopped from outside, and the run publishes what it captured."""
    from crawler.budget import run_budget_seconds

    budget = run_budget_seconds()
    return None if budget is None else budget + CRAWL_GRACE_SECONDS


def _report(run: RunRecord, seconds: float) -> str:
    lines = [
        f"refresh {run.id} ({run.mode}): {run.status.upper()} in {seconds:.0f} s",
        f"  documents {run.documents} (new {run.new_documents}, changed {run.changed_documents}, "
        f"withdrawn {run.withdrawn_documents})",
        f"  commitments new {run.new_commitments}, status changes {run.status_changes}",
        f"  requests {run.requests}, errors {run.errors}",
    ]
    if run.per_source:
        lines.append("  per source: " + ", ".join(f"{k} {v}" for k, v in sorted(run.per_source.items())))
    if run.faults:
        lines.append(f"  pages that could not be fetched ({len(run.faults)}; their earlier captures stay):")
        lines += [f"    {error}: {url}" for url, error in run.faults[:20]]
        if len(run.faults) > 20:
            lines.append(f"    ... and {len(run.faults) - 20} more: see the errors table")
    if run.report:
        lines.append(f"  {run.report}")
    return "\n".join(lines)
