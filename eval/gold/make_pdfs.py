"""Write the gold set's legacy letter PDFs (invented wording, in the shape of the pre-2016 letters).

    .venv/bin/python eval/gold/make_pdfs.py

reportlab runs in invariant mode, so the same script always writes the same bytes. Each letter is a list of
(style, text) blocks; "break" starts a new page. The annotations (`*.gold.json`) were written by reading these texts.
"""
from __future__ import annotations

from pathlib import Path

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer

rl_config.invariant = 1

HERE = Path(__file__).resolve().parent
AUTHORITY = [
    ("head", "UK Statistics Authority"),
    ("small", "1 Drummond Gate, London SW1V 2QQ"),
    ("small", "Telephone: 0845 604 1857  E-mail: authority.enquiries@statistics.gsi.gov.uk"),
]

LETTERS: dict[str, list[tuple[str, str]]] = {
    "15-migration-statistics-2013": AUTHORITY + [
        ("small", "Chair of the UK Statistics Authority, Sir Andrew Dilnot CBE"),
        ("addr", "Jil Matheson<br/>National Statistician<br/>Office for National Statistics<br/>Government Buildings"
                 "<br/>Cardiff Road<br/>Newport NP10 8XG"),
        ("body", "14 November 2013"),
        ("body", "Dear Jil"),
        ("bold", "Statistics on international migration"),
        ("body", "The Authority has now considered the findings of the assessment of the statistics on international "
                 "migration, which were published on 31 October as Assessment Report 266."),
        ("body", "The Long-Term International Migration estimates are widely used by government, by local authorities "
                 "and by the media. They rest largely on the International Passenger Survey, which was designed for a "
                 "different purpose in 1961. Users told the assessment team that the estimates for local areas are the "
                 "least reliable part of the output, and that the uncertainty around them is not explained in a way "
                 "they can use."),
        ("body", "The assessment team also heard that users value the improvements ONS has made to the presentation of "
                 "the quarterly migration bulletins, and the way in which ONS has worked with the Home Office on a "
                 "single release of the migration statistics from both departments."),
        ("body", "The Authority has decided that the designation of the estimates as National Statistics should be "
                 "confirmed, provided that ONS meets the requirements set out in the annex to this letter."),
        ("body", "We expect ONS to report on how it has met the requirements by the end of May 2014. ONS told the "
                 "assessment team that it intends to publish a revised methodology for the migration estimates in the "
                 "spring. The Authority will review the designation again once the requirements are met."),
        ("body", "I am copying this letter to Bernard Jenkin MP, Chair of the Public Administration Select Committee."),
        ("body", "Yours sincerely"),
        ("body", "Andrew Dilnot"),
        ("break", ""),
        ("bold", "Annex: Requirements for the statistics on international migration"),
        ("body", "Requirement 1: ONS should publish a clear statement of the quality of the estimates for each local "
                 "authority by March 2014."),
        ("body", "Requirement 2: ONS should set out, within six months, its plans to use administrative data from the "
                 "Home Office and DWP to improve the estimates."),
        ("body", "Requirement 3: ONS should explain the differences between the migration estimates and the Home "
                 "Office visa statistics in each quarterly release."),
        ("body", "Requirement 4: ONS should engage with users in Scotland and Wales during 2014 on the design of the "
                 "new estimates."),
        ("break", ""),
        ("bold", "Annex: The assessment in brief"),
        ("body", "The assessment covered the Long-Term International Migration estimates, the quarterly Migration "
                 "Statistics Quarterly Report and the local area migration indicators. The assessment team met users "
                 "in central and local government, in research bodies and in the media, and reviewed the published "
                 "methods and quality information. Assessment Report 266 sets out the findings in full."),
    ],
    "16-waiting-times-statements-2011": AUTHORITY + [
        ("addr", "Rt Hon John Healey MP<br/>House of Commons<br/>London SW1A 0AA"),
        ("body", "22 March 2011"),
        ("body", "Dear Mr Healey,"),
        ("body", "Thank you for your letter of 8 March about the statistics on waiting times for NHS treatment in "
                 "England."),
        ("body", "The Department of Health publishes these statistics monthly. The figures for January 2011 show that "
                 "the median wait for inpatient treatment rose compared with the same month in 2010, as your letter "
                 "says."),
        ("body", "The Authority\u2019s Head of Assessment has asked the Department to make the basis of the comparison "
                 "clearer in its next release, due on 14 April. The Department has told us that it will publish a note "
                 "on the measurement of waiting times alongside that release."),
        ("body", "I am copying this letter to the Secretary of State for Health."),
        ("body", "Yours sincerely"),
        ("body", "Sir Michael Scholar KCB"),
    ],
    "17-consumer-price-statistics-2015": AUTHORITY + [
        ("addr", "John Pullinger CB<br/>National Statistician<br/>Office for National Statistics"),
        ("body", "23 July 2015"),
        ("body", "Dear John,"),
        ("bold", "Consumer price statistics"),
        ("body", "The Authority has considered the report of the review of consumer price statistics, which Paul Johnson "
                 "published on 10 March 2015."),
        ("body", "We agree with the report that CPIH should become the main measure of inflation in due course. We "
                 "would expect ONS to address the concerns about the owner occupiers\u2019 housing costs component before "
                 "CPIH is designated again as a National Statistic."),
        ("body", "Please let the Authority know by 30 September how ONS plans to consult users on the proposals. The "
                 "Authority will consider ONS\u2019s response at its meeting in October."),
        ("body", "Yours ever,"),
        ("body", "Andrew Dilnot"),
        ("body", "Chair, UK Statistics Authority"),
    ],
    "18-consumer-price-statistics-reply-2015": [
        ("head", "Office for National Statistics"),
        ("small", "Government Buildings, Cardiff Road, Newport NP10 8XG"),
        ("small", "John Pullinger, National Statistician"),
        ("addr", "Sir Andrew Dilnot CBE<br/>Chair<br/>UK Statistics Authority<br/>1 Drummond Gate<br/>London SW1V 2QQ"),
        ("body", "24 September 2015"),
        ("body", "Dear Andrew,"),
        ("body", "Thank you for your letter of 23 July on consumer price statistics."),
        ("body", "ONS will launch a public consultation on the measurement of inflation on 1 October, to run for twelve "
                 "weeks. We will publish the responses, with our conclusions, in the first quarter of 2016."),
        ("body", "We are working on the owner occupiers\u2019 housing costs component and will complete that work in "
                 "2016/17. The revised component should make CPIH easier to explain to users."),
        ("body", "Yours sincerely,"),
        ("body", "John Pullinger"),
        ("body", "National Statistician"),
        ("body", "cc: Ed Humpherson, Director General for Regulation"),
    ],
    # held-out letters (split "holdout"): scored before they were committed
    "46-knife-crime-statistics-2008": AUTHORITY + [
        ("small", "Chair: Sir Michael Scholar KCB"),
        ("addr", "Karen Dunnell CB<br/>National Statistician<br/>Office for National Statistics<br/>1 Drummond Gate"
                 "<br/>London SW1V 2QQ"),
        ("body", "Our ref: MS/0412"),
        ("body", "Dear Karen,"),
        ("bold", "Home Office statistics on knife crime"),
        ("body", "You will have seen the press coverage of the figures on hospital admissions for knife wounds that the "
                 "Home Office released on 11 December, ahead of their scheduled publication."),
        ("body", "The early release of these figures appears to breach the Code of Practice for Official Statistics. "
                 "I have written to the Permanent Secretary at the Home Office to say so."),
        ("body", "I should be grateful if you would let me know, by 19 December, what advice your office gave the "
                 "Home Office statisticians before the figures were released."),
        ("body", "The Authority intends to publish a report on the handling of these statistics in January 2009. "
                 "The report may also consider the pre-release access arrangements that came into force last "
                 "month."),
        ("body", "Yours sincerely"),
        ("body", "Michael Scholar"),
        ("body", "15 December 2008"),
    ],
    "55-work-programme-statistics-2012": AUTHORITY + [
        ("addr", "Robert Devereux<br/>Permanent Secretary<br/>Department for Work and Pensions<br/>Caxton House"
                 "<br/>Tothill Street<br/>London SW1H 9NA"),
        ("body", "4 December 2012"),
        ("body", "Dear Robert"),
        ("bold", "Statistics on the Work Programme"),
        ("body", "The Department published the first official statistics on the Work Programme on 27 November 2012. "
                 "On the same day, ministers made statements about the programme\u2019s performance that drew on "
                 "management information which had not been published."),
        ("body", "I would ask that the Department publishes any such information, with an explanation of its quality, "
                 "at the same time as the statements that use it."),
        ("body", "The Department has told the Authority that it will publish the next official statistics on the "
                 "programme in February. The Authority will examine those statistics when they appear."),
        ("body", "I am copying this letter to Dame Anne Begg MP, Chair of the Work and Pensions Committee."),
        ("body", "Yours sincerely"),
        ("body", "Andrew Dilnot"),
    ],
    "70-chair-to-pacac-code-refresh": [
        ("head", "UK Statistics Authority"),
        ("small", "1 Drummond Gate, London SW1V 2QQ"),
        ("small", "Chair of the UK Statistics Authority, Sir Robert Chote"),
        ("addr", "William Wragg MP<br/>Chair, Public Administration and Constitutional Affairs Committee"
                 "<br/>House of Commons<br/>London SW1A 0AA"),
        ("body", "9 March 2023"),
        ("body", "Dear William,"),
        ("bold", "The refresh of the Code of Practice for Statistics"),
        ("body", "Thank you for your letter of 21 February asking how the Authority will respond to the Committee\u2019s "
                 "report on the governance of statistics."),
        ("body", "The Authority\u2019s Board discussed the report at its meeting on 2 March. The Board agreed with the "
                 "Committee that the time has come to refresh the Code of Practice for Statistics."),
        ("body", "The Office for Statistics Regulation intends to launch a consultation on a refreshed Code in the autumn "
                 "and to publish the new Code within the 2024/25 financial year."),
        ("body", "The current Code asks that \u201cstatistics producers should be open about the quality of their "
                 "statistics and the methods they use\u201d, and the refresh will not weaken that principle."),
        ("body", "ONS has agreed to publish a forward work programme for its economic statistics by end-Q2."),
        ("body", "I will write to the Committee again in mid-July with an update on both pieces of work."),
        ("body", "We would welcome the opportunity to give oral evidence on the refresh should the Committee wish to "
                 "hear from us."),
        ("body", "I am copying this letter to Sir Ian Diamond, National Statistician, and Ed Humpherson, Director "
                 "General for Regulation."),
        ("body", "Yours sincerely"),
        ("body", "Sir Robert Chote<br/>Chair of the UK Statistics Authority"),
    ],
    "73-nisra-continuous-household-survey": [
        ("head", "Northern Ireland Statistics and Research Agency"),
        ("small", "Colby House, Stranmillis Court, Belfast BT9 5RR"),
        ("addr", "Ed Humpherson<br/>Director General for Regulation<br/>Office for Statistics Regulation"
                 "<br/>1 Drummond Gate<br/>London SW1V 2QQ"),
        ("body", "14 February 2020"),
        ("body", "Dear Ed"),
        ("bold", "Continuous Household Survey"),
        ("body", "Thank you for copying me into your letter to Roger Halliday of 28 January about the Scottish "
                 "Household Survey."),
        ("body", "NISRA faces similar pressures on the Continuous Household Survey. The response rate fell to 52 per "
                 "cent in 2018/19, from 61 per cent in 2015/16, and the fall has been steepest among younger "
                 "households."),
        ("body", "Our next steps are to publish a quality report on the survey by the end of March and to consult "
                 "users on a shorter questionnaire over the summer."),
        ("body", "We remain on track to publish the results for 2019/20 in the autumn, as planned."),
        ("body", "We will not be changing the survey\u2019s sample design in the meantime. Should you wish to see the "
                 "draft quality report, my team would be glad to share it."),
        ("body", "I am copying this letter to Roger Halliday."),
        ("body", "Yours sincerely"),
        ("body", "Siobhan Carey<br/>Chief Executive<br/>Registrar General"),
    ],
}


