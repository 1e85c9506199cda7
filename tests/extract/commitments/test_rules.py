"""One sentence → kind and actor (or nothing): every rule and every trap of the commitment extractor.

Invented sentences in the register of regulator letters (writer: OSR; recipient: a department), never copied from
the gold set or real letters."""
from __future__ import annotations

import pytest

from extract.commitments.finder import CommitmentContext, extract_commitments
from extract.records import Paragraph

W, R = "org:osr", "org:dwp"  # the writer's and the recipient's organisation in these cases

CASES = [
    # --- commitments of the writer: we will / I will / we plan, intend, aim to / we are committed to
    ("In the coming months we will publish a review of the guidance.", "commitment", W),
    ("I can confirm that we will update the guidance before the next release.", "commitment", W),
    ("We will publish our findings in a short report.", "commitment", W),
    ("I will write to you again once the review is complete.", "commitment", W),
    ("We'll follow up with your team in the new year.", "commitment", W),
    ("We plan to return to these statistics next spring.", "commitment", W),
    ("We intend to review progress against these actions in six months.", "commitment", W),
    ("We are planning to hold a roundtable with users of the benefit statistics.", "commitment", W),
    ("We aim to complete the compliance check by the summer.", "commitment", W),
    ("We are committed to supporting the team as it develops the new series.", "commitment", W),
    ("We remain committed to working with you on these improvements.", "commitment", W),
    ("My team will continue to monitor the monthly releases.", "commitment", W),
    ("As part of our programme, we will also look at how the figures are used in public debate.", "commitment", W),
    ("We will be in touch with your Head of Profession to arrange a meeting.", "commitment", W),
    ("We have agreed with your team that we will review the statistics again in 12 months.", "commitment", W),
    ("We will keep this under review.", "commitment", W),
    ("We will, of course, keep the designation under review.", "commitment", W),
    ("We intend, in due course, to publish a short report on these issues.", "commitment", W),
    ("We, as the regulator, will set out our expectations in a short guide.", "commitment", W),
    ("We are currently planning to review the guidance next year.", "commitment", W),
    ("I have asked my team to look again at the presentation of these figures.", "commitment", W),
    ("We expect to publish the outcome of the review in the autumn.", "commitment", W),
    ("Once the consultation closes, we will set out our conclusions.", "commitment", W),
    ("The Office for Statistics Regulation will report on progress in its annual review.", "commitment", W),
    ("We will not be designating these statistics until the issues are resolved.", None, None),  # a refusal
    ("Our next step will be to publish a short review of the guidance.", "commitment", W),
    # --- commitments of the recipient, in its own or reported words
    ("The revised tables will be published by the department in March.", "commitment", R),
    ("You have told us that you will publish the revised tables in March.", "commitment", R),
    ("Your team confirmed that it plans to consult users over the summer.", "commitment", R),
    ("We welcome your plans to publish a quality report alongside the statistics.", "commitment", R),
    ("We welcome the proposal for a cross-government conference later in 2019.", "commitment", R),
    ("I was pleased to hear that you intend to publish the methodology in full.", "commitment", R),
    ("The department has agreed to add a clear statement on the uncertainty.", "commitment", R),
    ("We note that you are committed to publishing these figures quarterly.", "commitment", R),
    ("We understand that the Department for Work and Pensions will publish the data in May.", "commitment", R),
    ("You said that the department would publish a methodology note.", "commitment", R),
    ("I am pleased that DWP and ONS intend to publish a joint development plan.", "commitment", R),
    ("We welcome the department’s plan to publish a new quarterly table.", "commitment", R),
    # --- commitments of a named third party (an organisation, or the holder of a named role on the day)
    ("ONS and HMRC will publish a joint article on the differences.", "commitment", "org:ons"),
    ("The figures will be published by HMRC alongside the annual accounts.", "commitment", "org:hmrc"),
    ("The Home Office Analysis and Insight Directorate will publish the data in May.", "commitment", "org:home-office"),
    ("NHS England is due to publish the figures in the autumn.", "commitment", "org:nhs-england"),
    ("Following the review, the National Statistician will write to heads of profession.", "commitment", "org:ons"),
    ("We understand that ONS plans to publish the new estimates in the summer.", "commitment", "org:ons"),
    ("HMRC will publish its own analysis of the changes.", "commitment", "org:hmrc"),
    ("Colleagues at NHS England have agreed to share the underlying data.", "commitment", "org:nhs-england"),
    ("We welcome the Office for National Statistics's plans to link these datasets.", "commitment", "org:ons"),
    # --- expectations: the writer expects another party to act
    ("We expect DWP to publish an explanation of the revisions.", "expectation", R),
    ("We would expect you to set out the limitations of the data clearly.", "expectation", R),
    ("We expect the department to review its pre-release access list.", "expectation", R),
    ("We would expect ONS to consult users before making the change.", "expectation", "org:ons"),
    ("We expect that the team will publish a timetable for the development work.", "expectation", R),
    ("The statistics should explain how the estimates were derived.", "recommendation", R),
    ("The release must make clear that these are experimental statistics.", "expectation", R),
    ("You should ensure that the commentary reflects the uncertainty in the figures.", "recommendation", R),
    ("The department needs to publish the underlying data alongside the headline figures.", "expectation", R),
    ("It is important that you explain the reasons for the delay to users.", "expectation", R),
    ("We would like to see HMRC publish more detail on the methods used.", "expectation", "org:hmrc"),
    ("You will need to update the guidance before the next release.", "expectation", R),
    ("Our expectation is that the department will publish these figures in full.", "expectation", R),
    ("We are keen that the department continues to engage with users.", "expectation", R),
    ("We would expect to see these improvements reflected in the next edition.", "expectation", R),
    ("The Authority expects the department to publish its plans.", "expectation", R),
    ("Your Head of Profession should review the release practices.", "recommendation", R),
    ("In our view the statistics should carry a clearer warning about the break in the series.", "recommendation", R),
    # --- requests: the addressee is asked to act
    ("Please let us know by 30 September how you intend to proceed.", "request", R),
    ("I would be grateful if you could confirm the publication date.", "request", R),
    ("We would be grateful if your team could share the draft release with us.", "request", R),
    ("Could you please confirm whether the figures will be revised?", "request", R),
    ("I would appreciate an update on progress by the end of the year.", "request", R),
    ("We ask that you provide a written response to these points.", "request", R),
    ("We would therefore ask that the department publishes a revised timetable by 30 April.", "request", R),
    ("I would ask that you keep us informed of progress.", "request", R),
    ("We look forward to receiving your action plan in due course.", "request", R),
    ("If you could send us the revised timetable, that would be helpful.", "request", R),
    ("In the meantime, please keep us informed of any changes to the timetable.", "request", R),
    ("We would welcome an update on this work by the end of September.", "request", R),
    ("I should be grateful for a reply by 1 May.", "request", R),
    ("Would it be possible for your team to share the draft tables with us?", "request", R),
    ("We need you to confirm the revised publication date.", "request", R),
    # --- recommendations
    ("We recommend that DWP publishes a user guide for the new series.", "recommendation", R),
    ("We recommend that you review the presentation of the charts.", "recommendation", R),
    ("We suggest that the department reviews the wording of the headline message.", "recommendation", R),
    ("We suggest you publish the code used to produce the estimates.", "recommendation", R),
    ("We would encourage you to engage more widely with users outside government.", "recommendation", R),
    ("We recommend publishing the data in an open, machine-readable format.", "recommendation", R),
    ("We recommend that ONS sets out a timetable for the transformation work.", "recommendation", "org:ons"),
    ("We recommend that the National Statistician leads a programme of data linkage.", "recommendation", "org:ons"),
    # --- not commitments: thanks
    ("Thank you for agreeing to publish the revised estimates.", None, None),
    ("Thank you for your letter of 3 May about the statistics on universal credit.", None, None),
    ("Many thanks for the constructive way your team engaged with the assessment.", None, None),
    ("I am grateful for the work your team has done to improve the release.", None, None),
    ("I look forward to hearing from you.", None, None),
    # --- not commitments: hedges and possibilities
    ("We may consider a further review of these statistics next year.", None, None),
    ("It might be helpful to include a short note on the methods.", None, None),
    ("We might look again at this area in due course.", None, None),
    ("We could return to this topic in our annual review.", None, None),
    ("We hope that the new pages will be useful to users.", None, None),
    ("We are considering whether to carry out a wider review.", None, None),
    ("You may wish to consider publishing the data more often.", None, None),
    ("We would publish the results if the data were available.", None, None),
    # --- not commitments: past actions
    ("We published our review of the statistics in 2018.", None, None),
    ("We have asked the department to publish the data.", None, None),
    ("We have written to the department about these concerns.", None, None),
    ("The department should have published the data before the minister referred to it.", None, None),
    ("The statistics should not have been used in this way.", None, None),
    ("You have addressed most of the issues we raised last year.", None, None),
    ("Last year the department planned to publish the data in June.", None, None),
    # --- not commitments: predictions about things
    ("The new pages will help meet that challenge.", None, None),
    ("This will be a challenge for the team.", None, None),
    ("The changes will improve the coherence of the statistics.", None, None),
    ("It will take time for the new system to bed in.", None, None),
    ("The revised estimates will be lower than those published last year.", None, None),
    ("The figures will be welcomed by users of the statistics.", None, None),
    ("The figures will be affected by the change in the survey design.", None, None),
    ("You will be aware that the Authority published its strategy last year.", None, None),
    ("You will recall that we raised this issue in our previous letter.", None, None),
    ("Your statisticians will be best placed to advise on the presentation.", None, None),
    ("These issues will need to be addressed before the statistics can be designated.", None, None),
    ("We will want to see evidence that the changes have been made.", None, None),
    # --- not commitments: conditionals without an undertaking
    ("If the data are not available, we will have to review the designation.", None, None),
    ("Should you wish to discuss this further, my team is available.", None, None),
    # --- not commitments: offers, present acts, questions, the Code quoted, general duties
    ("I would be happy to discuss this with you.", None, None),
    ("We would be pleased to meet your team to talk through the findings.", None, None),
    ("Please do not hesitate to contact me if you have any questions.", None, None),
    ("Please let me know if you would like to discuss any of these points.", None, None),
    ("I am copying this letter to the National Statistician.", None, None),
    ("I am publishing this letter on our website.", None, None),
    ("We will publish this letter and your reply on our website.", None, None),
    ("I would welcome the opportunity to discuss these points with you.", None, None),
    ("The team should be commended for the clarity of the new bulletin.", None, None),
    ("We would like to thank you and your team for your help with the review.", None, None),
    ("We look forward to continuing to work with you.", None, None),
    ("What is the reason for the delay to the publication?", None, None),
    ("When will the department publish the revised figures?", None, None),
    ("It is not yet clear when ONS will publish the data.", None, None),
    ("We asked which datasets the department will link first.", None, None),
    ("The Code states that statistics should be published at the earliest opportunity.", None, None),
    ("“Producers should be transparent about the methods they use.”", None, None),
    ("Producers must ensure that pre-release access is limited.", None, None),
    ("The Authority expects departments to publish their plans.", None, None),
    ("Please note that the figures are provisional.", None, None),
    # --- Welsh: no garbage
    ("Byddwn yn cyhoeddi ein hadroddiad yn yr hydref.", None, None),
    ("Rydym yn disgwyl i'r adran gyhoeddi'r ystadegau hyn.", None, None),
]


