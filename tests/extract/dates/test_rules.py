"""Each normalisation rule of docs/DATES.md, on invented sentences in the style of the regulator's letters."""
from __future__ import annotations

import pytest

from extract.dates.finder import extract_dates

REF = "2019-11-14"  # the letter's own date unless a case says otherwise


def found(sentence: str, ref: str = REF, **kw):
    return [(d.text, d.start, d.end, d.granularity) for d in extract_dates(sentence, ref, **kw)]


def one(sentence: str, ref: str = REF, **kw):
    got = found(sentence, ref, **kw)
    assert len(got) == 1, got
    return got[0]


@pytest.mark.parametrize("sentence, expected", [
    # exact days, British order
    ("Thank you for your letter of 16 January 2019.", ("16 January 2019", "2019-01-16", "2019-01-16", "day")),
    ("The bulletin was published on 16th January.", ("16th January", "2019-01-16", "2019-01-16", "day")),
    ("Your reply of January 16, 2019 set out the plan.", ("January 16, 2019", "2019-01-16", "2019-01-16", "day")),
    ("The data were released on 16/01/2019.", ("16/01/2019", "2019-01-16", "2019-01-16", "day")),
    ("The table was updated on 3/2/2019 with revised figures.", ("3/2/2019", "2019-02-03", "2019-02-03", "day")),
    ("The metadata record was created on 2019-01-16.", ("2019-01-16", "2019-01-16", "2019-01-16", "day")),
    ("We met your team on the 4th of March 2019.", ("the 4th of March 2019", "2019-03-04", "2019-03-04", "day")),
    ("We will meet on Monday 3 February to agree the plan.",
     ("Monday 3 February", "2020-02-03", "2020-02-03", "day")),
    ("The workshop ran on 16-18 January 2019 in Newport.", ("16-18 January 2019", "2019-01-16", "2019-01-18", "range")),
    ("We will publish our findings on 2 December.", ("2 December", "2019-12-02", "2019-12-02", "day")),
    ("You wrote to us on 2 December about the index.", ("2 December", "2018-12-02", "2018-12-02", "day")),
    # months, with the tense choosing the year
    ("We will publish the review in February.", ("February", "2020-02-01", "2020-02-29", "month")),
    ("The department published the figures in February.", ("February", "2019-02-01", "2019-02-28", "month")),
    ("The new series was launched in February 2020.", ("February 2020", "2020-02-01", "2020-02-29", "month")),
    ("The consultation closes in mid-December.", ("mid-December", "2019-12-11", "2019-12-20", "month_part")),
    ("ONS expects to report in late January 2020.", ("late January 2020", "2020-01-21", "2020-01-31", "month_part")),
    ("We intend to revisit this next March.", ("next March", "2020-03-01", "2020-03-31", "month")),
    # years
    ("The methods changed in 2019.", ("2019", "2019-01-01", "2019-12-31", "year")),
    ("Improvements are planned for 2021.", ("2021", "2021-01-01", "2021-12-31", "year")),
    # seasons: UK meteorological
    ("The review will report in autumn 2019.", ("autumn 2019", "2019-09-01", "2019-11-30", "season")),
    ("The pilot ran through summer 2020.", ("summer 2020", "2020-06-01", "2020-08-31", "season")),
    ("We will consult on the changes in the spring.", ("the spring", "2020-03-01", "2020-05-31", "season")),
    ("Fieldwork stopped in winter 2019/20.", ("winter 2019/20", "2019-12-01", "2020-02-29", "season")),
    ("Fieldwork restarts in winter 2020.", ("winter 2020", "2020-12-01", "2021-02-28", "season")),
    ("We will write again by spring.", ("by spring", "2020-03-01", "2020-05-31", "season")),
    ("The team will test the new pages over the summer.", ("the summer", "2020-06-01", "2020-08-31", "season")),
    # quarters
    ("ONS will publish the Q3 2020 estimates in a new format.", ("Q3 2020", "2020-07-01", "2020-09-30", "quarter")),
    ("Output fell in the third quarter of 2020.", ("the third quarter of 2020", "2020-07-01", "2020-09-30", "quarter")),
    ("Figures for the first quarter will follow.", ("the first quarter", "2020-01-01", "2020-03-31", "quarter")),
    ("Data for Q1 2020/21 were revised.", ("Q1 2020/21", "2020-04-01", "2020-06-30", "quarter")),
    ("The index rose in 2019 Q4.", ("2019 Q4", "2019-10-01", "2019-12-31", "quarter")),
    # halves and thirds of a year
    ("We expect the linked data in the second half of 2021.",
     ("the second half of 2021", "2021-07-01", "2021-12-31", "half")),
    ("The platform moves in H1 2022.", ("H1 2022", "2022-01-01", "2022-06-30", "half")),
    ("Work will start in early 2020.", ("early 2020", "2020-01-01", "2020-04-30", "year_part")),
    ("Work will finish in mid-2020.", ("mid-2020", "2020-05-01", "2020-08-31", "year_part")),
    ("The survey returns in late 2020.", ("late 2020", "2020-09-01", "2020-12-31", "year_part")),
    ("Results for the first six months of 2019 are provisional.",
     ("the first six months of 2019", "2019-01-01", "2019-06-30", "month")),
    # financial, tax and academic years
    ("Spending in 2019/20 rose by 4 per cent.", ("2019/20", "2019-04-01", "2020-03-31", "financial_year")),
    ("Spending in 2019-20 rose.", ("2019-20", "2019-04-01", "2020-03-31", "financial_year")),
    ("Spending in 2019–20 rose.", ("2019–20", "2019-04-01", "2020-03-31", "financial_year")),
    ("The budget for the financial year 2021/22 is set.",
     ("the financial year 2021/22", "2021-04-01", "2022-03-31", "financial_year")),
    ("The accounts for FY 2021-22 are audited.", ("FY 2021-22", "2021-04-01", "2022-03-31", "financial_year")),
    ("Receipts in the tax year 2019/20 were revised.",
     ("the tax year 2019/20", "2019-04-06", "2020-04-05", "tax_year")),
    ("Entries for the academic year 2019/20 were lower.",
     ("the academic year 2019/20", "2019-09-01", "2020-08-31", "academic_year")),
    ("Crime fell in the year ending March 2019.", ("the year ending March 2019", "2018-04-01", "2019-03-31", "year")),
    ("Employment rose in the three months to June 2019.",
     ("the three months to June 2019", "2019-04-01", "2019-06-30", "range")),
    # deadlines
    ("We ask that you respond by the end of March.", ("by the end of March", "2020-03-01", "2020-03-31", "month")),
    ("Please reply by 13 December.", ("by 13 December", "2019-12-13", "2019-12-13", "day")),
    ("We will publish the plan by the end of the year.",
     ("by the end of the year", "2019-01-01", "2019-12-31", "year")),
    ("Most claims had been settled by 31 May.", ("by 31 May", "2019-05-31", "2019-05-31", "day")),
    # relative to the letter's date
    ("We welcome the proposal for a conference later in 2019.",
     ("later in 2019", "2019-11-14", "2019-12-31", "relative")),
    ("We will publish a plan later this year.", ("later this year", "2019-11-14", "2019-12-31", "relative")),
    ("The index was reweighted earlier this year.", ("earlier this year", "2019-01-01", "2019-11-14", "relative")),
    ("The survey will restart next year.", ("next year", "2020-01-01", "2020-12-31", "year")),
    ("Response rates fell this year.", ("this year", "2019-01-01", "2019-12-31", "year")),
    ("Response rates fell last year.", ("last year", "2018-01-01", "2018-12-31", "year")),
    ("We will meet the team next month.", ("next month", "2019-12-01", "2019-12-31", "month")),
    ("The figures were revised last month.", ("last month", "2019-10-01", "2019-10-31", "month")),
    ("We spoke to the team last week.", ("last week", "2019-11-04", "2019-11-10", "week")),
    ("We are publishing this letter today.", ("today", "2019-11-14", "2019-11-14", "day")),
    ("We expect an update within six months.", ("within six months", "2019-11-14", "2020-05-14", "relative")),
    ("Please reply within 20 working days.", ("within 20 working days", "2019-11-14", "2019-12-12", "relative")),
    ("We will write to you in the coming weeks.", ("in the coming weeks", "2019-11-14", "2019-12-26", "weeks")),
    ("We will monitor progress in the coming months.",
     ("in the coming months", "2019-11-14", "2020-02-14", "relative")),
    ("Demand grew over the past year.", ("over the past year", "2018-11-14", "2019-11-14", "relative")),
    ("Demand grew in the last 12 months.", ("in the last 12 months", "2018-11-14", "2019-11-14", "relative")),
    ("The series was rebased two years ago.", ("two years ago", "2017-01-01", "2017-12-31", "year")),
    ("We will visit the team next Tuesday.", ("next Tuesday", "2019-11-19", "2019-11-19", "day")),
    ("Use of the data has grown since March 2019.", ("since March 2019", "2019-03-01", "2019-03-31", "month")),
    # ranges and decades
    ("Prices rose between January and March 2020.",
     ("between January and March 2020", "2020-01-01", "2020-03-31", "range")),
    ("The survey covered the period from April 2019 to March 2020.",
     ("from April 2019 to March 2020", "2019-04-01", "2020-03-31", "range")),
    ("Rates were stable from 2018 to 2020.", ("from 2018 to 2020", "2018-01-01", "2020-12-31", "range")),
    ("The series runs 2015–2018.", ("2015–2018", "2015-01-01", "2018-12-31", "range")),
    ("Fieldwork ran from December to February 2020.",
     ("from December to February 2020", "2019-12-01", "2020-02-29", "range")),
    ("Comparable data go back to the 1990s.", ("the 1990s", "1990-01-01", "1999-12-31", "decade")),
    ("The classification dates from the early 1980s.", ("the early 1980s", "1980-01-01", "1983-12-31", "decade_part")),
    # more shapes from the policy table
    ("Output grew in Q3 of 2020.", ("Q3 of 2020", "2020-07-01", "2020-09-30", "quarter")),
    ("Output grew in quarter 3 2020.", ("quarter 3 2020", "2020-07-01", "2020-09-30", "quarter")),
    ("We will review this in the first half of next year.",
     ("the first half of next year", "2020-01-01", "2020-06-30", "half")),
    ("Costs for 2019/2020 were higher.", ("2019/2020", "2019-04-01", "2020-03-31", "financial_year")),
    ("Costs in FYE 2020 were higher.", ("FYE 2020", "2019-04-01", "2020-03-31", "financial_year")),
    ("Costs in the financial year ending March 2020 were higher.",
     ("the financial year ending March 2020", "2019-04-01", "2020-03-31", "financial_year")),
    ("Crime fell in the year to March 2019.", ("the year to March 2019", "2018-04-01", "2019-03-31", "year")),
    ("The team will move offices this weekend.", ("this weekend", "2019-11-16", "2019-11-17", "week")),
    ("The release is planned for w/c 2 December.", ("w/c 2 December", "2019-12-02", "2019-12-08", "week")),
    ("We will reply within a couple of weeks.", ("within a couple of weeks", "2019-11-14", "2019-11-28", "relative")),
    ("We will meet this Wednesday.", ("this Wednesday", "2019-11-13", "2019-11-13", "day")),
    ("Records go back to the twentieth century.", ("the twentieth century", "1900-01-01", "1999-12-31", "century")),
    ("The series began in the nineties.", ("the nineties", "1990-01-01", "1999-12-31", "decade")),
    ("Use of the data has grown ever since 2017.", ("ever since 2017", "2017-01-01", "2017-12-31", "year")),
    ("The survey ran from January to March.", ("from January to March", "2019-01-01", "2019-03-31", "range")),
    ("We will publish early next year.", ("early next year", "2020-01-01", "2020-04-30", "year_part")),
    ("Prices have risen since the start of 2019.",
     ("since the start of 2019", "2019-01-01", "2019-04-30", "year_part")),
    ("The series will be rebased in the next few months.",
     ("in the next few months", "2019-11-14", "2020-02-14", "relative")),
    ("Deaths registered in the week ending 10 April 2020 rose.",
     ("the week ending 10 April 2020", "2020-04-04", "2020-04-10", "week")),
    ("We expect the revised tables by end-March 2020.", ("by end-March 2020", "2020-03-01", "2020-03-31", "month")),
    ("We will publish the plan before Christmas.", ("Christmas", "2019-12-25", "2019-12-25", "day")),
    ("The office closed over Easter 2020.", ("Easter 2020", "2020-04-12", "2020-04-12", "day")),
    ("The release was moved to Good Friday.", ("Good Friday", "2019-04-19", "2019-04-19", "day")),
    ("Figures for the quarter to March 2020 were published.",
     ("the quarter to March 2020", "2020-01-01", "2020-03-31", "quarter")),
    ("Labour Force Survey estimates for Jan–Mar 2020 are revised.",
     ("Jan–Mar 2020", "2020-01-01", "2020-03-31", "range")),
    ("Claims rose in Nov-Feb 2020.", ("Nov-Feb 2020", "2019-11-01", "2020-02-29", "range")),
    ("We will review the statistics in six months' time.",
     ("in six months' time", "2020-05-01", "2020-05-31", "month")),
    ("We will meet again in two weeks’ time.", ("in two weeks’ time", "2019-11-25", "2019-12-01", "week")),
    ("Fieldwork resumes in spring/summer 2020.", ("spring/summer 2020", "2020-03-01", "2020-08-31", "range")),
    ("We will publish in the first week of March.", ("the first week of March", "2020-03-01", "2020-03-07", "week")),
    ("The data arrived in the last week of February 2019.",
     ("the last week of February 2019", "2019-02-22", "2019-02-28", "week")),
    # Welsh
    ("Diolch am eich llythyr dyddiedig 16 Ionawr 2019.", ("16 Ionawr 2019", "2019-01-16", "2019-01-16", "day")),
    ("Cyhoeddwyd yr ystadegau ym Mehefin 2020.", ("Mehefin 2020", "2020-06-01", "2020-06-30", "month")),
    ("Byddwn yn adrodd ar ein cynnydd yn yr hydref.", ("yn yr hydref", "2019-09-01", "2019-11-30", "season")),
    ("Byddwn yn cyhoeddi adolygiad erbyn diwedd Mehefin 2020.",
     ("erbyn diwedd Mehefin 2020", "2020-06-01", "2020-06-30", "month")),
    ("Cyhoeddwyd yr ystadegau y llynedd.", ("y llynedd", "2018-01-01", "2018-12-31", "year")),
    ("Byddwn yn ysgrifennu atoch y mis nesaf.", ("y mis nesaf", "2019-12-01", "2019-12-31", "month")),
    ("Byddwn yn cyhoeddi'r cynllun yn ddiweddarach eleni.",
     ("yn ddiweddarach eleni", "2019-11-14", "2019-12-31", "relative")),
    ("Mae'r data wedi gwella ers Mawrth 2019.", ("ers Mawrth 2019", "2019-03-01", "2019-03-31", "month")),
    ("Cyhoeddwyd yr adroddiad yn y gwanwyn.", ("yn y gwanwyn", "2019-03-01", "2019-05-31", "season")),
])
def test_rule(sentence, expected):
    assert one(sentence) == expected


