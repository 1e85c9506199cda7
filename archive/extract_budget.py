"""Each document's extraction runs with a budget: one hostile letter cannot hold the build (and the nightly lock).

Documents are extracted in worker processes that the build watches (`run_budgeted`). A document whose worker
* uses more than `cpu_seconds` of CPU (the PDF reader's own process is not counted: it has its own limits), or runs
  more than `wall_seconds` in all, is stopped and recorded as `timeout`;
* grows past `memory_mb` resident, or dies (the kernel's OOM killer), is stopped and recorded as `too_large`,
  and so is a payload over `max_payload_mb` (refused before any parsing) and an extracted text over
  `max_text_mb` (more than the server hands out as one value); a document with more than `max_commitments`
  commitments or `max_dates` dates keeps its text, but its facts are not loaded (`too_large`): every derived step
  after extraction (threads, follow-up, timeline, the document page) grows with them and has no budget of its own.
The document's `error` is then `timeout: ...` / `too_large: ...`, which the build turns into an `errors` row with
`error` = `timeout` / `too_large`; the worker is replaced and the run goes on. Refusals are not cached: the next
build tries again (with the budget it has then).

The budget comes from the environment (the operator's knobs): ARCHIVE_EXTRACT_CPU_SECONDS (default 20),
ARCHIVE_EXTRACT_WALL_SECONDS (300), ARCHIVE_EXTRACT_MEMORY_MB (1536), ARCHIVE_EXTRACT_MAX_PAYLOAD_MB (64),
ARCHIVE_EXTRACT_MAX_COMMITMENTS (5000), ARCHIVE_EXTRACT_MAX_DATES (50000).
"""
from __future__ import annotations

import json
import logging
import multiprocessing
import os
import signal
import time
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import wait
from typing import Callable

log = logging.getLogger(__name__)

REFUSALS = ("too_large", "timeout")
_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


@dataclass(frozen=True)
class Budget:
    cpu_seconds: float = 20.0
    wall_seconds: float = 300.0
    memory_mb: int = 1536
    max_payload_mb: int = 64
    max_text_mb: int = 15   # under the 16 MB a value may have on the server (web/plugins/limits.py)
    max_commitments: int = 5_000   # per document; real letters and reports hold tens to hundreds
    max_dates: int = 50_000

    @classmethod
    def from_env(cls, env=None) -> "Budget":
        env = os.environ if env is None else env
        default = cls()

        def get(name, value, kind):
            raw = env.get(f"ARCHIVE_EXTRACT_{name}")
            if raw in (None, ""):
                return value
            try:
                number = kind(raw)
            except ValueError as exc:
                raise ValueError(f"ARCHIVE_EXTRACT_{name}={raw!r} is not a number") from exc
            if number <= 0:
                raise ValueError(f"ARCHIVE_EXTRACT_{name} must be positive, not {raw!r}")
            return number

        return cls(get("CPU_SECONDS", default.cpu_seconds, float), get("WALL_SECONDS", default.wall_seconds, float),
                   get("MEMORY_MB", default.memory_mb, int), get("MAX_PAYLOAD_MB", default.max_payload_mb, int),
                   max_commitments=get("MAX_COMMITMENTS", default.max_commitments, int),
                   max_dates=get("MAX_DATES", default.max_dates, int))

    @property
    def max_payload_bytes(self) -> int:
        return self.max_payload_mb * 1024 * 1024


def split_error(error: str | None) -> tuple[str | None, str | None]:
    """('timeout', 'extraction used ...') for a budget refusal; (error, None) for anything else."""
    if error:
        code, sep, detail = error.partition(": ")
        if sep and code in REFUSALS:
            return code, detail
    return error, None


