"""End to end: crawl the shipped sample mirror, build the archive (which runs derive), and compare the links stage
with the mirror's own ground truth (mirror/site/MANIFEST.json, described in mirror/THREADS.md)."""
from __future__ import annotations

import json

import pytest
import sqlite_utils

from archive.build import build
from crawler.run import crawl
from mirror import layout
from mirror.serve import start

AS_OF = "2024-01-31"


@pytest.fixture(scope="module")
def mirror_archive(tmp_path_factory):
    root = tmp_path_factory.mktemp("links-mirror")
    with start() as mirror:
        crawl(root / "data", mirror=mirror.url, mode="full", throttle=False)
    build(root / "data", root / "archive.db", as_of=AS_OF)
    db = sqlite_utils.Database(root / "archive.db")
    manifest = json.loads((layout.SITE_ROOT / "MANIFEST.json").read_text(encoding="utf-8"))
    ids = {r["url"]: r["id"] for r in db.query("select id, url from documents")}
    for r in db.query("select url, document_id from aliases"):
        ids.setdefault(r["url"], r["document_id"])
    return db, manifest, ids


def test_every_answer_in_the_mirror_is_linked_to_its_letter(mirror_archive):
    """MANIFEST 'replies' are replies and a writer's return to their own letter ('Further to my letter of ...'):
    reply_to and follows_up between them, nothing else."""
    db, manifest, ids = mirror_archive
    gold = {(ids[r["reply"]], ids[r["to"]]) for r in manifest["replies"]}
    found = {(r["from_document_id"], r["to_document_id"]) for r in db.query(
        "select * from links where kind in ('reply_to', 'follows_up')")}
    assert found == gold, f"wrong {found - gold}, missed {gold - found}"


def test_each_mirror_thread_is_one_thread_of_its_own(mirror_archive):
    db, manifest, ids = mirror_archive
    seen = set()
    for thread in manifest["threads"]:
        letters = [ids[u] for u in thread["documents"] if db["documents"].get(ids[u])["doc_type"] == "letter"]
        tids = {db["documents"].get(i)["thread_id"] for i in letters}
        assert len(tids) == 1 and None not in tids, thread["id"]
        assert not tids & seen, f"{thread['id']} merged with another thread"
        seen |= tids
    # the data linkage exchange spans three hosts
    hosts = json.loads(db["threads"].get(next(iter(
        {db["documents"].get(ids[manifest["threads"][0]["documents"][0]])["thread_id"]})))["hosts"])
    assert len(hosts) >= 3


def _history(db, document_id, words):
    rows = [c for c in db.query("select * from commitments where document_id = ?", [document_id])
            if all(w in c["quote"] for w in words)]
    assert len(rows) == 1, (document_id, words, [c["quote"] for c in rows])
    c = rows[0]
    return c, [(e["status"], e["date"], e["evidence_document_id"]) for e in db.query(
        "select * from commitment_events where commitment_id = ? order by id", [c["id"]])]


def test_linkage_programme_restated_then_met_by_the_programme_itself(mirror_archive):
    db, manifest, ids = mirror_archive
    chain = [c for c in manifest["commitments"] if c["id"] == "linkage-programme"]
    made, moved, met = chain[0], chain[2], chain[3]
    c, events = _history(db, ids[made["document"]], ["Data Linkage Work Programme"])
    assert c["status"] == "met" and c["status_evidence_id"] == ids[met["document"]]
    assert ("restated", "2020-11-20", ids[moved["document"]]) in events
    assert events[-1] == ("met", met["date"], ids[met["document"]])
    due = [e["due_end"] for e in db.query(
        "select due_end from commitment_events where commitment_id = ? and status = 'restated'", [c["id"]])]
    assert "2021-03-31" in due  # the moved deadline is kept


def test_school_workforce_request_answered_late(mirror_archive):
    db, manifest, ids = mirror_archive
    asked, answered = [c for c in manifest["commitments"] if c["id"] == "school-workforce-reply"]
    c, events = _history(db, ids[asked["document"]], ["Please let us know by 30 September 2019"])
    assert [s for s, _, _ in events] == ["open", "overdue", "met"]
    assert events[1][1] == "2019-10-01" and events[2][1:] == (answered["date"], ids[answered["document"]])


def test_single_commitments_without_evidence_are_overdue(mirror_archive):
    db, manifest, ids = mirror_archive
    for key in ("est-update",):
        entry = next(c for c in manifest["commitments"] if c["id"] == key)
        c, events = _history(db, ids[entry["document"]], [entry["quote"][:40]])
        assert c["status"] == "overdue" and events[-1][0] == "overdue", key


def test_timeline_of_the_mirror(mirror_archive):
    db, _, _ = mirror_archive
    kinds = {r["kind"] for r in db.query("select distinct kind from timeline")}
    assert {"letter_sent", "report_published", "commitment_made", "commitment_due", "met", "restated",
            "overdue"} <= kinds
    orphans = db.execute("select count(*) from timeline_parties p left join timeline t on t.id = p.timeline_id"
                         " where t.id is null").fetchone()[0]
    assert orphans == 0