def test_month_this_month_future_is_this_month():
    assert one("We will publish the plan in November.") == ("November", "2019-11-01", "2019-11-30", "month")


def test_month_without_tense_is_the_nearest():
    assert one("The next release is in January.", ref="2019-11-14")[1] == "2020-01-01"
    assert one("The annual report covers September.", ref="2019-11-14")[1] == "2019-09-01"


def test_tense_hint_decides_when_the_sentence_is_silent():
    assert one("Outputs in June.", tense_hint="past")[1] == "2019-06-01"
    assert one("Outputs in June.", tense_hint="future")[1] == "2020-06-01"


def test_reference_period_takes_the_nearest_whatever_the_publishing_tense():
    got = one("We will publish the note alongside the trade release for September.", ref="2019-07-15")
    assert got[1:3] == ("2019-09-01", "2019-09-30")


def test_weekday_picks_the_year_of_an_undated_day():
    # 3 February is a Monday in 2020; in 2019 it was a Sunday.
    assert one("You told us on Monday 3 February that the data would be late.", ref="2020-06-01")[1] == "2020-02-03"


def test_week_commencing():
    assert one("The release moves to the week commencing 2 December.") == (
        "the week commencing 2 December", "2019-12-02", "2019-12-08", "week")


def test_neighbours_joined_by_and_are_one_interval_a_list_and_a_move_are_two_dates():
    got = found("Figures for January and February 2020 were revised.")
    assert [(g[0], g[1], g[2]) for g in got] == [("January and February 2020", "2020-01-01", "2020-02-29")]
    got = found("Growth in 2020 and 2021 was revised.")
    assert [(g[0], g[1], g[2]) for g in got] == [("2020 and 2021", "2020-01-01", "2021-12-31")]
    assert [g[0] for g in found("Figures for January and March 2020 were revised.")] == ["January", "March 2020"]
    assert [g[0] for g in found("The surveys of 2017 and 2019 differ.")] == ["2017", "2019"]
    got = found("The census was moved from 2021 to 2022.")
    assert [(g[0], g[1]) for g in got] == [("2021", "2021-01-01"), ("2022", "2022-01-01")]


