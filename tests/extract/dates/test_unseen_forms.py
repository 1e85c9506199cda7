"""Date forms first met in the second held-out batch of letters (invented sentences, not the letters' own):
"end-Q3" (a quarter with a hyphenated part, no year) and a split-year followed by its kind ("the 2022/23 academic
year", "the 2018-19 tax year"), which must take that kind's calendar, not the financial year's."""
from __future__ import annotations

import pytest

from extract.dates.finder import extract_dates

REF = "2021-05-04"


@pytest.mark.parametrize("sentence, expected", [
    ("The tables will be revised by end-Q3.", ("end-Q3", "2021-07-01", "2021-09-30", "quarter")),
    ("The index will be rebased at mid-Q4.", ("mid-Q4", "2021-10-01", "2021-12-31", "quarter")),
    ("The returns were collected by end-Q1.", ("end-Q1", "2021-01-01", "2021-03-31", "quarter")),
    ("Schools will report termly from the 2022/23 academic year.",
     ("2022/23 academic year", "2022-09-01", "2023-08-31", "academic_year")),
    ("Refunds rose sharply in the 2018-19 tax year.", ("2018-19 tax year", "2018-04-06", "2019-04-05", "tax_year")),
    ("The survey ran throughout the 2017/18 financial year.",
     ("2017/18 financial year", "2017-04-01", "2018-03-31", "financial_year")),
    ("Pupil numbers fell in the 2016/17 school year.", ("2016/17 school year", "2016-09-01", "2017-08-31", "academic_year")),
])
def test_form(sentence, expected):
    got = [(d.text, d.start, d.end, d.granularity) for d in extract_dates(sentence, REF)]
    assert len(got) == 1, got
    text, start, end, gran = got[0]
    assert expected[0] in text
    assert (start, end, gran) == expected[1:]


@pytest.mark.parametrize("sentence", [
    "See question Q3 in the annex for the wording.",
    "The Q2-Q3 split is described in the methods note.",
])
def test_not_a_date(sentence):
    assert [d.text for d in extract_dates(sentence, REF)] == []


# Forms found by probing the extractor with invented sentences (not in any letter we hold): a season of a year named
# relative to the letter's date, "the calendar year", and a fortnight.
@pytest.mark.parametrize("sentence, expected", [
    ("We will write again in the autumn of next year.", ("the autumn of next year", "2022-09-01", "2022-11-30")),
    ("The survey was redesigned in the spring of last year.", ("the spring of last year", "2020-03-01", "2020-05-31")),
    ("We expect to report in early summer this year.", ("early summer this year", "2021-06-01", "2021-06-30")),
    ("We aim to finish by the end of the calendar year.", ("the end of the calendar year", "2021-01-01", "2021-12-31")),
    ("We will respond within the next fortnight.", ("the next fortnight", "2021-05-04", "2021-05-18")),
])
def test_relative_form(sentence, expected):
    got = [(d.text, d.start, d.end) for d in extract_dates(sentence, REF)]
    assert len(got) == 1, got
    assert expected[0] in got[0][0] and got[0][1:] == expected[1:]
