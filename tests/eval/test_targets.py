"""Issue #5's accuracy targets are part of the test suite: a regression in any extractor fails `make test`."""
from __future__ import annotations

from pathlib import Path

import pytest

from eval.score import run

GOLD = Path(__file__).resolve().parents[2] / "eval" / "gold"


@pytest.fixture(scope="module")
def results():
    return run(GOLD)


def test_every_target_is_met_on_the_gold_set(results):
    assert len(results["targets"]) == 6
    missed = [t for t in results["targets"] if t["result"] != "PASS"]
    assert not missed, missed


def test_held_out_documents_meet_the_targets_too(results):
    holdout = results["splits"]["holdout"]
    assert holdout["dates"]["f1"] >= 0.95
    assert holdout["commitments"]["f1"] >= 0.85
    assert holdout["sender"]["accuracy"] >= 0.98


def test_we_beat_the_dateparser_baseline_by_a_clear_margin(results):
    assert results["dates"]["f1"] - results["dates_baseline"]["f1"] > 0.2
