"""Who wrote a letter, to whom, and who was copied: every signal found, then merged.

Signals (PartyMention.source): the from/to line (page metadata or the listing's, `fromto`), the 2017-style lead
line (`lead`), the title (`title`: "X to Y: topic", "Letter from X to Y", "Response from X to Y: Z", "Letter to
Y on Z"), the "By email" address block (`address`), the salutation (`salutation`), the signature block after the
sign-off (`signature`), the copy line (`copy`), and the URL slug (`slug`, `<sender>-to-<recipient>-<topic>`).

Merging: mentions of the same person (same surname, or same first name when only a first name is written) become
one; the name kept is the fullest, the role and organisation come from the most explicit source that has them
(signature and lead line before the from/to line, which sometimes names the wrong organisation). Resolution to the
register is `extract/parties/register.py`'s job; this module only finds and parses mentions. (About 440 lines: every signal's
parser sits beside the merge that weighs them, so they are read and changed together.)
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.parties.fromto import ORG_WORDS, POSTNOMINALS, ROLE_START, _strip_title, is_person_name, parse_fromto
from extract.records import FromTo, ParsedDocument, PartyMention
from extract.readers.text import one_line

SIGNOFF = re.compile(r"^\s*(yours?\s+(sincerely|faithfully|ever|truly|aye)|best wishes|kind regards|with best wishes"
                     r"|warm regards|regards|yn gywir|yr eiddoch yn gywir)\b[,.]?", re.I)
SALUTATION = re.compile(r"^\s*(dear|annwyl)\s+(?P<names>[^,\n:]{1,120}(?:,\s*[^,\n:]{1,40})*)", re.I)
COPY = re.compile(r"\b(?:i am|i'm|i have|we are|i will be|i’m)\s+(?:also\s+)?(?:copying|sending a copy of|copied)"
                  r"\s+(?:this|my|our)?\s*(?:letter|response|reply|note|email)?\s*(?:to|for)\s+(?P<who>[^.]+)", re.I)
# Welsh: "Rwy'n anfon copi o'r llythyr hwn at X" (I am sending a copy of this letter to X)
COPY_CY = re.compile(r"\b(?:rwy['’]n|rydym yn)\s+anfon\s+copi\s+(?:o['’]r\s+llythyr\s+hwn\s+)?at\s+(?P<who>[^.]+)",
                     re.I)
CC_LINE = re.compile(r"^\s*(?:cc|copy to|copied to|copies to)\s*[:.]?\s*(?P<who>.+)$", re.I)
GROUP_WORDS = frozenset("team colleagues all everyone sir madam sirs members committee chair colleague".split())
ROLE_PRIORITY = ("signature", "lead", "address", "copy", "fromto", "title", "salutation", "slug")
ORG_PRIORITY = ("lead", "signature", "address", "fromto", "title", "copy", "salutation", "slug")


@dataclass
class LetterParties:
    senders: list[PartyMention] = field(default_factory=list)
    recipients: list[PartyMention] = field(default_factory=list)
    copied: list[PartyMention] = field(default_factory=list)
    salutation_names: list[str] = field(default_factory=list)  # as written: "John", "Sir Ian", "Mr Humpherson"
    signals: list[PartyMention] = field(default_factory=list)  # every mention found, before merging


# ------------------------------------------------------------------ small parsers


STRONG_ORG = frozenset("""department office authority ministry agency council commission government executive service
bank board committee trust university institute parliament assembly house treasury directorate senedd nhs police
union society association federation foundation company ltd limited plc inspectorate registry fund""".split())


# a file's link label ("Download the letter (PDF, 62 KB)", "Annex (Word document, 1.2 MB)"): never a party line
FILE_LABEL = re.compile(r"\b(PDF|DOCX?|XLSX?|ODT|ODS|CSV)\b|\bWord document\b|\d\s*[KMG]i?B\b|\b\d+\s+pages?\b", re.I)


def _is_org(text: str) -> bool:
    words = {w.lower().strip("(),.'’") for w in text.split()}
    return bool(words & ORG_WORDS) or bool(re.search(r"\b[A-Z]{2,}\b", text))


def _is_named_org(text: str) -> bool:
    """Stricter: names a body ("Department for X", "ONS", "HM Treasury"), not a team or field ("Marine Statistics")."""
    words = {w.lower().strip("(),.'’") for w in text.split()}
    return bool(words & STRONG_ORG) or bool(re.search(r"\b[A-Z]{2,}\b", text))


def party_from_text(text: str, relation: str, source: str) -> PartyMention | None:
    """'Sir David Norgrove' / 'Ed Humpherson, Director General, OSR' / 'the Chief Executive of X' -> a mention."""
    text = one_line(text).strip(" ,.;:")
    if text.lower().startswith("the ") and not is_person_name(text):
        text = text[4:]  # "the Chief Executive of X"; "The Rt Hon the Lord X" is a name and keeps its title
    if not text:
        return None
    parts = [p.strip() for p in text.split(",") if p.strip()]
    glued = re.match(r"^(?P<name>.+?)\s+(?P<org>[A-Z]{2,6})$", parts[0])
    if glued and is_person_name(glued.group("name")) and glued.group("org") not in POSTNOMINALS:
        parts[0:1] = [glued.group("name"), glued.group("org")]  # "Ed Humpherson OSR" -> name, organisation
    if is_person_name(parts[0]):
        rest = parts[1:]
        # the organisation runs from the first segment that names a body to the end, so a name with commas in it
        # ("Ministry of Housing, Communities and Local Government") stays whole
        start = next((i for i, part in enumerate(rest) if _is_named_org(part) and not ROLE_START.match(part)), None)
        org = ", ".join(rest[start:]) if start is not None else None
        role = ", ".join(rest[:start] if start is not None else rest) or None
        return PartyMention(name=parts[0], role=role, organisation=org, relation=relation, source=source)
    found = re.match(r"^(?P<role>[A-Z][\w ,'’&-]{2,80}?)\s+(?:of|at|for)\s+(?:the\s+)?(?P<org>[A-Z].+)$", text)
    if found and ROLE_START.match(found.group("role")):
        if _is_named_org(found.group("org")):
            return PartyMention(role=found.group("role"), organisation=found.group("org"), relation=relation,
                                source=source)
        return PartyMention(role=text, relation=relation, source=source)  # "Head of Assessment" is one role
    if ROLE_START.match(parts[0]):
        return PartyMention(role=parts[0], organisation=", ".join(parts[1:]) or None, relation=relation,
                            source=source)
    return PartyMention(organisation=text, relation=relation, source=source)


def _split_people(text: str) -> list[str]:
    """'A, B and C' / 'A and B' -> ['A', 'B', 'C'] when every part is a name; else [text]."""
    parts = [p.strip() for p in re.split(r",\s*|\s+(?:and|&)\s+", text) if p.strip()]
    return parts if len(parts) > 1 and all(is_person_name(p) for p in parts) else [text]


# ------------------------------------------------------------------ signals


_DOC = r"(?:letter|response|repsonse|reponse|reply|email|correspondence)"
_END = r"(?=\s*[:(]|\s+[–—-]\s+|\s+(?:on|about|regarding|re|concerning|in advance of|following)\s+|\.?$)"
TITLE_FORMS = [  # (pattern, has sender, has recipient), tried in order
    re.compile(rf"(?:^|[–—-]\s*|\b){_DOC}\s+from\s+(?P<s>.+?)\s+to\s+(?P<r>.+?){_END}", re.I),
    re.compile(rf"^(?P<s>[^:–—]+?)\s+(?:{_DOC}|responds?|writes?|replies)\s+to\s+(?P<r>.+?){_END}", re.I),
    re.compile(rf"(?:^|[–—-]\s*){_DOC}\s+to\s+(?P<r>.+?){_END}", re.I),
    re.compile(rf"\b{_DOC}\s+from\s+(?P<s>.+?){_END}", re.I),
    re.compile(r"^(?P<s>[^:–—]{3,120}?)\s+(?:written\s+|oral\s+|supplementary\s+)?(?:evidence|submission)\s+to\s+"
               r"(?:the\s+)?(?P<r>[^:–—]{3,160}?)(?:(?:['’]s)?\s+(?:inquiry|consultation|call)\b.*|\s*[:(].*|"
               r"\s+(?:on|about|regarding|concerning|into)\s+(?:(?:the|an?)\s+(?-i:[a-z])|(?!(?:the|an?)\s)(?-i:[a-z])).*|$)",
               re.I),
    re.compile(r"^(?P<s>[^:–—]{2,80}?)\s+statement\s+(?:on|about|regarding|following|in response to)\b"),
    re.compile(rf"^(?P<s>[^:–—]{{3,120}}?)\s+to\s+(?P<r>[^:–—]{{3,160}}?){_END}"),
]


def _names_a_party(text: str) -> bool:
    text = re.sub(r"^(?:the\s+)?(?:incoming|new|outgoing|former)?\s*", "", text.strip(), flags=re.I)
    head = text.split(",")[0].strip()
    return bool(head) and (is_person_name(head) or _is_named_org(head) or bool(ROLE_START.match(head))
                           and head[:1].isupper())


def from_title(title: str | None) -> tuple[list[PartyMention], list[PartyMention]]:
    """Parties named by the title: "X to Y: topic", "Letter from X to Y", "X response to Y regarding Z",
    "Topic – Letter to Y, Org", "Response from X on Z", "Letter to the incoming Chancellor"."""
    if not title:
        return [], []
    title = one_line(title).replace("’", "'")
    for pattern in TITLE_FORMS:
        found = pattern.search(title)
        if not found:
            continue
        groups = {k: re.sub(r"['’]s$", "", v.strip()) for k, v in found.groupdict().items() if v}
        if not all(_names_a_party(x) for v in groups.values() for x in _split_people(v)):
            continue  # "Statistics to watch in 2020" names no parties
        senders = [p for x in _split_people(groups.get("s", "")) if x and (p := party_from_text(x, "sender", "title"))]
        recipients = [p for x in _split_people(groups.get("r", "")) if x and
                      (p := party_from_text(x, "recipient", "title"))]
        return senders, recipients
    return [], []


def from_slug(url: str | None) -> tuple[list[PartyMention], list[PartyMention]]:
    found = re.search(r"/correspondence/([a-z0-9-]+?)-to-([a-z0-9-]+?)/?(?:\?|$)", url or "")
    if not found:
        return [], []
    sender = found.group(1).split("-")
    if sender and sender[0] in ("letter", "response", "reply", "email") and "from" in sender:
        sender = sender[sender.index("from") + 1:]
    words = found.group(2).split("-")
    take = 3 if words and words[0] in ("sir", "dame", "dr", "lord", "baroness", "professor") else 2
    if not (1 <= len(sender) <= 4):
        return [], []
    name = lambda ws: " ".join(w.capitalize() for w in ws)  # noqa: E731
    return ([PartyMention(name=name(sender), relation="sender", source="slug")],
            [PartyMention(name=name(words[:take]), relation="recipient", source="slug")])


def from_lead(lead: str | None) -> tuple[list[PartyMention], list[PartyMention]]:
    found = re.match(r"^(?P<s>.+?)\s+(?:writes|wrote)\s+to\s+(?P<r>.+?)\.?$", one_line(lead or ""))
    if not found:
        return [], []
    sender = party_from_text(found.group("s"), "sender", "lead")
    recipient = party_from_text(found.group("r"), "recipient", "lead")
    return [sender] if sender else [], [recipient] if recipient else []


def salutation_names(paragraphs) -> list[str]:
    found = _salutation(paragraphs)
    if not found:
        return []
    names = re.split(r",\s*|\s+(?:and|&)\s+", found[0].group("names").strip())
    return [n.strip(" .") for n in names if n.strip(" .") and n.strip(" .").lower() not in GROUP_WORDS
            and not n.lower().startswith(("all ", "colleagues"))]


# "... SW1A 2HQ [by email] 12 June 2020 Dear Ben, Thank you ...": a text flattened from a PDF runs the address
# block, the date and the salutation into one paragraph; a capitalised "Dear Name," there is the salutation.
RUN_ON_SALUTATION = re.compile(r"(?<=\s)Dear\s+(?P<names>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’.-]+){0,3}),")


def _salutation(paragraphs) -> tuple[re.Match, str] | None:
    """The salutation's match and the text written before it (the address block, when there is one)."""
    for i, para in enumerate(paragraphs[:60]):
        found = SALUTATION.match(para.text)
        if found:
            return found, "\n".join(p.text for p in paragraphs[max(0, i - 15):i])
    for i, para in enumerate(paragraphs[:3]):
        found = RUN_ON_SALUTATION.search(para.text, 0, 2000)
        if found:
            return found, "\n".join(p.text for p in paragraphs[:i]) + "\n" + para.text[:found.start()]
    return None


