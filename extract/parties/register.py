"""The parties register (register/*.yml) and resolution of the people and organisations a document names.

`Register.load()` reads the reviewed YAML once (cached).  `register.resolve(mention, on_date, context)` fills a
`PartyMention`'s `party_id` / `organisation_id` from exact names, aliases and abbreviations, with honorifics and
post-nominals stripped; a first name alone ("Dear John") is matched against the letter's own parties (`context`)
or against whoever held the mention's role on that date.  A name the register does not know stays unresolved
(`party_id` None) and is never dropped.  `register.find_mentions(text)` finds named parties in body text with one
compiled, prefix-factored regular expression.  `register.holder(role, on_date, organisation)` answers "who was the
National Statistician on 2016-05-01?".

(About 410 lines: loading the register and resolving against it share the same indexes; the name rules are in
names.py and the letter-level merge in letter.py.)
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import yaml

from extract.parties.names import (
    PLACEHOLDERS,
    TrieRegex,
    date_end,
    date_start,
    days_between,
    name_key,
    org_key,
    quote_variants,
)
from extract.records import FromTo, PartyMention

REGISTER_DIR = Path(__file__).resolve().parents[2] / "register"


@dataclass(frozen=True)
class Organisation:
    id: str
    name: str
    abbreviations: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    former_names: tuple[tuple[str, tuple[str, ...], str], ...] = ()  # (name, abbreviations, until)
    parent: str | None = None
    created: str | None = None
    dissolved: str | None = None
    successors: tuple[str, ...] = ()
    kind: str | None = None
    hosts: tuple[str, ...] = ()

    def exists_on(self, on_date: str | None) -> bool:
        if not on_date:
            return True
        if self.created and on_date < date_start(self.created):
            return False
        return not (self.dissolved and on_date >= date_start(self.dissolved))

    def name_on(self, on_date: str | None) -> str:
        """The organisation's name on that date (DCLG in 2016, MHCLG in 2019, DLUHC in 2022)."""
        if on_date:
            for name, _abbrs, until in sorted(self.former_names, key=lambda f: f[2]):
                if on_date < date_start(until):
                    return name
        return self.name


@dataclass(frozen=True)
class Role:
    title: str | None
    organisation: str | None
    start: str | None = None
    end: str | None = None
    seen: tuple[str, str] | None = None  # first and last date a listing showed this person with this organisation

    def covers(self, on_date: str) -> bool | None:
        """True/False when the register knows the tenure; None when it does not."""
        if self.start is None and self.end is None:
            return None
        return (self.start is None or on_date >= date_start(self.start)) and (
            self.end is None or on_date <= date_end(self.end)
        )


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    honorifics: tuple[str, ...] = ()
    postnominals: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()

    @property
    def first_names(self) -> set[str]:
        return {name_key(n).split()[0] for n in (self.name, *self.aliases) if name_key(n)}

    @property
    def surnames(self) -> set[str]:
        return {name_key(n).split()[-1] for n in (self.name, *self.aliases) if name_key(n)}

    def role_on(self, on_date: str | None, organisation: str | None = None) -> Role | None:
        roles = [r for r in self.roles if organisation is None or r.organisation == organisation]
        if not roles:
            return None
        if not on_date:
            dated = [r for r in roles if r.seen or r.start or r.end]
            return (dated or roles)[-1]

        def score(r: Role) -> float:
            covers = r.covers(on_date)
            if covers is True:
                return 4.0
            if covers is False:
                return -1.0
            if r.seen:
                gap = days_between(on_date, r.seen)
                return 3.0 if gap == 0 else 2.0 - min(gap, 3650) / 3650
            return 0.5 if r.title and r.title.startswith("Member of") else 1.0

        return max(roles, key=score)

    def organisation_on(self, on_date: str | None) -> str | None:
        role = self.role_on(on_date)
        return role.organisation if role else None


