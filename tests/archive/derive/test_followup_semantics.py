"""What follow-up statuses mean (issue 12 item 5), on small invented exchanges between ONS and OSR.

* restated: a later undertaking by the SAME actor about the SAME action;
* overdue: only with a due date (one still ahead when the promise was made) and no evidence of delivery;
* the writer's own request ("We would like to understand how ONS intends to ...") is a request to the recipient,
  even when an extractor hands it over as the recipient's promise;
* met by a later document from the promiser whose title or opening names the promised output, dated within or
  after the due window; the commitment links to it (status_evidence_id) and every event keeps its evidence.
Every sentence here is invented, in the shapes real letters use.
"""
from __future__ import annotations

import pytest
import sqlite_utils

from archive.derive.followup import update_followup
from archive.derive.followup_rules import effective_kind, outputs_named
from archive.schema import ensure_db_shape

ONS, OSR = "org:ons", "org:osr"
ONS_TO_OSR, OSR_TO_ONS = (ONS, OSR), (OSR, ONS)


def _archive(tmp_path, documents: list[tuple], commitments: list[dict]) -> sqlite_utils.Database:
    """documents: (id, date, title, text, (sender, recipient), thread); commitments as the build inserts them."""
    db = sqlite_utils.Database(tmp_path / "a.db")
    ensure_db_shape(db)
    db["parties"].insert_all([{"id": ONS, "name": "Office for National Statistics", "kind": "organisation"},
                              {"id": OSR, "name": "Office for Statistics Regulation", "kind": "organisation"}],
                             pk="id", alter=True)
    for doc_id, date, title, text, (sender, recipient), thread in documents:
        db["documents"].insert({"id": doc_id, "url": f"https://osr.statisticsauthority.gov.uk/correspondence/l{doc_id}/",
                                "title": title, "doc_type": "letter", "date": date, "text": text, "thread_id": thread},
                               pk="id", alter=True)
        for role, party in (("sender", sender), ("recipient", recipient)):
            db["document_parties"].insert({"document_id": doc_id, "party_id": party, "role": role,
                                           "organisation_id": party}, alter=True)
    names = {ONS: "Office for National Statistics", OSR: "Office for Statistics Regulation"}
    for c in commitments:
        db["commitments"].insert(dict({"kind": "commitment", "paragraph": 0, "due_start": None, "due_end": None,
                                       "actor_name": names.get(c.get("actor"))}, **c), pk="id", alter=True)
    return db


def _events(db, cid: str) -> list[tuple]:
    return [(e["status"], e["evidence_document_id"]) for e in db.query(
        "select * from commitment_events where commitment_id = ? order by id", [cid])]


PROMISE = "We will publish a review of the seasonal adjustment of the retail sales index by 30 June 2021."


def test_restated_only_by_the_same_actor(tmp_path):
    db = _archive(tmp_path, [
        (1, "2021-01-10", "ONS to OSR: retail sales", PROMISE, ONS_TO_OSR, "t1"),
        (2, "2021-02-10", "OSR to ONS: retail sales", "We will publish our own review of the seasonal adjustment of "
                                                       "the retail sales index in the summer.", OSR_TO_ONS, "t1"),
        (3, "2021-03-10", "ONS to OSR: retail sales", "We now expect to publish the review of the seasonal adjustment "
                                                       "of the retail sales index in September 2021.", ONS_TO_OSR, "t1"),
    ], [
        {"id": "c1-1", "document_id": 1, "actor": ONS, "quote": PROMISE, "made_on": "2021-01-10",
         "due_start": "2021-06-30", "due_end": "2021-06-30"},
        {"id": "c2-1", "document_id": 2, "actor": OSR, "made_on": "2021-02-10",
         "quote": "We will publish our own review of the seasonal adjustment of the retail sales index in the summer."},
        {"id": "c3-1", "document_id": 3, "actor": ONS, "made_on": "2021-03-10", "due_start": "2021-09-01",
         "due_end": "2021-09-30", "quote": "We now expect to publish the review of the seasonal adjustment of the "
                                           "retail sales index in September 2021."},
    ])
    update_followup(db, "2021-08-01")
    assert _events(db, "c1-1") == [("open", 1), ("restated", 3)]  # OSR's own review (2) restates nothing of ONS's
    moved = db.execute("select due_end from commitment_events where commitment_id = 'c1-1' and status = 'restated'")
    assert moved.fetchone()[0] == "2021-09-30"
    assert db["commitments"].get("c1-1")["status"] == "restated"  # the new date has not passed: not overdue


