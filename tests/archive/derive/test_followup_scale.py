"""Follow-up on hostile inputs generated here: a page with thousands of promises, and a thread of a thousand letters.

Issue 14 item 3: reading every later commitment for every commitment took 44 s for one 5,000-commitment page. The
answers must stay right, and the work done (items the evidence index reads) must grow in proportion to the input,
not with its square. Speed itself is measured by `make bench`, not here. Every word is invented.
"""
from __future__ import annotations

import datetime as dt
import random

import sqlite_utils

from archive.derive.followup import Doc, follow, update_followup
from archive.derive.followup_index import PER_DOC
from archive.schema import ensure_db_shape

ONS, OSR = "org:ons", "org:osr"
AS_OF = dt.date(2022, 1, 31)


def _names(n: int, seed: int = 0) -> list[str]:
    """n distinct invented words (letters only, so each is one content word)."""
    rng = random.Random(seed)
    out: set[str] = set()
    while len(out) < n:
        out.add("".join(rng.choice("bcdfghjklmnprstvz") + rng.choice("aeiou") for _ in range(4)))
    return sorted(out)


def _commitment(doc: int, n: int, quote: str, actor: str, made: str, due_end: str | None) -> dict:
    return {"id": f"c{doc}-{n}", "document_id": doc, "kind": "commitment", "quote": quote, "actor_name": "",
            "due_start": due_end[:8] + "01" if due_end else None, "due_end": due_end, "made_on": made,
            "_actor": {actor}}


def _one_page(n: int):
    """One ONS letter promising n outputs by 31 March 2021; a later letter reports one published and moves one."""
    words = _names(n)
    quotes = [f"We will publish the {w} estimates by 31 March 2021." for w in words]
    docs = {
        1: Doc(1, dt.date(2020, 6, 1), "ONS to OSR: outputs", "\n\n".join(quotes), True, "t1", {ONS}, {OSR}),
        2: Doc(2, dt.date(2021, 2, 1), "ONS to OSR: update", f"We have published the {words[17]} estimates. "
               f"Because of the census we now expect to publish the {words[42]} estimates in June 2021.",
               True, "t1", {ONS}, {OSR}),
    }
    commitments = [_commitment(1, i + 1, q, ONS, "2020-06-01", "2021-03-31") for i, q in enumerate(quotes)]
    commitments.append(_commitment(2, 1, f"we now expect to publish the {words[42]} estimates in June 2021.", ONS,
                                   "2021-02-01", "2021-06-30"))  # as the build extracts it from the later letter
    return docs, commitments


def _run(docs, commitments):
    used: list = []
    out = follow(commitments, docs, {}, {}, AS_OF, index=used)
    return out, used[0]


def test_a_page_of_thousands_of_promises_keeps_every_answer_and_reads_in_proportion():
    small, large = 1500, 3000
    out, ix = _run(*_one_page(large))
    last = {cid: events[-1].status for cid, events in out.items()}
    assert last.pop("c1-18") == "met"
    moved = out["c1-43"]
    assert [e.status for e in moved] == ["open", "restated", "overdue"]
    assert moved[1].due_end == "2021-06-30" and moved[-1].date == dt.date(2021, 7, 1)
    del last["c1-43"], last["c2-1"]
    assert set(last.values()) == {"overdue"} and len(last) == large - 2  # due 31 March 2021, nothing delivered
    assert not ix.truncated
    _, half = _run(*_one_page(small))
    assert ix.reads <= 2.5 * max(half.reads, 1), (half.reads, ix.reads)  # linear: doubling the page doubles reads


def _long_thread(n_letters: int):
    """A thousand-letter exchange in one thread: every letter makes one promise on its own invented output, all
    sharing the exchange's words; one later letter delivers output 7 and one promises output 9 again."""
    words = _names(n_letters, seed=1)
    docs, commitments = {}, []
    start = dt.date(2016, 1, 1)
    for i, w in enumerate(words):
        sender, recipient = (ONS, OSR) if i % 2 == 0 else (OSR, ONS)
        when = start + dt.timedelta(days=i)
        quote = f"We will publish the survey weighting {w} review."
        docs[i] = Doc(i, when, f"Survey weighting letter {i}", f"Dear colleague. {quote}", True, "t0",
                      {sender}, {recipient})
        commitments.append(_commitment(i, 1, quote, sender, when.isoformat(), None))
    last = n_letters
    docs[last] = Doc(last, start + dt.timedelta(days=n_letters + 5), "Survey weighting: update",
                     f"We have published the survey weighting {words[6]} review. "
                     f"We will publish the survey weighting {words[8]} review next year.", True, "t0", {ONS}, {OSR})
    return docs, commitments


def test_a_thousand_letter_thread_keeps_every_answer_and_reads_in_proportion():
    out, ix = _run(*_long_thread(1000))
    last = {cid: events[-1] for cid, events in out.items()}
    assert last.pop("c6-1").status == "met"
    assert last.pop("c8-1").status == "restated"
    assert {e.status for e in last.values()} == {"open"}  # the shared exchange words are no evidence
    _, half = _run(*_long_thread(500))
    assert ix.reads <= 2.5 * max(half.reads, 1), (half.reads, ix.reads)


def test_a_bound_hit_is_recorded_against_the_document(tmp_path):
    """A later letter repeating one promise's words more often than follow-up reads: the evidence comes from the
    first sentences, and `errors` says so against the commitment's document."""
    db = sqlite_utils.Database(tmp_path / "a.db")
    ensure_db_shape(db)
    db["parties"].insert_all([{"id": ONS, "name": "Office for National Statistics", "kind": "organisation"},
                              {"id": OSR, "name": "Office for Statistics Regulation", "kind": "organisation"}],
                             pk="id", alter=True)
    noise = " ".join(f"The quarterly migration bulletin number {i} remains under discussion." for i in range(PER_DOC + 50))
    for doc_id, date, text, (sender, recipient) in (
            (1, "2020-01-10", "We will publish the quarterly migration bulletin by 31 March 2020.", (ONS, OSR)),
            (2, "2020-06-01", noise + " We have published the quarterly migration bulletin.", (ONS, OSR))):
        db["documents"].insert({"id": doc_id, "url": f"https://www.ons.gov.uk/news/statementsandletters/l{doc_id}",
                                "title": f"Letter {doc_id}", "doc_type": "letter", "date": date, "text": text,
                                "thread_id": "t1"}, pk="id", alter=True)
        for role, party in (("sender", sender), ("recipient", recipient)):
            db["document_parties"].insert({"document_id": doc_id, "party_id": party, "role": role,
                                           "organisation_id": party}, alter=True)
    db["commitments"].insert({"id": "c1-1", "document_id": 1, "kind": "commitment", "actor": ONS,
                              "actor_name": "Office for National Statistics", "paragraph": 0,
                              "quote": "We will publish the quarterly migration bulletin by 31 March 2020.",
                              "due_start": "2020-03-01", "due_end": "2020-03-31", "made_on": "2020-01-10"},
                             pk="id", alter=True)
    summary = update_followup(db, "2021-01-01")
    assert summary.truncated == 1
    errors = list(db.query("select document_id, stage, detail from errors"))
    assert len(errors) == 1 and errors[0]["document_id"] == 1 and "too_many_candidates" in errors[0]["detail"]
    # the delivery sentence lies beyond the bound: the commitment stays overdue, and the error says why
    assert db["commitments"].get("c1-1")["status"] == "overdue"