def _context():
    return CommitmentContext(writer_org_id=W, writer_org_name="Office for Statistics Regulation",
                             recipient_org_ids=[R], recipient_org_names=["Department for Work and Pensions"],
                             date="2019-06-01")


# Bodies the register does not hold are named as written, with no id.
UNREGISTERED = [
    ("The Data Linkage Steering Group will publish an annual update.", "commitment", "Data Linkage Steering Group"),
    ("We recommend that the Data Linkage Steering Group publishes its minutes.", "recommendation",
     "Data Linkage Steering Group"),
    ("The Migration Statistics team should explain the revisions.", "recommendation", "Migration Statistics team"),
]


@pytest.mark.parametrize("sentence,kind,actor", UNREGISTERED)
def test_unregistered_body(sentence, kind, actor):
    found = extract_commitments([Paragraph(sentence)], _context())
    assert [(c.kind, c.actor, c.actor_id) for c in found] == [(kind, actor, None)]


@pytest.mark.parametrize("sentence,kind,actor", CASES, ids=[c[0][:60] for c in CASES])
def test_sentence(sentence, kind, actor):
    found = extract_commitments([Paragraph(sentence)], _context())
    if kind is None:
        assert found == [], [(c.kind, c.actor_id) for c in found]
        return
    assert len(found) == 1, found
    assert (found[0].kind, found[0].actor_id) == (kind, actor)
    assert found[0].quote == sentence  # the exact sentence
    assert found[0].paragraph == 0


def test_rule_table_covers_every_kind_and_trap():
    kinds = {c[1] for c in CASES}
    assert kinds == {"commitment", "expectation", "request", "recommendation", None}
    assert sum(1 for c in CASES if c[1] is None) >= 35


def test_every_trigger_has_its_pre_test_words():
    from extract.commitments import rules
    assert set(rules.TRIGGER_WORDS) == {name for name, _kind, _where, _pattern in rules.TRIGGERS}
    assert {kind for _name, kind, _where, _pattern in rules.TRIGGERS} == {
        "commitment", "expectation", "request", "recommendation"}
