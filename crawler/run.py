"""`crawl(...)`: the function the pipeline calls. Runs one crawl in a subprocess and returns its summary.

Why a subprocess: Twisted's reactor cannot be restarted within a process (a second in-process crawl would
fail), Scrapy installs signal and log handlers, and a crawl killed with SIGKILL must leave its caller standing.
The child (`python -m crawler run ...`) writes WARC files and captures.db itself and hands back a JSON
`CrawlSummary`; its log goes to DATA/logs/crawl-<run_id>.log.
"""
from __future__ import annotations

import os
import re
import signal
import time
from typing import Callable
import secrets
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

from crawler.summary import CrawlSummary

__all__ = ["crawl", "CrawlSummary", "new_run_id"]
STOP_GRACE = 10   # seconds a crawl over its time limit gets to stop by itself, after each SIGTERM


def new_run_id() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(3)


def crawl_command(data_dir, mirror=None, mode="full", sources=None, throttle=True, run_id=None,
                  log_level="INFO", summary_path=None, settings: dict | None = None,
                  rolling_share: float | None = None, enforce_minimums: bool | None = None) -> list[str]:
    cmd = [sys.executable, "-m", "crawler", "run", "--data", str(data_dir), "--mode", mode,
           "--run-id", run_id, "--log-level", log_level]
    if mirror:
        cmd += ["--mirror", mirror]
    if sources:
        cmd += ["--sources", ",".join(sources)]
    if not throttle:
        cmd.append("--no-throttle")
    if summary_path:
        cmd += ["--summary", str(summary_path)]
    if rolling_share is not None:
        cmd += ["--rolling-share", str(rolling_share)]
    if enforce_minimums is not None:
        cmd.append("--enforce-minimums" if enforce_minimums else "--no-enforce-minimums")
    for key, value in (settings or {}).items():
        cmd += ["--set", f"{key}={value}"]
    return cmd


def _die_with_parent() -> None:
    """In the child, before exec: ask Linux to SIGTERM the crawl if its caller dies (even by SIGKILL), so an
    orphaned crawl never goes on writing into DATA beside the next run."""
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass  # not Linux: the run lock still stops a second run from starting while the parent lives


def _wait(proc: subprocess.Popen, log_file: Path, timeout: float | None, progress) -> None:
    """Wait for the crawl; every 30 s hand `progress` Scrapy's latest "Crawled N pages" line from the log."""
    started = time.monotonic()
    while True:
        try:
            proc.wait(timeout=30 if progress else timeout)
            return
        except subprocess.TimeoutExpired:
            if timeout is not None and time.monotonic() - started > timeout:
                raise
        if progress:
            line = _last_stats_line(log_file)
            progress(f"crawl: {line or 'started'} ({time.monotonic() - started:.0f} s)")


def _last_stats_line(log_file: Path) -> str | None:
    try:
        with open(log_file, "rb") as fh:
            fh.seek(max(0, log_file.stat().st_size - 20000))
            tail = fh.read().decode("utf-8", "replace")
    except OSError:
        return None
    found = re.findall(r"(Crawled \d+ pages \(at \d+ pages/min\)[^\n]*)", tail)
    return found[-1].strip() if found else None


def _stop(proc: subprocess.Popen) -> None:
    """SIGTERM (Scrapy closes the spider and writes its summary), a second one if it waits on slow downloads
    (Scrapy's unclean shutdown: the reactor stops, the summary is still written), then SIGKILL."""
    for _ in range(2):
        proc.terminate()
        try:
            proc.wait(timeout=STOP_GRACE)
            return
        except subprocess.TimeoutExpired:
            continue
    proc.kill()
    proc.wait()


def crawl(data_dir, mirror: str | None = None, mode: str = "full", sources: list[str] | None = None,
          throttle: bool = True, run_id: str | None = None, log_level: str = "INFO", *,
          settings: dict | None = None, rolling_share: float | None = None,
          enforce_minimums: bool | None = None, timeout: float | None = None,
          progress: Callable[[str], None] | None = None) -> CrawlSummary:
    """Crawl the sources (live, or `mirror='http://127.0.0.1:PORT'`) into `data_dir`.

    mode='full' requests every page (conditionally where a capture exists); mode='refresh' requests listings,
    sitemaps, the API, what is new or changed, and the rolling share of known documents. `settings` overrides
    Scrapy settings (tests: short timeouts). Returns the run's `CrawlSummary` (`.report()` for people,
    `.exit_ok` for machines); a crawl that died without a summary returns one with finished=False. A crawl still
    running after `timeout` seconds is stopped (`_stop`) and its summary returned
    with a `crawl_timeout` fault: what it captured is kept."""
    if mode not in ("full", "refresh"):
        raise ValueError(f"mode must be 'full' or 'refresh', not {mode!r}")
    data_dir = Path(data_dir)
    run_id = run_id or new_run_id()
    logs = data_dir / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    log_file = logs / f"crawl-{run_id}.log"
    summary_path = logs / f"crawl-{run_id}.summary.json"
    cmd = crawl_command(data_dir, mirror, mode, sources, throttle, run_id, log_level, summary_path, settings,
                        rolling_share, enforce_minimums)
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parent.parent)
    env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    timed_out = False
    with open(log_file, "ab") as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env, preexec_fn=_die_with_parent)
        try:
            _wait(proc, log_file, timeout, progress)
        except subprocess.TimeoutExpired:
            # over the caller's limit: stopped, keeping what it captured (captures.db rows are written as it goes)
            timed_out = True
            _stop(proc)
        except BaseException:
            proc.kill()  # Ctrl-C: the crawl stops with its caller
            proc.wait()
            raise
    if summary_path.exists():
        summary = CrawlSummary.from_json(summary_path.read_text(encoding="utf-8"))
    else:   # killed, or died before the end: the log says why
        summary = CrawlSummary(run_id=run_id, mode=mode, finished=False, exit_ok=False)
    summary.log_file = str(log_file)
    if proc.returncode not in (0, 1):
        summary.exit_ok = False
    if timed_out:
        summary.exit_ok = summary.finished = False
        summary.errors.append((f"run:{run_id}", "crawl_timeout"))
    return summary
