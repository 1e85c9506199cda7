"""Extract many documents on every core, reusing earlier results (cache keyed by payload digests + extractor version).

The cache lives at DATA/extract-cache.db: it is derived data, safe to delete (`make clean` does). Each document
is extracted in a watched worker process with a time and memory budget (archive/extract_budget.py).
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import tempfile
import traceback
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from warcio.recordloader import ArchiveLoadFailed

import extract
from captures.groups import CaptureRef, DocumentGroup
from archive.extract_budget import Budget, run_budgeted, split_error
from extract.records import Extraction, asdict, extraction_from_dict

log = logging.getLogger(__name__)


@dataclass
class Job:
    key: str
    url: str
    version: CaptureRef
    chapters: list[CaptureRef]
    hints: dict
    facts: bool
    fallbacks: list[CaptureRef] = field(default_factory=list)  # older captures, newest first
    # a text-only job (an older capture's text, for document_versions): the key of this payload's full extraction,
    # from the builds when it was the newest capture; that result holds the same text (see `extract_all`)
    full_key: str | None = None


def cache_path(data_dir: Path) -> Path:
    """DATA/extract-cache.db; for a read-only DATA, a cache of its own in the system's temporary folder (keyed by
    DATA's path), DATA's own cache still being read (attached read-only) when there is one."""
    from captures.capturedb import writable

    if writable(data_dir):
        return data_dir / "extract-cache.db"
    key = hashlib.sha256(str(Path(data_dir).resolve()).encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"osr-archive-extract-cache-{key}.db"


def _open_cache(data_dir: Path) -> sqlite3.Connection:
    path = cache_path(data_dir)
    conn = sqlite3.connect(path.resolve().as_uri(), timeout=60, uri=True)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE IF NOT EXISTS cache (key TEXT PRIMARY KEY, extractor_version TEXT, result TEXT)")
    shipped = data_dir / "extract-cache.db"
    if path != shipped and shipped.exists():
        conn.execute("ATTACH DATABASE ? AS shipped", (shipped.resolve().as_uri() + "?immutable=1",))
    return conn


def _cached(cache: sqlite3.Connection, key: str):
    row = cache.execute("SELECT result FROM cache WHERE key = ?", (key,)).fetchone()
    if row is None and any(name == "shipped" for _seq, name, _file in cache.execute("PRAGMA database_list")):
        row = cache.execute("SELECT result FROM shipped.cache WHERE key = ?", (key,)).fetchone()
    return row


def _text_of_full(cache: sqlite3.Connection, job: Job) -> Extraction | None:
    """When a letter is captured anew, its previous capture is kept as an older version, whose text only is needed:
    the full extraction that capture had while it was the newest (same payload, URL, hints and extractor, and no
    chapters, which only the newest capture reads) holds that text, title and metadata, so it is not extracted again.
    Not when that extraction read an older capture because this one was unreadable: a text-only job has no
    fallback, and says so."""
    if job.full_key is None:
        return None
    row = _cached(cache, job.full_key)
    if row is None:
        return None
    result = extraction_from_dict(json.loads(row[0]))
    if any(w.startswith("capture ") and "unreadable" in w for w in result.warnings):
        return None
    result.dates, result.commitments = [], []  # what a text-only extraction leaves out
    return result


def _read(data_dir: Path, ref: CaptureRef) -> bytes:
    from captures.warcstore import read_payload

    if not ref.warc_file or ref.warc_offset is None:
        raise FileNotFoundError(f"capture {ref.id} has no WARC record")
    try:
        payload = read_payload(data_dir, ref.warc_file, ref.warc_offset)
    except (ArchiveLoadFailed, zlib.error, EOFError) as exc:
        raise ValueError(f"WARC record at {ref.warc_file}:{ref.warc_offset} is damaged: {type(exc).__name__}") from exc
    return payload[1] if isinstance(payload, tuple) else payload


def run_job(data_dir: str, job: Job, max_bytes: int | None = None, max_text: int | None = None,
            max_facts: tuple[int, int] | None = None) -> tuple[str, str]:
    """Worker: read the payloads from the WARC files and run the extractors. Never raises. A payload over
    `max_bytes` is refused (`too_large`) before any parsing, an extracted text over `max_text` after; a document
    with more commitments or dates than `max_facts` keeps its text but not its facts (`too_large`)."""
    data = Path(data_dir)
    warnings = []
    try:
        try:
            content = _read(data, job.version)
        except (OSError, ValueError) as exc:
            content = None
            for older in job.fallbacks:  # a damaged WARC record: fall back to the newest readable capture
                try:
                    content = _read(data, older)
                except (OSError, ValueError):
                    continue
                warnings.append(f"capture {job.version.id} unreadable ({type(exc).__name__}: {exc}); "
                                f"text from capture {older.id} of {older.fetched_at}")
                break
            if content is None:
                raise
        if max_bytes is not None and len(content) > max_bytes:
            raise PayloadTooLarge(f"too_large: payload of {len(content):,} bytes is over the "
                                  f"{max_bytes // 2**20} MB limit (not parsed)")
        hints = dict(job.hints)
        if job.chapters:
            hints["chapters"] = [_read(data, ref) for ref in job.chapters]
        result = extract.extract_document(
            content, content_type=job.version.content_type, url=job.url, hints=hints, facts=job.facts
        )
        text_bytes = len((result.text or "").encode("utf-8"))
        if max_text is not None and text_bytes > max_text:
            raise PayloadTooLarge(f"too_large: extracted text of {text_bytes:,} bytes is over the "
                                  f"{max_text // 2**20} MB the archive serves as one value")
        if max_facts is not None and (len(result.commitments) > max_facts[0] or len(result.dates) > max_facts[1]):
            # more facts than any letter or report holds: every later step (threads, follow-up, timeline, the
            # page) would pay for them; the text stays searchable, the facts are not loaded
            result.error = (f"too_large: {len(result.commitments):,} commitments and {len(result.dates):,} dates, "
                            f"over the {max_facts[0]:,} / {max_facts[1]:,} a document may have (text kept, facts "
                            "not loaded)")
            result.commitments, result.dates = [], []
    except PayloadTooLarge as exc:
        result = Extraction(error=str(exc))
    except (OSError, ValueError) as exc:
        result = Extraction(error=f"capture unreadable: {type(exc).__name__}: {exc}")
    except Exception as exc:  # an extractor bug must not stop the run: record it against the document
        last = traceback.extract_tb(exc.__traceback__)[-1]
        result = Extraction(
            error=f"extractor failed: {type(exc).__name__}: {exc} ({Path(last.filename).name}:{last.lineno})"
        )
    result.extractor_version = extract.EXTRACTOR_VERSION
    result.warnings = [*warnings, *result.warnings]
    return job.key, json.dumps(asdict(result), ensure_ascii=False)


class PayloadTooLarge(Exception):
    """A payload over the per-document size budget."""


def plan_jobs(groups: Iterable[DocumentGroup]) -> list[Job]:
    jobs = []
    for group in groups:
        for index, version in enumerate(group.versions):
            latest = index == len(group.versions) - 1
            key = group.cache_key(version, extract.EXTRACTOR_VERSION)
            jobs.append(
                Job(
                    key=key + ("" if latest else ":text"),
                    url=group.url,
                    version=version,
                    chapters=group.chapters if latest else [],
                    hints=group.hints,
                    facts=latest,
                    fallbacks=list(reversed(group.versions[:index])) if latest else [],
                    full_key=None if latest or group.chapters else key,
                )
            )
    return jobs


def extract_all(
    data_dir: str | Path,
    jobs: list[Job],
    *,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    budget: Budget | None = None,
) -> tuple[dict[str, Extraction], int]:
    """Results for every job (from the cache or freshly extracted) and how many were extracted anew."""
    data_dir = Path(data_dir)
    cache = _open_cache(data_dir)
    results: dict[str, Extraction] = {}
    todo = []
    for job in jobs:
        row = _cached(cache, job.key)
        if row:
            results[job.key] = extraction_from_dict(json.loads(row[0]))
            continue
        reused = _text_of_full(cache, job)
        if reused is not None:
            results[job.key] = reused
        else:
            todo.append(job)
    workers = workers or min(2, os.cpu_count() or 1)
    done = 0

    def store(key: str, payload: str, cacheable: bool = True) -> None:
        nonlocal done
        results[key] = extraction_from_dict(json.loads(payload))
        if cacheable and split_error(results[key].error)[1] is None:  # a budget refusal is tried again next build
            cache.execute(
                "INSERT OR REPLACE INTO cache (key, extractor_version, result) VALUES (?, ?, ?)",
                (key, extract.EXTRACTOR_VERSION, payload),
            )
        done += 1
        if done % 50 == 0:
            cache.commit()
        if progress:
            progress(done, len(todo))

    run_budgeted(str(data_dir), todo, workers, budget or Budget.from_env(), store)
    cache.commit()
    cache.close()
    return results, len(todo)