def test_restated_only_for_the_same_action(tmp_path):
    """Four promises on one page about one subject; a later letter promises one of them again."""
    items = ["response rates", "sample boost", "imputation method", "regional weights"]
    quotes = [f"We will publish a note on the survey transformation {w} by 31 March 2021." for w in items]
    db = _archive(tmp_path, [
        (1, "2020-11-01", "ONS to OSR: survey transformation", " ".join(quotes), ONS_TO_OSR, "t1"),
        (2, "2021-02-01", "ONS to OSR: survey transformation",
         "We will publish the note on the survey transformation imputation method in May 2021.", ONS_TO_OSR, "t1"),
    ], [{"id": f"c1-{i + 1}", "document_id": 1, "actor": ONS, "quote": q, "made_on": "2020-11-01",
         "due_start": "2021-03-01", "due_end": "2021-03-31"} for i, q in enumerate(quotes)] + [
        {"id": "c2-1", "document_id": 2, "actor": ONS, "made_on": "2021-02-01", "due_start": "2021-05-01",
         "due_end": "2021-05-31",
         "quote": "We will publish the note on the survey transformation imputation method in May 2021."}])
    update_followup(db, "2021-04-15")
    status = {c["id"]: c["status"] for c in db.query("select id, status from commitments where document_id = 1")}
    assert status == {"c1-1": "overdue", "c1-2": "overdue", "c1-3": "restated", "c1-4": "overdue"}


@pytest.mark.parametrize("due_start, due_end, as_of, expected", [
    (None, None, "2023-01-01", "open"),                      # no due date: never overdue
    ("2021-03-01", "2021-03-31", "2021-03-15", "open"),      # due date not yet passed
    ("2021-03-01", "2021-03-31", "2021-05-01", "overdue"),   # passed, nothing delivered
    ("2020-01-01", "2020-12-31", "2021-05-01", "open"),      # a date already past when promised is no deadline
])
def test_overdue_needs_a_due_date_that_has_passed(tmp_path, due_start, due_end, as_of, expected):
    db = _archive(tmp_path, [(1, "2021-01-10", "ONS to OSR: retail sales", PROMISE, ONS_TO_OSR, "t1")],
                  [{"id": "c1-1", "document_id": 1, "actor": ONS, "quote": PROMISE, "made_on": "2021-01-10",
                    "due_start": due_start, "due_end": due_end}])
    update_followup(db, as_of)
    assert db["commitments"].get("c1-1")["status"] == expected


def test_delivery_before_the_due_date_is_never_overdue(tmp_path):
    db = _archive(tmp_path, [
        (1, "2021-01-10", "ONS to OSR: retail sales", PROMISE, ONS_TO_OSR, "t1"),
        (2, "2021-05-20", "ONS to OSR: retail sales", "We have published the review of the seasonal adjustment of "
                                                       "the retail sales index.", ONS_TO_OSR, "t1"),
    ], [{"id": "c1-1", "document_id": 1, "actor": ONS, "quote": PROMISE, "made_on": "2021-01-10",
         "due_start": "2021-06-30", "due_end": "2021-06-30"}])
    update_followup(db, "2022-01-01")
    assert _events(db, "c1-1") == [("open", 1), ("met", 2)]


@pytest.mark.parametrize("quote, kind", [
    ("We would like to understand how ONS intends to publish the regional estimates.", "request"),
    ("I would welcome an explanation of how the department will revise the series.", "request"),
    ("Finally, we would be grateful if ONS could publish the plan.", "request"),
    ("We hope that ONS will publish the plan in the spring.", "request"),
    ("ONS intends to publish the regional estimates in May.", "commitment"),
    ("We will publish the regional estimates in May.", "commitment"),
])
def test_the_writers_own_request_is_not_the_recipients_promise(quote, kind):
    assert effective_kind("commitment", quote) == kind