def _full_name_before(first: str, paragraphs) -> str | None:
    """"Dear Ben" under an address block that reads "Ben Broadbent / Deputy Governor ...": the full name written
    before the salutation, when exactly one full name there starts with that first name."""
    found = _salutation(paragraphs)
    if not found or not re.fullmatch(r"[A-Z][a-z'’-]+", first):
        return None
    before = found[1][-1500:]
    full = {m.group(0) for m in re.finditer(rf"\b{re.escape(first)}\s+[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?\b", before)
            if is_person_name(m.group(0))}
    return full.pop() if len(full) == 1 else None


def from_signature(paragraphs) -> list[PartyMention]:
    """Name, role and organisation lines after the sign-off (several signatories too)."""
    for i, para in enumerate(paragraphs):
        found = SIGNOFF.match(para.text)
        if not found or len(para.text) > 120:
            continue
        lines = [line.strip() for line in para.text[found.end():].split("\n") if line.strip(" ,")]
        for nxt in paragraphs[i + 1:i + 5]:
            if nxt.section in ("annex", "related") or COPY.search(nxt.text) or len(nxt.text) > 160:
                break
            lines.extend(line.strip() for line in nxt.text.split("\n") if line.strip())
        return _signatories(lines)
    return []


def _signatories(lines: list[str]) -> list[PartyMention]:
    """Name lines, each followed by an optional role line and organisation line (a role may run into the name)."""
    people: list[PartyMention] = []
    for line in lines[:8]:
        line = line.strip(" ,")
        if SALUTATION.match(line) or ":" in line or len(line) > 100 or re.search(r"\s+to\s+[A-Z]", line) \
                or FILE_LABEL.search(line):
            break  # the next letter (archive pages), a heading, prose or a file's link: the signature block is over
        words = line.split()
        name_len = next((n for n in range(min(len(words), 8), 1, -1) if is_person_name(" ".join(words[:n]))), 0)
        last = people[-1] if people else None
        if last and last.role is None and (not name_len or ROLE_START.match(line) or not _is_org(line)
                                           and name_len < len(words)):
            role, _, org = line.rpartition(",")
            if role and _is_named_org(org) and last.organisation is None:  # "Chair, UK Statistics Authority"
                last.role, last.organisation = role.strip(), org.strip()
            else:
                last.role = line  # the line under a name is its role ("Pennaeth Rheoleiddio ...", "Director ...")
        elif not people and ROLE_START.match(line) and not name_len:
            people.append(PartyMention(role=line, relation="sender", source="signature"))  # signed by a post
        elif name_len:
            rest = " ".join(words[name_len:]).strip(" ,")
            pair = re.fullmatch(r"(?:and|&)\s+(.+)", rest)
            if pair and is_person_name(pair.group(1)):  # "Alys Fenwick and Owen Price": two signatories
                people.append(PartyMention(name=" ".join(words[:name_len]).rstrip(",;"), relation="sender",
                                           source="signature"))
                name_len, words, rest = len(pair.group(1).split()), pair.group(1).split(), ""
            people.append(PartyMention(name=" ".join(words[:name_len]).rstrip(",;"), role=rest or None,
                                       relation="sender", source="signature"))
        elif last and _is_org(line) and last.organisation is None:
            last.organisation = line
        else:
            break
    return people