def _yaml(text: str) -> Any:
    """Safe YAML through libyaml when PyYAML has it (the same objects, about 6x faster: every extraction worker
    loads the register once), else the pure-Python safe loader."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _tuple(value: Any) -> tuple:
    return tuple(value or ())


class Register:
    """The reviewed register, indexed for resolution; build it with `Register.load()`."""

    def __init__(self, organisations: list[Organisation], people: list[Person], roles: list[dict]):
        self.organisations = {o.id: o for o in organisations}
        self.people = {p.id: p for p in people}
        self._org_names: dict[str, list[str]] = {}
        self._org_abbrs: dict[str, list[str]] = {}
        for org in organisations:
            names = [org.name, *org.aliases, *(f[0] for f in org.former_names)]
            for name in names:
                self._add(self._org_names, org_key(name), org.id)
            for abbr in (*org.abbreviations, *(a for f in org.former_names for a in f[1])):
                self._add(self._org_abbrs, abbr, org.id)
        self._people_by_name: dict[str, list[str]] = {}
        for person in people:
            for name in (person.name, *person.aliases):
                self._add(self._people_by_name, name_key(name), person.id)
        self._roles: dict[str, tuple[str, str | None]] = {}
        for role in roles:
            for text in (role["title"], *(role.get("aliases") or ())):
                self._roles[_role_key(text)] = (role["title"], role.get("organisation"))
        self._text_regex: TrieRegex | None = None
        self._text_targets: dict[str, tuple[str, str]] = {}

    @staticmethod
    def _add(index: dict[str, list[str]], key: str, value: str) -> None:
        if key and value not in index.setdefault(key, []):
            index[key].append(value)

    # -- loading -------------------------------------------------------------------------------------------------
    @classmethod
    def load(cls, path: str | Path | None = None) -> "Register":
        return _load_cached(str(Path(path) if path else REGISTER_DIR))

    @classmethod
    def from_files(cls, directory: Path) -> "Register":
        orgs_raw = _yaml((directory / "organisations.yml").read_text(encoding="utf-8")) or []
        people_raw = _yaml((directory / "people.yml").read_text(encoding="utf-8")) or []
        roles_path = directory / "roles.yml"
        roles_raw = _yaml(roles_path.read_text(encoding="utf-8")) if roles_path.exists() else []
        orgs = [
            Organisation(
                id=o["id"],
                name=o["name"],
                abbreviations=_tuple(o.get("abbreviations")),
                aliases=_tuple(o.get("aliases")),
                former_names=tuple(
                    (f["name"], _tuple(f.get("abbreviations")), str(f["until"])) for f in o.get("former_names") or ()
                ),
                parent=o.get("parent"),
                created=_str(o.get("created")),
                dissolved=_str(o.get("dissolved")),
                successors=_tuple(o.get("successors")),
                kind=o.get("kind"),
                hosts=_tuple(o.get("hosts")),
            )
            for o in orgs_raw
        ]
        people = [
            Person(
                id=p["id"],
                name=p["name"],
                honorifics=_tuple(p.get("honorifics")),
                postnominals=_tuple(p.get("postnominals")),
                aliases=_tuple(p.get("aliases")),
                roles=tuple(
                    Role(
                        title=r.get("title"),
                        organisation=r.get("organisation"),
                        start=_str(r.get("start")),
                        end=_str(r.get("end")),
                        seen=tuple(str(d) for d in r["seen"]) if r.get("seen") else None,
                    )
                    for r in p.get("roles") or ()
                ),
            )
            for p in people_raw
        ]
        return cls(orgs, people, roles_raw or [])

    # -- look-ups ------------------------------------------------------------------------------------------------
    def lookup_org(self, text: str | None, on_date: str | None = None) -> Organisation | None:
        """An organisation by name, former name, alias or abbreviation; the date picks among namesakes."""
        if not text:
            return None
        text = text.strip().strip(".,;: ")
        if not text or text.lower() in PLACEHOLDERS:
            return None
        ids = self._org_abbrs.get(text) or self._org_names.get(org_key(text))
        if not ids:
            bare = re.sub(r"\s*\([^)]*\)\s*$", "", text)  # "NHS Business Services Authority (NHSBSA)"
            inner = re.search(r"\(([^)]*)\)\s*$", text)
            ids = self._org_names.get(org_key(bare)) if bare != text else None
            if not ids and inner:
                ids = self._org_abbrs.get(inner.group(1)) or self._org_names.get(org_key(inner.group(1)))
        if not ids and text.isupper():
            ids = next((v for k, v in self._org_abbrs.items() if k.upper() == text), None)
        if not ids:
            return None
        orgs = [self.organisations[i] for i in ids]
        living = [o for o in orgs if o.exists_on(on_date)]
        if not living and on_date:
            # a listing that gives a body's later name to an earlier letter: the predecessor alive on that date
            before = [o for o in self.organisations.values()
                      if set(o.successors) & set(ids) and o.exists_on(on_date)]
            if before:  # BEIS had two predecessors: the one whose name shares most words with the text
                words = set(org_key(text).split())
                return max(before, key=lambda o: len(words & set(org_key(o.name).split())))
        return (living or orgs)[0]

    def lookup_person(self, name: str | None, on_date: str | None = None, organisation_id: str | None = None) -> Person | None:
        key = name_key(name or "")
        ids = self._people_by_name.get(key)
        if not ids:
            return None
        people = [self.people[i] for i in ids]
        if len(people) > 1 and organisation_id:
            at_org = [p for p in people if any(r.organisation == organisation_id for r in p.roles)]
            people = at_org or people
        return people[0]

    def organisation_for_url(self, url: str | None) -> Organisation | None:
        """The organisation whose web site published `url` (the author of an unsigned statement), if known."""
        host = re.sub(r"^[a-z]+://", "", (url or "").lower()).split("/", 1)[0].split(":", 1)[0]
        if not host:
            return None
        return next((o for o in self.organisations.values() if host in o.hosts), None)

    def role_title(self, text: str | None) -> tuple[str, str | None] | None:
        """The register's title (and default organisation) for a role as written, or None."""
        return self._roles.get(_role_key(text or ""))

    def holder(self, role: str, on_date: str | None, organisation: str | None = None) -> Person | None:
        """Who held `role` (as written; aliases allowed) on that date, optionally at that organisation."""
        known = self.role_title(role)
        title = known[0] if known else (role or "").strip()
        org_id = None
        if organisation:
            org = self.organisations.get(organisation) or self.lookup_org(organisation, on_date)
            org_id = org.id if org else None
        elif known:
            org_id = known[1]
        best: tuple[tuple[float, str], Person] | None = None
        for person in self.people.values():
            for r in person.roles:
                if not r.title or r.title.lower() != title.lower():
                    continue
                if org_id and not self._same_family(r.organisation, org_id):
                    continue
                covers = r.covers(on_date) if on_date else None
                if covers is False:
                    continue
                if covers is True:
                    score = 3.0
                elif not on_date:
                    score = 1.0
                elif r.seen and days_between(on_date, r.seen) == 0:
                    score = 2.0
                elif r.seen and days_between(on_date, r.seen) < 366:
                    score = 1.0
                else:
                    continue
                key = (score, date_start(r.start) if r.start else "")
                if best is None or key > best[0]:
                    best = (key, person)
        if best is None and known and not title.lower().startswith("acting "):
            return self.holder("Acting " + title, on_date, organisation)
        return best[1] if best else None

    def _same_family(self, a: str | None, b: str) -> bool:
        """Same organisation, or one is the other's parent (the National Statistician heads ONS and UKSA's staff)."""
        if a is None:
            return False
        if a == b:
            return True
        pa = self.organisations.get(a)
        pb = self.organisations.get(b)
        return bool((pa and pa.parent == b) or (pb and pb.parent == a))

    # -- resolution ----------------------------------------------------------------------------------------------
    def resolve(self, mention: PartyMention, on_date: str | None = None, context: Any = None) -> PartyMention:
        """A copy of `mention` with party_id / organisation_id filled where the register knows the party."""
        from extract.parties.resolve import resolve_mention

        return resolve_mention(self, mention, on_date, _candidates(context))

    def describe(self, mention: PartyMention, on_date: str | None = None) -> dict[str, str | None]:
        """The register's own wording for a resolved mention: {"name", "role", "organisation"} on that date
        ("Ed" → "Ed Humpherson", "Director General for Regulation", "Office for Statistics Regulation"); the
        mention's own words where the register does not know the party."""
        out = mention.public()
        person = self.people.get(mention.party_id or "")
        org = self.organisations.get(mention.organisation_id or "")
        if person is not None:
            titled = [h for h in person.honorifics if h in ("Sir", "Dame", "Lord", "Baroness")]
            out["name"] = " ".join(titled[:1] + [person.name])
            role = person.role_on(on_date, mention.organisation_id) or person.role_on(on_date)
            out["role"] = mention.role or (role.title if role else None)
        if org is not None:
            out["organisation"] = org.name_on(on_date)
        return out

    def find_mentions(self, text: str, on_date: str | None = None) -> list[PartyMention]:
        """Every organisation and person the register knows, named in `text` (case-sensitive, whole words);
        a person's organisation is the one of the role held on `on_date` when given."""
        found: list[PartyMention] = []
        for _start, _end, written, kind, target in self.mention_spans(text):
            if kind == "org":
                found.append(
                    PartyMention(organisation=written, relation="mentioned", party_id=target,
                                 organisation_id=target, source="text")
                )
            else:
                person = self.people[target]
                found.append(
                    PartyMention(name=written, relation="mentioned", party_id=target,
                                 organisation_id=person.organisation_on(on_date), source="text")
                )
        return found

    def mention_spans(self, text: str) -> list[tuple[int, int, str, str, str]]:
        """(start, end, text as written, "org" | "person", register id) for every named party in `text`."""
        if self._text_regex is None:
            self._build_text_regex()
        assert self._text_regex is not None
        out = []
        for match in self._text_regex.finditer(text):
            kind, target = self._text_targets[match.group(0)]
            out.append((match.start(), match.end(), match.group(0), kind, target))
        return out

    def _build_text_regex(self) -> None:
        targets: dict[str, tuple[str, str]] = {}
        for org in self.organisations.values():
            for name in (org.name, *org.aliases, *(f[0] for f in org.former_names)):
                if len(name) > 3 and (" " in name or name[:1].isupper()):
                    for variant in quote_variants(name):
                        targets.setdefault(variant, ("org", org.id))
            for abbr in (*org.abbreviations, *(a for f in org.former_names for a in f[1])):
                if len(abbr) >= 2:
                    targets.setdefault(abbr, ("org", org.id))
        ambiguous = {k for k, v in self._people_by_name.items() if len(v) > 1}
        for person in self.people.values():
            for name in (person.name, *person.aliases):
                if " " in name.strip() and name_key(name) not in ambiguous:
                    for variant in quote_variants(name):
                        targets.setdefault(variant, ("person", person.id))
        self._text_targets = targets
        self._text_regex = TrieRegex(targets)


@functools.lru_cache(maxsize=4)
def _load_cached(directory: str) -> Register:
    return Register.from_files(Path(directory))


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


def _role_key(text: str) -> str:
    text = re.sub(r"'s\b", "", text.lower().replace("’", "'"))  # "the National Statistician's office"
    text = re.sub(r"[^\w' ]+", " ", text)
    text = re.sub(r"^the\s+", "", text.strip())
    return re.sub(r"\s+", " ", text).strip()


def _candidates(context: Any) -> list[PartyMention]:
    """The parties a salutation may address: a FromTo, a list of mentions, or a dict with 'recipients'."""
    if context is None:
        return []
    if isinstance(context, FromTo):
        return list(context.recipients) + list(context.senders)
    if isinstance(context, dict):
        return [*context.get("recipients", ()), *context.get("copied", ()), *context.get("senders", ())]
    if isinstance(context, PartyMention):
        return [context]
    if isinstance(context, Iterable):
        return [m for m in context if isinstance(m, PartyMention)]
    recipients = getattr(context, "recipients", None)
    return list(recipients or [])


__all__ = ["Organisation", "Person", "REGISTER_DIR", "Register", "Role"]
