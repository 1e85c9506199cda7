"""Benchmarks for the document readers: `python -m bench documents` prints these rows.

Rows (what, size, figure, unit):
* HTML documents/second on one core: the fixture pages with realistic site chrome (menus, icons, scripts;
  30-60 KB each), and every page of the sample mirror when it is present.
* PDF pages/second, one core and both cores (two processes, each with its own reader worker), over a generated
  set of multi-page PDFs; peak memory (max RSS) of the reader workers.
* pdfplumber (on 50 pages) and `pdftotext` (on the same set, when poppler-utils is installed) pages/second, as
  speed references.
"""
from __future__ import annotations

import io
import multiprocessing
import resource
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "files" / "docs"
MIRROR = ROOT / "mirror" / "site"
WORDS = ("the statistics on harbour traffic remain valuable to users and the department should publish a short "
         "reconciliation of the quarterly figures with the annual totals before the next release").split()


def _chrome(page: bytes) -> bytes:
    menu = b"".join(b"<li><a href='/topic/%d/'><svg viewBox='0 0 8 8'><path d='M0 0L8 4L0 8z'/></svg>"
                    b"<span>Statistics topic %d</span></a><ul><li><a href='/topic/%d/a/'>Sub page</a></li></ul></li>"
                    % (i, i, i) for i in range(150))
    script = b"<script>var config = {" + b"'key': 'value', " * 600 + b"};</script>"
    return page.replace(b"<body", b"<body><nav><ul>" + menu + b"</ul></nav>" + script + b"<div", 1)


def _html_rate(pages: list[bytes], rounds: int) -> float:
    from extract.readers.html import parse_html

    start = time.process_time()
    for _ in range(rounds):
        for page in pages:
            parse_html(page)
    return rounds * len(pages) / max(1e-9, time.process_time() - start)


def make_pdf(pages: int, seed: int) -> bytes:
    """A plain text PDF: 40 lines of 12-word sentences per page, a page number at the foot."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    for number in range(1, pages + 1):
        c.setFont("Helvetica", 11)
        for line in range(40):
            start = (seed + number * 7 + line * 3) % len(WORDS)
            c.drawString(72, 770 - line * 16, " ".join((WORDS * 2)[start:start + 12]))
        c.setFont("Helvetica", 9)
        c.drawCentredString(297, 40, str(number))
        c.showPage()
    c.save()
    return buf.getvalue()


def _read_pdfs(files: list[bytes]) -> int:
    """Run in a pool process: read every file with this process's reader worker; the pages read."""
    from extract.readers.pdf import parse_pdf

    return sum(parse_pdf(content).pages or 0 for content in files)


def _stop_reader(_: int) -> int:
    """Stop this pool process's reader worker; its max RSS in KB (the reader is this process's waited child)."""
    from extract.readers.pdf import shutdown_workers

    shutdown_workers()
    time.sleep(0.2)  # let the sibling pool process take its own share of the stop calls
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


def _pdf_rate(files: list[bytes], processes: int) -> tuple[float, int, int]:
    chunks = [files[i::processes] for i in range(processes)]
    context = multiprocessing.get_context("spawn")
    with context.Pool(processes) as pool:
        pool.map(_read_pdfs, [[make_pdf(1, 0)]] * processes, chunksize=1)  # warm: interpreters, readers, imports
        start = time.perf_counter()
        pages = sum(pool.map(_read_pdfs, chunks, chunksize=1))
        elapsed = time.perf_counter() - start
        rss = max(pool.map(_stop_reader, range(processes), chunksize=1))
    return pages / elapsed, pages, rss


def _pdfplumber_rate(files: list[bytes]) -> float:
    import pdfplumber

    start, pages = time.perf_counter(), 0
    for content in files:
        with pdfplumber.open(io.BytesIO(content)) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.close()
                pages += 1
    return pages / (time.perf_counter() - start)


def _pdftotext_rate(files: list[bytes], pages: int) -> float | None:
    if not shutil.which("pdftotext"):
        return None
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i, content in enumerate(files):
            path = Path(tmp) / f"{i}.pdf"
            path.write_bytes(content)
            paths.append(path)
        start = time.perf_counter()
        for path in paths:
            subprocess.run(["pdftotext", "-layout", str(path), str(path.with_suffix(".txt"))], check=True)
        return pages / (time.perf_counter() - start)


def bench_documents() -> list[tuple]:
    rows: list[tuple] = []
    names = ("osr_letter_wordpress.html", "ons_statement.html", "report_chapter.html", "uksa_letter_latin1.html",
             "legacy_summary.html", "organisation_archive.html")
    pages = [_chrome((FIXTURES / n).read_bytes()) for n in names]
    size = f"{len(pages)} pages, {min(map(len, pages)) // 1024}-{max(map(len, pages)) // 1024} KB"
    rows.append(("HTML documents/second (fixtures + site chrome, 1 core)", size, _html_rate(pages, 30), "docs/s"))
    heavy = [_chrome(page) for page in pages]  # twice the chrome: 70-80 KB, the top of the real range
    size = f"{len(heavy)} pages, {min(map(len, heavy)) // 1024}-{max(map(len, heavy)) // 1024} KB"
    rows.append(("HTML documents/second (fixtures + heavy site chrome, 1 core)", size, _html_rate(heavy, 15),
                 "docs/s"))
    mirror = sorted(MIRROR.rglob("*.html")) if MIRROR.exists() else []
    if mirror:
        mirror_pages = [p.read_bytes() for p in mirror]
        kb = sum(map(len, mirror_pages)) // len(mirror_pages) // 1024
        rows.append(("HTML documents/second (sample mirror, 1 core)", f"{len(mirror_pages)} pages, mean {kb} KB",
                     _html_rate(mirror_pages, 3), "docs/s"))
    files = [make_pdf(25, seed) for seed in range(32)]  # 800 pages
    one, pages_read, _ = _pdf_rate(files, 1)
    both, _, rss = _pdf_rate(files, 2)
    size = f"{len(files)} PDFs, {pages_read} pages"
    rows.append(("PDF pages/second (pypdfium2 layout reader, 1 process)", size, one, "pages/s"))
    rows.append(("PDF pages/second (2 processes, both cores)", size, both, "pages/s"))
    rows.append(("PDF reader worker peak memory (max RSS)", size, rss / 1024, "MiB"))
    plumber = _pdfplumber_rate(files[:2])
    rows.append(("pdfplumber extract_text pages/second (reference, 1 process)", "2 PDFs, 50 pages", plumber,
                 "pages/s"))
    reference = _pdftotext_rate(files, pages_read)
    if reference is not None:
        rows.append(("pdftotext -layout pages/second (reference, 1 process)", size, reference, "pages/s"))
    return rows


if __name__ == "__main__":
    for row in bench_documents():
        print(row)
