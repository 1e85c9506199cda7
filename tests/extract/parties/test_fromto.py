"""The from/to parser on every real line of the 2020-06-19 correspondence list, plus the messy cases by name."""
from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest

from extract.parties.fromto import is_person_name, parse_fromto

REAL = Path(__file__).resolve().parents[4] / "shared" / "data" / "uksa-correspondence-list-2020-06-19.csv"


def _classify(line: str) -> str:
    """'empty', 'parsed' (every side gives people and/or organisations, every name is name-shaped) or 'failed'."""
    if not line.replace(" to", "").strip(" ,"):
        return "empty"
    parsed = parse_fromto(line)
    left, _, right = line.partition(" to ")
    for written, side in ((left, parsed.senders), (right, parsed.recipients)):
        if written.strip(" ,") and not side:
            return "failed"
        segments = [s.strip() for s in written.split(",") if s.strip()]
        last = segments[-1] if len(segments) >= 2 and not written.rstrip().endswith(",") else ""
        if any(m.name == last for m in side) and not re.search(r"^(Sir|Dame|Dr|Professor|Lord|Baroness|Rt Hon)\b|"
                                                                 r"\b(MP|MSP|AM|MLA|QC|CBE|OBE)$", last):
            return "failed"  # the organisation after a name was taken for another person
        for mention in side:
            if not (mention.name or mention.organisation):
                return "failed"
            if mention.name and not is_person_name(mention.name):
                return "failed"
            if " to " in (mention.organisation or "") or " to " in (mention.name or ""):
                return "failed"
    return "parsed"


@pytest.mark.skipif(not REAL.exists(), reason=f"real correspondence list not present at {REAL}")
def test_real_fromto_lines_parse():
    with REAL.open(encoding="utf-8") as handle:
        lines = [row["subtitle"] for row in csv.DictReader(handle)]
    assert len(lines) == 1244
    outcome = Counter(_classify(line) for line in lines)
    people = orgs = with_org = 0
    for line in lines:
        for m in (lambda p: p.senders + p.recipients)(parse_fromto(line)):
            people += bool(m.name)
            with_org += bool(m.name and m.organisation)
            orgs += bool(m.organisation and not m.name)
    non_empty = outcome["parsed"] + outcome["failed"]
    rate = outcome["parsed"] / non_empty
    print(f"\nfrom/to lines: {len(lines)}; empty {outcome['empty']}; parsed {outcome['parsed']}/{non_empty} "
          f"({rate:.1%}); person mentions {people} ({with_org} with organisation); organisation-only {orgs}")
    # Measured 2026-11-25: 24 empty lines (" to"); 1220/1220 others parsed; 2389 person mentions (1998 with an
    # organisation), 60 organisation-only (or post-only) mentions. Categories fixed on the way: stacked titles
    # ("The Rt Hon the Lord X"), "AC / AM", a role in place of a name, an organisation after a name ("Paul Lincoln, Border Force"),
    # an empty organisation slot after several names, a comma lost between an organisation and the next name.
    assert rate >= 0.99
    assert people >= 2300
    # Independent check across the whole list: no string is a person in one line and an organisation in another.
    names, organisations = set(), set()
    for line in lines:
        parsed = parse_fromto(line)
        for m in parsed.senders + parsed.recipients:
            if m.name:
                names.add(m.name)
            if m.organisation:
                organisations.update(s.strip() for s in m.organisation.split(","))
    assert not names & organisations, sorted(names & organisations)[:20]


@pytest.mark.parametrize("line, senders, recipients", [
    ("Ed Humpherson, Office for Statistics Regulation to Ken Roy, Department for Environment, Food and Rural Affairs",
     [("Ed Humpherson", "Office for Statistics Regulation")],
     [("Ken Roy", "Department for Environment, Food and Rural Affairs")]),
    (" to", [], []),
    (" to Ed Humpherson, UK Statistics Authority", [], [("Ed Humpherson", "UK Statistics Authority")]),
    ("Jim Mather MSP,  to Sir Michael Scholar, UK Statistics Authority",
     [("Jim Mather MSP", None)], [("Sir Michael Scholar", "UK Statistics Authority")]),
    ("Crown Prosecution Service to Sir Andrew Dilnot, UK Statistics Authority",
     [(None, "Crown Prosecution Service")], [("Sir Andrew Dilnot", "UK Statistics Authority")]),
    ("Dr Mary Bousted and Kevin Courtney, National Education Union to Sir David Norgrove, UK Statistics Authority",
     [("Dr Mary Bousted", "National Education Union"), ("Kevin Courtney", "National Education Union")],
     [("Sir David Norgrove", "UK Statistics Authority")]),
    ("Mark Pont, Office for Statistics Regulation to Iain Bell, Pete Whitehouse, Dr David Marshall, National Records"
     " of Scotland", [("Mark Pont", "Office for Statistics Regulation")],
     [("Iain Bell", "National Records of Scotland"), ("Pete Whitehouse", "National Records of Scotland"),
      ("Dr David Marshall", "National Records of Scotland")]),
    ("The Rt Hon the Lord Forsyth of Drumlean, House of Lords to Sir Andrew Dilnot, UK Statistics Authority",
     [("The Rt Hon the Lord Forsyth of Drumlean", "House of Lords")],
     [("Sir Andrew Dilnot", "UK Statistics Authority")]),
    ("Ed Humpherson, Office for Statistics Regulation to Secretary of State, Department for Transport to Wales",
     [("Ed Humpherson", "Office for Statistics Regulation")], [(None, "Department for Transport to Wales")]),
])
def test_messy_lines(line, senders, recipients):
    parsed = parse_fromto(line)
    assert [(m.name, m.organisation) for m in parsed.senders] == senders
    assert [(m.name, m.organisation) for m in parsed.recipients] == recipients
    assert all(m.source == "fromto" for m in parsed.senders + parsed.recipients)


def test_role_in_place_of_a_name():
    parsed = parse_fromto("Head of Statistics Branch, Police Service of Northern Ireland to Ed Humpherson, OSR")
    assert (parsed.senders[0].name, parsed.senders[0].role, parsed.senders[0].organisation) == (
        None, "Head of Statistics Branch", "Police Service of Northern Ireland")


@pytest.mark.skipif(not REAL.exists(), reason=f"real correspondence list not present at {REAL}")
def test_real_titles_agree_with_their_fromto_lines():
    """Parties found in the 1,244 real titles must be the people the listing's from/to line names."""
    from extract.parties.letter import from_title, same_person

    with REAL.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    named = agree = 0
    for row in rows:
        senders, recipients = from_title(row["title"])
        if not senders and not recipients:
            continue
        named += 1
        line = parse_fromto(row["subtitle"])
        pairs = [(m, line.senders) for m in senders] + [(m, line.recipients) for m in recipients]
        agree += all(not m.name or not side or not side[0].name or any(same_person(m.name, f.name) for f in side)
                     for m, side in pairs)
    print(f"\ntitles naming parties: {named}/{len(rows)}; agreeing with the from/to line: {agree}")
    # Measured 2026-11-25: 106 titles name parties (the rest are topic-only); all 106 agree, after fixing the real
    # categories: "X response/letter to Y regarding Z", "Topic – Letter to Y, Org", "Repsonse" typos, surnames
    # misspelt by one letter ("Humperson"), "Ed Humpherson OSR", "His Honour Judge".
    assert named >= 95 and agree / named >= 0.97
