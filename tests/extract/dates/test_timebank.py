"""The TimeBank/AQUAINT benchmark (256 real news articles, TIMEX3 DATE annotations): we beat dateparser clearly."""
from __future__ import annotations

from datetime import date

import pytest

from eval import timebank

pytestmark = pytest.mark.skipif(not timebank.DATA_DIR.is_dir(),
                                reason=f"TimeBank data absent ({timebank.DATA_DIR})")


@pytest.fixture(scope="module")
def scores():
    return timebank.score_timebank()


def test_reads_every_article_with_its_creation_time():
    arts = timebank.read_corpus()
    assert len(arts) == 256
    art = next(a for a in arts if a.name.startswith("ABC19980108"))
    assert art.dct == date(1998, 1, 8)
    for t in art.timexes:
        assert art.text[t.start:t.end] == t.text


def test_value_intervals():
    iv = timebank.value_interval
    assert iv("1998-01-08") == (date(1998, 1, 8), date(1998, 1, 8))
    assert iv("1998-Q1") == (date(1998, 1, 1), date(1998, 3, 31))
    assert iv("1989-H2") == (date(1989, 7, 1), date(1989, 12, 31))
    assert iv("199") == (date(1990, 1, 1), date(1999, 12, 31))
    assert iv("1998-SU") == (date(1998, 6, 1), date(1998, 8, 31))
    assert iv("1998-W02") == (date(1998, 1, 5), date(1998, 1, 11))
    assert iv("PRESENT_REF") is None and iv("1998-XX") is None


def test_we_beat_dateparser(scores):
    ours, base = scores["ours"], scores["dateparser"]
    assert ours["precision"] > 0.9
    assert ours["f1"] > base["f1"] + 0.05
    assert ours["value_f1"] > base["value_f1"] + 0.2
    assert ours["value_accuracy"] > 0.7
    news = scores["ours_bare_weekdays"]
    assert news["f1"] > 0.8 and news["value_f1"] > 0.65


def test_cli_prints_the_table(capsys):
    assert timebank.main(["--no-baseline"]) == 0
    out = capsys.readouterr().out
    assert "ours" in out and "ours_bare_weekdays" in out and "HeidelTime" in out
    assert timebank.main(["--data", "/nonexistent/timebank"]) == 2


def test_date_value_f1_reaches_the_issue_12_target(scores):
    # HeidelTime's published value F1 is 0.776 (TempEval-3); issue 12 asks for 0.80 with letters' settings
    assert scores["ours"]["value_f1"] >= 0.80