def from_address(paragraphs) -> list[PartyMention]:
    """The recipient's address block before the salutation: a name (or a post) then role and organisation lines.

    Letterhead, "By email" and reference lines before it are skipped; the block ends at an address line.
    """
    header = [p for p in paragraphs[:15] if p.section == "header"]
    lines = [line.strip() for p in header for line in p.text.split("\n") if line.strip()]
    start = next((i for i, line in enumerate(lines) if is_person_name(line)), None)
    if start is None:  # no name: a short post line ("National Statistician"), not a letterhead's long role line
        start = next((i for i, line in enumerate(lines) if ROLE_START.match(line) and len(line) <= 60
                      and "," not in line), None)
    if start is None:
        return []
    block = lines[start:start + 5]
    if not is_person_name(block[0]):  # "National Statistician / Office for National Statistics"
        org = next((x for x in block[1:3] if _is_named_org(x)), None)
        return [PartyMention(role=block[0], organisation=org, relation="recipient", source="address")]
    person = PartyMention(name=block[0], relation="recipient", source="address")
    for extra in block[1:]:
        if re.search(r"\d", extra):
            break  # street address or postcode
        if _is_org(extra) and not ROLE_START.match(extra):
            person.organisation = person.organisation or extra
        elif person.role is None:
            person.role = extra
    return [person]


