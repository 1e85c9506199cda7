"""Issue 12 item 2: commitments as real letters phrase them, one class of sentence structure per table.

Every sentence here is invented, in the shape of a class the real development letters show; none is copied from a
letter.  Each row: sentence → what the extractor must read (kind, actor id or name, quote) for every action.
"""
from __future__ import annotations

import pytest

from extract.commitments.finder import CommitmentContext, extract_commitments
from extract.commitments.sentences import split_sentences
from extract.records import Paragraph, PartyMention as M

W, R = "org:osr", "org:dwp"  # the writer's and the recipient's organisation


def _ctx(writer=W, writer_name="Office for Statistics Regulation", recipient=R,
         recipient_name="Department for Work and Pensions"):
    return CommitmentContext(writer_org_id=writer, writer_org_name=writer_name, recipient_org_ids=[recipient],
                             recipient_org_names=[recipient_name], date="2022-03-01")


def _read(text, ctx=None):
    found = extract_commitments([Paragraph(text)], ctx or _ctx())
    return [(c.kind, c.actor_id or c.actor, c.quote) for c in found]


# 1. Two actions in one sentence are two commitments; a coordinated predicate shares kind and actor, a coordinated
#    clause is read on its own; two verbs on one object, or nouns joined by "and", stay one.
SEVERAL_ACTIONS = [
    ("We will keep the tables under review, and meet users in the spring to discuss the changes.",
     [("commitment", W, "We will keep the tables under review"),
      ("commitment", W, "meet users in the spring to discuss the changes.")]),
    ("I ask that you look again at the regional figures and would welcome your assessment of the revisions.",
     [("request", R, "I ask that you look again at the regional figures"),
      ("request", R, "would welcome your assessment of the revisions.")]),
    ("Please make sure that the bulletin states the sample size, and that the caveats appear on the first page.",
     [("request", R, "Please make sure that the bulletin states the sample size"),
      ("request", R, "that the caveats appear on the first page.")]),
    ("We ask that you examine the minister's claim and to give your view on whether it can be supported.",
     [("request", R, "We ask that you examine the minister's claim"),
      ("request", R, "to give your view on whether it can be supported.")]),
    ("We will be meeting the statistics team as well as consulting the main users of the series.",
     [("commitment", W, "We will be meeting the statistics team"),
      ("commitment", W, "consulting the main users of the series.")]),
    ("I would be grateful for your comments on the draft, and your advice on the timing of the release.",
     [("request", R, "I would be grateful for your comments on the draft"),
      ("request", R, "your advice on the timing of the release.")]),
    ("We will follow the department's progress closely and we expect it to explain any delay to users.",
     [("commitment", W, "We will follow the department's progress closely"),
      ("expectation", R, "we expect it to explain any delay to users.")]),
    ("We will publish the quarterly series and the annual tables in June.",
     [("commitment", W, "We will publish the quarterly series and the annual tables in June.")]),
    ("I have asked my team to draw up and publish a short guide for users.",
     [("commitment", W, "I have asked my team to draw up and publish a short guide for users.")]),
    ("We will review the methods and release notes in the autumn.",
     [("commitment", W, "We will review the methods and release notes in the autumn.")]),
]


@pytest.mark.parametrize("sentence,expected", SEVERAL_ACTIONS)
def test_several_actions_in_one_sentence(sentence, expected):
    assert _read(sentence) == expected


