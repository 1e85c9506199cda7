"""The public functions: offsets and provenance, parse_date_text, find_letter_date, reference dates, speed."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from extract.dates.finder import extract_dates, find_letter_date, parse_date_text
from bench.dates import LETTER, bench_dates
from extract.records import DateMention, Paragraph


def test_offsets_paragraph_and_page_come_from_the_paragraph():
    paras = [
        Paragraph("Dear Ed,", page=1),
        Paragraph("Thank you for your letter of 3 March 2020.", page=1),
        Paragraph("We will publish the revised series in the autumn and again by 31 March 2021.", page=2),
    ]
    got = extract_dates(paras, "2020-04-01")
    assert [(d.paragraph, d.page, d.text) for d in got] == [
        (1, 1, "3 March 2020"), (2, 2, "the autumn"), (2, 2, "by 31 March 2021")]
    for d in got:
        assert paras[d.paragraph].text[d.char_start:d.char_end] == d.text
    assert got[1].start == "2020-09-01" and got[1].end == "2020-11-30"


def test_no_expression_runs_across_paragraphs():
    got = extract_dates(["The figures for", "March 2020 were revised."], "2020-06-01")
    assert [(d.paragraph, d.text, d.char_start) for d in got] == [(1, "March 2020", 0)]
    got = extract_dates(["We will publish on 16", "January 2021 the new series."], "2020-06-01")
    assert [(d.paragraph, d.text) for d in got] == [(1, "January 2021")]


def test_text_input_and_reference_date_types():
    for ref in ("2019-11-14", date(2019, 11, 14), datetime(2019, 11, 14, 9, 30), "14 November 2019",
                "2019-11-14T09:30:00+00:00"):
        (d,) = extract_dates("We will report next month.", ref)
        assert (d.start, d.end) == ("2019-12-01", "2019-12-31")
    with pytest.raises(ValueError):
        extract_dates("next month", "not a date")


def test_without_a_reference_date_relative_expressions_are_found_but_not_valued():
    got = extract_dates("We will write next month and again on 16 January 2021 or in February.", None)
    assert [(d.text, d.start) for d in got] == [
        ("next month", None), ("16 January 2021", "2021-01-16"), ("February", None)]


def test_parse_date_text_listing_dates_and_link_labels():
    assert _iv(parse_date_text("16 January 2019")) == ("2019-01-16", "2019-01-16", "day")
    assert _iv(parse_date_text("Ed Humpherson to Ian Diamond (January 2019)")) == (
        "2019-01-01", "2019-01-31", "month")
    assert _iv(parse_date_text("Letter from Sir David Norgrove, March 2019")) == ("2019-03-01", "2019-03-31", "month")
    assert _iv(parse_date_text("Published: 13 July 2023")) == ("2023-07-13", "2023-07-13", "day")
    assert _iv(parse_date_text("2019-01-16T10:00:00+00:00")) == ("2019-01-16", "2019-01-16", "day")
    assert _iv(parse_date_text("Quarterly report 2019/20")) == ("2019-04-01", "2020-03-31", "financial_year")
    # a shape our rules do not know goes to dateparser (configured once, day-month order)
    assert _iv(parse_date_text("16-Jan-2019")) == ("2019-01-16", "2019-01-16", "day")
    assert parse_date_text("Statistics and Registration Service Act 2007") is None
    assert parse_date_text("") is None
    assert parse_date_text("We may publish soon") is None


def test_parse_date_text_keeps_the_expression():
    got = parse_date_text("  (September 2018)  ")
    assert isinstance(got, DateMention) and got.text == "September 2018"


def test_find_letter_date():
    paras = [Paragraph("Office for Statistics Regulation", section="header"),
             Paragraph("1 Drummond Gate\nLondon SW1V 2QQ", section="header"),
             Paragraph("16 January 2019", section="header"),
             Paragraph("Dear Ian,"),
             Paragraph("Thank you for your letter of 3 December 2018.")]
    assert find_letter_date(paras) == "2019-01-16"
    assert find_letter_date([Paragraph("Date: 2 March 2020"), Paragraph("Dear Ian,")]) == "2020-03-02"
    assert find_letter_date([Paragraph("Dear Ian,"), Paragraph("Thank you for your letter of 3 December 2018.")]) \
        is None


def test_bench_rows_and_speed():
    rows = bench_dates()
    assert all(len(r) == 4 for r in rows)
    ours = next(r for r in rows if r[0].startswith("extract_dates, invented"))
    baseline = next(r for r in rows if r[0].startswith("dateparser"))
    assert ours[3] == "ms/letter" and ours[2] < baseline[2]


def test_invented_letter_dates():
    paras = [Paragraph(" ".join(b.split())) for b in LETTER.split("\n\n")]
    got = {d.text: (d.start, d.end) for d in extract_dates(paras, "2020-02-17")}
    assert got["16 January 2020"] == ("2020-01-16", "2020-01-16")
    assert got["February"] == ("2020-02-01", "2020-02-29")  # "the commitment to publish ... in February"
    assert got["Monday 3 February"] == ("2020-02-03", "2020-02-03")
    assert got["by the end of March"] == ("2020-03-01", "2020-03-31")
    assert got["between 2018 and 2019"] == ("2018-01-01", "2019-12-31")
    assert got["between October and December\n2020".replace("\n", " ")] == ("2020-10-01", "2020-12-31")
    assert got["by spring"] == ("2020-03-01", "2020-05-31")
    assert got["1 July"] == ("2020-07-01", "2020-07-01")
    assert got["the summer"] == ("2020-06-01", "2020-08-31")  # "users are told ... before the summer": a passive
    assert got["Friday"] == ("2020-02-21", "2020-02-21")  # "We will publish this letter ... on Friday": the next one
    for trap in ("2,019", "2017", "Census 2021", "330", "9.30am", "2018\nedition"):
        assert not any(trap in text for text in got), trap


def _iv(d: DateMention | None):
    return (d.start, d.end, d.granularity) if d else None


def test_a_hostile_run_of_thousands_of_dates_is_read_whole_and_right():
    """Overlap resolution indexes the characters already taken (not every pair of hits): a page that is one long
    run of dates, some of them nested in longer expressions, still yields each one, longest expression first."""
    unit = "On 1 January 2019 and by the end of March 2020, week commencing 6 May 2019; "
    n = 4000
    got = extract_dates(unit * n, "2020-06-01")
    assert len(got) == 3 * n
    assert [d.text for d in got[:3]] == ["1 January 2019", "by the end of March 2020", "week commencing 6 May 2019"]
    step = len(unit)
    for i, d in enumerate(got):
        k = i % 3
        want = ("2019-01-01", "2019-01-01") if k == 0 else ("2020-03-01", "2020-03-31") if k == 1 else \
            ("2019-05-06", "2019-05-12")
        assert (d.start, d.end) == want
        assert d.char_start == (i // 3) * step + (unit.index(got[k].text))
