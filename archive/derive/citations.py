"""Citations: a document's mentions of reports, reviews, work programmes, assessments and earlier letters.

Each mention becomes a `links` row with kind 'cites': `to_document_id` set when the cited document is archived (matched
on title words, assessment numbers, or a letter's date and parties), NULL when it is not, so unresolved references stay
visible; `label` holds the mention as written and `evidence` the sentence it came from (plus how it was resolved).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Iterator

import sqlite_utils

from archive.derive import cited as ct
from archive.derive import rows as dbw
from archive.derive import words as wd
from archive.derive.memo import Memo, digest
from archive.derive.threads import Letter, load_letters

DOC_WORDS = r"(?:reports?|reviews?|work\s+programmes?|programmes?\s+of\s+work|programmes?|assessments?|strategy|strategies|plans?|framework|code\s+of\s+practice(?:\s+for\s+statistics)?|statements?\s+of\s+compliance|compliance\s+checks?|guidance|roadmap|audit|inquiry|consultation)"
_CONNECT = r"(?:of|for|and|on|in|the|to|&|into|a|an|with|at)"
_NOT_A_NAME = r"(?!(?:This|That|These|Those|Our|Your|Their|Its|His|Her|We|I|It|In|On|As|At|By)\b)"
_CAP = rf"(?:{_NOT_A_NAME}[A-Z0-9][\w'’\-]*|UK)"
_CAP_WORD = rf"{_NOT_A_NAME}[A-Z][\w'’\-]*"  # in a title's tail ("of Housing Statistics"): no numbers, no dates
# "our Joining Up Data report", "the Data Linkage Work Programme", "Systemic Review of Housing Statistics"
# A title's runs are bounded (MAX_TITLE_WORDS capitalised words, 3 connecting words between two): unbounded, a
# text of capitalised words or numbers with no document word ("1 January 2019 1 January 2019 ...") was read from
# every position to its end (quadratic: 60 KB took 40 s; issue 14).
MAX_TITLE_WORDS = 15
_TITLED_RE = re.compile(
    rf"(?<![\w'’])(?P<det>(?:our|your|the|its|their|this|that|his|her)\s+)?(?P<name>(?:{_CAP}(?:\s+(?:{_CONNECT}\s+){{0,3}}{_CAP}){{0,{MAX_TITLE_WORDS}}}"
    rf"\s+(?i:{DOC_WORDS})|(?=[A-Z])(?i:{DOC_WORDS}))(?:\s+(?:of|on|for|into)\s+{_CAP_WORD}(?:\s+(?:{_CONNECT}\s+){{0,3}}{_CAP_WORD}){{0,{MAX_TITLE_WORDS}}})?)",
)
# "our review of the quality of HMRC's statistics", "the report on migration statistics"
_DESCRIBED_RE = re.compile(
    rf"\b(?P<det>our|your|the|its|their|this)\s+(?:recent\s+|published\s+|latest\s+|\d{{4}}\s+)?(?P<name>{DOC_WORDS}\s+(?:of|on|into)\s+"
    r"[^.;:,()\n]{6,90}?)(?=[.;:,()\n]|\s+(?:which|that|published|in\s+\d{4}|and|we|I|it|they|this|these|was|were|is|are|has|have|will|would|should|can|could|found|showed|set|by|before|"
    r"within|during|until|so|because|when|after|following|later|next|last|earlier)\b)",
    re.IGNORECASE,
)
_ASSESSMENT_NO_RE = re.compile(r"\bassessment\s+report\s+(?:no\.?\s*|number\s+)?(\d{1,4})\b", re.IGNORECASE)
GENERIC = {wd.stem(w) for w in "report review work programme assessment plan strategy statement update guidance "
           "compliance check framework annual publication our the data statistics statistical official national uk "
           "government systemic rapid regulatory letter".split()}
_FUNCTION_WORDS = {"the", "of", "for", "and", "on", "in", "to", "a", "an", "our", "your", "its", "their", "this",
                   "that", "with", "into", "at", "by", "from", "&"}


def title_words(text: str) -> set[str]:
    """Words for matching a mention with a title: only function words dropped ("Data" and "Up" count here, so
    "our Joining Up Data report" meets "Joining Up Data for Better Statistics")."""
    return {wd.stem(w) for w in wd.words(text) if w not in _FUNCTION_WORDS}


TITLE_SLACK_DAYS = 7  # a cited report may carry a publication date a few days after the letter that mentions it


@dataclass
class Target:
    id: int
    title: str
    date: dt.date | None
    tokens: set[str]
    number: str | None


@dataclass
class CitationSummary:
    cites: int = 0
    resolved: int = 0
    unresolved: int = 0
    errors: int = 0


def find_mentions(text: str, self_refs: bool = True) -> list[tuple[str, str, int, int]]:
    """(kind, mention, start, end) for every named document, in text order (see _find_mentions)."""
    return sorted(_find_mentions(text, self_refs), key=lambda m: m[2])


def _find_mentions(text: str, self_refs: bool = True) -> Iterator[tuple[str, str, int, int]]:
    """(kind, mention, start, end) for every named document; kind is 'assessment' or 'named'.

    A definite reference only ("our review of X", not "a review of X"); with self_refs=False (a report's own text)
    "this report" and "our review of ..." are taken as the document speaking of itself and skipped."""
    taken: list[tuple[int, int]] = []
    for m in _ASSESSMENT_NO_RE.finditer(text):
        taken.append((m.start(), m.end()))
        yield "assessment", f"Assessment Report {m.group(1)}", m.start(), m.end()
    for regex in (_TITLED_RE, _DESCRIBED_RE):
        for m in regex.finditer(text):
            s, e = m.span("name")
            if any(a < e and s < b for a, b in taken):
                continue
            det = (m.group("det") or "").strip().lower()
            if not self_refs and (det == "this" or (det == "our" and regex is _DESCRIBED_RE)):
                continue
            name = " ".join(m.group("name").split()).strip(" -–")
            name = re.sub(r"^(?:the|our|your|its|their|this|that|his|her|a|an)\s+", "", name, flags=re.IGNORECASE)
            name = re.split(r"['’]s\s+", name)[-1]  # "the Office for Statistics Regulation’s Joining Up Data report"
            if not title_words(name) - GENERIC:
                continue
            taken.append((s, e))
            yield "named", name, s, e


def _targets(db: sqlite_utils.Database, letter_ids: set[int]) -> list[Target]:
    out = []
    for r in db.query("select id, title, date from documents where parent_id is null and title is not null"):
        if r["id"] in letter_ids:
            continue
        number = _ASSESSMENT_NO_RE.search(r["title"])
        out.append(Target(r["id"], r["title"], ct.to_date(r["date"]), title_words(r["title"]),
                          number.group(1) if number else None))
    return out


def resolve_named(mention: str, when: dt.date | None, targets: list[Target], index: dict[str, list[Target]],
                  exclude: set[int]) -> tuple[Target | None, str]:
    """The archived document a named mention most likely means, by title words; None when nothing fits well."""
    tokens = title_words(mention)
    pool = {t.id: t for tok in tokens - GENERIC for t in index.get(tok, ())}
    best, best_score = None, 0.0
    for t in pool.values():
        if t.id in exclude or not t.tokens:
            continue
        if when and t.date and t.date > when + dt.timedelta(days=TITLE_SLACK_DAYS):
            continue
        shared = tokens & t.tokens
        specific = shared - GENERIC
        if (tokens - GENERIC) - t.tokens:
            continue  # a short form drops words of the title; it does not add its own ("Housing" is not "Crime")
        title_cov, mention_cov = len(shared) / len(t.tokens), len(shared) / len(tokens)
        if len(shared) < 2 or not specific or title_cov < 0.6 or mention_cov < 0.5:
            continue
        score = title_cov + mention_cov + (0.001 * t.date.toordinal() / 1e3 if t.date else 0)
        if score > best_score:
            best, best_score = t, score
    if best is None:
        return None, ""
    return best, f"title words {sorted(tokens & best.tokens)}"


def resolve_letter(when: dt.date, poss: str, citing: Letter | None, letters: dict[int, Letter],
                   by_date: dict[dt.date, list[int]]) -> Letter | None:
    """A letter dated `when` (±3 days) from the right party: 'your' = the addressee's, 'my'/'our' = the writer's."""
    found = []
    for delta in range(-3, 4):
        for i in by_date.get(when + dt.timedelta(days=delta), ()):
            cand = letters[i]
            if citing is not None and cand.key == citing.key:
                continue
            if citing is not None and poss == "your" and not (cand.senders & citing.recipients):
                continue
            if citing is not None and poss in ("my", "our") and not (cand.senders & citing.senders):
                continue
            if citing is not None and not ((cand.senders | cand.recipients) & (citing.senders | citing.recipients)):
                continue
            found.append((abs(delta), i))
    return letters[min(found)[1]] if found else None


def build_citations(db: sqlite_utils.Database, loaded: tuple | None = None) -> CitationSummary:
    """Recompute every 'cites' link from the documents' text (idempotent); `loaded` as for `build_threads`."""
    db.execute("delete from links where kind = 'cites'")
    letters, root, _docs = loaded or load_letters(db)
    targets = _targets(db, set(letters))
    index: dict[str, list[Target]] = {}
    for t in targets:
        for tok in t.tokens - GENERIC:
            index.setdefault(tok, []).append(t)
    by_number = {t.number: t for t in targets if t.number}
    by_date: dict[dt.date, list[int]] = {}
    for letter in letters.values():
        if letter.date:
            by_date.setdefault(letter.date, []).append(letter.key)
    families: dict[int, set[int]] = {}
    for i, r in root.items():
        families.setdefault(r, set()).add(i)
    summary = CitationSummary()
    rows = []
    memo = Memo(db, "citations")  # each document's mentions, a function of its text, date and kind (memo.py)
    for doc in db.query("select id, url, date, text from documents where text is not null and text != ''"):
        family = families.get(root.get(doc["id"], doc["id"]), {doc["id"]})
        citing = letters.get(root.get(doc["id"], doc["id"]))
        try:
            inputs = digest(doc["text"], doc["date"], citing is not None)
            found = memo.get(doc["id"], inputs)
            if found is None:
                found = mentions(doc["text"], ct.to_date(doc["date"]), citing is not None)
                memo.put(doc["id"], inputs, found)
            rows.extend(_document_citations(doc, family, citing, letters, by_date, targets, index, by_number, found))
        except Exception as exc:  # noqa: BLE001 - one document's failure is recorded against it; the run goes on
            dbw.record_error(db, "citations", doc["id"], exc, doc["url"])
            summary.errors += 1
    for row in rows:
        summary.cites += 1
        if row["to_document_id"] is None:
            summary.unresolved += 1
        else:
            summary.resolved += 1
    dbw.bulk_insert(db, "links", rows)
    memo.save()
    return summary


def mentions(text: str, when: dt.date | None, is_letter: bool) -> dict:
    """What a document's text cites, before resolving: letters by date [poss, date, phrase, quote] and named
    documents [kind, mention, quote], in text order."""
    return {
        "letters": [[c.poss, c.date.isoformat(), c.phrase, c.quote] for c in ct.cited_letters(text, when)],
        "named": [[kind, mention, ct.sentence_around(text, start, end)]
                  for kind, mention, start, end in find_mentions(text, self_refs=is_letter)],
    }


def _document_citations(doc, family, citing, letters, by_date, targets, index, by_number, found: dict) -> list[dict]:
    when = ct.to_date(doc["date"])
    seen: set = set()
    rows = []

    def add(to_id, label, evidence, to_url=None, label_date=None):
        key = (to_id, label.lower() if to_id is None else None)
        if key in seen or (to_id is not None and to_id in family):
            return
        seen.add(key)
        rows.append({"from_document_id": doc["id"], "to_document_id": to_id, "to_url": to_url, "kind": "cites",
                     "label": label, "label_date": label_date, "evidence": evidence})

    for poss, date, phrase, quote in found["letters"]:
        cited = resolve_letter(dt.date.fromisoformat(date), poss, citing, letters, by_date)
        if cited is not None:
            add(cited.key, phrase, f"“{quote}” → letter dated {cited.date} from {', '.join(cited.sender_names)}",
                label_date=date)
        else:
            add(None, phrase, f"“{quote}” (no archived letter of {date} from that party)", label_date=date)
    for kind, mention, quote in found["named"]:
        if kind == "assessment":
            number = mention.rsplit(" ", 1)[-1]
            t = by_number.get(number)
            why = f"assessment number {number}"
        else:
            t, why = resolve_named(mention, when, targets, index, family)
        if t is not None:
            add(t.id, mention, f"“{quote}” → {why}", label_date=t.date.isoformat() if t.date else None)
        else:
            add(None, mention, f"“{quote}” (not archived)")
    return rows