# 2. Passive and impersonal undertakings: the writer's, unless the subject is the reader's ("your ...").
# (written by a producer: ONS to the regulator)
PW, PR = "org:ons", "org:osr"
PASSIVE = [
    ("The waiting-time measure will, from October, be published every week.", "commitment", PW),
    ("Access to the microdata will be granted for three named projects.", "commitment", PW),
    ("The draft classification will be tested with a panel of users before it is adopted.", "commitment", PW),
    ("The steering group will be kept informed of progress.", "commitment", PW),
    ("Once agreed, the revised schedule will be published on our website.", "commitment", PW),
    ("Work on the second phase will begin early next year.", "commitment", PW),
    ("The review will consider how the estimates are quality assured.", "commitment", PW),
    ("Our evaluation will be carried out jointly with the devolved statistics offices.", "commitment", PW),
    ("Your revised tables will be published alongside the bulletin.", "commitment", PR),
    # reported by a named party: that party's undertaking
    ("HMRC has told us that the corrected tables will be published next month.", "commitment", "org:hmrc"),
    ("You confirmed that the guidance will be updated before the next release.", "commitment", PR),
    ("The team told us that they are planning to publish a revised guide.", "commitment", PR),
    ("Publication of the annual tables will be delayed until the autumn.", "commitment", PW),
]
# The regulator writing about a producer's output in the passive: the producer's plan, not the regulator's.
REGULATOR_PASSIVE = [
    ("The revised estimates will be published in the spring.", "commitment", R),
    ("Our findings will be published in a short report.", "commitment", W),
]
NOT_PASSIVE = [
    "The new dashboard will be welcomed by users.",
    "The estimates will be affected by the change of survey mode.",
    "This will be published in the summer.",
    "The revised tables will be published by the Department for Work and Pensions in May.",  # the agent acts
    "The programme will help departments to share data.",
    "The figures will be made up of three components.",
    "This was published in March and will be updated in the summer.",
    "Our report will be published alongside this letter.",
]


@pytest.mark.parametrize("sentence,kind,actor", PASSIVE)
def test_passive_and_impersonal_undertakings(sentence, kind, actor):
    ctx = _ctx(writer=PW, writer_name="Office for National Statistics", recipient=PR,
               recipient_name="Office for Statistics Regulation")
    assert _read(sentence, ctx) == [(kind, actor, sentence)]


@pytest.mark.parametrize("sentence,kind,actor", REGULATOR_PASSIVE)
def test_a_regulators_passive_about_a_producers_output(sentence, kind, actor):
    ctx = CommitmentContext.for_letter(senders=[M(name="Ed Humpherson", organisation="Office for Statistics Regulation")],
                                       recipients=[M(name="Alex Example", organisation="Department for Work and Pensions")],
                                       date="2022-03-01")
    assert _read(sentence, ctx) == [(kind, actor, sentence)]


@pytest.mark.parametrize("sentence", NOT_PASSIVE)
def test_predictions_in_the_passive_are_not_the_writers(sentence):
    ctx = _ctx(writer=PW, writer_name="Office for National Statistics", recipient=PR,
               recipient_name="Office for Statistics Regulation")
    assert all(actor != PW for _kind, actor, _quote in _read(sentence, ctx))


# 3. Polite and indirect requests, expectations, recommendations and reported undertakings.
FORMS = [
    ("I would also appreciate a note from your statisticians on the revisions.", "request", R),
    ("We would therefore welcome an explanation of the change in method.", "request", R),
    ("There are three areas we are asking the statistics team to address.", "request", R),
    ("We are expecting the Home Office to publish its revised schedule.", "expectation", "org:home-office"),
    ("Going forward, we expect that such estimates are labelled as experimental.", "expectation", R),
    ("Nonetheless, the Home Office did commit to a review of the series.", "commitment", "org:home-office"),
    ("The Board has decided that we should write to the committee.", "commitment", W),
    ("We also want to publish the underlying data sooner.", "commitment", W),
    ("We intend that our findings will be published as a short report.", "commitment", W),
    ("I think it would help users if the Department were to publish a single consistent table.",
     "recommendation", R),
    ("The usefulness of the series would be enhanced by HMRC analysts publishing regional breakdowns.",
     "recommendation", "org:hmrc"),
    ("We look forward to your proposed guidance which will explain the new measures.", "commitment", R),
    ("Where the figures cannot be published in full, we encourage HMRC to publish a summary table.",
     "recommendation", "org:hmrc"),
    ("The Prime Minister should be careful to use the published figures.", "recommendation", "Prime Minister"),
    ("Ministers should quote only figures that have been published.", "recommendation", "Ministers"),
    ("We raised this with the department and it has agreed to correct the table.", "commitment", R),
    ("We have spoken to HMRC and it will publish a note on the revisions.", "commitment", "org:hmrc"),
    ("Statistics and analysis should be published in a form that all can use.", "recommendation", R),
    ("Where possible, public statements should use the latest official statistics.", "recommendation", R),
    ("In line with the Code, figures quoted by ministers should be published at the same time.", "recommendation", R),
]
NOT_FORMS = [
    "I want to raise my concerns about the figures.",
    "We said we would publish the review in the spring, and we published it in May.",
    "We set the standards that official statistics should meet.",
    "The advice we need is on the standards that linked data should meet.",
    "If you have questions about the tables, please contact the team.",
    "The requirements to lay the results before Parliament will require more time.",
    "I welcome the commitment and energy of the team in improving the tables.",
]


