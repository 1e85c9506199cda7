"""Seeded mutations of the fixture documents: the readers return a result or a clear DocumentError, nothing else.

Mutations: truncation at a random point, a run of random bytes written over the file, random tags deleted.
Every case is reproducible from its seed (printed in the test id).
"""
from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from extract.readers.html import parse_html
from extract.readers.pdf import DocumentError, parse_pdf, shutdown_workers

DOCS = Path(__file__).resolve().parents[2] / "files" / "docs"
HTML = sorted(DOCS.glob("*.html"))
PDF = sorted(DOCS.glob("*.pdf"))


def mutate(data: bytes, seed: int) -> bytes:
    rng = random.Random(seed)
    kind = seed % 3
    if kind == 0:
        return data[: rng.randrange(1, len(data))]
    if kind == 1:
        start = rng.randrange(0, len(data))
        run = bytes(rng.getrandbits(8) for _ in range(rng.randrange(1, 400)))
        return data[:start] + run + data[start + len(run):]
    tags = list(re.finditer(rb"<[^>]{1,80}>", data)) or [None]
    for found in rng.sample(tags, k=max(1, len(tags) // 5)):
        if found is not None:
            data = data.replace(found.group(0), b"", 1)
    return data


@pytest.fixture(scope="module", autouse=True)
def _workers():
    yield
    shutdown_workers()


@pytest.mark.parametrize("seed", range(60))
def test_mutated_html_keeps_the_intact_text(seed):
    """A damaged page never raises, and what it gives is clean text: no markup, no stray whitespace, and a
    paragraph the damage did not reach is still read word for word."""
    source = HTML[seed % len(HTML)]
    original = parse_html(source.read_bytes(), "https://osr.statisticsauthority.gov.uk/correspondence/x/")
    damaged = mutate(source.read_bytes(), seed)
    doc = parse_html(damaged, "https://osr.statisticsauthority.gov.uk/correspondence/x/")
    for para in doc.paragraphs:
        assert para.text == para.text.strip() and para.text
        assert not re.search(r"<(p|div|span|a|script|style)\b[^>]*>", para.text)
    if seed % 3 == 0 and original.paragraphs:  # truncated: the first paragraph lies before the cut in most pages
        first = original.paragraphs[0].text
        if first.encode()[:40] in damaged and len(damaged) > len(source.read_bytes()) * 0.9:
            assert any(first in p.text for p in doc.paragraphs)


@pytest.mark.parametrize("seed", range(24))
def test_mutated_pdf_gives_text_or_a_clear_error(seed):
    source = PDF[seed % len(PDF)]
    try:
        doc = parse_pdf(mutate(source.read_bytes(), seed), timeout=20)
    except DocumentError as err:
        assert str(err) and "\n" not in str(err)
    else:
        assert doc.pages and doc.paragraphs
