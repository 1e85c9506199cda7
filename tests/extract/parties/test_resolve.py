"""Resolution rules, table-driven: names, honorifics, salutations, role holders, namesakes by date, body text."""
from __future__ import annotations

import time

import pytest

from extract.parties.register import Register
from extract.records import FromTo, PartyMention as M


@pytest.fixture(scope="module")
def register():
    return Register.load()


# (mention, date, expected party_id, expected organisation_id)
CASES = [
    # exact names, honorifics and post-nominals stripped
    (M(name="Sir David Norgrove", organisation="UK Statistics Authority"), "2019-03-01", "person:david-norgrove", "org:uksa"),
    (M(name="David Norgrove"), "2019-03-01", "person:david-norgrove", "org:uksa"),
    (M(name="Professor Sir Ian Diamond"), "2020-02-01", "person:ian-diamond", "org:ons"),
    (M(name="Edward Humpherson"), "2018-02-01", "person:ed-humpherson", "org:osr"),
    (M(name="Rt Hon John Healey MP", organisation="House of Commons"), "2019-02-06", "person:john-healey", "org:house-of-commons"),
    (M(name="Dame Jil Matheson"), "2012-01-01", "person:jil-matheson", "org:ons"),
    (M(name="Tony O’Connor", organisation="Ministry of Defence"), "2020-06-17", "person:tony-o-connor", "org:mod"),
    (M(name="Mark Drakeford AC / AM", organisation="Welsh Government"), "2015-02-02", "person:mark-drakeford", "org:welsh-government"),
    (M(name="The Rt Hon the Lord Forsyth of Drumlean"), "2019-09-02", "person:michael-forsyth", "org:house-of-lords"),
    (M(name="Matthew Hancock MP"), "2019-05-01", "person:matt-hancock", "org:dhsc"),
    # organisations: names, abbreviations, former names, dates choose among namesakes
    (M(organisation="ONS"), "2019-01-01", "org:ons", "org:ons"),
    (M(organisation="Department for Communities and Local Government"), "2015-01-01", "org:mhclg", "org:mhclg"),
    (M(organisation="DLUHC"), "2022-01-01", "org:mhclg", "org:mhclg"),
    (M(organisation="Department for Business"), "2011-12-19", "org:bis", "org:bis"),
    (M(organisation="Department for Business"), "2018-09-06", "org:beis", "org:beis"),
    # a later name given to an earlier letter: the predecessor that existed on the day
    (M(organisation="Department for Business, Energy and Industrial Strategy"), "2016-02-16", "org:bis", "org:bis"),
    (M(organisation="UK Health Security Agency"), "2019-01-01", "org:phe", "org:phe"),
    (M(organisation="Department for Digital, Culture, Media & Sport"), "2018-01-19", "org:dcms", "org:dcms"),
    (M(organisation="Health and Social Care Information Centre"), "2015-01-01", "org:nhs-digital", "org:nhs-digital"),
    (M(organisation="Public Administration Select Committee"), "2012-01-01", "org:pacac", "org:pacac"),
    (M(organisation="NHS Business Services Authority (NHSBSA)"), "2020-03-09", "org:nhsbsa", "org:nhsbsa"),
    (M(organisation="Llywodraeth Cymru"), "2020-03-09", "org:welsh-government", "org:welsh-government"),
    # an organisation where a name goes; a post where a name goes
    (M(name="Crown Prosecution Service"), "2014-01-01", "org:cps", "org:cps"),
    (M(name="Senior Statistician", organisation="Police Service of Northern Ireland"), "2019-12-17", "org:psni", "org:psni"),
    (M(role="National Statistician"), "2016-05-01", "person:john-pullinger", "org:ons"),
    (M(role="Chair of the UK Statistics Authority", organisation="UK Statistics Authority"), "2013-05-01", "person:andrew-dilnot", "org:uksa"),
    # unknown people stay, unresolved, with the organisation they wrote from
    (M(name="Jo Bloggs", organisation="HM Treasury"), "2020-01-01", None, "org:hm-treasury"),
    (M(name="Anonymous"), "2018-05-04", None, None),
]


@pytest.mark.parametrize("mention,date,party,org", CASES, ids=[str(c[0].name or c[0].organisation or c[0].role) for c in CASES])
def test_resolve(register, mention, date, party, org):
    out = register.resolve(mention, date)
    assert out.party_id == party
    assert out.organisation_id == org
    assert out.name == mention.name and out.organisation == mention.organisation  # as written, untouched
    assert mention.party_id is None  # the input is not modified


RECIPIENTS_2016 = FromTo(
    senders=[M(name="Ed Humpherson", organisation="UK Statistics Authority", relation="sender")],
    recipients=[M(name="John Pullinger", organisation="UK Statistics Authority", relation="recipient")],
)

