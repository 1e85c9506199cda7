"""Small text helpers shared by the links stage (threads, citations, follow-up): words, names, cited dates, overlap.

Deliberately plain: regular expressions and token sets, so every link can say in words why it exists.
"""
from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterable
from urllib.parse import urlsplit

from extract.commitments.sentences import split_sentences
from extract.dates.lexicon import MONTH_ABBR, MONTHS_CY_BASE, MONTHS_EN

# Month names: the one lexicon is extract/dates/lexicon.py.
MONTHS = {**MONTHS_EN, **MONTH_ABBR}
MONTHS_CY = MONTHS_CY_BASE
_MONTH_RE = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
DATE_RE = (
    rf"(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{_MONTH_RE})(?:,?\s+(?P<y1>(?:19|20)\d\d))?"
    rf"|(?P<m2>{_MONTH_RE})\s+(?P<d2>\d{{1,2}})(?!\d)(?:st|nd|rd|th)?(?:,?\s+(?P<y2>(?:19|20)\d\d))?)"
)
DATE_MATCH_RE = re.compile(r"\b" + DATE_RE, re.IGNORECASE)
# "in October 2018" (no day): the first of the month
MONTH_YEAR_RE = re.compile(rf"\b(?P<month>{_MONTH_RE})\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE)
CITED_RE = re.compile(
    r"(?P<poss>\byour|\bmy|\bour|\bthe|\bhis|\bher|\btheir)\s+(?:recent\s+|earlier\s+|previous\s+|last\s+)?"
    r"(?:letters?|e-?mails?|note|response|reply|correspondence)\s+"
    r"(?:(?:to|from)\s+(?:me|us|[A-Z][\w.'’ -]{0,60}?)\s+)?(?:of|dated|on|sent\s+on|from)\s+(?:the\s+)?" + DATE_RE,
    re.IGNORECASE,
)
# Welsh: "Diolch am eich llythyr dyddiedig 10 Chwefror 2021" (thank you for your letter dated ...)
CITED_CY_RE = re.compile(
    r"(?P<poss>\beich|\bein|\bfy)\s+(?:llythyr(?:au)?|e-bost|ymateb)\s+(?:dyddiedig|ar|o|a\s+anfonwyd\s+ar)\s+"
    r"(?P<d1>\d{1,2})(?:af|ain|ed|fed|ydd)?\s+(?:fis\s+)?(?P<m1>" + "|".join(MONTHS_CY) + r")(?:\s+(?P<y1>(?:19|20)\d\d))?"
    r"(?P<m2>)?(?P<d2>)?(?P<y2>)?",
    re.IGNORECASE,
)
_POSS_CY = {"eich": "your", "ein": "our", "fy": "my"}
_REPLY_CUE_RE = re.compile(
    r"thank(?:s|\s+you)\s+for\s+(?:your|the)\b|\bin\s+(?:response|reply)\s+to\b|\bfurther\s+to\s+your\b"
    r"|\bfollowing\s+(?:your|receipt\s+of\s+your)\b|\brespond(?:ing)?\s+to\s+your\b|\byou\s+wrote\s+to\b"
    r"|\breply(?:ing)?\s+to\s+your\b|\byour\s+(?:recent\s+)?(?:letter|e-?mail)\b"
    r"|\bdiolch\s+am\s+eich\b|\bmewn\s+ymateb\s+i\b",
    re.IGNORECASE,
)
_RESPONSE_TITLE_RE = re.compile(
    r"\b(?:response|reply|responds|replies|responding|replying)\b(?:\s+from\s+.+?)?\s+to\s+(?P<to>.+?)"
    r"(?=\s*[:–—]|\s+-\s+|\s+from\s+|\s+(?:on|regarding|re|about|concerning)\s+|$)",
    re.IGNORECASE,
)
_RESPONSE_WORD_RE = re.compile(r"\b(?:response|reply|responds|replies)\b", re.IGNORECASE)

STOP = set(
    """a about above after again against all also am an and any are as at be because been before being below between
    both but by can could did do does doing down during each few for from further had has have having he her here hers
    herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on once
    only or other our ours ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were what when where which
    while who whom why will with would you your yours yourself yourselves shall may might must upon within without
    which whilst per via across along also however therefore thus further furthermore dear yours sincerely faithfully
    ever regards thank thanks letter letters response reply write writing wrote written re regarding following note
    statistics statistical official data office regulation authority national osr ons uksa director general
    chair chief executive head profession team colleagues copy copying grateful welcome like would please
    january february march april june july august september october november december year years month
    months week weeks day days today date time mr mrs ms dr sir dame professor prof lord rt hon mp""".split()
)
_TITLES = {"sir", "dame", "dr", "professor", "prof", "mr", "mrs", "ms", "miss", "lord", "lady", "baroness", "rt", "hon",
           "the", "right", "honourable", "rev", "cllr"}
_POSTNOMINALS = {"mp", "msp", "ms", "am", "mla", "cbe", "obe", "mbe", "kcb", "cb", "frs", "qc", "kc"}
_ORG_WORDS = {
    "office", "department", "ministry", "authority", "agency", "government", "council", "service", "services",
    "commission", "executive", "bank", "house", "committee", "university", "trust", "nhs", "england", "scotland",
    "wales", "ireland", "institute", "board", "parliament", "treasury", "statistics", "regulation", "health", "public",
    "hmrc", "division", "unit", "directorate", "commons", "lords", "assembly", "senedd", "group", "foundation",
    "society", "society's", "centre", "network", "association", "federation", "police", "forum", "function",
}
_ROLE_WORDS = {"director", "head", "chief", "chair", "secretary", "statistician", "deputy", "minister", "permanent",
               "officer", "regulator", "member", "chairman", "president", "clerk", "analyst", "lead", "manager"}
_WORD_RE = re.compile(r"[a-z][a-z'’\-]*[a-z]|[a-z]", re.IGNORECASE)


def to_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


@functools.lru_cache(maxsize=500_000)
def stem(word: str) -> str:
    """A crude, symmetric stemmer: publishes/published/publishing -> publish; labelling/labels -> label;
    releases/release -> releas; consistently -> consistent."""
    w = word.lower().replace("’", "'").removesuffix("'s").strip("'-")
    if len(w) <= 3:
        return w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith(("sses", "shes", "ches", "xes", "zes")):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    for suffix in ("ing", "ed", "ly"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "saeiou" and (w[-1] != "l" or len(w) >= 6):
                w = w[:-1]  # labell -> label, committ -> commit (not "ss"; "ll" only in longer words: call stays)
            break
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]
    return w


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD_RE.findall(text or "")]


