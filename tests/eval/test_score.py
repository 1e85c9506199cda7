"""The scorer's matching and arithmetic on tiny hand-made cases (eval/score.py, eval/runner.py)."""
from __future__ import annotations

import json
import shutil

import pytest

from eval import score as S
from eval.goldset import GOLD_DIR


def d(text, start, end=None):
    return {"text": text, "start": start, "end": end or start}


GOLD_DATES = [d("4 March", "2020-03-04"), d("by the end of June 2020", "2020-06-01", "2020-06-30"),
              d("in the summer", "2020-06-01", "2020-08-31")]


def test_perfect_dates_score_one():
    res = S.score_dates([(GOLD_DATES, [dict(x) for x in GOLD_DATES])])
    assert (res["precision"], res["recall"], res["f1"], res["value_accuracy"]) == (1.0, 1.0, 1.0, 1.0)


def test_missing_date_lowers_recall_only():
    res = S.score_dates([(GOLD_DATES, [dict(x) for x in GOLD_DATES[:2]])])
    assert res["precision"] == 1.0
    assert res["recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert (res["tp"], res["fp"], res["fn"]) == (2, 0, 1)


def test_spurious_date_lowers_precision_only():
    pred = [d("we", "2020-03-11")] + [dict(x) for x in GOLD_DATES]  # dateparser's "we" = Wednesday
    res = S.score_dates([(GOLD_DATES, pred)])
    assert res["recall"] == 1.0
    assert res["precision"] == 0.75
    assert res["f1"] == pytest.approx(2 * 0.75 / 1.75, abs=1e-4)


def test_wrong_value_lowers_value_accuracy_not_recognition():
    pred = [dict(x) for x in GOLD_DATES]
    pred[2] = d("summer", "2021-06-01", "2021-08-31")  # shorter span, wrong year
    res = S.score_dates([(GOLD_DATES, pred)])
    assert res["f1"] == 1.0
    assert res["value_accuracy"] == pytest.approx(2 / 3, abs=1e-4)


def test_repeated_dates_match_one_to_one_in_order():
    gold = [d("2019", "2019-01-01", "2019-12-31"), d("May 2020", "2020-05-01", "2020-05-31"),
            d("2019", "2019-01-01", "2019-12-31")]
    res = S.score_dates([(gold, [d("2019", "2019-01-01", "2019-12-31")])])
    assert (res["tp"], res["fp"], res["fn"]) == (1, 0, 2)
    # an expression that shares no word with the gold one is not a match
    assert S.align_dates([d("next year", "2021-01-01")], [d("30 April", "2020-04-30")]) == []


def test_document_date_line_is_neither_right_nor_wrong():
    pred = [d("12 March 2020", "2020-03-12")] + [dict(x) for x in GOLD_DATES]
    res = S.score_dates([(GOLD_DATES, pred, "2020-03-12")])
    assert (res["precision"], res["date_lines_ignored"]) == (1.0, 1)
    assert S.score_dates([(GOLD_DATES, pred)])["precision"] == 0.75  # without the document date it counts


def c(kind, actor, quote, due=None):
    return {"kind": kind, "actor": actor, "quote": quote, "due": due}


DUE = {"text": "by 30 April", "start": "2020-04-30", "end": "2020-04-30"}
GOLD_C = [
    c("expectation", "Office for National Statistics",
      "We expect ONS to publish its outputs and dissemination plan by the end of June 2020.",
      {"text": "by the end of June 2020", "start": "2020-06-01", "end": "2020-06-30"}),
    c("request", "Office for National Statistics",
      "Please let us know by 30 April how you intend to involve users in Wales.", DUE),
    c("commitment", "Office for Statistics Regulation", "We will publish the next phase of our assessment in 2020.",
      None),
]


def test_perfect_commitments_score_one_per_kind():
    res = S.score_commitments([(GOLD_C, [dict(x) for x in GOLD_C])])
    assert res["f1"] == res["kind_accuracy"] == res["actor_accuracy"] == res["due_accuracy"] == 1.0
    assert all(res["per_kind"][k]["f1"] == 1.0 for k in ("expectation", "request", "commitment"))
    assert res["per_kind"]["recommendation"]["tp"] == 0


def test_commitment_missing_spurious_and_wrong_kind():
    pred = [dict(GOLD_C[0]), dict(GOLD_C[1], kind="expectation"),
            c("commitment", "OSR", "The new pages will help users to understand the data.")]
    res = S.score_commitments([(GOLD_C, pred)])
    assert (res["tp"], res["fp"], res["fn"]) == (2, 1, 1)
    assert res["kind_accuracy"] == 0.5
    assert res["per_kind"]["request"]["recall"] == 0.0
    assert res["per_kind"]["expectation"]["fp"] == 1
    assert res["per_kind"]["commitment"]["precision"] == 0.0


def test_commitment_quote_overlap_threshold():
    # a clipped quote still matches; a whole paragraph around a short sentence does not
    assert S.quote_overlap(GOLD_C[0]["quote"], "We expect ONS to publish its outputs and dissemination plan") >= 0.5
    paragraph = " ".join(x["quote"] for x in GOLD_C)
    assert S.match_commitments([GOLD_C[2]], [c("commitment", "OSR", paragraph)]) == []


def test_actor_and_due_accuracy():
    pred = [dict(GOLD_C[0], actor="ONS"), dict(GOLD_C[1], actor="Office for Statistics Regulation", due=None),
            dict(GOLD_C[2], actor=None, actor_id="org:osr")]
    res = S.score_commitments([(GOLD_C, pred)])
    assert res["actor_accuracy"] == pytest.approx(2 / 3, abs=1e-4)
    assert res["due_accuracy"] == pytest.approx(2 / 3, abs=1e-4)


def test_organisation_and_person_matching():
    assert S.acronym("HM Revenue and Customs") == "HMRC"
    assert S.acronym("UK Statistics Authority") == "UKSA"
    assert S.org_match("Department for Work and Pensions", "DWP")
    assert S.org_match("Welsh Government", "welsh government")
    assert not S.org_match("Office for National Statistics", "Office for Statistics Regulation")
    assert S.org_match("Office for National Statistics", "National Statistics Office",
                       aliases={"office for national statistics": "org:ons", "national statistics office": "org:ons"})
    assert S.person_match("Professor Sir Ian Diamond", "Sir Ian Diamond")
    assert S.person_match("Rt Hon Yvette Cooper MP", "Yvette Cooper")
    assert not S.person_match("Ed Humpherson", "Ed")
    assert not S.person_match("Mary Gregory", "Ed Humpherson")


def test_party_scores():
    gold = {"name": "Ed Humpherson", "role": None, "organisation": "Office for Statistics Regulation"}
    assert S.party_match(gold, {"name": "Ed", "party_id": "person:ed-humpherson"})  # resolved first name
    assert not S.party_match(gold, {"name": "Ed", "organisation": "Office for Statistics Regulation"})
    assert S.party_match({"name": None, "role": None, "organisation": "UK Statistics Authority"},
                         {"name": None, "organisation": "UKSA"})
    res = S.score_sender([(gold, {"name": "Ed Humpherson"}), (gold, None), (None, None)])
    assert (res["right"], res["total"]) == (2, 3)
    lists = S.score_party_lists([([gold, {"name": "Iain Bell", "organisation": "ONS"}],
                                  [{"name": "Iain Bell"}, {"name": "Sir David Norgrove"}])])
    assert (lists["tp"], lists["fp"], lists["fn"]) == (1, 1, 1)


def test_link_arithmetic_and_targets():
    res = S.score_links({("b", "a"), ("c", "b")}, {("b", "a"), ("c", "a")})
    assert (res["precision"], res["recall"]) == (0.5, 0.5)
    rows = S.targets_for({"dates": {"f1": 0.96, "value_accuracy": 0.9}, "commitments": {"available": False}})
    by = {(r["extractor"], r["measure"]): r["result"] for r in rows}
    assert by[("dates", "f1")] == "PASS" and by[("dates", "value_accuracy")] == "FAIL"
    assert by[("commitments", "f1")] == "n/a"


@pytest.fixture
def small_gold(tmp_path):
    """Two real gold documents (one reply to the other) copied into a fresh directory."""
    for stem in ("06-covid-testing-dashboard", "07-dhsc-reply-testing-data"):
        shutil.copy(GOLD_DIR / f"{stem}.html", tmp_path)
        shutil.copy(GOLD_DIR / f"{stem}.gold.json", tmp_path)
    return tmp_path


def test_run_returns_every_section_and_writes_json(small_gold):
    from eval.__main__ import main

    out = small_gold / "results.json"
    assert main(["--gold", str(small_gold), "--json", str(out), "--no-real"]) == 0
    res = json.loads(out.read_text())
    assert res["documents"] == 2
    for key in ("dates", "dates_baseline", "commitments", "sender", "recipients", "copied", "doc_type", "threads",
                "targets", "real_letters"):
        assert key in res
    assert res["dates_baseline"]["tp"] + res["dates_baseline"]["fn"] == 6  # 3 + 3 gold dates


def test_details_lists_each_kind_of_disagreement():
    from eval.details import differences

    gold = {"date": "2020-03-12", "doc_type": "letter", "dates": GOLD_DATES, "commitments": GOLD_C,
            "sender": {"name": "Ed Humpherson", "role": None, "organisation": "Office for Statistics Regulation"},
            "recipients": [{"name": "Iain Bell", "role": None, "organisation": "Office for National Statistics"}],
            "copied": []}
    pred = {"doc_type": "report", "dates": [dict(GOLD_DATES[0]), d("we", "2020-03-11"),
                                            d("in the summer", "2021-06-01", "2021-08-31")],
            "commitments": [dict(GOLD_C[0], actor="HMRC"), dict(GOLD_C[1])],
            "sender": {"name": "Ed Humpherson"}, "recipients": [{"name": "Iain"}], "copied": []}
    lines = "\n".join(differences(gold, pred))
    assert "date missed   'by the end of June 2020'" in lines
    assert "date extra    'we'" in lines
    assert "date value    'in the summer'" in lines
    assert "commit missed [commitment/Office for Statistics Regulation]" in lines
    assert "commit actor  Office for National Statistics got HMRC" in lines
    assert "recipients" in lines and "sender" not in lines
    assert "doc_type      gold letter got report" in lines