# (salutation name, role, date, context, expected)
SALUTATIONS = [
    ("John", None, "2016-01-12", RECIPIENTS_2016, "person:john-pullinger"),
    ("Sir Ian", None, "2020-03-24", [M(name="Sir Ian Diamond", organisation="Office for National Statistics")], "person:ian-diamond"),
    ("Mr Humpherson", None, "2019-01-01", None, "person:ed-humpherson"),
    ("Iain", None, "2019-01-01", [M(name="Iain Bell"), M(name="Siobhan Carey")], "person:iain-bell"),
    ("Siobhan", None, "2019-01-01", {"recipients": [M(name="Iain Bell"), M(name="Siobhan Carey")]}, "person:siobhan-carey"),
    # no recipient list: the holder of the addressee's role on the letter's date
    ("John", "National Statistician", "2017-03-01", None, "person:john-pullinger"),
    ("Jil", "National Statistician", "2012-03-01", None, "person:jil-matheson"),
    ("David", "Chair of the UK Statistics Authority", "2018-03-01", None, "person:david-norgrove"),
    # the first name does not fit the role holder: do not guess
    ("Mary", "National Statistician", "2017-03-01", None, None),
    # nothing else to go on: the only person of that name in office on the day (dated role or from/to lines)
    ("John", None, "2017-03-01", None, "person:john-pullinger"),
    ("Ed", None, "2019-05-01", None, "person:ed-humpherson"),
    ("Sir David", None, "2019-05-01", None, "person:david-norgrove"),  # the only knighted David in office
    # ... and unresolved when several were (three Johns wrote or were written to in February 2019)
    ("John", None, "2019-02-06", None, None),
    # two recipients with the same first name: unresolved rather than a coin toss
    ("Mark", None, "2019-01-01", [M(name="Mark Pont"), M(name="Mark Svenson")], None),
]


@pytest.mark.parametrize("name,role,date,context,expected", SALUTATIONS)
def test_salutation(register, name, role, date, context, expected):
    out = register.resolve(M(name=name, role=role, source="salutation"), date, context)
    assert out.party_id == expected
    assert out.name == name


def test_unknown_first_name_takes_its_recipient_organisation(register):
    context = [M(name="Priya Example", organisation="Department for Transport")]
    out = register.resolve(M(name="Priya", source="salutation"), "2019-01-01", context)
    assert out.party_id is None and out.organisation_id == "org:dft"


@pytest.mark.parametrize("role,date,expected", [
    ("National Statistician", "2010-06-01", "person:jil-matheson"),
    ("the National Statistician", "2015-06-01", "person:john-pullinger"),
    ("National Statistician", "2019-08-01", "person:jonathan-athow"),  # acting, between two appointments
    ("National Statistician", "2021-06-01", "person:ian-diamond"),
    ("Chair", "2009-06-01", "person:michael-scholar"),
    ("Chair of the UK Statistics Authority", "2023-01-01", "person:robert-chote"),
    ("Director General for Regulation", "2019-06-01", "person:ed-humpherson"),
    ("Cabinet Secretary", "2015-01-01", "person:jeremy-heywood"),
    ("Chancellor of the Exchequer", "2017-01-01", "person:philip-hammond"),
])
def test_holder(register, role, date, expected):
    person = register.holder(role, date)
    assert person is not None and person.id == expected


def test_holder_with_organisation(register):
    assert register.holder("Chief Statistician", "2018-01-01", "org:scottish-government").id == "person:roger-halliday"
    assert register.holder("Chief Statistician", "2018-01-01", "Welsh Government").id == "person:glyn-jones"
    assert register.holder("Chief Statistician", "2018-01-01", "org:home-office") is None


def test_find_mentions_in_body_text(register):
    text = ("We have discussed this with the ONS and with HM Revenue & Customs. Sir Ian Diamond, the National "
            "Statistician, and Ed Humpherson met the Department for Work and Pensions (DWP) and Tony O’Connor. "
            "Ministers will monitor the onsite data; a parity check is due.")
    found = register.find_mentions(text)
    ids = [m.party_id for m in found]
    assert ids == ["org:ons", "org:hmrc", "person:ian-diamond", "person:ed-humpherson", "org:dwp", "org:dwp",
                   "person:tony-o-connor"]
    assert found[0].organisation == "ONS" and found[0].source == "text" and found[0].relation == "mentioned"
    # lower-case common words and substrings of longer words are not organisations ("monitor", "onsite", "parity")
    assert register.find_mentions("the monitor of parity in sponsorship") == []


def test_find_mentions_is_fast(register):
    paragraph = ("The Office for Statistics Regulation wrote to the Department for Education about its statistics "
                 "on school funding, which HM Treasury and the ONS also publish. We will review them in 2021. ")
    text = paragraph * 20  # about 600 words
    register.find_mentions(text)
    start = time.perf_counter()
    for _ in range(50):
        register.find_mentions(text)
    per_letter = (time.perf_counter() - start) / 50
    assert per_letter < 0.003, per_letter


def test_load_is_cached(register):
    assert Register.load() is register


