"""Letter parties from each signal on its own, then merged; Related Links labels; the doc type table."""
from __future__ import annotations

import logging

import pytest

from extract import doctype
from extract.doctype import doc_type_for
from extract.parties.fromto import parse_fromto
from extract.parties.letter import from_copy, from_signature, from_slug, from_title, letter_parties, salutation_names
from extract.records import LinkRef, Paragraph, ParsedDocument
from extract.readers.related import parse_related


def paras(*texts: str) -> list[Paragraph]:
    return [Paragraph(t) for t in texts]


def who(mentions) -> list[tuple]:
    return [(m.name, m.role, m.organisation) for m in mentions]


@pytest.mark.parametrize("title, senders, recipients", [
    ("Ed Humpherson to Neil McIvor: Temporary exemption from Code for DfE attendance statistics",
     [("Ed Humpherson", None, None)], [("Neil McIvor", None, None)]),
    ("Letter from Sir David Norgrove to Richard Holden MP", [("Sir David Norgrove", None, None)],
     [("Richard Holden MP", None, None)]),
    ("Response from Iain Bell to Ed Humpherson: Migration statistics", [("Iain Bell", None, None)],
     [("Ed Humpherson", None, None)]),
    ("Letter to Sir Ian Diamond on the census", [], [("Sir Ian Diamond", None, None)]),
    ("Letter from Sir Michael Halberd to the Chief Executive of the Coastal Survey Agency",
     [("Sir Michael Halberd", None, None)], [(None, "Chief Executive", "Coastal Survey Agency")]),
    ("Crime statistics", [], []),
    ("Statistics to watch in 2020", [], []),
])
def test_title_forms(title, senders, recipients):
    got_senders, got_recipients = from_title(title)
    assert who(got_senders) == senders and who(got_recipients) == recipients


def test_slug():
    senders, recipients = from_slug("https://osr.statisticsauthority.gov.uk/correspondence/"
                                    "ed-humpherson-to-sir-ian-diamond-census-2021/")
    assert who(senders) == [("Ed Humpherson", None, None)] and who(recipients) == [("Sir Ian Diamond", None, None)]
    assert from_slug("https://osr.statisticsauthority.gov.uk/correspondence/crime-statistics-4/") == ([], [])


@pytest.mark.parametrize("line, names", [
    ("Dear John,", ["John"]), ("Dear Sir Ian", ["Sir Ian"]), ("Dear Mr Humpherson,", ["Mr Humpherson"]),
    ("Dear Iain, Paul, Siobhan", ["Iain", "Paul", "Siobhan"]), ("Dear Ed and team,", ["Ed"]),
    ("Annwyl Gareth,", ["Gareth"]), ("Dear Sir/Madam", ["Sir/Madam"]), ("Dear all,", []),
])
def test_salutations(line, names):
    assert salutation_names(paras("16 January 2019", line, "Thank you for your letter.")) == names


@pytest.mark.parametrize("texts, expected", [
    (("Yours sincerely", "Ed Humpherson", "Director General for Regulation"),
     [("Ed Humpherson", "Director General for Regulation", None)]),
    (("Yours ever,", "Ed Humpherson Director General for Regulation"),
     [("Ed Humpherson", "Director General for Regulation", None)]),
    (("Your sincerely", "Sir Robert Ashdown\nChair, UK Statistics Authority"),
     [("Sir Robert Ashdown", "Chair", "UK Statistics Authority")]),
    (("Yn gywir,", "Mared Tudur\nPennaeth Rheoleiddio Ystadegau yng Nghymru"),
     [("Mared Tudur", "Pennaeth Rheoleiddio Ystadegau yng Nghymru", None)]),
    (("Yours sincerely,\nMark Pont\nDirector for Regulation\nOffice for Statistics Regulation",),
     [("Mark Pont", "Director for Regulation", "Office for Statistics Regulation")]),
    (("Yours sincerely", "Ed Humpherson", "Director General for Regulation", "Mark Pont",
      "Director for Regulation"),
     [("Ed Humpherson", "Director General for Regulation", None), ("Mark Pont", "Director for Regulation", None)]),
    (("Yours sincerely", "Sir Robert Ashdown"), [("Sir Robert Ashdown", None, None)]),
])
def test_signature_blocks(texts, expected):
    assert who(from_signature(paras("Dear Jo,", "Thank you for your letter.", *texts))) == expected


