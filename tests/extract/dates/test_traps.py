"""No false dates: words, names, amounts and references that a general date parser reads as dates."""
from __future__ import annotations

import pytest

from extract.dates.finder import extract_dates

REF = "2020-03-12"


def texts(sentence: str) -> list[str]:
    return [d.text for d in extract_dates(sentence, REF)]


@pytest.mark.parametrize("sentence", [
    "We welcome the progress that we have seen and we may return to this topic.",
    "We would like to see a second release of the data and a one-year pilot of the new survey.",
    "The three-year programme is reviewed in a five-year cycle, with monthly and quarterly outputs.",
    "The statistics are produced under the Digital Economy Act 2017.",
    "Powers in the Statistics and Registration Service Act 2007 apply to the Authority.",
    "The Census 2021 outputs are designed with users.",
    "Planning for the 2021 Census is well advanced.",
    "Our Assessment Report 330 set out the requirements.",
    "The goals of Agenda 2030 are relevant here.",
    "The Code of Practice for Statistics (2018 edition) sets the standard.",
    "Section 2.3 of the report and paragraph 12 explain the method.",
    "The survey reached 2,019 people in 1,200 households.",
    "The scheme cost £2021m in its first phase.",
    "Some 2019 respondents said they had not been contacted.",
    "The tables are published at 9.30am and again at 10:30.",
    "We may publish a further note, and you may wish to comment.",
    "The Prime Minister, Theresa May, spoke about the figures.",
    "There was a fall in output and a rise in prices.",
    "We are grateful for the Autumn Statement briefing and the Spring Budget tables.",
    "Please contact us on 020 7592 8659 or at regulation@statistics.gov.uk.",
    "The file is available at /wp-content/uploads/2019/03/report.pdf.",
    "The COVID-19 dashboard is updated daily.",
    "We will respond shortly and as soon as possible.",
    "Question Q3 asks about second jobs; see table 2019 of the annex.",
    "The update is version 2.1.2019 of the tool.",
    "We wrote to the Secretary of State, and the Minister replied.",
    "Thank you for the briefing on the Summer School programme.",
    # shapes seen in real letter titles on the 2020 correspondence list
    "Response to the Action Plan from the Northern Ireland June Agricultural Census.",
    "Letter to the Chief Executive on winter A&E performance in England.",
    "We note the allocations in the Police Grant 2016/17 report.",
    "2011 Census: Confidentiality of small area outputs.",
    "The Authority's Business Plan 2016-2020 sets out its priorities.",
    "Data for Christmas Island are not covered.",
    "It takes six months time to train an interviewer.",
    "As the 2017-18 Annual Report noted, coverage improved.",
])
def test_no_date(sentence):
    assert texts(sentence) == []


@pytest.mark.parametrize("sentence, expected", [
    # a year that names an event's time is a date; the same year inside a name is not
    ("The census in 2021 will be digital first, as the Census 2021 design says.", ["2021"]),
    ("Under the Digital Economy Act 2017, data were shared in 2018.", ["2018"]),
    ("In May we published the review; we may revisit it.", ["May"]),
    ("We met on 3 May to discuss the 2,019 responses received since 2019.", ["3 May", "since 2019"]),
    ("The Code of Practice (2018 edition) came into force in February 2018.", ["February 2018"]),
    ("At 10:30 on 16 January 2019 the release was withdrawn.", ["16 January 2019"]),
    ("We will publish the Q3 2019 figures; Q3 of the questionnaire changes.", ["Q3 2019"]),
])
def test_only_the_real_dates(sentence, expected):
    assert texts(sentence) == expected


def test_real_letter_shape_has_no_weekday_or_modal_dates():
    letter = (
        "Dear Ian, Thank you for your letter. We welcome the steps you have taken and we recognise that the team "
        "has worked hard. We may wish to discuss this further; we would be happy to meet. We note the second "
        "edition of the guidance and the one-year review. We will continue to engage with you. Yours sincerely"
    )
    assert extract_dates(letter, REF) == []