@pytest.mark.parametrize("sentence,kind,actor", FORMS)
def test_forms_of_asking_expecting_recommending_and_reporting(sentence, kind, actor):
    assert _read(sentence) == [(kind, actor, sentence)]


@pytest.mark.parametrize("sentence", NOT_FORMS)
def test_statements_that_bind_no_one(sentence):
    assert _read(sentence) == []


def test_the_writers_own_plan_set_out_in_an_embedded_clause():
    sentence = "I am writing to set out how we intend to respond to the recommendations."
    assert _read(sentence) == [("commitment", W, sentence)]


# 4. Lists: items that name topics of an undertaking already made are not commitments; verbs are.
def test_topics_under_an_undertaking_are_not_further_commitments():
    text = ("We will carry out a short review, which we expect to cover these areas:\n"
            "1. Methods and quality assurance of the early estimates\n"
            "2. Communication of revisions to users")
    assert _read(text) == [("commitment", W, "We will carry out a short review, which we expect to cover these "
                                             "areas:")]


def test_requirements_lead_in_hands_its_request_to_verb_items():
    text = ("There are two requirements we are asking the statistics team to focus on:\n"
            "• Publish the quality report alongside the release;\n"
            "• Improve the commentary on the regional estimates.")
    assert [(k, a) for k, a, _q in _read(text)] == [("request", R), ("request", R)]


def test_recommendation_items_in_the_third_person_are_kept():
    text = ("We recommend that the Department:\n"
            "• publishes the revised projections before the end of the year;\n"
            "• consults users on the scenarios it models.")
    assert [(k, a) for k, a, _q in _read(text)] == [("recommendation", R), ("recommendation", R)]


def test_table_cells_are_read_apart():
    text = "Review the tables | The tables were reviewed in March. | We will publish the list in May."
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "Review the tables", "The tables were reviewed in March.", "We will publish the list in May."]


# 5. Who acts: "we" in a letter to the publisher is the sender's body; "you" without an organisation is the
#    addressee in person; an honorific and a first name resolve through the register.
def test_we_in_a_letter_to_the_regulator_is_not_the_regulator():
    ctx = CommitmentContext.for_letter(senders=[M(name="Alex Example")],
                                       recipients=[M(name="Ed Humpherson")], date="2021-05-01",
                                       url="https://osr.statisticsauthority.gov.uk/correspondence/a-to-b/")
    found = extract_commitments([Paragraph("We will share the final list with you in a later update.")], ctx)
    assert [(c.actor_id, c.actor) for c in found] == [(None, "Alex Example")]


def test_you_is_the_addressee_in_person_when_no_organisation_is_known():
    ctx = CommitmentContext.for_letter(senders=[M(name="Ed Humpherson")], recipients=[M(name="Sam Member")],
                                       date="2021-05-01",
                                       url="https://osr.statisticsauthority.gov.uk/correspondence/a-to-sam/")
    found = extract_commitments([Paragraph("We would encourage you to respond to the consultation.")], ctx)
    assert [(c.kind, c.actor) for c in found] == [("recommendation", "Sam Member")]