def test_copy_line_names_roles_and_several_people():
    found = from_copy(paras("I am copying this letter to Dr Rhodri Baines, Head of Profession for Statistics at "
                            "the department, and to Priya Chandran, Deputy Director, Marine Statistics."))
    assert [m.name for m in found] == ["Dr Rhodri Baines", "Priya Chandran"]
    assert found[0].role.startswith("Head of Profession for Statistics")
    assert all(m.relation == "copied" and m.source == "copy" for m in found)


def test_signals_merge_into_one_sender_and_one_recipient():
    parsed = ParsedDocument(
        title="Ed Humpherson to Alys Fenwick: Tidal energy",
        fromto="Ed Humpherson, Office for Statistics Regulation to Alys Fenwick, Department for Coasts",
        paragraphs=[Paragraph("By email", section="header"),
                    Paragraph("Alys Fenwick\nHead of Energy Statistics\nDepartment for Coasts", section="header"),
                    *paras("Dear Alys,", "Thank you for your letter about tidal energy.", "Yours sincerely",
                           "Ed Humpherson\nDirector General for Regulation")])
    parties = letter_parties(parsed, "https://osr.statisticsauthority.gov.uk/correspondence/"
                                     "ed-humpherson-to-alys-fenwick-tidal-energy/")
    assert who(parties.senders) == [("Ed Humpherson", "Director General for Regulation",
                                     "Office for Statistics Regulation")]
    assert who(parties.recipients) == [("Alys Fenwick", "Head of Energy Statistics", "Department for Coasts")]
    assert parties.salutation_names == ["Alys"]
    assert {m.source for m in parties.signals} >= {"fromto", "title", "slug", "address", "salutation", "signature"}


def test_listing_fromto_hint_is_used_when_the_page_has_none():
    parsed = ParsedDocument(paragraphs=paras("Dear Sir Ian,", "A short note.", "Yours sincerely", "Ed Humpherson"))
    parties = letter_parties(parsed, None, {"fromto": "Ed Humpherson, Office for Statistics Regulation to "
                                                      "Sir Ian Diamond, Office for National Statistics"})
    assert who(parties.recipients) == [("Sir Ian Diamond", None, "Office for National Statistics")]
    assert parties.senders[0].source == "fromto"


@pytest.mark.parametrize("label, start, end", [
    ("John Pullinger to Ed Humpherson, January 2019", "2019-01-01", "2019-01-31"),
    ("Review of marine energy statistics (September 2018)", "2018-09-01", "2018-09-30"),
    ("Letter from Ed Humpherson, 16 March 2019", "2019-03-16", "2019-03-16"),
    ("Report on 2018 data (February 2019)", "2019-02-01", "2019-02-28"),
    ("Letter (24/06/2011)", "2011-06-24", "2011-06-24"),
    ("Ed Humpherson to Iain Bell: Migration statistics", None, None),
])
def test_related_label_dates(label, start, end):
    [link] = parse_related([("/correspondence/x/", label)], "https://osr.statisticsauthority.gov.uk/a/")
    assert (link.label_date, link.label_date_end) == (start, end)
    assert link.url == "https://osr.statisticsauthority.gov.uk/correspondence/x/" and link.kind == "related"