def content_tokens(text: str, extra_stop: Iterable[str] = ()) -> list[str]:
    stop = STOP | set(extra_stop)
    return [stem(w) for w in words(text) if len(w) > 2 and w not in stop and stem(w) not in stop]


def overlap(a: set[str], b: set[str]) -> float:
    """Overlap coefficient: shared tokens over the smaller set."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0.0) for k, v in a.items())


def name_tokens(names: Iterable[str]) -> set[str]:
    """Tokens of the people's names (not of organisations: "Education" in "Department for Education" is a topic)."""
    out = set()
    for name in names:
        for i, segment in enumerate(_segments(name)):
            if _segment_kind(segment, i) == "person":
                out.update(stem(w) for w in words(segment))
    return out


def _segments(name: str) -> list[str]:
    return [s.strip() for s in re.split(r",|\(|\)", name or "") if s.strip()]


def fill_vectors(letters: list, text_chars: int = 4000) -> None:
    """tf-idf vectors (title + opening text, party names removed) and title tokens for each letter."""
    bags = []
    for letter in letters:
        own = name_tokens(letter.sender_names + letter.recipient_names)
        bag = Counter(content_tokens(letter.title + " " + letter.title + " " + letter.text[:text_chars], own))
        letter.title_tokens = set(content_tokens(letter.title, own))
        bags.append(bag)
    df = Counter(t for bag in bags for t in bag)
    n = max(len(bags), 1)
    for letter, bag in zip(letters, bags):
        vec = {t: (1 + math.log(c)) * math.log(1 + n / df[t]) for t, c in bag.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        letter.vector = {t: v / norm for t, v in vec.items()}


def month_year(m: re.Match) -> dt.date | None:
    month = MONTHS.get(m.group("month").lower().rstrip("."))
    return dt.date(int(m.group("year")), month, 1) if month else None


def parse_date_match(m: re.Match, ref: dt.date | None) -> dt.date | None:
    """A DATE_RE match as a date; a missing year is the latest one that keeps the date on or before `ref` (+3 days)."""
    day, month, year = (m.group("d1"), m.group("m1"), m.group("y1")) if m.group("m1") else (
        m.group("d2"), m.group("m2"), m.group("y2"))
    month_n = MONTHS.get(month.lower().rstrip(".")) or MONTHS_CY.get(month.lower())
    if not month_n:
        return None
    if year is None and ref is None:
        return None
    y = int(year) if year else ref.year
    try:
        found = dt.date(y, month_n, int(day))
        if not year and found > ref + dt.timedelta(days=3):
            found = dt.date(y - 1, month_n, int(day))
    except ValueError:
        return None
    return found


@dataclass
class CitedLetter:
    """A letter the text cites by its date: "your letter of 16 January"."""

    poss: str  # your | my | our | the | his | her | their
    date: dt.date
    start: int
    end: int
    quote: str  # the sentence
    phrase: str  # the words as written
    cue: bool  # the sentence says it answers that letter ("Thank you for", "in reply to", ...)


def cited_letters(text: str, ref: dt.date | None) -> list[CitedLetter]:
    out = []
    text = text or ""
    for regex in (CITED_RE, CITED_CY_RE):
        for m in regex.finditer(text):
            when = parse_date_match(m, ref)
            if when is None:
                continue
            poss = m.group("poss").lower()
            poss = _POSS_CY.get(poss, poss)
            quote = sentence_around(text, m.start(), m.end())
            sentence_start = max(text.rfind(". ", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
            before = text[max(sentence_start, m.start() - 60): m.start()]
            cue = bool(_REPLY_CUE_RE.search(before + " " + m.group(0)[:4])) or bool(
                re.search(r"(?:thank(?:s|\s+you)\s+for|in\s+(?:response|reply)\s+to|further\s+to|diolch\s+am|"
                          r"respond(?:ing)?\s+to|reply(?:ing)?\s+to|following)\s*$", before, re.IGNORECASE))
            out.append(CitedLetter(poss, when, m.start(), m.end(), quote, " ".join(m.group(0).split()), cue))
    return sorted(out, key=lambda c: c.start)


def cited_letter_dates(text: str, ref: dt.date | None, possessive: str | None = None) -> list[tuple[dt.date, str]]:
    """Dates of letters the text cites ("your letter of 16 January"), with the quoted sentence.

    possessive="your" keeps letters written by the addressee (and "the letter of" right after a reply cue)."""
    out = []
    for c in cited_letters(text, ref):
        if possessive == "your" and c.poss != "your" and not (c.poss == "the" and c.cue):
            continue
        if possessive == "mine" and c.poss not in ("my", "our"):
            continue
        out.append((c.date, c.quote))
    return out


def sentence_around(text: str, start: int, end: int, limit: int = 300) -> str:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    quote = " ".join(text[left:right].split())
    return quote if len(quote) <= limit else quote[: limit - 1] + "…"


def sentences(text: str) -> list[str]:
    """The sentences of a text, line by line, split by the extractors' one sentence splitter (abbreviations such as
    "Dr." or "No. 10" do not end a sentence)."""
    out = []
    for para in re.split(r"\n\s*\n|\n", text or ""):
        out.extend(para[a:b].strip() for a, b in split_sentences(para) if para[a:b].strip())
    return out


def has_reply_cue(text: str, chars: int = 900) -> bool:
    return bool(_REPLY_CUE_RE.search((text or "")[:chars]))


def response_title_target(title: str) -> str | None:
    """For a title that says it is a response: the words naming whom it answers ("" when none); else None."""
    m = _RESPONSE_TITLE_RE.search(title or "")
    if m:
        return m.group("to").strip()
    return "" if _RESPONSE_WORD_RE.search(title or "") else None


def split_people(value: str) -> list[str]:
    return [p for p in re.split(r";|\n|\s+&\s+|\s+and\s+(?=[A-Z][a-z]+ [A-Z])", value) if p.strip()]


def _segment_kind(segment: str, position: int = 0) -> str:
    """person | org | role | other; after a comma ("Name, Organisation") a non-role segment is an organisation."""
    ws = words(segment)
    if not ws:
        return "none"
    if re.fullmatch(r"[A-Z][A-Za-z&]{1,7}", segment.strip()) and sum(c.isupper() for c in segment) >= 2:
        return "org"
    if ws[0] in _ROLE_WORDS or (ws[0] in ("the", "acting", "interim") and len(ws) > 1 and ws[1] in _ROLE_WORDS):
        return "role"  # "Director General for Regulation", "Deputy National Statistician"
    if set(ws) & _ORG_WORDS:
        return "org"
    if set(ws) & _ROLE_WORDS:
        return "role"
    if position > 0:
        return "org"
    caps = [w for w in segment.split() if w[:1].isupper()]
    return "person" if 1 <= len(caps) <= 5 else "other"


def acronyms(segment: str) -> set[str]:
    raw = re.findall(r"[A-Za-z][A-Za-z'’]*", segment)
    if len(raw) < 2:
        return set()
    out = set()
    for keep_for in (False, True):
        letters = ""
        for w in raw:
            lw = w.lower()
            if lw in ("the", "and", "of", "&") or (lw == "for" and not keep_for):
                continue
            letters += w if (w.isupper() and len(w) > 1) else w[0]
        out.add(letters.lower())
    return out


def person_key(segment: str) -> str | None:
    """"p:<initial> <surname>"; None for a first name alone ("Dear Ed" gives only a first-name key)."""
    ws = [w for w in words(segment) if w not in _TITLES and w not in _POSTNOMINALS]
    if len(ws) < 2:
        return None
    return f"p:{ws[0][0]} {ws[-1]}"


def first_name(segment: str) -> str | None:
    ws = [w for w in words(segment) if w not in _TITLES and w not in _POSTNOMINALS]
    if not ws or (len(ws) == 1 and re.search(r"\b(?:mr|mrs|ms|dr|miss|lord|professor)\b", segment, re.I)):
        return None  # "Mr Healey" names a surname, not a first name
    return ws[0]


def party_keys(name: str) -> set[str]:
    """Keys that let two spellings of one party meet: "p:e humpherson", "o:osr", "o:office for statistics regulation"."""
    keys = set()
    for i, segment in enumerate(_segments(name)):
        kind = _segment_kind(segment, i)
        if kind == "org":
            keys.add("o:" + " ".join(words(segment)))
            keys.update("o:" + a for a in acronyms(segment))
            if len(segment.split()) == 1:
                keys.add("o:" + segment.lower())
        elif kind == "person":
            k = person_key(segment)
            if k:
                keys.add(k)
            first = first_name(segment)
            if first:
                keys.add("f:" + first)
    return keys


def names_in(text: str, names: Iterable[str]) -> str:
    """Which of `names` (party display strings) `text` names, by surname, organisation name or acronym."""
    found = []
    lowered = " " + " ".join(re.sub(r"['’]s$", "", w) for w in words(text)) + " "
    for name in names:
        for i, segment in enumerate(_segments(name)):
            kind = _segment_kind(segment, i)
            probes: set[str] = set()
            if kind == "person":
                ws = [w for w in words(segment) if w not in _TITLES and w not in _POSTNOMINALS]
                if ws:
                    probes.add(ws[-1])
            elif kind == "org":
                probes.add(" ".join(words(segment)))
                probes.update(a for a in acronyms(segment) if len(a) >= 3)
            if any(f" {p} " in lowered for p in probes if p):
                found.append(segment)
                break
    return ", ".join(found)


def norm_url(url: str) -> str:
    parts = urlsplit((url or "").strip())
    path = parts.path if parts.path.endswith("/") or "." in parts.path.rsplit("/", 1)[-1] else parts.path + "/"
    return f"{parts.netloc.lower().removeprefix('www.')}{path}" + (f"?{parts.query}" if parts.query else "")


def host_of(url: str) -> str:
    return urlsplit(url or "").netloc.lower()


def bulk_insert(db: Any, table: str, rows: list[dict], or_ignore: bool = False) -> None:
    """Insert dict rows in one executemany inside one transaction (sqlite-utils commits every chunk, which costs
    seconds per 100,000 rows on a busy disk). Columns are the union of the rows' keys, in first-seen order."""
    if not rows:
        return
    columns: dict[str, None] = {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    names = list(columns)
    sql = (f"insert {'or ignore ' if or_ignore else ''}into [{table}] ("
           + ", ".join(f"[{n}]" for n in names) + ") values (" + ", ".join("?" for _ in names) + ")")
    conn = db.conn
    with conn:
        conn.executemany(sql, [tuple(row.get(n) for n in names) for row in rows])


def record_error(db: Any, step: str, document_id: Any, exc: BaseException, url: str | None = None) -> None:
    """A failure on one document, kept in `errors` against it (stage 'derive'); the run goes on."""
    import traceback

    db["errors"].insert({
        "url": url, "document_id": document_id, "stage": "derive", "error": f"{step}: {type(exc).__name__}",
        "detail": "".join(traceback.format_exception_only(type(exc), exc)).strip()[:2000],
        "at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
    }, pk="id", alter=True)
