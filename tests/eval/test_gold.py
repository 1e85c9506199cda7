"""Every gold annotation is well formed and true to its document (eval/README.md, "Annotation file")."""
from __future__ import annotations

import json

import pytest

from eval.goldset import GOLD_DIR, document_text, load_gold, validate

DOCS = load_gold(GOLD_DIR)
IDS = {d.id for d in DOCS}


def test_gold_set_is_large_and_varied():
    assert len(DOCS) >= 40
    pdfs = [d for d in DOCS if d.path.suffix == ".pdf"]
    assert len(pdfs) >= 4
    assert any(d.gold["language"] == "cy" for d in DOCS)
    kinds = {c["kind"] for d in DOCS for c in d.gold["commitments"]}
    assert kinds == {"commitment", "expectation", "request", "recommendation"}
    assert sum(1 for d in DOCS if d.gold["thread"]["replies_to"]) >= 8
    assert any(len(d.gold["recipients"]) > 1 for d in DOCS)
    assert any(len(d.gold["senders"]) > 1 for d in DOCS)
    assert sum(1 for d in DOCS if d.gold["copied"]) >= 8


@pytest.mark.parametrize("doc", DOCS, ids=[d.id for d in DOCS])
def test_annotation_is_valid_and_true_to_the_text(doc):
    assert doc.id == doc.path.name.rsplit(".", 1)[0] == doc.gold["id"]
    problems = validate(doc, IDS, document_text(doc))
    assert problems == []


def test_followups_point_at_real_commitments():
    by_id = {d.id: d for d in DOCS}
    for doc in DOCS:
        for f in doc.gold["thread"]["followups"]:
            target = by_id[f["commitment"]["doc"]]
            assert 0 <= f["commitment"]["index"] < len(target.gold["commitments"]), (doc.id, f)
            assert target.gold["date"] <= doc.gold["date"], (doc.id, f)
        reply_to = doc.gold["thread"]["replies_to"]
        if reply_to:
            assert by_id[reply_to].gold["date"] <= doc.gold["date"], doc.id


def test_every_document_has_an_annotation():
    annotated = {d.path.name for d in DOCS}
    files = {p.name for p in GOLD_DIR.iterdir() if p.suffix in (".html", ".pdf")}
    assert files == annotated


def test_validate_catches_a_quote_that_is_not_in_the_text(tmp_path):
    doc = DOCS[0]
    gold = json.loads(json.dumps(doc.gold))
    gold["commitments"].append({"kind": "request", "actor": "X", "quote": "Please do something we never wrote.",
                                "due": None})
    gold["dates"].append({"text": "31 February 2099", "start": "2099-03-01", "end": "2099-02-01",
                          "granularity": "day"})
    (tmp_path / doc.path.name).write_bytes(doc.content)
    (tmp_path / f"{doc.id}.gold.json").write_text(json.dumps(gold))
    (bad,) = load_gold(tmp_path)
    problems = validate(bad, {bad.id}, document_text(bad))
    assert any("quote not in the document text" in p for p in problems)
    assert any("start after end" in p for p in problems)
    assert any("not found in order" in p for p in problems)