def test_an_honorific_and_first_name_resolve_through_the_register():
    ctx = CommitmentContext.for_letter(senders=[M(name="Pat Example MP")], recipients=[M(name="Sir Robert")],
                                       date="2023-05-01",
                                       url="https://uksa.statisticsauthority.gov.uk/correspondence/pat-to-robert/")
    found = extract_commitments([Paragraph("I therefore ask that you look into these figures.")], ctx)
    assert [(c.kind, c.actor_id) for c in found] == [("request", "org:uksa")]


# 6. The register's post for the addressee is out of date: the letter never names that body, and its opening
#    subject heading names one other government body, whose statistics it is about.
@pytest.mark.parametrize("opening,expected", [
    ("Asylum casework statistics of the Home Office", "org:home-office"),
    ("Statistics on aid spending by the Department for International Development", "org:dfid"),  # named: kept
    ("Statistics on casework across government", "org:dfid"),  # no other body named: kept
    ("I am writing about the casework statistics of the Home Office.", "org:dfid"),  # not a subject heading
])
def test_you_is_the_body_whose_statistics_the_letter_is_about(opening, expected):
    ctx = CommitmentContext.for_letter(senders=[M(name="Ed Humpherson", organisation="Office for Statistics Regulation")],
                                       recipients=[M(name="Matthew Rycroft")], date="2022-12-01")
    assert ctx.recipient_org_ids == ["org:dfid"]  # the post the register last saw him in
    paragraphs = [Paragraph("Dear Mr Rycroft"), Paragraph(opening),
                  Paragraph("Your department should publish the data behind the figures quoted by ministers.")]
    found = extract_commitments(paragraphs, ctx)
    assert [(c.kind, c.actor_id) for c in found] == [("recommendation", expected)]


# 7. The team that makes the statistics belongs to the body whose statistics they are: a letter to the head of a
#    statistics agency about a department's statistics asks that department's team to act.  Without an owner named
#    in the opening (or with two), the team is the addressee's.
_TEAM_ITEMS = ("There are three areas we are asking the statistics team to address:",
               "Publish the quarterly tables in an open format;",
               "Explain the revisions to the series;")


@pytest.mark.parametrize("opening,expected", [
    ("Thank you for asking us to review the Department for Infrastructure's road safety statistics.", "org:ni-dfi"),
    ("We have reviewed the planning statistics produced by the Department for Communities.", "org:ni-dfc"),
    ("We have reviewed the Department of Justice's prison population statistics.", "org:ni-doj"),
    ("We have reviewed the road safety statistics for Northern Ireland.", "org:nisra"),  # no owner named
    ("We have reviewed the Department for Infrastructure's road statistics and the Department for Communities' "
     "housing statistics.", "org:nisra"),  # two owners: the addressee's team
    ("We have reviewed the Department for Communities' housing statistics.", "org:ni-dfc"),
])
def test_the_statistics_team_is_the_producers(opening, expected):
    ctx = CommitmentContext(writer_org_id=W, writer_org_name="Office for Statistics Regulation",
                            recipient_org_ids=["org:nisra"],
                            recipient_org_names=["Northern Ireland Statistics and Research Agency"], date="2021-03-01")
    paragraphs = [Paragraph(opening), *(Paragraph(t) for t in _TEAM_ITEMS)]
    found = extract_commitments(paragraphs, ctx)
    assert [c.actor_id for c in found if c.quote.startswith(("Publish", "Explain"))] == [expected, expected]


