"""The from/to line: "Name, Organisation to Name, Organisation", in all its real mess.

Seen on the real correspondence list: empty lines (" to"), a missing organisation ("Jim Mather MSP,  to ..."),
an organisation alone ("Crown Prosecution Service to ..."), several people ("A and B, Org", "A, B, C, Org"),
commas inside organisation names ("Department for Environment, Food and Rural Affairs"), titles and
post-nominals (Sir, Dame, Dr, Professor, Lord, Baroness, MP, MSP, AM, QC, CBE), " to " inside an organisation.

Method: split the line at the " to " that gives the best-formed two sides; split each side at commas into
segments; leading segments that look like people's names (optionally joined by "and") are people, the rest,
joined back with ", ", is their organisation. A side with no person-like segment is an organisation.
"""
from __future__ import annotations

import re

from extract.parties import names as _names
from extract.records import FromTo, PartyMention
from extract.readers.text import one_line

TITLES = ("The Rt Hon", "Rt Hon", "The Right Honourable", "Right Honourable", "The Lord", "The Baroness", "Sir",
          "Dame", "Dr", "Dr.", "Professor", "Prof", "Prof.", "Lord", "Lady", "Baroness", "Baron", "Mr", "Mr.",
          "Mrs", "Mrs.", "Ms", "Ms.", "Miss", "Cllr", "Councillor", "Rev", "Revd", "Justice", "Mx", "Earl",
          "Viscount", "His Honour", "Her Honour", "Judge", "HHJ")
# Capitalised words that open titles and topics, never a person's name ("Correspondence Relating to ...").
NOT_NAME_WORDS = frozenset("""correspondence relating regarding response responses letter letters reply update note
statement annual monthly quarterly weekly temporary exemption request further developments compliance check
assessment consultation report review rapid interim statistics statistical data figures code practice""".split())
# As written after a name ("OBE", "FAcSS"): the one list of post-nominals is extract/parties/names.py's.
POSTNOMINALS = frozenset({"/"} | {
    {"facss": "FAcSS", "phd": "PhD", "freng": "FREng", "fmedsci": "FMedSci", "bt": "Bt"}.get(p, p.upper())
    for p in _names.POSTNOMINALS})
# Words that make a segment an organisation (or a role) rather than a person's name.
ORG_WORDS = frozenset("""authority office department ministry committee commission council agency service services
government parliament house assembly executive bank board trust university college institute institution society
group statistics statistical regulation regulator association federation union fund foundation centre center
unit division directorate team network forum partnership coalition company ltd limited plc llp inc consulting
consultancy research council's nhs police constabulary party commissioner school schools hospital panel court
tribunal senedd cabinet treasury scotland wales ireland england britain uk kingdom national public royal
secretary minister chair chairman director chief head deputy lead clerk spokesperson spokesman members member
times guardian telegraph news bbc media press magazine journal review economics fact policy affairs care health
registry register records audit inspectorate studies project campaign alliance charity initiative observatory
trade industry economy energy transport justice education work pensions revenue customs defence environment""".split())
PLACES = frozenset({"england", "wales", "scotland", "ireland", "britain", "uk"})
_NAME_WORD = re.compile(r"^(?:[A-ZÀ-ÖØ-Þ][\w'’.\-À-ÿ]*|[A-Z]\."
                        r"|(?:de|da|van|von|der|den|le|la|du|of|al|bin|ap|y)"
                        r"|Mc\w+|Mac\w+|O[’']\w+|d[’']\w+)$", re.U)
# A first segment naming a post rather than a person ("Head of Statistics Branch, PSNI", "Editor, The Times").
ROLE_START = re.compile(r"^(?:the\s+)?(head|director|deputy|chief|editor|chair|chairman|chairwoman|chief executive|"
                        r"secretary|minister|permanent|clerk|leaders?|spokes\w+|president|commissioner|registrar|"
                        r"governor|chancellor|members?|principal|statistician|senior|assistant|acting|"
                        r"national statistician|"
                        r"first minister|economic secretary|financial secretary|registrar general|"
                        # Welsh posts (signature role lines of Welsh letters): director, head, chief, deputy,
                        # chair, secretary, minister, statistician, first minister
                        r"cyfarwyddwr|pennaeth|prif|dirprwy|cadeirydd|ysgrifennydd|gweinidog|ystadegydd)\b", re.I)
_SPLIT_TO = re.compile(r"(?:^|\s)to(?:\s|$)")


_TITLE_RE = re.compile(r"^(?:(?:%s)(?:\s+|$))+" % "|".join(re.escape(t) for t in sorted(TITLES, key=len, reverse=True)),
                       re.I)


def _strip_title(words: list[str]) -> tuple[list[str], bool]:
    """Remove leading titles, stacked ones too ("The Rt Hon the Lord Forsyth" -> "Forsyth")."""
    text = " ".join(words)
    found = _TITLE_RE.match(text)
    if not found:
        return words, False
    rest = text[found.end():].split()
    if rest and rest[0][:1].islower():  # "Lady" in "Lady luck" would not be a title; names start upper-case
        return words, False
    return rest, True