def test_us_numeric_order_only_when_asked():
    assert one("Filed 03/04/1998.", ref="1998-05-01")[1] == "1998-04-03"
    assert one("Filed 03/04/1998.", ref="1998-05-01", dayfirst=False)[1] == "1998-03-04"
    # a day above 12 decides the order whatever the setting
    assert one("Filed 04/13/1998.", ref="1998-05-01")[1] == "1998-04-13"


def test_bare_weekdays_take_the_side_the_tense_points_to():
    assert one("The committee met on Friday.", ref="1998-08-12")[1] == "1998-08-07"  # a Wednesday
    assert one("The committee will meet on Friday.", ref="1998-08-12")[1] == "1998-08-14"
    assert found("The committee met on Friday.", ref="1998-08-12", bare_weekdays=False) == []
    for name in ("Prices fell on Black Friday.", "They support Sheffield Wednesday.", "We watched Friday Night Lights.",
                 "An article in the Sunday Times said so.", "The Mail on Sunday reported the figure."):
        assert found(name, ref="1998-08-12") == [], name


# Issue 12: dates as real letters write them (invented sentences of each shape; reference date 14 November 2019
# unless given).
@pytest.mark.parametrize("sentence, ref, expected", [
    # a bare day and month takes the occurrence the tense points to, from the letter's date
    ("The consultation will close on 17 June.", "2020-06-12", ("17 June", "2020-06-17", "2020-06-17")),
    ("The consultation closed on 17 June.", "2020-06-12", ("17 June", "2019-06-17", "2019-06-17")),
    ("The release was first requested on 7 February3, by the Bank.", "2020-06-12",
     ("7 February", "2020-02-07", "2020-02-07")),  # a footnote marker glued to the month
    # a numbered list inherits the tense of its lead-in, also through a second lead-in without a verb
    ("Early access will be given for these releases: the monthly index that falls on: 1. 18 June with the data "
     "ready for the panel. 2. 17 September with the data sent to the panel. The quarterly series that falls on: "
     "1. 19 June with the data sent to the panel.", "2020-06-12", ("19 June", "2020-06-19", "2020-06-19")),
    # weekday, day, comma, month and year
    ("[2] The Evening Courier, Monday 8, March 2021, page 4", None,
     ("Monday 8, March 2021", "2021-03-08", "2021-03-08")),
    # the start of a year is its first third; the end of a financial year is its last month
    ("We hope to report at the start of next year.", None, ("the start of next year", "2020-01-01", "2020-04-30")),
    ("The review will finish at the beginning of 2022.", None, ("the beginning of 2022", "2022-01-01", "2022-04-30")),
    ("The plan is due by the end of 2020/21.", None, ("by the end of 2020/21", "2021-03-01", "2021-03-31")),
    ("We will report by the end of the financial year.", None,
     ("by the end of the financial year", "2020-03-01", "2020-03-31")),
    ("It was agreed at the end of financial year 2017-18.", None,
     ("the end of financial year 2017-18", "2018-03-01", "2018-03-31")),
    # since X is X (the guidelines' policy); a month of a year named relative to the letter's date
    ("Coverage has improved since 2012.", None, ("since 2012", "2012-01-01", "2012-12-31")),
    ("The guidance was revised in April last year.", None, ("April last year", "2018-04-01", "2018-04-30")),
    ("We will consult in May next year.", None, ("May next year", "2020-05-01", "2020-05-31")),
    ("The survey closed on 8 June last year.", None, ("8 June last year", "2018-06-08", "2018-06-08")),
    ("Productivity has stalled over the last decade.", None, ("over the last decade", "2009-11-14", "2019-11-14")),
    ("The figures were checked over the weekend.", None, ("the weekend", "2019-11-09", "2019-11-10")),
    ("We will finish the checks at the weekend.", None, ("the weekend", "2019-11-16", "2019-11-17")),
    # a weekday that fits no year next to the letter's: the tense's year, not one five years away
    ("We will meet on Wednesday 9 May.", "2020-01-28", ("Wednesday 9 May", "2020-05-09", "2020-05-09")),
    ("We will keep this under review over coming months.", None, ("coming months", "2019-11-14", "2020-02-14")),
    # years as spoken transcripts write them; a year before (the same quarter where quarters are the subject)
    ("Atlanta, nineteen ninety-six: the games opened.", None, ("nineteen ninety-six", "1996-01-01", "1996-12-31")),
    ("Exports were higher than a year earlier.", None, ("a year earlier", "2018-01-01", "2018-12-31")),
    ("Quarterly sales rose 5% from a year ago.", None, ("a year ago", "2018-07-01", "2018-09-30")),
    ("Sales fell compared with the year-ago quarter.", None, ("the year-ago quarter", "2018-07-01", "2018-09-30")),
    ("Profits in the latest quarter were flat.", None, ("the latest quarter", "2019-07-01", "2019-09-30")),
])
def test_real_letter_shapes(sentence, ref, expected):
    got = [(d.text, d.start, d.end) for d in extract_dates(sentence, ref or REF)]
    hit = [g for g in got if expected[0] in g[0]]
    assert hit and hit[-1][1:] == expected[1:], got


@pytest.mark.parametrize("sentence", [
    "Dear June, thank you for your letter.",
    "Our assessment of the 2021 Censuses in the UK is published.",
    "two thousand people replied.",
])
def test_real_letter_non_dates(sentence):
    assert found(sentence) == []
