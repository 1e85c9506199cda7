"""The links stage on a small invented archive whose answers are known (tests/files/links/archive.yml)."""
from __future__ import annotations

import pytest

from archive.derive import derive
from tests.archive.derive.test_fixture import load_archive


@pytest.fixture(scope="module")
def derived(tmp_path_factory):
    db, spec = load_archive("archive.yml", tmp_path_factory.mktemp("links") / "archive.db")
    summary = derive(db, spec["as_of"])
    return db, spec, summary


def test_reply_links_match_the_answer_key(derived):
    db, spec, _ = derived
    found = {(r["from_document_id"], r["to_document_id"])
             for r in db.query("select * from links where kind = 'reply_to'")}
    expected = {tuple(pair) for pair in spec["expected"]["reply_to"]}
    assert found == expected, f"wrong {found - expected}, missed {expected - found}"


def test_every_reply_link_says_why(derived):
    db, _, _ = derived
    evidence = {r["from_document_id"]: r["evidence"] for r in db.query("select * from links where kind = 'reply_to'")}
    assert "2020-09-14" in evidence[102] and "Related Link" in evidence[102]
    assert "letter of 2021-03-01" in evidence[202]  # the late answer is found by its cited date alone
    assert "Related Link" not in evidence[202]


def test_chain_across_three_hosts_is_one_thread(derived):
    db, _, _ = derived
    rows = list(db.query("select id, host, thread_id from documents where id between 101 and 105 order by id"))
    assert {r["host"] for r in rows} == {
        "osr.statisticsauthority.gov.uk", "analysisfunction.civilservice.gov.uk", "www.ons.gov.uk"}
    assert {r["thread_id"] for r in rows} == {"t101"}
    thread = db["threads"].get("t101")
    assert thread["letter_count"] == 5
    assert (thread["first_date"], thread["last_date"]) == ("2020-09-14", "2021-06-25")


def test_threads_match_the_answer_key_and_hubs_do_not_merge(derived):
    db, spec, _ = derived
    groups: dict[str, set[int]] = {}
    for r in db.query("select id, thread_id from documents where thread_id is not null"):
        groups.setdefault(r["thread_id"], set()).add(r["id"])
    multi = sorted(sorted(g) for g in groups.values() if len(g) > 1)
    assert multi == sorted(sorted(g) for g in spec["expected"]["threads"])
    # the Code of Practice (linked from every thread) has no thread; the letter to all heads of profession is alone
    assert db["documents"].get(401)["thread_id"] is None
    assert groups[db["documents"].get(404)["thread_id"]] == {404}
    assert db["documents"].get(402)["thread_id"] != db["documents"].get(201)["thread_id"]


def test_thread_ids_reach_commitments(derived):
    db, _, _ = derived
    assert db["commitments"].get("c105-1")["thread_id"] == "t101"
    assert db["commitments"].get("c202-1")["thread_id"] == "t201"


def test_citations_resolve_archived_documents_and_keep_the_rest(derived):
    db, spec, _ = derived
    found = {(r["from_document_id"], r["to_document_id"], None if r["to_document_id"] else r["label"])
             for r in db.query("select * from links where kind = 'cites'")}
    expected = {(c[0], c[1], c[2] if len(c) > 2 else None) for c in spec["expected"]["cites"]}
    assert expected <= found, f"missed {expected - found}"
    assert found <= expected, f"unexpected {found - expected}"


def test_status_and_history_of_every_commitment(derived):
    db, spec, _ = derived
    for cid, (status, history) in spec["expected"]["status"].items():
        row = db["commitments"].get(cid)
        events = [e["status"] for e in db.query(
            "select status from commitment_events where commitment_id = ? order by id", [cid])]
        assert (row["status"], events) == (status, history), cid


def test_deadline_drift_is_visible(derived):
    db, _, _ = derived
    moves = [(e["date"], e["due_end"], e["evidence_document_id"]) for e in db.query(
        "select * from commitment_events where commitment_id = 'c102-1' and status = 'restated' order by id")]
    assert moves == [("2021-02-10", "2021-06-30", 104), ("2021-06-25", "2021-09-30", 105)]
    met = db.execute("select date, evidence_document_id, evidence_quote from commitment_events"
                     " where commitment_id = 'c102-1' and status = 'met'").fetchone()
    assert met[:2] == ("2021-09-20", 106) and "Data Linkage Work Programme 2021 to 2023" in met[2]


def test_late_answer_and_overdue(derived):
    db, _, _ = derived
    late = list(db.query("select * from commitment_events where commitment_id = 'c201-1' order by id"))
    assert [(e["status"], e["date"]) for e in late] == [
        ("open", "2021-03-01"), ("overdue", "2021-04-01"), ("met", "2021-05-12")]
    assert late[-1]["evidence_document_id"] == 202 and "42 days after the due date" in late[-1]["note"]
    overdue = db["commitments"].get("c301-1")
    assert (overdue["status"], overdue["status_date"], overdue["status_evidence_id"]) == ("overdue", "2021-10-01", None)


def test_met_by_a_later_letter_keeps_the_quote(derived):
    db, _, _ = derived
    row = db["commitments"].get("c202-1")
    assert (row["status"], row["status_date"], row["status_evidence_id"]) == ("met", "2021-08-16", 203)
    quote = db.execute("select evidence_quote from commitment_events where commitment_id = 'c202-1'"
                       " and status = 'met'").fetchone()[0]
    assert quote.startswith("I am pleased to tell you that we have now published")


