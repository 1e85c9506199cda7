"""PDF -> ParsedDocument, read in a separate worker process with a memory limit and a time limit.

Errors: `parse_pdf` RAISES `extract.errors.DocumentError(reason)`, the one reader error, for every file it cannot
read (corrupt, truncated, encrypted, empty, no text, image-only without OCR, over the memory limit, over the time
limit, the worker crashing). The reason is one clear line for the document's `error` column; the caller records
it and goes on. Nothing here can hang or kill the caller: the reader runs in a child process
(`extract/readers/pdf_worker.py`) started once per calling process and reused, with RLIMIT_AS set inside it; a child over
its time limit is killed and replaced.

A PDF whose pages hold (almost) no text is a failure, not a result. Pages with no text but an image are listed in
`image_only_pages`; when Debian's `tesseract` is installed they are read by OCR and `ocr` is True.
"""
from __future__ import annotations

import atexit
import json
import os
import select
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from extract.errors import DocumentError  # noqa: F401  (the one reader error; re-exported for callers)
from extract.records import LinkRef, Paragraph, ParsedDocument
from extract.readers.related import is_attachment, parse_related_text
from extract.readers.text import detect_language

ROOT = str(Path(__file__).resolve().parents[2])
MIN_TEXT_CHARS = 40  # less than this from a PDF that has pages is "no text", not a result
MAX_DOCS_PER_WORKER = 200  # restart the worker now and then so a leak in PDFium cannot grow without bound


class _Worker:
    """One reader child process; requests are framed as u64 length + bytes on its stdin/stdout."""

    def __init__(self, memory_mb: int):
        self.memory_mb = memory_mb
        self.owner = os.getpid()
        self.served = 0
        self.stderr = tempfile.TemporaryFile()
        code = f"import sys; sys.path.insert(0, {ROOT!r}); from extract.readers.pdf_worker import main; main()"
        self.proc = subprocess.Popen([sys.executable, "-c", code, str(memory_mb)], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=self.stderr, close_fds=True)

    def alive(self) -> bool:
        return self.proc.poll() is None and self.owner == os.getpid() and self.served < MAX_DOCS_PER_WORKER

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream:
                stream.close()
        self.stderr.close()

    def _crash_reason(self) -> str:
        code = self.proc.wait()
        self.stderr.seek(0, os.SEEK_END)
        size = self.stderr.tell()
        self.stderr.seek(max(0, size - 400))
        tail = self.stderr.read().decode("utf-8", "replace").strip().splitlines()
        detail = f" ({tail[-1][:200]})" if tail else ""
        if code < 0:
            name = signal.Signals(-code).name
            return (f"PDF reader crashed with {name}, most likely over its {self.memory_mb} MB memory limit or on a "
                    f"malformed file{detail}")
        return f"PDF reader exited with status {code}{detail}"

    def request(self, content: bytes, options: dict, timeout: float) -> dict:
        self.served += 1
        head = json.dumps(options).encode()
        try:
            self.proc.stdin.write(struct.pack("<Q", len(head)) + head + struct.pack("<Q", len(content)))
            self.proc.stdin.write(content)
            self.proc.stdin.flush()
        except BrokenPipeError as err:
            raise DocumentError(self._crash_reason()) from err
        deadline = time.monotonic() + timeout
        size = struct.unpack("<Q", self._read(8, deadline, timeout))[0]
        return json.loads(self._read(size, deadline, timeout))

    def _read(self, n: int, deadline: float, timeout: float) -> bytes:
        fd = self.proc.stdout.fileno()
        data = b""
        while len(data) < n:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                self.proc.kill()
                self.proc.wait()
                raise DocumentError(f"PDF reading took longer than the {timeout:g} s time limit")
            chunk = os.read(fd, n - len(data))
            if not chunk:
                raise DocumentError(self._crash_reason())
            data += chunk
        return data


_workers: dict[int, _Worker] = {}
_lock = threading.Lock()


def _worker(memory_mb: int) -> _Worker:
    worker = _workers.get(memory_mb)
    if worker is None or not worker.alive():
        if worker is not None and worker.owner == os.getpid():
            worker.stop()
        worker = _workers[memory_mb] = _Worker(memory_mb)
    return worker


def shutdown_workers() -> None:
    """Stop this process's reader children (tests and the build call it when done)."""
    with _lock:
        for worker in list(_workers.values()):
            if worker.owner == os.getpid():
                worker.stop()
        _workers.clear()


atexit.register(shutdown_workers)


def read_in_worker(content: bytes, *, timeout: float = 60, memory_mb: int = 1024, ocr: bool = True) -> dict:
    """The raw reader reply (a dict) for one PDF; raises DocumentError."""
    with _lock:
        worker = _worker(memory_mb)
        try:
            reply = worker.request(content, {"ocr": ocr}, timeout)
        except DocumentError:
            worker.stop()
            _workers.pop(memory_mb, None)
            raise
    if not reply.get("ok"):
        raise DocumentError(reply.get("error") or "PDF reader failed without a reason")
    return reply["doc"]


def parse_pdf(content: bytes, *, timeout: float = 60, memory_mb: int = 1024, ocr: bool = True) -> ParsedDocument:
    """Read a PDF: paragraphs in reading order with their page numbers. Raises DocumentError (see module doc)."""
    raw = read_in_worker(content, timeout=timeout, memory_mb=memory_mb, ocr=ocr)
    paragraphs = [Paragraph(p["text"], page=p["page"]) for p in raw["paragraphs"]]
    text_chars = sum(len(p.text.strip()) for p in paragraphs)
    pages = raw["pages"]
    image_only = raw["image_only_pages"]
    if text_chars < MIN_TEXT_CHARS:
        if image_only and len(image_only) == pages and not raw["ocr"]:
            raise DocumentError(f"image-only PDF: none of its {pages} page(s) has a text layer and OCR "
                                "(tesseract) is not installed")
        raise DocumentError(f"no text: the PDF has {pages} page(s) but only {text_chars} characters of text")
    doc = ParsedDocument(title=raw["title"], paragraphs=paragraphs, pages=pages, ocr=raw["ocr"],
                         image_only_pages=image_only)
    _sections(doc)
    seen = {link.url for link in doc.links}
    for link in raw.get("links", []):  # annotated web links: references to reports and earlier letters
        if link["url"] not in seen:
            seen.add(link["url"])
            kind = "attachment" if is_attachment(link["url"]) else "inline"
            doc.links.append(LinkRef(url=link["url"], label=link["label"], kind=kind))
    doc.language = detect_language(doc.text)
    return doc


def _sections(doc: ParsedDocument) -> None:
    """Header before the salutation, annex after an "Annex" heading, related links at the end; the date line."""
    from extract.readers.html import ANNEX, SALUTATION, _date_only
    from extract.readers.related import is_related_heading

    paras = doc.paragraphs
    greeting = next((i for i, p in enumerate(paras[:40]) if SALUTATION.match(p.text)), None)
    section = "body"
    for i, para in enumerate(paras):
        if greeting is not None and i < greeting:
            para.section = "header"
            if doc.date is None and _date_only(para.text):
                doc.date = _date_only(para.text)
                doc.meta["date_source"] = "letter"
            continue
        if is_related_heading(para.text):
            section = "related"
        elif ANNEX.match(para.text) and section != "related":
            section = "annex"
        para.section = section
    if doc.date is None:
        for para in paras[:8]:
            if para.page == 1 and _date_only(para.text):
                doc.date = _date_only(para.text)
                doc.meta["date_source"] = "letter"
                break
    related = "\n".join(p.text for p in paras if p.section == "related")
    doc.links = parse_related_text(related) if related else []