@pytest.mark.parametrize("url, title, expected", [
    ("https://osr.statisticsauthority.gov.uk/correspondence/crime-statistics-4/", "Crime statistics", "letter"),
    ("https://uksa.statisticsauthority.gov.uk/correspondence/31379/embed/", "Crime statistics", "embed"),
    ("https://osr.statisticsauthority.gov.uk/organisation/office-for-national-statistics/", "ONS", "archive"),
    ("https://osr.statisticsauthority.gov.uk/publication/osr-work-programme-2023-24/", "Work programme",
     "work_programme"),
    ("https://osr.statisticsauthority.gov.uk/publication/assessment-of-x/", "Assessment Report: X", "assessment"),
    ("https://uksa.statisticsauthority.gov.uk/submission/written-evidence-to-pacac/", "Written evidence", "evidence"),
    ("https://www.ons.gov.uk/news/statementsandletters/x", "Response to OSR", "statement"),
    ("https://osr.statisticsauthority.gov.uk/wp-content/uploads/2020/01/Annex.xlsx", "Annex", "attachment"),
    ("https://osr.statisticsauthority.gov.uk/publication/x/", "The state of the statistical system", "report"),
])
def test_doc_types(url, title, expected):
    assert doc_type_for(url, title) == expected


@pytest.mark.parametrize("url, title, expected", [
    # the pre-2016 CMS filed letters under its /assessment/ section: the title (or the path) says letter
    ("https://www.statisticsauthority.gov.uk/assessment/letters-2012/harbour-dues/index.html",
     "Response from Jo Reed to Sam Hill: Harbour dues", "letter"),
    ("https://www.statisticsauthority.gov.uk/assessment/letters-2013/tide-tables/index.html",
     "Letter to Sam Hill on tide tables", "letter"),
    ("https://www.statisticsauthority.gov.uk/assessment/correspondence/letters-2013/tide-tables/index.html",
     "Tide tables", "letter"),
    ("https://www.statisticsauthority.gov.uk/assessment/assessment-reports/tide-tables/index.html",
     "Tide tables", "assessment"),
])
def test_old_cms_letters_filed_under_assessment_are_letters(url, title, expected):
    assert doc_type_for(url, title) == expected
    summary = ParsedDocument(paragraphs=paras("Jo Reed wrote to Sam Hill about harbour dues."),
                             links=[LinkRef("https://example.org/harbour_tcm97-1.pdf", "Letter", "attachment")])
    if expected == "letter" and title.startswith(("Letter", "Response")):  # its migrated one-sentence page
        assert doc_type_for(url, title, summary) == "summary"


def test_unknown_doc_type_is_logged_and_counted_not_defaulted(caplog):
    before = sum(doctype.UNKNOWN.values())
    with caplog.at_level(logging.WARNING, logger="extract.doctype"):
        assert doc_type_for("https://osr.statisticsauthority.gov.uk/about-us/", "About us") == "unknown"
    assert sum(doctype.UNKNOWN.values()) == before + 1
    assert "about-us" in caplog.text and "About us" in caplog.text


def test_shapes_decide_when_url_and_title_do_not():
    letter = ParsedDocument(paragraphs=paras("Dear Jo,", "Thank you.", "Yours sincerely", "Ed Humpherson"))
    assert doc_type_for("https://example.org/x/", "Harbour traffic", letter) == "letter"
    summary = ParsedDocument(paragraphs=paras("The Chair has written to the Agency about harbour statistics."),
                             links=[LinkRef("https://example.org/letter_tcm97-1.pdf", "Letter", "attachment")])
    assert doc_type_for("https://example.org/y/index.html", "Harbour statistics", summary) == "summary"


def test_letter_between_posts_not_people():
    parsed = ParsedDocument(
        title="Letter from the Head of Assessment to the National Statistician",
        paragraphs=[Paragraph("UK Statistics Authority", section="header"),
                    Paragraph("National Statistician\nOffice for National Statistics", section="header"),
                    *paras("Dear National Statistician,", "Our assessment is complete.",
                           "I am copying this letter to the Chief Medical Officer's office and to the Registrar "
                           "General.", "Yours sincerely", "Head of Assessment\nUK Statistics Authority")])
    parties = letter_parties(parsed)
    assert who(parties.senders) == [(None, "Head of Assessment", "UK Statistics Authority")]
    assert who(parties.recipients) == [(None, "National Statistician", "Office for National Statistics")]
    assert [m.role for m in parties.copied] == ["Chief Medical Officer's office", "Registrar General"]