def is_person_name(segment: str) -> bool:
    """Does this look like a person's name as written ("Sir David Norgrove", "Dr Mary Bousted", "Jim Mather MSP")?"""
    words = segment.replace(",", " ").split()
    if not words or len(words) > 10:
        return False
    words, titled = _strip_title(words)
    while words and words[-1].strip(".") in POSTNOMINALS:
        words = words[:-1]
        titled = True
    if not words or len(words) > 5 or not words[0][:1].isupper():
        return False
    org_hits = {w.lower().strip("().,") for w in words} & (ORG_WORDS | NOT_NAME_WORDS)
    if titled:  # "Lord Bourne of Aberystwyth", "Baroness Morgan of Wales" are people
        org_hits -= PLACES
    if org_hits:
        return False
    if len(words) == 1 and not titled:
        return False  # a single word is an acronym or a body ("Parity"), not a name as written
    if any(len(w) >= 2 and w.isupper() and w.isalpha() for w in words):
        return False  # acronyms (ONS, NHS, NI) mark organisations
    if not titled and ROLE_START.match(" ".join(words)):
        return False  # "Registrar General", "Chief Executive": a post, not a name
    if not titled and sum(1 for w in words if w[:1].isupper()) > 3:
        return False  # "Patient Reported Outcomes Measures": untitled names have at most three capitalised words
    return all(_NAME_WORD.match(w) for w in words)


def _people(segment: str) -> list[str] | None:
    """'A and B' / 'A & B' / 'A' -> names, when every part is a person's name; else None."""
    parts = [p.strip() for p in re.split(r"\s+(?:and|&)\s+", segment) if p.strip()]
    if parts and all(is_person_name(p) for p in parts):
        return parts
    return None


def _unglue(segment: str) -> list[str]:
    """A comma lost between an organisation and the next name -> two segments:
    'ISD Scotland Anita Morrison' and 'NHS Digital and Tom Denwood' (then 'Tom Denwood, NHS England')."""
    head, sep, tail = segment.rpartition(" and ")
    if sep and is_person_name(tail) and _is_orgish(head):
        return [head, tail]
    words = segment.split()
    for size in (2, 3):
        head = words[:-size]
        if len(words) > size and head[-1].lower() not in ("for", "of", "and", "the", "&", "on", "in") \
                and is_person_name(" ".join(words[-size:])) and _is_orgish(" ".join(head)):
            return [" ".join(words[:-size]), " ".join(words[-size:])]
    return [segment]


def _is_orgish(text: str) -> bool:
    words = text.split()
    return any(w.lower() in ORG_WORDS for w in words) or any(len(w) > 1 and w.isupper() for w in words)


def parse_side(text: str, relation: str) -> list[PartyMention]:
    """One side of the line -> PartyMentions. Segments group as (names..., organisation...) runs:
    "A and B, Org" gives both Org; "A, Org1, B, Org2" gives each their own; an organisation alone stays one."""
    empty_org_slot = one_line(text).endswith(",")  # "A, B,  to ...": the organisation slot is empty
    text = one_line(text).strip(" ,;")
    if not text:
        return []
    raw = [s.strip() for s in text.split(",") if s.strip()]
    # a segment is unglued only when more follow (the name it hides needs an organisation after it)
    segments = [part for i, s in enumerate(raw) for part in (_unglue(s) if i < len(raw) - 1 else [s])]
    groups: list[tuple[list[str], list[str]]] = []  # (names, organisation segments)
    for i, segment in enumerate(segments):
        people = _people(segment)
        titled = _strip_title(segment.split())[1] or segment.split()[-1] in POSTNOMINALS
        if people is not None and groups and i == len(segments) - 1 and not empty_org_slot and not titled:
            people = None  # after a name, a last untitled segment is the organisation ("Paul Lincoln, Border Force")
        if people is not None:
            if groups and not groups[-1][1]:
                groups[-1][0].extend(people)
            else:
                groups.append((list(people), []))
        elif groups:
            groups[-1][1].append(segment)
        else:
            groups.append(([], [segment]))
    out = []
    for names, rest in groups:
        role = None
        if not names and len(rest) > 1 and ROLE_START.match(rest[0]):
            role, rest = rest[0], rest[1:]
        organisation = ", ".join(rest) or None
        if not names:
            out.append(PartyMention(name=None, role=role, organisation=organisation, relation=relation,
                                    source="fromto"))
        out.extend(PartyMention(name=n, organisation=organisation, relation=relation, source="fromto")
                   for n in names)
    return out


def _side_score(side: str, first: bool) -> float:
    side = side.strip(" ,")
    if not side:
        return 0.0
    head = side.split(",")[0].strip()
    score = 1.0
    if _people(head):
        score += 2.0
    if head[:1].islower():
        score -= 2.0
    return score


def split_line(line: str) -> tuple[str, str]:
    """Split at the " to " that best separates two well-formed sides (organisations may contain " to ")."""
    line = one_line(line)
    candidates = [m for m in _SPLIT_TO.finditer(line)]
    if not candidates:
        return line, ""
    best = max(candidates, key=lambda m: (_side_score(line[:m.start()], True)
                                          + _side_score(line[m.end():], False), -m.start()))
    return line[:best.start()], line[best.end():]


def parse_fromto(line: str | None) -> FromTo:
    """Parse a from/to line into senders and recipients (PartyMention with source='fromto')."""
    if not line or not line.strip() or line.strip().lower() == "to":  # " to", "To": an empty line, or a label
        return FromTo()
    left, right = split_line(line)
    return FromTo(senders=parse_side(left, "sender"), recipients=parse_side(right, "recipient"))


def looks_like_fromto(text: str) -> bool:
    """Is this short line a from/to metadata line (used by the HTML reader to find it in unknown markup)?"""
    text = one_line(text)
    if not text or len(text) > 300 or text.endswith((".", "?", "!", ":")) or text.lower().startswith("dear "):
        return False
    if text == "to":  # the empty line as the real lists write it (" to"); a lone "To" is a label
        return True
    if not _SPLIT_TO.search(text):
        return False
    parsed = parse_fromto(text)
    mentions = parsed.senders + parsed.recipients
    return bool(mentions) and any(m.name for m in mentions) and "," in text