def _split_copied(who: str) -> list[str]:
    """Split a copy list at ';' and at ' and ' only where a person's name follows
    ("X, Chair of the Public Administration and Constitutional Affairs Committee" stays whole)."""
    parts: list[str] = []
    for chunk in who.split(";"):
        pieces = re.split(r"\s+and\s+", chunk)
        current = pieces[0]
        for piece in pieces[1:]:
            words = piece.split()
            if any(is_person_name(" ".join(words[:n])) for n in (2, 3, 4) if len(words) >= n):
                parts.append(current)
                current = piece
            else:
                current += " and " + piece
        parts.append(current)
    return parts


def from_copy(paragraphs) -> list[PartyMention]:
    out = []
    for para in paragraphs:
        found = COPY.search(para.text) or COPY_CY.search(para.text) or CC_LINE.match(para.text)
        if not found:
            continue
        who = re.sub(r"\b(and to|and also to|as well as to|ac at|ac i)\b", ";", found.group("who"))
        for part in _split_copied(who):
            part = part.strip(" ,.")
            part = re.sub(r"^(to|the)\s+", "", part) if not is_person_name(part) else part
            mention = party_from_text(part, "copied", "copy") if part else None
            if mention and (mention.name or mention.organisation or mention.role):
                out.append(mention)
    return out