def test_copy_list_keeps_and_inside_an_organisation_and_reads_welsh():
    found = from_copy(paras("I am copying this letter to Ann Brook MP, Chair of the Work and Pensions Committee, "
                            "and to Sir Tom Reed."))
    assert [(m.name, m.role) for m in found] == [
        ("Ann Brook MP", "Chair of the Work and Pensions Committee"), ("Sir Tom Reed", None)]
    welsh = from_copy(paras("Rwy’n anfon copi o’r llythyr hwn at Siôn Ellis, Pennaeth Ystadegau Tai."))
    assert [m.name for m in welsh] == ["Siôn Ellis"]


def test_fromto_with_and_between_an_organisation_and_the_next_name():
    from extract.parties.fromto import parse_fromto

    parsed = parse_fromto("Ed Humpherson, Office for Statistics Regulation to Chris Roe, NHS Digital and Tom Dean, "
                          "NHS England")
    assert [(m.name, m.organisation) for m in parsed.recipients] == [("Chris Roe", "NHS Digital"),
                                                                     ("Tom Dean", "NHS England")]


@pytest.mark.parametrize("title, senders, recipients", [
    ("UK Statistics Authority written evidence to the Work and Pensions Committee’s inquiry into benefit statistics",
     [(None, None, "UK Statistics Authority")], [(None, None, "Work and Pensions Committee")]),
    ("ONS statement on the trade release", [(None, None, "ONS")], []),
    # a topic after "on / about / into" in lower case ends the committee's name; a capitalised one is part of it
    ("UK Statistics Authority written evidence to the Home Affairs Committee on the measurement of knife crime",
     [(None, None, "UK Statistics Authority")], [(None, None, "Home Affairs Committee")]),
    ("Office for Statistics Regulation evidence to the Environmental Audit Committee about air quality data",
     [(None, None, "Office for Statistics Regulation")], [(None, None, "Environmental Audit Committee")]),
    ("UK Statistics Authority written evidence to the Committee on Standards in Public Life",
     [(None, None, "UK Statistics Authority")], [(None, None, "Committee on Standards in Public Life")]),
    ("UK Statistics Authority evidence to the Lords Select Committee on the Constitution",
     [(None, None, "UK Statistics Authority")], [(None, None, "Lords Select Committee on the Constitution")]),
])
def test_evidence_and_statement_titles(title, senders, recipients):
    got_senders, got_recipients = from_title(title)
    assert who(got_senders) == senders and who(got_recipients) == recipients


def test_possessive_post_in_the_title_merges_with_the_signatory():
    parsed = ParsedDocument(
        title="National Statistician's reply to the Office for Statistics Regulation on river data",
        paragraphs=paras("Dear Ed,", "Thank you for your letter.", "Yours sincerely,",
                         "Kay Lund\nNational Statistician"))
    parties = letter_parties(parsed)
    assert who(parties.senders) == [("Kay Lund", "National Statistician", None)]
    assert who(parties.recipients) == [("Ed", None, "Office for Statistics Regulation")]


def test_letterhead_role_line_is_not_the_recipient():
    parsed = ParsedDocument(paragraphs=[
        Paragraph("1 Drummond Gate, London\nChair of the Authority, Sir Tom Reed", section="header"),
        Paragraph("Kay Lund\nNational Statistician\nOffice for National Statistics\nNewport NP10 8XG",
                  section="header"),
        *paras("Dear Kay", "Thank you.", "Yours sincerely", "Sir Tom Reed")])
    parties = letter_parties(parsed)
    assert who(parties.recipients) == [("Kay Lund", "National Statistician", "Office for National Statistics")]