def test_status_depends_on_as_of(tmp_path):
    db, _ = load_archive("archive.yml", tmp_path / "early.db")
    derive(db, "2021-03-15", fts=False)
    assert db["commitments"].get("c201-1")["status"] == "open"  # due 31 March: not yet overdue
    assert db["commitments"].get("c102-1")["status"] == "restated"
    assert db["commitments"].get("c301-1")["status"] == "open"
    assert db["archive_info"].get("as_of")["value"] == "2021-03-15"


def test_timeline_has_every_kind_of_event(derived):
    db, _, _ = derived
    kinds = {r["kind"]: r["n"] for r in db.query("select kind, count(*) n from timeline group by kind")}
    assert kinds["letter_sent"] == 15 and kinds["report_published"] == 4
    assert kinds["commitment_made"] == 9
    assert {"commitment_due", "restated", "met", "overdue", "in_progress"} <= set(kinds)
    dues = [r["date"] for r in db.query(
        "select date from timeline where kind = 'commitment_due' and commitment_id = 'c102-1' order by date")]
    assert dues == ["2021-03-31", "2021-06-30", "2021-09-30"]


def test_timeline_filters_by_organisation_person_thread_and_status(derived):
    db, _, _ = derived
    by_org = {r["id"] for r in db.query(
        "select t.id from timeline t join timeline_parties p on p.timeline_id = t.id where p.party_id = 'org:dft'")}
    assert "letter_sent:202" in by_org and "letter_sent:101" not in by_org
    assert "overdue:c201-1:1" in by_org  # the request bound DfT's Tom Okafor
    by_person = {r["id"] for r in db.query(
        "select t.id from timeline t join timeline_parties p on p.timeline_id = t.id"
        " where p.party_id = 'person:ruth-ellison' and t.kind = 'letter_sent'")}
    assert by_person == {f"letter_sent:{i}" for i in (101, 102, 103, 104, 105, 301, 302, 501, 502)}
    thread = [r["document_id"] for r in db.query(
        "select document_id from timeline where thread_id = 't101' and kind = 'letter_sent' order by date")]
    assert thread == [101, 102, 103, 104, 105]
    overdue = [r["commitment_id"] for r in db.query("select commitment_id from timeline where status = 'overdue'"
                                                    " and kind = 'commitment_made'")]
    assert sorted(overdue) == ["c301-1", "c501-1"]
    plan = " ".join(r[3] for r in db.execute(
        "explain query plan select * from timeline_parties where party_id = 'org:ons'").fetchall())
    assert "USING" in plan and "INDEX" in plan


def test_rerun_is_idempotent_with_stable_ids(derived, tmp_path):
    db, spec, _ = derived

    def snapshot():
        return {
            "links": list(db.query("select * from links order by id")),
            "threads": list(db.query("select * from threads order by id")),
            "events": list(db.query("select * from commitment_events order by id")),
            "timeline": list(db.query("select * from timeline order by id")),
            "parties": list(db.query("select * from timeline_parties order by timeline_id, party_id, role")),
            "commitments": list(db.query("select * from commitments order by id")),
            "documents": list(db.query("select id, thread_id from documents order by id")),
        }

    before = snapshot()
    derive(db, spec["as_of"], fts=False)
    assert snapshot() == before


def test_as_of_must_be_a_date(tmp_path):
    db, _ = load_archive("archive.yml", tmp_path / "bad.db")
    with pytest.raises(ValueError):
        derive(db, "last Tuesday")


def test_a_failure_on_one_document_is_recorded_and_the_run_goes_on(tmp_path, monkeypatch):
    """Fault injection: the citation reader fails on letter 201 and the follow-up on commitment c301-1."""
    import archive.derive.citations as citations
    import archive.derive.followup as followup

    real_citations, real_evidence = citations._document_citations, followup._evidence_for

    def failing_citations(doc, *args):
        if doc["id"] == 201:
            raise ValueError("unreadable text")
        return real_citations(doc, *args)

    def failing_evidence(c, *args):
        if c["id"] == "c301-1":
            raise KeyError("broken commitment")
        return real_evidence(c, *args)

    monkeypatch.setattr(citations, "_document_citations", failing_citations)
    monkeypatch.setattr(followup, "_evidence_for", failing_evidence)
    db, spec = load_archive("archive.yml", tmp_path / "faults.db")
    summary = derive(db, spec["as_of"], fts=False)
    errors = {(r["document_id"], r["error"]) for r in db.query("select * from errors where stage = 'derive'")}
    assert errors == {(201, "citations: ValueError"), (301, "followup c301-1: KeyError")}
    assert summary.citations.errors == 1 and summary.followup.errors == 1
    assert db["commitments"].get("c301-1")["status"] is None
    assert db["commitments"].get("c202-1")["status"] == "met"  # the others are untouched
    assert db.execute("select count(*) from links where kind = 'cites' and from_document_id = 202").fetchone()[0] == 1
    derive(db, spec["as_of"], fts=False)  # a re-run replaces, not adds to, the derive errors
    assert db.execute("select count(*) from errors where stage = 'derive'").fetchone()[0] == 2


def test_under_way_then_past_due_counts_as_overdue(derived):
    db, _, _ = derived
    events = list(db.query("select * from commitment_events where commitment_id = 'c501-1' order by id"))
    assert [(e["status"], e["date"], e["evidence_document_id"]) for e in events] == [
        ("open", "2021-10-04", 501), ("in_progress", "2021-11-15", 502), ("overdue", "2022-01-01", None)]
    assert events[1]["evidence_quote"].startswith("Work on the revised methods note")
    row = db["commitments"].get("c501-1")
    assert (row["status"], row["status_date"]) == ("overdue", "2022-01-01")