def test_names_change_with_the_date(register):
    mhclg = register.organisations["org:mhclg"]
    assert mhclg.name_on("2016-06-01") == "Department for Communities and Local Government"
    assert mhclg.name_on("2019-06-01") == "Ministry of Housing, Communities and Local Government"
    assert mhclg.name_on("2022-06-01") == "Department for Levelling Up, Housing and Communities"
    assert mhclg.name_on("2025-01-01") == "Ministry of Housing, Communities and Local Government"
    phe = register.organisations["org:phe"]
    assert phe.exists_on("2020-01-01") and not phe.exists_on("2022-01-01")
    assert set(phe.successors) == {"org:ukhsa", "org:ohid"}
    assert register.organisations["org:nhs-digital"].successors == ("org:nhs-england",)


def test_publisher_of_a_web_page(register):
    assert register.organisation_for_url("https://www.ons.gov.uk/news/statementsandletters/x").id == "org:ons"
    assert register.organisation_for_url("https://osr.statisticsauthority.gov.uk/correspondence/y/").id == "org:osr"
    assert register.organisation_for_url("https://example.org/") is None


def test_a_register_of_ones_own(tmp_path):
    """Register.load(path) reads any directory with the same files (a reviewer's working copy, a test)."""
    (tmp_path / "organisations.yml").write_text(
        "- id: org:a\n  name: Alpha Agency\n  abbreviations: [AA]\n"
        "- id: org:b\n  name: Beta Board\n  created: '2020-01-01'\n", encoding="utf-8")
    (tmp_path / "people.yml").write_text(
        "- id: person:x\n  name: Xan Example\n  honorifics: [Dr]\n  roles:\n"
        "    - {title: Chief Statistician, organisation: org:a, start: '2015', end: '2019-12-31'}\n"
        "    - {title: Chief Statistician, organisation: org:b, start: '2020-01-01', end: null}\n", encoding="utf-8")
    own = Register.load(tmp_path)
    assert own is not Register.load()
    assert own.resolve(M(name="Dr Xan Example"), "2018-01-01").organisation_id == "org:a"
    assert own.resolve(M(name="Xan Example"), "2021-01-01").organisation_id == "org:b"
    assert own.holder("Chief Statistician", "2021-01-01", "org:b").id == "person:x"
    assert own.find_mentions("AA and Beta Board") != []


def test_describe_gives_the_register_wording(register):
    ed = register.resolve(M(name="Ed", source="salutation"), "2019-05-01", [M(name="Ed Humpherson")])
    assert register.describe(ed, "2019-05-01") == {
        "name": "Ed Humpherson", "role": "Director General for Regulation",
        "organisation": "Office for Statistics Regulation"}
    chair = register.resolve(M(name="David Norgrove", organisation="UKSA"), "2018-01-01")
    assert register.describe(chair, "2018-01-01")["name"] == "Sir David Norgrove"
    dclg = register.resolve(M(organisation="MHCLG"), "2016-01-01")
    assert register.describe(dclg, "2016-01-01")["organisation"] == "Department for Communities and Local Government"
    unknown = register.resolve(M(name="Jo Bloggs", organisation="Nowhere Trust"), "2016-01-01")
    assert register.describe(unknown, "2016-01-01") == {"name": "Jo Bloggs", "role": None, "organisation": "Nowhere Trust"}


@pytest.mark.parametrize("salutation, expected", [
    ("Kath", "person:kathleen-ellery"),   # a short form that begins one first name
    ("Theo", None),                       # begins two people's first names: do not guess
    ("Al", None),                         # too short to read as a short form
    ("Catherine", None),                  # a different first name
])
def test_a_short_first_name_resolves_through_the_register(tmp_path, salutation, expected):
    (tmp_path / "organisations.yml").write_text("- id: org:a\n  name: Alpha Agency\n", encoding="utf-8")
    (tmp_path / "people.yml").write_text(
        "- id: person:kathleen-ellery\n  name: Kathleen Ellery\n  roles:\n"
        "    - {title: Chief Statistician, organisation: org:a, start: '2019', end: null}\n"
        "- id: person:theodore-quill\n  name: Theodore Quill\n  roles:\n"
        "    - {title: Head of Profession, organisation: org:a, start: '2019', end: null}\n"
        "- id: person:theophilus-rook\n  name: Theophilus Rook\n  roles:\n"
        "    - {title: Deputy Director, organisation: org:a, start: '2019', end: null}\n"
        "- id: person:alan-moss\n  name: Alan Moss\n  roles:\n"
        "    - {title: Director, organisation: org:a, start: '2019', end: null}\n", encoding="utf-8")
    own = Register.load(tmp_path)
    out = own.resolve(M(name=salutation, source="salutation"), "2021-01-01")
    assert out.party_id == expected
    assert out.name == salutation  # as written; the register's wording comes from describe()
    if expected:
        assert own.describe(out, "2021-01-01")["name"] == "Kathleen Ellery"