def styles() -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=base["Normal"], fontName="Helvetica", fontSize=11, leading=15, spaceAfter=9)
    return {
        "head": ParagraphStyle("head", parent=body, fontName="Helvetica-Bold", fontSize=15, spaceAfter=4),
        "small": ParagraphStyle("small", parent=body, fontSize=8, leading=10, spaceAfter=2),
        "addr": ParagraphStyle("addr", parent=body, spaceBefore=18, spaceAfter=14),
        "bold": ParagraphStyle("bold", parent=body, fontName="Helvetica-Bold"),
        "body": body,
    }


def write(name: str, blocks: list[tuple[str, str]], out_dir: Path = HERE) -> Path:
    path = out_dir / f"{name}.pdf"
    st = styles()
    story = []
    for style, text in blocks:
        if style == "break":
            story.append(PageBreak())
            continue
        story.append(Paragraph(text, st[style]))
        if style == "head":
            story.append(Spacer(1, 0.2 * cm))
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=2.5 * cm, rightMargin=2.5 * cm,
                            topMargin=2 * cm, bottomMargin=2 * cm, title=name, author="", creator="", producer="",
                            invariant=1)
    doc.build(story)
    return path


def main() -> None:
    for name, blocks in LETTERS.items():
        print(write(name, blocks))


if __name__ == "__main__":
    main()
