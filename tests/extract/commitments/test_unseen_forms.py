"""Commitment shapes first met in the second held-out batch of letters, on invented sentences (not the letters'):
refusals ("will not"), "on track to", a reported plan inside "we look forward to seeing ...", a requirements list
opened by a sentence ("Our requirements are:") with lead-ins and sub-bullets, "Our next steps are:" with
to-infinitive items, and numbered rows of an annex table."""
from __future__ import annotations

import pytest

from extract.commitments.finder import CommitmentContext, extract_commitments
from extract.records import Paragraph

W, R = "org:osr", "org:dwp"


def _context():
    return CommitmentContext(writer_org_id=W, writer_org_name="Office for Statistics Regulation",
                             recipient_org_ids=[R], recipient_org_names=["Department for Work and Pensions"],
                             date="2021-05-04")


@pytest.mark.parametrize("sentence, kind, actor", [
    ("We will not be extending the review to the regional tables.", None, None),
    ("We will not publish a further report, but we will check the next release.", "commitment", W),
    ("The department will not change the definitions before the census.", None, None),
    ("We remain on track to complete the review of the pension statistics by the summer.", "commitment", W),
    ("The department is still on course to publish the revised series in June.", "commitment", R),
    ("We look forward to seeing the action plan that your team intends to publish in the spring.", "commitment", R),
    ("We look forward to seeing the revised tables, which the department expects to release in July.", "commitment", R),
    ("We look forward to receiving your action plan.", "request", R),
    # the writer's decision taken by the letter is an act, not a promise; a third party's decision is its plan
    ("Having considered the evidence, we have decided to suspend the designation of the tables.", None, None),
    ("The Authority has decided to confirm the exemption for a further year.", None, None),
    ("We have decided to review the tables again in the spring.", "commitment", W),
    ("The department has decided to withdraw the old series in June.", "commitment", R),
    # an output as the object of "we would like to see": the producer is bound
    ("We would like to see the summary show the regional breakdown as well.", "expectation", R),
    ("We would like to see the timetable include a date for the user event.", "expectation", R),
])
def test_sentence(sentence, kind, actor):
    found = extract_commitments([Paragraph(sentence)], _context())
    if kind is None:
        assert found == [], [(c.kind, c.actor_id, c.quote) for c in found]
        return
    assert [(c.kind, c.actor_id) for c in found] == [(kind, actor)]


def _read(paras, section="body"):
    return [(c.kind, c.actor_id, c.quote) for c in
            extract_commitments([Paragraph(p, section=section) for p in paras], _context())]


def test_requirements_sentence_opens_a_list_with_sub_bullets():
    got = _read([
        "Our requirements are:",
        "The department should improve the guidance on the caseload figures. In particular, it should:",
        "add a glossary of the benefit terms;",
        "date each revision in the tables; and",
        "explain breaks in the series.",
        "The department should consult users of the local figures before changing them.",
    ])
    assert [k for k, _, _ in got] == ["recommendation"] * 5, got
    assert {a for _, a, _ in got} == {R}
    assert [q for _, _, q in got][1:4] == ["add a glossary of the benefit terms;", "date each revision in the tables; and",
                                           "explain breaks in the series."]


def test_next_steps_with_infinitive_items_are_the_writers_commitments():
    got = _read(["Our next steps are:", "to visit the payments team in the spring;",
                 "to publish a short note on the findings; and", "to brief the board in the autumn."])
    assert got == [("commitment", W, "to visit the payments team in the spring;"),
                   ("commitment", W, "to publish a short note on the findings; and"),
                   ("commitment", W, "to brief the board in the autumn.")]


def test_numbered_table_rows_are_recommendations():
    got = _read(["No. | Recommendation | Timing",
                 "1 | The department should date every revision in the caseload tables. | By June 2021",
                 "2 | The department should publish the error rates by region. | Spring 2022"], section="annex")
    assert [(k, a) for k, a, _ in got] == [("recommendation", R), ("recommendation", R)], got


def test_prose_after_a_list_is_not_an_item():
    got = _read(["Our requirements are:", "The department should publish the error rates by region.",
                 "Looking further ahead, we expect the department to review the whole series."])
    assert [k for k, _, _ in got] == ["recommendation", "expectation"], got


@pytest.mark.parametrize("sentence, due", [
    ("We remain on track to publish the figures for 2020/21 in the autumn.", "in the autumn"),
    ("The department will publish the index for March by the end of April.", "by the end of April"),
    ("The department will publish the estimates for 2022/23.", "2022/23"),
])
def test_a_reference_period_is_not_the_due_date(sentence, due):
    from extract.dates.finder import extract_dates

    paras = [Paragraph(sentence)]
    ctx = _context()
    ctx.dates = extract_dates(paras, ctx.date)
    found = extract_commitments(paras, ctx)
    assert len(found) == 1 and found[0].due is not None
    assert due in found[0].due.text or found[0].due.text in due