@pytest.mark.parametrize("sentence,expected", [
    ("The statistics team should explain the break in the series.", "org:ni-dfi"),
    ("The statistics should be published with their quality report.", "org:ni-dfi"),
    ("You should tell users when the next release is due.", "org:nisra"),  # "you" is still the addressee
])
def test_who_the_owner_binds(sentence, expected):
    ctx = CommitmentContext(writer_org_id=W, writer_org_name="Office for Statistics Regulation",
                            recipient_org_ids=["org:nisra"],
                            recipient_org_names=["Northern Ireland Statistics and Research Agency"], date="2021-03-01")
    paragraphs = [Paragraph("We have reviewed the Department for Infrastructure's road safety statistics."),
                  Paragraph(sentence)]
    assert [c.actor_id for c in extract_commitments(paragraphs, ctx)] == [expected]


def test_an_official_who_took_post_after_2020_resolves_to_their_body():
    """The register holds the statistics office-holders since the 2020 list (devolved chief statisticians, ONS and
    OSR officials): a letter to one of them binds their body, not their name."""
    ctx = CommitmentContext.for_letter(senders=[M(name="Ed Humpherson")], recipients=[M(name="Stephanie Howarth")],
                                       date="2023-05-01",
                                       url="https://osr.statisticsauthority.gov.uk/correspondence/ed-to-stephanie/")
    found = extract_commitments([Paragraph("We ask that you publish the revised tables.")], ctx)
    assert [(c.kind, c.actor_id) for c in found] == [("request", "org:welsh-government")]


# 8. A department writing to the regulator (or a committee, or an MP) speaks of itself in the third person: its
#    "the department", "the team" and "the statistics" are its own; unnamed officials it has asked are its own too.
@pytest.mark.parametrize("sentence,kind,actor", [
    ("The department intends to consult users on the new tables.", "commitment", R),
    ("Going forward, the team will add confidence intervals to the release.", "commitment", R),
    ("I have asked officials to review how the figures are presented.", "commitment", R),
    ("We have asked the team to look again at the regional tables.", "commitment", R),
])
def test_a_department_writing_to_the_regulator_speaks_of_itself(sentence, kind, actor):
    ctx = _ctx(writer=R, writer_name="Department for Work and Pensions", recipient=W,
               recipient_name="Office for Statistics Regulation")
    assert [(k, a) for k, a, _q in _read(sentence, ctx)] == [(kind, actor)]


@pytest.mark.parametrize("sentence,actor", [
    ("The department should consult users on the new tables.", R),  # the regulator to the department: still "you"
    ("I have asked officials to review how the figures are presented.", W),  # the regulator's own officials
])
def test_the_same_words_from_the_regulator(sentence, actor):
    assert [a for _k, a, _q in _read(sentence)] == [actor]


# 9. More shapes: "we would like <body> to", a team named with its field ("our methodology team"), and a plan with
#    a gerund ("we anticipate publishing", "we propose introducing").
@pytest.mark.parametrize("sentence,kind,actor", [
    ("We would like the department to report back on how it has met these requirements.", "request", R),
    ("We would also like DWP to explain the revision to users.", "request", R),
    ("Our regulatory programme team will follow up with the department in the spring.", "commitment", W),
    ("Your analytical services team will need to explain the change to users.", "expectation", R),
    ("We anticipate publishing our findings in the summer.", "commitment", W),
    ("We propose introducing a short annual review of the guidance.", "commitment", W),
])
def test_more_shapes_of_asking_and_planning(sentence, kind, actor):
    assert [(k, a) for k, a, _q in _read(sentence)] == [(kind, actor)]


@pytest.mark.parametrize("sentence", [
    "We would like to thank the team for its help.",
    "We would like this work to continue.",
    "The proposals including the new index were discussed at the meeting.",
])
def test_not_shapes_of_asking_and_planning(sentence):
    assert _read(sentence) == []


def test_a_wish_hedged_on_feasibility_is_not_a_request():
    assert _read("We would also like the department to publish the tables a week earlier, if the data allow.") == []
    assert _read("We would like the department to publish the tables earlier, where possible.") == []