def test_a_hint_outside_the_table_is_logged_and_counted(caplog):
    with caplog.at_level(logging.WARNING, logger="extract.doctype"):
        got = doc_type_for("https://uksa.statisticsauthority.gov.uk/correspondence/a-to-b-x/", "A to B: X",
                           hints={"doc_type": "memo"})
    assert got == "letter" and doctype.UNKNOWN["hint:memo"] >= 1 and "memo" in caplog.text
    assert doc_type_for("https://x.example/y/", "Y", hints={"doc_type": "report"}) == "report"


@pytest.mark.parametrize("page_line", ["To", " to", "to"])
def test_a_fromto_line_naming_nobody_gives_way_to_the_listings(page_line):
    """A stray "To" label (or an empty " to") taken for the page's from/to line names nobody: never an
    organisation called "To", and the listing's line that names the parties is used instead."""
    assert parse_fromto(page_line).senders == [] and parse_fromto(page_line).recipients == []
    parsed = ParsedDocument(fromto=page_line, paragraphs=paras("Dear Fiona,", "A short note.", "Yours sincerely",
                                                               "Jo Reed"))
    parties = letter_parties(parsed, None, {"fromto": "Jo Reed, Harbour Office to Fiona Tidewell, Coastal Agency"})
    assert who(parties.senders) == [("Jo Reed", None, "Harbour Office")]
    assert who(parties.recipients) == [("Fiona Tidewell", None, "Coastal Agency")]


def test_lead_line_keeps_an_organisation_name_with_commas_whole():
    from extract.parties.letter import from_lead

    senders, recipients = from_lead(
        "Ed Humpherson, Director General for Regulation, Office for Statistics Regulation writes to Jo Bloggs, "
        "Secretary of State, Ministry of Housing, Communities and Local Government.")
    assert (recipients[0].name, recipients[0].role, recipients[0].organisation) == (
        "Jo Bloggs", "Secretary of State", "Ministry of Housing, Communities and Local Government")
    assert senders[0].organisation == "Office for Statistics Regulation"


@pytest.mark.parametrize("role", ["Cyfarwyddwr Cyffredinol Rheoleiddio", "Prif Ystadegydd", "Dirprwy Gyfarwyddwr"])
def test_a_welsh_role_line_under_the_name_is_a_role_not_a_second_signatory(role):
    """Found by the round-two unseen mirror: under 'Yn gywir,' the role line 'Cyfarwyddwr Cyffredinol
    Rheoleiddio' (three capitalised words) was read as a second person signing the letter."""
    paragraphs = [Paragraph(t) for t in ("Annwyl Gareth,", "Diolch am eich llythyr.", "Yn gywir,", "Ed Humpherson",
                                         role)]
    people = from_signature(paragraphs)
    assert [(p.name, p.role) for p in people] == [("Ed Humpherson", role)]


@pytest.mark.parametrize("link", ["Download the letter (PDF, 62 KB)", "Annex: detailed findings (Word document)",
                                  "Letter to HMRC (pdf, 1.2 MB)"])
def test_a_file_link_after_the_signature_is_not_the_signatory_organisation(link):
    """Found by the round-two unseen mirror: a letter's PDF link placed under the role line was read as the
    sender's organisation (its 'PDF' and 'KB' looked like an acronym)."""
    paragraphs = [Paragraph(t) for t in ("Dear Helena,", "Thank you for your letter.", "Yours sincerely,",
                                         "Mark Pont", "Assessment Programme Lead", link)]
    assert [(p.name, p.role, p.organisation) for p in from_signature(paragraphs)] == [
        ("Mark Pont", "Assessment Programme Lead", None)]