def test_a_writers_request_read_as_a_promise_is_answered_not_restated(tmp_path):
    ask = "We would like to understand how ONS intends to publish the regional productivity estimates."
    db = _archive(tmp_path, [
        (1, "2021-01-10", "OSR to ONS: regional productivity", ask, OSR_TO_ONS, "t1"),
        (2, "2021-02-01", "OSR to ONS: regional productivity", "We will publish the regional productivity estimates "
                                                                "review in our next report.", OSR_TO_ONS, "t1"),
        (3, "2021-03-01", "ONS to OSR: regional productivity", "Thank you for your letter of 10 January. We publish "
                                                                "the regional productivity estimates in May.",
         ONS_TO_OSR, "t1"),
    ], [
        # as an extractor may hand it over: ONS's commitment
        {"id": "c1-1", "document_id": 1, "actor": ONS, "quote": ask, "made_on": "2021-01-10"},
        {"id": "c2-1", "document_id": 2, "actor": OSR, "made_on": "2021-02-01",
         "quote": "We will publish the regional productivity estimates review in our next report."},
    ])
    update_followup(db, "2021-06-01")
    assert _events(db, "c1-1") == [("open", 1), ("met", 3)]  # answered by ONS's reply; OSR's own plan is not it


@pytest.mark.parametrize("title, sender, date, met", [
    ("Data linkage programme: an update", ONS, "2021-10-05", True),           # the promiser's update, in the window
    ("Data linkage programme: an update", ONS, "2022-02-01", True),           # after the window: late, still met
    ("Data linkage programme: an update", OSR, "2021-10-05", False),          # not from the promiser
    ("Data linkage programme: an update", ONS, "2021-06-01", False),          # before the due window
    ("Census outputs: an update", ONS, "2021-10-05", False),                  # an update on something else
    ("Data linkage programme: our response", ONS, "2021-10-05", False),       # names another kind of output
])
def test_promised_output_met_by_a_later_document_that_names_it(tmp_path, title, sender, date, met):
    promise = "We will publish an update on the data linkage programme in the autumn of 2021."
    recipient = OSR if sender == ONS else ONS
    db = _archive(tmp_path, [
        (1, "2021-03-01", "ONS to OSR: data linkage", promise, ONS_TO_OSR, "t1"),
        (2, date, title, "Dear Ed, I am writing with news of our work since the spring.", (sender, recipient), None),
    ], [{"id": "c1-1", "document_id": 1, "actor": ONS, "quote": promise, "made_on": "2021-03-01",
         "due_start": "2021-09-01", "due_end": "2021-11-30"}])
    update_followup(db, "2022-03-01")
    row = db["commitments"].get("c1-1")
    assert (row["status"] == "met") is met
    if met:
        assert row["status_evidence_id"] == 2
        event = db.execute("select evidence_quote, note from commitment_events where commitment_id = 'c1-1'"
                           " and status = 'met'").fetchone()
        assert event[0] == title and "update" in event[1]


def test_an_opening_that_presents_the_document_names_the_output(tmp_path):
    promise = "We will publish a follow-up report on data sharing across government in 2023."
    db = _archive(tmp_path, [
        (1, "2022-05-01", "OSR to ONS: data sharing", promise, OSR_TO_ONS, "t1"),
        (2, "2023-07-13", "Joining up public data",
         "This follow-up report looks again at data sharing across government since our 2021 review. "
         "We spoke to analysts in twelve departments.", OSR_TO_ONS, None),
    ], [{"id": "c1-1", "document_id": 1, "actor": OSR, "quote": promise, "made_on": "2022-05-01",
         "due_start": "2023-01-01", "due_end": "2023-12-31"}])
    update_followup(db, "2024-01-01")
    row = db["commitments"].get("c1-1")
    assert (row["status"], row["status_evidence_id"]) == ("met", 2)


def test_outputs_named():
    assert outputs_named("Data linkage: a follow up report") == {"followup", "report"}
    assert outputs_named("Our Work Programme 2024") == {"plan"}  # a work programme is a plan
    assert outputs_named("A progress report") == {"update"}
    assert outputs_named("Dear Ed, thank you for your letter") == set()


