"""bench_facts(): letters per second for the fact extractors that follow reading (parties, commitments, dates).

Rows are (what, size, figure, unit) for `python -m bench facts`. The letter below is invented, in the genre of the
regulator's correspondence: about 600 words, a salutation to resolve, named bodies, commitments of every kind,
list items under a lead-in, and the usual traps (thanks, hedges, past actions, predictions).
"""
from __future__ import annotations

import time

from extract.records import Paragraph, PartyMention

LETTER = """Dear Jonathan,

Thank you for your letter of 4 February 2019 about the development of the new measures of household income, and
for the time your team gave us during our visit to Newport last month. I am grateful for the open way in which
the Office for National Statistics has engaged with our review.

We published our findings on the current statistics in November 2018. Since then the team has addressed several
of the points we raised, including the presentation of the headline estimates. You have told us that you will
publish a revised methods note in the spring, and we welcome your plans to consult users of the statistics on
the proposed new tables later in 2019. The new pages will help users find the figures they need.

There remain three areas where we would like to see further progress. First, we expect ONS to set out how the
new series compares with the existing one, and the release should explain the reasons for any discontinuity.
Second, we would expect you to publish quality information alongside the first release. Third, it might be
helpful to include a worked example; we may return to this point in our annual review.

We also understand that HM Revenue and Customs plans to share additional administrative data with your team
during 2019/20, and that the Department for Work and Pensions will provide the benefit records needed for the
linked estimates. These data will be an important source for the new measures.

Users we spoke to during the review value the long run of comparable estimates and the regional breakdowns. Some
told us that the current commentary does not make clear which changes are statistically significant, and others
said that the timing of the annual release, usually in March, makes it hard to use the figures in budget
planning. We shared these views with your team in April. The team has already begun to test a shorter bulletin,
and we were pleased to see the draft tables that were circulated to the user group on 20 May. It will take time
for users to become familiar with the new presentation, and the team should plan its engagement accordingly.

The Code of Practice for Statistics states that producers should be transparent about their methods and about
the strengths and limitations of the statistics. We think that the new measures can meet this standard. The
team plans to publish a technical annex with the first release, and we expect the department to make the
underlying microdata available to accredited researchers through the Secure Research Service by the end of the
year. We may consider a further compliance check in 2020 once the series is established.

In the coming months we will:
review the first release of the new series when it is published;
write to you with our findings by the end of 2019; and
report on progress in our annual review of the statistical system.

I would be grateful if you could let us know by 31 July 2019 when the first release will be published. We
recommend that you publish a short guide for users explaining the changes, and that the guide sets out the
planned timetable for future improvements. Please do not hesitate to contact me if you would like to discuss any
of these points. I am copying this letter to Sir Ian Diamond and to the Head of Profession at HM Treasury.

Yours sincerely,

Ed Humpherson
Director General for Regulation"""


def letter_paragraphs() -> list[Paragraph]:
    out = []
    for block in LETTER.split("\n\n"):
        if block.startswith("In the coming months"):
            out.extend(Paragraph(line) for line in block.split("\n"))
        else:
            out.append(Paragraph(" ".join(block.split("\n"))))
    return out


def _time(func, runs: int) -> float:
    """CPU seconds per call on this process's core (wall time is noisy on a shared machine)."""
    func()
    start = time.process_time()
    for _ in range(runs):
        func()
    return (time.process_time() - start) / runs


def bench_facts(runs: int = 200) -> list[tuple]:
    from extract.commitments.finder import CommitmentContext, extract_commitments
    from extract.parties.register import Register

    register = Register.load()
    paragraphs = letter_paragraphs()
    words = sum(len(p.text.split()) for p in paragraphs)
    date = "2019-06-03"
    sender = PartyMention(name="Ed Humpherson", role="Director General for Regulation",
                          organisation="Office for Statistics Regulation", relation="sender")
    recipient = PartyMention(name="Jonathan Athow", organisation="Office for National Statistics", relation="recipient")
    salutation = PartyMention(name="Jonathan", relation="recipient", source="salutation")

    def parties():
        resolved = [register.resolve(m, date, [recipient]) for m in (sender, recipient, salutation)]
        for para in paragraphs:
            register.find_mentions(para.text)
        return resolved

    def commitments(dates=()):
        ctx = CommitmentContext.for_letter([sender], [recipient], date, list(dates), register=register)
        return extract_commitments(paragraphs, ctx)

    def both():
        parties()
        commitments()

    t_parties = _time(parties, runs)
    t_commitments = _time(commitments, runs)
    t_both = _time(both, runs)
    size = f"1 letter, {words} words"
    rows = [
        ("parties: resolve sender/recipient/salutation + mentions", size, t_parties * 1000, "ms/letter"),
        ("commitments: extract_commitments", size, t_commitments * 1000, "ms/letter"),
        ("parties + commitments", size, 1 / t_both, "letters/s"),
    ]
    try:
        from extract.dates.finder import extract_dates
    except ImportError:
        return rows

    def everything():
        parties()
        commitments(extract_dates(paragraphs, date))

    t_all = _time(everything, runs)
    rows.append(("dates + parties + commitments", size, 1 / t_all, "letters/s"))
    return rows


if __name__ == "__main__":
    for row in bench_facts():
        print(row)