def _cpu_seconds(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            fields = fh.read().rsplit(b")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / _TICKS
    except (OSError, IndexError, ValueError):
        return None


def _resident_bytes(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/statm", "rb") as fh:
            return int(fh.read().split()[1]) * _PAGE
    except (OSError, IndexError, ValueError):
        return None


def _children(pid: int) -> list[int]:
    """The direct children of a process (Linux /proc; none elsewhere: an orphaned PDF reader ends at its stdin's
    end by itself)."""
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as fh:
            return [int(p) for p in fh.read().split()]
    except (OSError, ValueError):
        return []


def _serve(conn, data_dir: str, max_bytes: int, max_text: int, max_facts: tuple[int, int]) -> None:
    """Worker process: extract the jobs it is handed, one at a time, until told to stop."""
    from archive.extract_runner import run_job

    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        if job is None:
            return
        conn.send(run_job(data_dir, job, max_bytes=max_bytes, max_text=max_text, max_facts=max_facts))


class _Worker:
    def __init__(self, ctx, data_dir: str, budget: Budget):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, data_dir, budget.max_payload_bytes,
                                                     budget.max_text_mb * 1024 * 1024,
                                                     (budget.max_commitments, budget.max_dates)),
                                name="extract-worker")
        self.proc.start()
        child.close()
        self.job = None
        self.started = 0.0
        self.cpu_at_start = 0.0

    def give(self, job) -> None:
        self.conn.send(job)
        self.job = job
        self.started = time.monotonic()
        self.cpu_at_start = _cpu_seconds(self.proc.pid) or 0.0

    def over_budget(self, budget: Budget) -> tuple[str, str] | None:
        wall = time.monotonic() - self.started
        cpu = _cpu_seconds(self.proc.pid)
        if cpu is not None and cpu - self.cpu_at_start > budget.cpu_seconds:
            return "timeout", f"extraction used more than its {budget.cpu_seconds:g} s of CPU (stopped)"
        if wall > budget.wall_seconds:
            return "timeout", f"extraction ran longer than {budget.wall_seconds:g} s (stopped)"
        rss = _resident_bytes(self.proc.pid)
        if rss is not None and rss > budget.memory_mb * 1024 * 1024:
            return "too_large", f"extraction grew past its {budget.memory_mb} MB memory limit (stopped)"
        return None

    def kill(self) -> None:
        """Stop the worker and the PDF reader it started (the worker stays in the build's process group, so that
        whoever stops the build stops it too)."""
        for pid in [*_children(self.proc.pid), self.proc.pid]:
            try:
                os.kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                continue  # already gone
        self.proc.join(10)
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except (BrokenPipeError, OSError):
            pass  # already gone: nothing to stop
        self.proc.join(10)
        if self.proc.is_alive():
            self.kill()
        self.conn.close()


def refusal(code: str, detail: str) -> str:
    """The JSON Extraction a refused document gets (its error names the budget it went over)."""
    import extract
    from extract.records import Extraction, asdict

    result = Extraction(error=f"{code}: {detail}")
    result.extractor_version = extract.EXTRACTOR_VERSION
    return json.dumps(asdict(result), ensure_ascii=False)


def run_budgeted(data_dir: str, jobs: list, workers: int, budget: Budget,
                 store: Callable[[str, str, bool], None]) -> None:
    """Extract every job in `workers` watched processes; `store(key, payload_json, cacheable)` gets each result."""
    if not jobs:
        return
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["extract", "archive.extract_runner"])
    pending = deque(jobs)
    pool = [_Worker(ctx, data_dir, budget) for _ in range(max(1, min(workers, len(jobs))))]
    try:
        while True:
            for w in pool:
                if w.job is None and pending:
                    w.give(pending.popleft())
            busy = [w for w in pool if w.job is not None]
            if not busy:
                return
            ready = wait([w.conn for w in busy], timeout=0.2)
            for i, w in enumerate(pool):
                if w.job is None:
                    continue
                job = w.job
                if w.conn in ready:
                    try:
                        key, payload = w.conn.recv()
                    except (EOFError, OSError):
                        code = w.proc.exitcode
                        log.warning("extraction worker died on %s (exit %s)", job.url, code)
                        if code is not None and code < 0:  # killed by a signal: the kernel's OOM killer, mostly
                            payload = refusal("too_large", f"the extraction worker was killed (signal {-code}), "
                                                           "most likely over the memory limit")
                        else:
                            payload = refusal("extractor failed", f"the extraction worker exited ({code})")
                        store(job.key, payload, False)
                        w.kill()
                        pool[i] = _Worker(ctx, data_dir, budget)
                        continue
                    w.job = None
                    store(key, payload, True)
                    continue
                over = w.over_budget(budget)
                if over:
                    log.warning("%s: %s: %s", job.url, *over)
                    w.kill()
                    store(job.key, refusal(*over), False)
                    pool[i] = _Worker(ctx, data_dir, budget)
    finally:
        for w in pool:
            w.stop()