# Issue 12: parties as real letters give them (invented names and bodies).
@pytest.mark.parametrize("title, url, texts, senders, recipients", [
    # an organisation's evidence title: the sender is the person who signs for it
    ("Office for Coastal Statistics written evidence to the Tides Select Committee inquiry",
     "https://example.org/submission/office-for-coastal-statistics-written-evidence-to-the-tides-committee/",
     ["Dear Lord Marram,", "I am writing to thank the Committee.", "Yours sincerely", "Rhian Tollet\nHead of Evidence"],
     [("Rhian Tollet", "Head of Evidence", "Office for Coastal Statistics")], ["Lord Marram"]),
    # "Name to Name MP: topic": the signatories are the senders, several of them when several sign
    ("Rhian Tollet to Gareth Penhallow MP: Harbour statistics", None,
     ["Dear Gareth,", "Thank you for your letter.", "Yours sincerely", "Rhian Tollet\nHead of Evidence",
      "Olwen Marsh\nChief Statistician"],
     [("Rhian Tollet", "Head of Evidence", None), ("Olwen Marsh", "Chief Statistician", None)],
     ["Gareth Penhallow MP"]),
    # a short first name in the salutation: the full name from the URL slug
    ("Mark Dunmore to Katherine Ellery: Rainfall profiles",
     "https://osr.statisticsauthority.gov.uk/correspondence/mark-dunmore-to-katherine-ellery-rainfall-profiles/",
     ["Dear Kath", "We have completed our review."], [("Mark Dunmore", None, None)], ["Katherine Ellery"]),
    # a text flattened from a PDF: address block, date and salutation in one run; the full name is the block's
    ("Letter from the Survey Office to the Harbour Board", None,
     ["Survey Office Anna Quell 1 Quay Road Director of Surveys Portlaw PL1 1AA Tobias Wren Deputy Chair Harbour "
      "Board 2 Dock Street Portlaw PL2 2BB [by email] 12 June 2020 Dear Tobias, Thank you for your letter of 3 June."],
     [(None, None, "Survey Office")], ["Tobias Wren"]),
])
def test_real_letter_party_shapes(title, url, texts, senders, recipients):
    parties = letter_parties(ParsedDocument(title=title, paragraphs=paras(*texts)), url)
    assert who(parties.senders) == senders
    assert [m.name for m in parties.recipients] == recipients


@pytest.mark.parametrize("title, sender_org, recipient_org", [
    ("Office for Coastal Statistics written evidence to Lords Tides and Harbours Select Committee inquiry of same name",
     "Office for Coastal Statistics", "Lords Tides and Harbours Select Committee"),
    ("Survey Office correspondence to the Harbour Select Committee on revisions to tide tables",
     "Survey Office", "Harbour Select Committee"),
])
def test_organisation_titles_name_bodies_without_genre_words(title, sender_org, recipient_org):
    senders, recipients = from_title(title)
    assert who(senders) == [(None, None, sender_org)] and who(recipients) == [(None, None, recipient_org)]


@pytest.mark.parametrize("line, expected", [
    ("Mark Dunmore, Director of Statistics Regulation", [("Mark Dunmore", "Director of Statistics Regulation", None)]),
    ("Alys Fenwick and Owen Price", [("Alys Fenwick", None, None), ("Owen Price", None, None)]),
])
def test_signature_lines_with_a_role_or_two_names(line, expected):
    assert who(from_signature(paras("Yours sincerely,", line))) == expected


def test_a_copied_post_and_a_copied_person_stay_two_parties():
    parsed = ParsedDocument(title="Rhian Tollet to Gareth Penhallow MP: Harbour statistics", paragraphs=paras(
        "Dear Gareth,", "I am copying this letter to the Chief Executive of the Harbour Agency and to Dame Olwen "
        "Marsh, Chief Statistician.", "Yours sincerely", "Rhian Tollet"))
    copied = letter_parties(parsed).copied
    assert [(m.name, m.role) for m in copied] == [(None, "Chief Executive"),
                                                  ("Dame Olwen Marsh", "Chief Statistician")]
