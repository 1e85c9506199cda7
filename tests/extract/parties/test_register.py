"""The register's own consistency, and its coverage of the 1,244 real from/to lines (read at run time)."""
from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
import yaml

from extract.parties.register import REGISTER_DIR, Register

LIST_CSV = Path(__file__).resolve().parents[4] / "shared" / "data" / "uksa-correspondence-list-2020-06-19.csv"
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# Things the listing puts where a party goes that are not parties: excluded from the coverage denominator.
NOT_PARTIES = {"by email", "sent by email", "anonymous"}


def _yaml(name):
    return yaml.safe_load((REGISTER_DIR / name).read_text(encoding="utf-8"))


def test_ids_are_unique_and_well_formed():
    orgs, people = _yaml("organisations.yml"), _yaml("people.yml")
    org_ids = [o["id"] for o in orgs]
    person_ids = [p["id"] for p in people]
    assert len(org_ids) == len(set(org_ids))
    assert len(person_ids) == len(set(person_ids))
    assert all(re.fullmatch(r"org:[a-z0-9-]+", i) for i in org_ids)
    assert all(re.fullmatch(r"person:[a-z0-9-]+", i) for i in person_ids)


def test_references_and_dates_are_valid():
    orgs, people = _yaml("organisations.yml"), _yaml("people.yml")
    org_ids = {o["id"] for o in orgs}
    problems = []
    for o in orgs:
        for ref in [o.get("parent"), *(o.get("successors") or [])]:
            if ref and ref not in org_ids:
                problems.append(f"{o['id']} refers to unknown {ref}")
        for key in ("created", "dissolved"):
            if o.get(key) is not None and not DATE.match(str(o[key])):
                problems.append(f"{o['id']} {key}={o[key]!r}")
        for former in o.get("former_names") or []:
            if not DATE.match(str(former["until"])):
                problems.append(f"{o['id']} former name until={former['until']!r}")
    for p in people:
        for r in p.get("roles") or []:
            if r["organisation"] not in org_ids:
                problems.append(f"{p['id']} role at unknown {r['organisation']}")
            for key in ("start", "end"):
                if r.get(key) is not None and not DATE.match(str(r[key])):
                    problems.append(f"{p['id']} {key}={r[key]!r}")
            if r.get("start") and r.get("end") and str(r["start"]) > str(r["end"]):
                problems.append(f"{p['id']} role ends before it starts")
            if r.get("seen") and r["seen"][0] > r["seen"][1]:
                problems.append(f"{p['id']} seen range reversed")
    assert problems == []


def test_names_carry_no_honorifics():
    """Honorifics and post-nominals live in their own fields so that every spelling resolves."""
    for p in _yaml("people.yml"):
        assert not re.match(r"(Sir|Dame|Dr|Professor|Lord|Baroness|Rt Hon)\b", p["name"]), p["name"]
        assert not re.search(r"\b(MP|MSP|AM|QC|CBE|OBE)$", p["name"]), p["name"]


@pytest.mark.skipif(not LIST_CSV.exists(), reason="../shared/data correspondence list not present")
def test_coverage_of_the_real_fromto_lines():
    """Every distinct person and organisation on the 2020-06-19 list resolves (measured: 100% of people, 98.7% of
    organisations; see register/README.md)."""
    from extract.parties.fromto import parse_fromto

    register = Register.load()
    with LIST_CSV.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 1244
    people: dict[str, bool] = {}
    orgs: dict[str, bool] = {}
    for row in rows:
        parsed = parse_fromto(row["subtitle"])
        for mention in parsed.senders + parsed.recipients:
            resolved = register.resolve(mention, row["date"])
            if mention.name and mention.name.lower() not in NOT_PARTIES:
                people[mention.name] = people.get(mention.name, False) or resolved.party_id is not None
            org = mention.organisation
            if org and org.lower() not in NOT_PARTIES:
                if register.lookup_org(org, row["date"]) is None and register.lookup_person(org) is not None:
                    people[org] = True  # the parser took the last of several names for an organisation
                    continue
                orgs[org] = orgs.get(org, False) or bool(resolved.organisation_id)
    person_cov = sum(people.values()) / len(people)
    org_cov = sum(orgs.values()) / len(orgs)
    both = (sum(people.values()) + sum(orgs.values())) / (len(people) + len(orgs))
    missing = sorted([n for n, ok in people.items() if not ok] + [n for n, ok in orgs.items() if not ok])
    print(f"register coverage: people {person_cov:.3f} of {len(people)}, organisations {org_cov:.3f} of {len(orgs)}, "
          f"all {both:.3f}; unresolved: {missing}")
    assert len(people) > 350 and len(orgs) > 100
    assert person_cov >= 0.98, missing
    assert org_cov >= 0.98, missing


@pytest.mark.skipif(not LIST_CSV.exists(), reason="../shared/data correspondence list not present")
def test_senders_resolve_to_the_office_they_held_on_the_day():
    """The same person resolves to different organisations on different dates (role held on that date)."""
    register = Register.load()
    from extract.records import PartyMention

    ed = PartyMention(name="Ed Humpherson")
    assert register.resolve(ed, "2015-06-01").organisation_id == "org:uksa"
    assert register.resolve(ed, "2019-06-01").organisation_id == "org:osr"
    bell = PartyMention(name="Iain Bell")
    assert register.resolve(bell, "2016-06-01").organisation_id == "org:dfe"
    assert register.resolve(bell, "2019-01-01").organisation_id == "org:ons"
