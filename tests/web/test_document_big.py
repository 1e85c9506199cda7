"""A document with thousands of commitments: every one marked, by its stored span when the archive has one, the
page listing the first ones with their history and linking to the rest, and the server answering other requests
meanwhile (issue 14 item 2). The big document is generated here (bench/hostile.py); the 20,000-commitment
timing is `python -m bench hostile`."""
from __future__ import annotations

import re

import pytest

from web.document_page import COMMITMENTS_LISTED
from bench.hostile import BIG_DOC_ID, big_document_archive
from web.marking import locate_marks, render_marked
from bench.datasette import running_datasette

N = COMMITMENTS_LISTED + 500


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    db = big_document_archive(tmp_path_factory.mktemp("bigdoc") / "archive.db", N)
    with running_datasette(db) as server:
        status, _headers, body = server.get(f"/archive/documents/{BIG_DOC_ID}")
        assert status == 200
        yield server, body.decode("utf-8")


def test_every_commitment_is_marked_in_the_text(page):
    _server, html = page
    text = html.split('<div class="doc-text">', 1)[1].split("</div>", 1)[0]
    anchors = re.findall(r'<mark class="m-commitment" title="[^"]*" id="(c\d+-\d+)">', text)
    assert len(anchors) == N
    assert anchors[0] == f"c{BIG_DOC_ID}-1" and anchors[-1] == f"c{BIG_DOC_ID}-{N}"


def test_the_first_commitments_are_listed_with_their_history_and_the_rest_linked(page):
    server, html = page
    section = html.split('<section id="commitments">', 1)[1].split("</section>", 1)[0]
    assert f"Commitments ({N})" in section
    assert section.count('<li class="commitment') == COMMITMENTS_LISTED
    assert section.count("published as promised") == COMMITMENTS_LISTED   # each listed one has its event
    link = f'/archive/commitments?document_id={BIG_DOC_ID}'
    assert link in section
    assert server.json(f"{link.replace('commitments?', 'commitments.json?')}&_size=1")["filtered_table_rows_count"] == N


def test_other_requests_are_answered(page):
    server, _html = page
    assert server.json("/archive/documents.json?_size=1")["rows"]


TEXT = "First paragraph.\n\nWe  will publish   the data by May. We will also consult users."
PARAS = ["First paragraph.", "We  will publish   the data by May. We will also consult users."]


def _commitment(n, quote, **span):
    return {"id": f"c9-{n}", "quote": quote, "paragraph": 1, "kind": "commitment", "actor_name": "ONS",
            "due_text": None, "status": "open", **span}


@pytest.mark.parametrize("commitment, marked", [
    # the stored span wins even when the quote was normalised (spaces squeezed) and is not in the text as such
    (_commitment(1, "We will publish the data by May.", char_start=0, char_end=35),
     "We  will publish   the data by May."),
    # no span (an archive built before the columns existed): the quote is searched in its paragraph
    (_commitment(2, "We will also consult users."), "We will also consult users."),
    (_commitment(3, "We will also consult users.", char_start=None, char_end=None), "We will also consult users."),
    # a span that does not fit the paragraph's place in the text is ignored, and the quote found instead
    (_commitment(4, "We will also consult users.", char_start=10, char_end=9999), "We will also consult users."),
])
def test_commitment_marks_use_the_stored_span_then_the_quote(commitment, marked):
    marks = locate_marks(TEXT, PARAS, [commitment], [], [], str)
    assert [TEXT[m.start:m.end] for m in marks] == [marked]
    assert f'id="{commitment["id"]}">{marked}</mark>' in str(render_marked(TEXT, marks))


def test_many_commitments_in_one_paragraph_are_each_found_once_in_order():
    sentences = [f"We will publish table {i} by June." for i in range(3000)]
    text = " ".join(sentences)
    commitments = [_commitment(i, s) | {"paragraph": 0} for i, s in enumerate(sentences)]
    marks = locate_marks(text, [text], commitments, [], [], str)
    assert [text[m.start:m.end] for m in marks] == sentences
    assert [m.start for m in marks] == sorted(m.start for m in marks)
