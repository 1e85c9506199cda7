"""Issue 12 item 6 and issue 14: each commitment keeps where its words are (paragraph, start, end), and the due
date of every sentence is found through an index of the dates by paragraph and offset, not a pass over all dates."""
from __future__ import annotations

import pytest

from extract.commitments.finder import CommitmentContext, extract_commitments
from extract.commitments.due import DateIndex, due_date
from extract.dates.finder import extract_dates
from extract.records import DateMention, Paragraph as P, PartyMention as M


def _ctx(paragraphs, date="2021-03-01"):
    return CommitmentContext.for_letter(
        senders=[M(name="Ed Humpherson", organisation="Office for Statistics Regulation")],
        recipients=[M(name="Alex Example", organisation="Office for National Statistics")],
        date=date, dates=extract_dates(paragraphs, date))


@pytest.mark.parametrize("text", [
    "Thank you for your letter.  We will publish the review by June 2021. The tables were late.",
    "  Please send us the revised tables by the end of May.",
    "In the coming months we will:\n• review the guidance in the autumn;\n• write to you again.",
    "We expect ONS to publish a plan, and we will review it in the spring.",
])
def test_the_span_is_exactly_the_quote(text):
    paragraphs = [P("Dear Alex,"), P(text)]
    found = extract_commitments(paragraphs, _ctx(paragraphs))
    assert found
    for c in found:
        assert paragraphs[c.paragraph].text[c.char_start:c.char_end] == c.quote


def test_spans_survive_the_json_cache():
    from extract.records import Extraction, asdict, extraction_from_dict

    paragraphs = [P("We will publish the review by June 2021.")]
    found = extract_commitments(paragraphs, _ctx(paragraphs))
    back = extraction_from_dict(asdict(Extraction(commitments=found, paragraphs=paragraphs))).commitments
    assert [(c.char_start, c.char_end) for c in back] == [(0, len(paragraphs[0].text))]


def test_due_dates_of_twenty_thousand_sentences_in_one_paragraph():
    """A hostile document: 20,000 sentences, each with its own date, in one paragraph.  Each sentence gets its own
    date (not a neighbour's); with the index this is a binary search per sentence (was all pairs: 78 s)."""
    parts, dates, pos = [], [], 0
    for i in range(20000):
        month = ("March", "June", "September", "December")[i % 4]
        sentence = f"We will publish table {i} by {month} {2030 + i % 7}. "
        at = pos + sentence.index(month)
        text = f"{month} {2030 + i % 7}"
        dates.append(DateMention(text=text, start=None, end=None, granularity="month", paragraph=0,
                                 char_start=at, char_end=at + len(text)))
        parts.append(sentence)
        pos += len(sentence)
    paragraph = "".join(parts)
    index = DateIndex(dates)
    starts = [0]
    for part in parts[:-1]:
        starts.append(starts[-1] + len(part))
    for i in (0, 1, 7777, 19999):
        start, end = starts[i], starts[i] + len(parts[i]) - 1
        got = due_date(index, 0, paragraph, start, end, start, "2021-01-01")
        assert got is dates[i]
    # a sentence of another paragraph finds none of them
    assert due_date(index, 1, paragraph, 0, 40, 0, None) is None
    # and the whole extractor attaches the right one to every sentence of a long (but cheaper) letter
    sample = P("".join(parts[:2000]))
    ctx = CommitmentContext(date="2021-01-01", dates=dates[:2000])
    found = extract_commitments([sample], ctx)
    assert len(found) == 2000
    assert all(c.due is dates[n] for n, c in enumerate(found))


def test_a_plain_list_of_dates_still_works():
    text = "We will publish the tables in June 2022 and review them by March 2023."
    dates = [DateMention("June 2022", "2022-06-01", "2022-06-30", "month", 0, None, None, None),
             DateMention("March 2023", "2023-03-01", "2023-03-31", "month", 0, None, None, None)]
    assert due_date(dates, 0, text, 0, len(text), 3, "2021-01-01") is dates[0]


def test_pronouns_in_a_paragraph_of_thousands_of_sentences():
    """Issue 14: a paragraph of thousands of sentences, each naming a body and then 'it': each 'it' is the body of
    its own sentence (the antecedent is a binary search over the paragraph's names, not a pass per sentence)."""
    bodies = [("HMRC", "org:hmrc"), ("the Home Office", "org:home-office")]
    text = " ".join(f"{bodies[i % 2][0]} sent us table {i} and we expect it to publish the revised data."
                    for i in range(4000))
    ctx = CommitmentContext(writer_org_id="org:osr", writer_org_name="Office for Statistics Regulation",
                            recipient_org_ids=["org:dwp"], recipient_org_names=["Department for Work and Pensions"],
                            date="2021-01-01")
    found = extract_commitments([P(text)], ctx)
    assert len(found) == 4000
    assert [c.actor_id for c in found[:4]] == ["org:hmrc", "org:home-office"] * 2
    assert all(c.actor_id == bodies[n % 2][1] for n, c in enumerate(found))
    assert all(text[c.char_start:c.char_end] == c.quote for c in found[::397])


def test_one_sentence_of_thousands_of_coordinated_actions():
    """A sentence with no full stop and thousands of 'and ...' actions is read in linear time, every action kept."""
    text = "We will " + " and ".join(f"publish table {i} with the data" for i in range(3000)) + "."
    ctx = CommitmentContext(writer_org_id="org:osr", writer_org_name="Office for Statistics Regulation",
                            date="2021-01-01")
    found = extract_commitments([P(text)], ctx)
    assert len(found) == 3000
    assert found[0].quote == "We will publish table 0 with the data"
    assert found[-1].quote == "publish table 2999 with the data."