@pytest.mark.parametrize("kind, quote, answered", [
    ("request", "I would be grateful for the Authority’s assessment of the figures quoted in the debate.", True),
    ("request", "We would value your advice on whether the series can be compared over time.", True),
    ("request", "I would welcome the Regulator's view on the claim made last week.", True),
    # an expectation to publish an assessment is met by the assessment, not by any reply
    ("expectation", "We expect the department to publish its assessment of the quality of the series.", False),
])
def test_a_request_for_the_recipients_judgement_is_met_by_the_answer(tmp_path, kind, quote, answered):
    db = _archive(tmp_path, [
        (1, "2022-03-01", "MP to ONS: regional figures", quote, OSR_TO_ONS, "t1"),
        (2, "2022-03-20", "ONS to MP: regional figures", "Thank you for your letter of 1 March. The figures compare "
                                                          "two different measures of household income.",
         ONS_TO_OSR, "t1"),
    ], [{"id": "c1-1", "document_id": 1, "actor": ONS, "kind": kind, "quote": quote, "made_on": "2022-03-01"}])
    db.execute("insert into links (from_document_id, to_document_id, to_url, kind) values (2, 1, 'x', 'reply_to')")
    update_followup(db, "2022-06-01")
    assert (_events(db, "c1-1")[-1] == ("met", 2)) is answered


@pytest.mark.parametrize("later, status", [
    ("The users' workshop on 14 June was well attended and showed real interest in the new series.", "met"),
    ("The users' workshop on 21 June was well attended and showed real interest in the new series.", "open"),
])
def test_an_event_promised_for_a_day_is_met_by_a_report_of_that_day(tmp_path, later, status):
    """'hold X on 14 June' and 'X on 14 June was held': the day is part of what was promised."""
    promise = "We will hold a users' workshop on 14 June in Titchfield."
    db = _archive(tmp_path, [(1, "2021-03-01", "ONS to OSR: users", promise, ONS_TO_OSR, "t1"),
                             (2, "2021-07-01", "ONS to OSR: users", later, ONS_TO_OSR, "t1")],
                  [{"id": "c1-1", "document_id": 1, "actor": ONS, "quote": promise, "made_on": "2021-03-01"}])
    update_followup(db, "2021-08-01")
    assert db["commitments"].get("c1-1")["status"] == status


def test_a_shared_deadline_is_no_shared_promise(tmp_path):
    first = "We will publish the methods note on housing affordability by 31 March 2022."
    second = "We will publish the revised guidance for school admissions by 31 March 2022."
    db = _archive(tmp_path, [(1, "2021-10-01", "ONS to OSR: outputs", first, ONS_TO_OSR, "t1"),
                             (2, "2021-11-01", "ONS to OSR: outputs", second, ONS_TO_OSR, "t1")],
                  [{"id": "c1-1", "document_id": 1, "actor": ONS, "quote": first, "made_on": "2021-10-01"},
                   {"id": "c2-1", "document_id": 2, "actor": ONS, "quote": second, "made_on": "2021-11-01"}])
    update_followup(db, "2022-01-01")
    assert _events(db, "c1-1") == [("open", 1)]


@pytest.mark.parametrize("sentence, done", [
    ("Since March the portal has carried a glossary of every measure.", True),   # any regular perfect
    ("We have added a column for the regional breakdown.", True),
    ("The department has proposed a glossary of every measure.", False),         # words about it, not it
    ("We have asked the team to add a glossary.", False),
    ("We have noted your concerns about the glossary.", False),
    ("The team has started to add a glossary.", False),                         # under way, not done
    ("We have delayed the glossary until the autumn.", False),
])
def test_a_regular_perfect_says_it_was_done_unless_it_reports_words_or_plans(sentence, done):
    from archive.derive.followup_rules import is_done

    assert is_done(sentence) is done


@pytest.mark.parametrize("title, met", [
    ("Trade in services: a note on revisions", True),
    ("Trade in services: statement on revisions", False),   # the promise named a note; this names a statement
    ("Trade in services revisions", True),                   # a title naming no kind of output
])
def test_a_promised_document_is_the_kind_of_output_promised(tmp_path, title, met):
    promise = "We will publish a note on the trade in services revisions."
    db = _archive(tmp_path, [(1, "2021-03-01", "ONS to OSR: trade", promise, ONS_TO_OSR, "t1"),
                             (2, "2021-05-01", title, "The revisions arise from late survey returns.", (ONS, OSR),
                              None)],
                  [{"id": "c1-1", "document_id": 1, "actor": ONS, "quote": promise, "made_on": "2021-03-01"}])
    db.execute("update documents set doc_type = 'statement' where id = 2")
    db.execute("delete from document_parties where document_id = 2 and role = 'recipient'")
    update_followup(db, "2021-08-01")
    assert (db["commitments"].get("c1-1")["status"] == "met") is met