# ------------------------------------------------------------------ merging


def _key(name: str | None) -> tuple[str, str]:
    """(first name, surname) in lower case, titles and post-nominals removed; surname '' when only one word."""
    words, _ = _strip_title((name or "").replace(",", " ").replace("’", "'").split())
    while words and words[-1].strip(".") in POSTNOMINALS:
        words = words[:-1]
    if not words:
        return "", ""
    return (words[0].lower(), words[-1].lower()) if len(words) > 1 else (words[0].lower(), "")


def _near(a: str, b: str) -> bool:
    """Equal, or one letter apart in a long surname (real typos: "Humperson", "Ellerd-Elliot")."""
    if a == b:
        return True
    if min(len(a), len(b)) < 6 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) <= 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def same_person(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    (fa, sa), (fb, sb) = _key(a), _key(b)
    if sa and sb:
        return _near(sa, sb) and (fa == fb or fa[:1] == fb[:1])
    titled = [bool(_strip_title(x.split())[1]) for x in (a, b)]
    one = fa if not sa else fb  # the single written word ("Ed", or "Humpherson" in "Mr Humpherson")
    other_first, other_last = (fb, sb) if not sa else (fa, sa)
    if (titled[0] and not sa) or (titled[1] and not sb):
        return one in (other_first, other_last)
    # "Dear Steph" and Stephanie Howarth (the URL's or the title's name): a short form that begins the first name
    return one == other_first or len(one) >= 3 and other_first.startswith(one)


def _same_post(a: PartyMention, b: PartyMention) -> bool:
    """Two mentions without a name are one party when they name the same role or the same organisation."""
    if a.role and b.role:
        return a.role.lower().removeprefix("the ") == b.role.lower().removeprefix("the ")
    return not (a.name or b.name) and bool(a.organisation) and a.organisation == b.organisation


def _may_sign_for(org_mentions: list[PartyMention], person: PartyMention) -> bool:
    """A named person may be the one who writes for an organisation named without a person (a title's "Office for
    Statistics Regulation written evidence to ..."): unless the person's own organisation is another one."""
    if any(m.role or m.name for m in org_mentions):
        return False  # a post ("the Chief Executive") is not an organisation alone
    orgs = {m.organisation.lower().removeprefix("the ") for m in org_mentions if m.organisation}
    return not person.organisation or not orgs or person.organisation.lower().removeprefix("the ") in orgs


def _merge(groups: list[list[PartyMention]], relation: str, add_from: set[str]) -> list[PartyMention]:
    """Merge mention lists (first list is primary); later sources enrich, and add people only if in add_from."""
    merged: list[tuple[PartyMention, list[PartyMention]]] = []
    for group in groups:
        for mention in group:
            match = next((m for m in merged if same_person(m[0].name, mention.name)
                          or (not (m[0].name and mention.name) and _same_post(m[1][0], mention))), None)
            if match:
                match[1].append(mention)
                continue
            lone = len(merged) == 1 and not merged[0][0].name and mention.name
            if lone and mention.source == "signature" and _may_sign_for(merged[0][1], mention):
                merged[0][1].append(mention)  # an organisation alone (a title's) gains the person who signs for it
                merged[0][0].name = mention.name
            elif not merged or mention.source in add_from:
                merged.append((PartyMention(name=mention.name, relation=relation, source=mention.source), [mention]))
            elif lone:
                merged[0][1].append(mention)  # an organisation alone gains the person named for it elsewhere
                merged[0][0].name = mention.name
    out = []
    for person, mentions in merged:
        names = [m.name for m in mentions if m.name]
        person.name = max(names, key=len) if names else None
        for attr, order in (("role", ROLE_PRIORITY), ("organisation", ORG_PRIORITY)):
            ranked = sorted((m for m in mentions if getattr(m, attr)), key=lambda m: order.index(m.source))
            setattr(person, attr, getattr(ranked[0], attr) if ranked else None)
        out.append(person)
    return out


def _best_fromto(page: str | None, listing: str | None) -> FromTo:
    """The page's from/to line, unless it names nobody on a side the listing's line names (an empty " to", a stray
    label): a line that actually names parties wins."""
    first, second = parse_fromto(page), parse_fromto(listing)
    sides = lambda ft: (bool(ft.senders), bool(ft.recipients))  # noqa: E731
    if sides(second) > sides(first) and all(b or not a for a, b in zip(sides(first), sides(second))):
        return second
    return first


def letter_parties(parsed: ParsedDocument, url: str | None = None, hints: dict | None = None) -> LetterParties:
    """Senders, recipients and copied parties of one letter, from every signal (see module doc)."""
    hints = hints or {}
    paragraphs = [p for p in parsed.paragraphs if p.section != "related"]
    fromto = _best_fromto(parsed.fromto, hints.get("fromto"))
    t_send, t_recv = from_title(parsed.title or hints.get("title"))
    l_send, l_recv = from_lead(parsed.lead)
    s_send, s_recv = from_slug(url)
    signature = from_signature(paragraphs)
    address = from_address(paragraphs)
    names = salutation_names(paragraphs)
    greeted = [PartyMention(role=n, relation="recipient", source="salutation") if ROLE_START.match(n)
               and not is_person_name(n) else PartyMention(name=_full_name_before(n, paragraphs) or n,
                                                           relation="recipient", source="salutation")
               for n in names if n.lower() not in GROUP_WORDS]
    senders = _merge([fromto.senders, l_send, t_send, signature, s_send], "sender",
                     add_from={"fromto", "lead", "signature"} if fromto.senders or l_send else
                     {"fromto", "lead", "title", "signature"})
    recipients = _merge([fromto.recipients, l_recv, t_recv, address, greeted, s_recv], "recipient",
                        add_from={"fromto", "lead", "address"} if fromto.recipients or l_recv else
                        {"fromto", "lead", "title", "address"})
    copied = _merge([from_copy(paragraphs)], "copied", add_from={"copy"})
    signals = (fromto.senders + fromto.recipients + l_send + l_recv + t_send + t_recv + signature + address
               + greeted + s_send + s_recv)
    return LetterParties(senders=senders, recipients=recipients, copied=copied, salutation_names=names,
                         signals=signals)
