"""Seeded mutations of the fixture documents: the readers return a result or a clear DocumentError, nothing else.

Mutations: truncation at a random point, a run of random bytes written over the file, random tags deleted.
Every case is reproducible from its seed (printed in the test id).
"""
from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from extract.html import parse_html
from extract.pdf import DocumentError, parse_pdf, shutdown_workers

DOCS = Path(__file__).parent / "files" / "docs"
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
def test_mutated_html_never_raises(seed):
    source = HTML[seed % len(HTML)]
    doc = parse_html(mutate(source.read_bytes(), seed), "https://osr.statisticsauthority.gov.uk/correspondence/x/")
    assert isinstance(doc.paragraphs, list)


@pytest.mark.parametrize("seed", range(24))
def test_mutated_pdf_gives_text_or_a_clear_error(seed):
    source = PDF[seed % len(PDF)]
    try:
        doc = parse_pdf(mutate(source.read_bytes(), seed), timeout=20)
    except DocumentError as err:
        assert str(err) and "\n" not in str(err)
    else:
        assert doc.pages and doc.paragraphs
