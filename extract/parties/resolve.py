"""Resolution of one PartyMention against the register (called through `Register.resolve`)."""
from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from extract.parties.names import (
    PLACEHOLDERS,
    SURNAME_HONORIFICS,
    days_between,
    looks_like_role,
    name_key,
    split_honorifics,
)
from extract.records import PartyMention

if TYPE_CHECKING:
    from extract.parties.register import Organisation, Person, Register


def resolve_mention(reg: "Register", mention: PartyMention, on_date: str | None,
                    candidates: list[PartyMention]) -> PartyMention:
    out = dataclasses.replace(mention)
    org = reg.lookup_org(mention.organisation, on_date) if mention.organisation else None
    if org is None and mention.organisation and mention.organisation.lower() not in PLACEHOLDERS:
        # "Information Services Division, NHS Scotland" may arrive as one string; try its last comma part.
        tail = mention.organisation.rsplit(",", 1)[-1]
        org = reg.lookup_org(tail, on_date) if tail != mention.organisation else None
    name = (mention.name or "").strip()
    if name.lower() in PLACEHOLDERS:
        name = ""

    if not name:
        return _resolve_without_name(reg, out, org, on_date)

    honorifics, core, _post = split_honorifics(name)
    person = reg.lookup_person(name, on_date, org.id if org else None)
    if person is None and len(core.split()) == 1:
        person = _resolve_single_name(reg, core, honorifics, mention, org, on_date, candidates)
        if person is None:  # "Dear Steph": a short form that begins a first name, when no full name matches
            person = _resolve_single_name(reg, core, honorifics, mention, org, on_date, candidates, short=True)
    if person is None and (len(core.split()) > 1 or not honorifics):
        as_org = reg.lookup_org(name, on_date)
        if as_org is not None:  # "Crown Prosecution Service to ..." puts an organisation where a name goes
            out.party_id = as_org.id
            out.organisation_id = org.id if org else as_org.id
            return out
    if person is None and looks_like_role(name):
        holder = reg.holder(name, on_date, org.id if org else None)
        out.party_id = holder.id if holder else (org.id if org else None)
        out.organisation_id = org.id if org else (holder.organisation_on(on_date) if holder else None)
        return out
    if person is None:
        out.party_id = None
        out.organisation_id = org.id if org else _organisation_of_unresolved(reg, core, candidates, on_date)
        return out
    out.party_id = person.id
    out.organisation_id = _organisation_for(reg, person, org, on_date)
    return out


def _resolve_without_name(reg: "Register", out: PartyMention, org: "Organisation | None",
                          on_date: str | None) -> PartyMention:
    if out.role:
        holder = reg.holder(out.role, on_date, org.id if org else None)
        if holder is not None:
            out.party_id = holder.id
            out.organisation_id = org.id if org else holder.organisation_on(on_date)
            return out
    out.party_id = org.id if org else None
    out.organisation_id = org.id if org else None
    return out


def _organisation_for(reg: "Register", person: "Person", org: "Organisation | None", on_date: str | None) -> str | None:
    """The organisation as written when the person ever worked there; else the role held on that date."""
    role = person.role_on(on_date)
    if org is not None:
        child = reg.organisations.get(role.organisation) if role and role.organisation else None
        if on_date and child is not None and child.parent == org.id and role.covers(on_date) is True:
            return role.organisation  # "John Pullinger, UK Statistics Authority": the National Statistician heads ONS
        if any(r.organisation == org.id for r in person.roles):
            return org.id
        if role and on_date and (role.covers(on_date) is True or (role.seen and days_between(on_date, role.seen) <= 365)):
            return role.organisation
        return org.id
    return role.organisation if role else None


def _match_name(person: "Person", token: str, by_surname: bool, short: bool = False) -> bool:
    if short and not by_surname:
        return len(token) >= 3 and any(f.startswith(token) and f != token for f in person.first_names)
    return token in (person.surnames if by_surname else person.first_names)


def _resolve_single_name(reg: "Register", token: str, honorifics: list[str], mention: PartyMention,
                         org: "Organisation | None", on_date: str | None,
                         candidates: list[PartyMention], short: bool = False) -> "Person | None":
    """'Dear John' / 'Dear Sir Ian' / 'Dear Mr Humpherson': the letter's own parties first, then role holders.
    short=True reads the name as a short form of a first name it begins ('Steph' for Stephanie)."""
    key = token.lower().strip(",.")
    by_surname = bool(set(honorifics) & SURNAME_HONORIFICS)
    if short and by_surname:
        return None
    found: list["Person"] = []
    for cand in candidates:
        person = reg.people.get(cand.party_id) if cand.party_id else None
        if person is None and cand.name:
            cand_org = reg.lookup_org(cand.organisation, on_date) if cand.organisation else None
            person = reg.lookup_person(cand.name, on_date, cand_org.id if cand_org else None)
        if person is not None and _match_name(person, key, by_surname, short) and person not in found:
            found.append(person)
    if len(found) == 1:
        return found[0]
    if found:
        return None  # two recipients share the name: do not guess
    roles = [mention.role] if mention.role else []
    roles += [c.role for c in candidates if c.role]
    for role in roles:
        holder = reg.holder(role, on_date, org.id if org else None)
        if holder is not None and _match_name(holder, key, by_surname, short):
            return holder
    if by_surname:
        same = [p for p in reg.people.values() if key in p.surnames]
        if len(same) == 1:
            return same[0]
    # Last resort: the only person of that name the register shows in office on that date (a dated role, or a
    # from/to line of the correspondence list), at the organisation named with the salutation when there is one.
    if on_date:
        active = [p for p in reg.people.values() if _match_name(p, key, by_surname, short) and _active(p, on_date, org)]
        knighted = {h for h in honorifics if h in ("sir", "dame", "lord", "baroness")}
        if knighted and len(active) > 1:  # "Dear Sir David": only the Davids who are knights
            active = [p for p in active if knighted & {h.lower() for h in p.honorifics}] or active
        if len(active) == 1:
            return active[0]
    return None


def _active(person: "Person", on_date: str, org: "Organisation | None") -> bool:
    for role in person.roles:
        if org is not None and role.organisation != org.id:
            continue
        if role.covers(on_date) is True or (role.seen and days_between(on_date, role.seen) == 0):
            return True
    return False


def _organisation_of_unresolved(reg: "Register", token: str, candidates: list[PartyMention],
                                on_date: str | None) -> str | None:
    """A first name that matches an unresolved recipient inherits that recipient's organisation."""
    key = token.lower()
    for cand in candidates:
        words = name_key(cand.name or "").split()
        if words and key in (words[0], words[-1]):
            if cand.organisation_id:
                return cand.organisation_id
            org = reg.lookup_org(cand.organisation, on_date) if cand.organisation else None
            if org is not None:
                return org.id
    return None
