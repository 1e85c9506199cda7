"""Issue #4 item 2: the fast PDF engine is allowed only where it gives the same text as pdfplumber. Every PDF we hold
is read both ways; our reader drops running headers, footers and page numbers and repairs hyphenation, so the
comparison is on words: nearly every word we give is in pdfplumber's text, and nearly all of pdfplumber's body
words are in ours."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pdfplumber
import pytest

from extract.readers.pdf import parse_pdf

ROOT = Path(__file__).resolve().parents[3]
PDFS = sorted([*(ROOT / "tests/files/docs").glob("*.pdf"), *(ROOT / "mirror/site").rglob("*.pdf"),
               *(ROOT / "eval/gold").glob("*.pdf")])


def words(text: str) -> Counter:
    return Counter(w.lower() for w in re.findall(r"[A-Za-z][A-Za-z']+", text.replace("-\n", "")))


def plumber_text(path: Path) -> tuple[str, str]:
    """pdfplumber's text without the lines that repeat on several pages (running headers and footers, page
    numbers): those are the lines our reader is asked to remove."""
    with pdfplumber.open(path) as pdf:
        pages = []
        for page in pdf.pages:
            pages.append((page.extract_text() or "").splitlines())
            page.close()
    shape = lambda line: re.sub(r"\d+", "#", line.strip().lower())  # noqa: E731
    seen = Counter(s for lines in pages for s in {shape(line) for line in lines})
    running = {s for s, n in seen.items() if len(pages) > 1 and n > 1}
    full = "\n".join(line for lines in pages for line in lines)
    return full, "\n".join(line for lines in pages for line in lines if shape(line) not in running)


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_same_words_as_pdfplumber(path):
    ours = words("\n".join(p.text for p in parse_pdf(path.read_bytes()).paragraphs))
    full, body = plumber_text(path)
    theirs = words(body)
    assert sum(ours.values()) > 20
    extra = ours - words(full)  # words we invented
    assert sum(extra.values()) <= 0.02 * sum(ours.values()) + 2, extra.most_common(10)
    missing = theirs - ours  # body words we dropped
    assert sum(missing.values()) <= 0.03 * sum(theirs.values()) + 2, missing.most_common(15)
