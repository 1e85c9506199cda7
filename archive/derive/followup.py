"""Follow-up: what became of each commitment, from later evidence, as of an explicit date.

Statuses: open, in_progress, restated (a later document promises the same thing, maybe with a new date), met (a later
document says it was done, or the promised document is in the archive), overdue (its due interval ended before the
evidence or before `as_of`). Every change is a `commitment_events` row with its date, evidence document and quote;
`commitments.status`, `status_date` and `status_evidence_id` hold the latest. Only documents dated on or before
`as_of` count, so the result is reproducible. Matching is by the commitment's object (its content words, less the
actor, verbs of promising and dates) against later sentences, titles and commitments in the same thread or between
the same parties. Restated means promised again by the same actor about the same thing; met also by a later document
of the promiser that names the promised output; overdue needs a due date still ahead when the promise was made.

Where the candidates come from is `followup_index.py`; the words of the rules are `followup_rules.py`. This module
is longer than 400 lines because `_evidence_for` keeps every status rule in one readable place.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Callable

import sqlite_utils

from archive.derive import cited as ct
from archive.derive import partynames as pn
from archive.derive import rows as dbw
from archive.derive import words as wd
from archive.derive.followup_index import EvidenceIndex
from archive.derive.followup_rules import (  # noqa: F401 - object_tokens, is_done, matches are part of this module's API
    ASKED_VIEW_RE,
    EXPLAIN_RE,
    FOLLOW_GENERIC,
    FUTURE_RE,
    GRANTED_RE,
    MET_RE,
    NEGATION_RE,
    OPENING_CUE_RE,
    OUT_OF_THREAD_YEARS,
    PROGRESS_RE,
    REQUEST_KINDS,
    RESPONSE_LIKE_RE,
    event_days,
    is_done,
    matches,
    object_tokens,
    outputs_named,
)


@dataclass
class Doc:
    id: int
    date: dt.date | None
    title: str
    text: str
    is_letter: bool
    thread: str | None
    senders: set[str] = field(default_factory=set)
    recipients: set[str] = field(default_factory=set)
    name_tokens: set[str] = field(default_factory=set)  # words of the senders' and recipients' names
    _sentences: list[tuple[str, set[str]]] | None = None
    _tokens: set[str] | None = None
    _title: set[str] | None = None

    @property
    def sentences(self) -> list[str]:
        return [s for s, _ in self.sentence_tokens]

    @property
    def sentence_tokens(self) -> list[tuple[str, set[str]]]:
        if self._sentences is None:
            self._sentences = [(s, set(wd.content_tokens(s)) | event_days(s)) for s in ct.sentences(self.text)]
        return self._sentences

    @property
    def tokens(self) -> set[str]:
        """Every content word of the text: a cheap first test before reading sentence by sentence."""
        if self._tokens is None:
            self._tokens = set().union(set(), *(t for _, t in self.sentence_tokens))
        return self._tokens

    @property
    def title_tokens(self) -> set[str]:
        if self._title is None:
            self._title = set(wd.content_tokens(self.title)) - FOLLOW_GENERIC
        return self._title


@dataclass
class Evidence:
    date: dt.date
    status: str
    doc: int | None
    quote: str
    due_start: str | None = None
    due_end: str | None = None
    note: str | None = None
    order: int = 0


@dataclass
class FollowupSummary:
    commitments: int = 0
    events: int = 0
    errors: int = 0
    truncated: int = 0  # commitments whose candidate evidence hit a bound of archive/derive/followup_index.py
    recomputed: int | None = None  # histories computed this run (an incremental derive keeps the others')
    by_status: dict[str, int] = field(default_factory=dict)


def done_on(sentence: str, reported: dt.date, made: dt.date) -> tuple[dt.date, str | None]:
    """When the thing was done: a date the sentence names ("published on 28 July", "in October 2018") between the
    commitment and the report of it; else the date of the document that reports it."""
    found = []  # (position, date, text)
    for m in ct.DATE_MATCH_RE.finditer(sentence):
        when = ct.parse_date_match(m, reported)
        if when and made <= when <= reported:
            found.append((m.start(), when, m.group(0).rstrip(".")))
    for m in ct.MONTH_YEAR_RE.finditer(sentence):
        when = ct.month_year(m)
        if when and made <= when <= reported and not any(s <= m.start() < s + len(t) for s, _, t in found):
            found.append((m.start(), when, m.group(0)))
    if not found:
        return reported, None
    verb = MET_RE.search(sentence)
    at = verb.start() if verb else 0
    # the date that goes with the verb of doing: the first after it, else the last before it
    after = sorted(f for f in found if f[0] >= at)
    _, when, text = after[0] if after else max(found)
    return when, f"done “{text}” (reported {reported.isoformat()})"


def _load(db: sqlite_utils.Database, where: str = ""):
    """Docs (all, or those `where` picks: an SQL condition on documents' columns), party -> organisation, parent map,
    replies (reply_to links, to -> [from])."""
    from archive.derive.threads import is_letter

    org_of = {r["id"]: r["organisation_id"] for r in db.query("select id, organisation_id from parties")}
    docs: dict[int, Doc] = {}
    cond = f" where {where}" if where else ""
    for r in db.query("select id, date, title, text, doc_type, thread_id, parent_id, sender, recipients from documents"
                      + cond):
        docs[r["id"]] = Doc(r["id"], ct.to_date(r["date"]), r["title"] or "", r["text"] or "", False, r["thread_id"],
                            name_tokens=pn.name_tokens([r["sender"] or "", r["recipients"] or ""]))
        docs[r["id"]].is_letter = r["doc_type"]  # type: ignore[assignment]  # resolved below, once parties are known
    for r in db.query("select document_id, party_id, role, organisation_id from document_parties"
                      " where role in ('sender', 'recipient')"):
        d = docs.get(r["document_id"])
        if d is None:
            continue
        keys = {k for k in (r["party_id"], r["organisation_id"], org_of.get(r["party_id"])) if k}
        (d.senders if r["role"] == "sender" else d.recipients).update(keys)
    for d in docs.values():
        d.is_letter = is_letter(d.is_letter, bool(d.senders), bool(d.recipients))  # type: ignore[arg-type]
    parent = {r["id"]: r["parent_id"] for r in db.query("select id, parent_id from documents where parent_id is not null")}
    replies: dict[int, list[int]] = {}
    for r in db.query("select from_document_id f, to_document_id t from links where kind = 'reply_to'"):
        replies.setdefault(r["t"], []).append(r["f"])
    return docs, org_of, parent, replies


_Index = EvidenceIndex  # the name earlier code and tests use


def _evidence_for(c: dict, made: dt.date, as_of: dt.date, ix: _Index) -> list[Evidence]:
    docs, parent = ix.docs, ix.parent
    own = docs.get(c["document_id"])
    root = parent.get(c["document_id"], c["document_id"])
    family = ix.family_of.get(root, {root})
    obj = whole = c["_obj"]
    kind = c["_kind"]  # a writer's own request mis-read as the other party's promise is a request
    # what tells this promise from the others of its exchange: its words less the exchange's (none when it is made
    # of the exchange's words alone); evidence must share one of them, not only the subject
    own_words = whole - ix.topic_words(c)
    if own_words == whole:
        own_words = set()
    actor = set(c["_actor"])
    if not actor and own is not None:
        actor = set(own.recipients if kind in REQUEST_KINDS else own.senders)
    found: list[Evidence] = []

    due_end = ct.to_date(c["due_end"])
    horizon = max(made.replace(year=made.year + OUT_OF_THREAD_YEARS) if not (made.month == 2 and made.day == 29)
                  else made + dt.timedelta(days=730), (due_end + dt.timedelta(days=365)) if due_end else made)
    party_end = min(horizon, as_of)
    thread = own.thread if own is not None else None

    # outside the thread: documents of the actor with the same counterpart (or the actor's own statements)
    counterpart = ((own.senders | own.recipients) - actor) if own is not None else set()

    def between_parties(d: Doc) -> bool:
        involved = d.senders | d.recipients
        return bool(involved & actor) and (not counterpart or bool(involved & counterpart) or not d.recipients)

    topic = (set(wd.content_tokens(own.title)) - FOLLOW_GENERIC - own.name_tokens) if own is not None else set()

    def in_scope(d: Doc) -> bool:
        """The thread always; outside it, the same parties within the horizon, on the same topic (a title word
        shared with the commitment's letter) unless the object itself is matched closely."""
        if thread is not None and d.thread == thread:
            return True
        if len(obj) <= 1 or d.date > horizon or not between_parties(d):
            return False
        return not topic or bool(topic & (d.title_tokens - d.name_tokens)) or len(obj & d.tokens) >= max(3, 0.75 * len(obj))

    later = [d for d in ix.documents(c, obj, key=own_words, thread=thread, actor=actor, counterpart=counterpart,
                                     made=made, as_of=as_of, party_end=party_end, between_parties=between_parties)
             if d.id not in family and parent.get(d.id) not in family]
    quote = c["quote"] or ""
    asks_answer = kind == "request" and (EXPLAIN_RE.search(quote) or ASKED_VIEW_RE.search(quote))
    if kind in REQUEST_KINDS and (RESPONSE_LIKE_RE.search(quote) or asks_answer):
        d = ix.answer(c, own, actor, made, as_of, family)
        if d is not None:
            first = next((s for s in d.sentences if ct.has_reply_cue(s)), d.title)
            found.append(Evidence(d.date, "met", d.id, first[:300], note=f"answered by “{d.title}”"))
    others = ix.commitments(c, obj, key=own_words, thread=thread, actor=actor, made=made, as_of=as_of,
                            party_end=party_end, family=family)
    for other in others:
        d = docs.get(other["document_id"])
        if other["id"] == c["id"] or d is None or not d.date or d.id in family or parent.get(d.id) in family:
            continue
        if (other["_date"], str(other["id"])) <= (made, str(c["id"])) and other["_date"] == made:
            continue  # of two promises made the same day, the later id restates the earlier, not the reverse
        if other["_kind"] != "commitment":
            continue  # restated means promised again: asking for it again (a request, an expectation) is not
        # by the same actor: the promise's party, else the sender of the letter that makes it
        o_actor = other["_actor"] or d.senders
        if actor and not actor & o_actor:
            continue
        same_thread = thread is not None and d.thread == thread
        # a later promise by the same actor in the same exchange needs two shared words; a sentence needs three
        if in_scope(d) and matches(obj, other["_obj"], same_thread, least=2 if same_thread else 3) and (
                not own_words or own_words & other["_obj"]):
            found.append(Evidence(d.date, "restated", d.id, other["quote"], other["due_start"], other["due_end"],
                                  note=f"restated as {other['id']}", order=1))
    seen_docs: set = set()  # one restatement per document (the first of its matching promises)
    found = [e for e in found if e.status != "restated" or not (e.doc in seen_docs or seen_docs.add(e.doc))]
    restated_docs = {e.doc for e in found if e.status == "restated"}
    outputs = outputs_named(quote)
    due_start = ct.to_date(c["due_start"])
    for d in later:
        delivered = _names_output(d, outputs, obj, own_words, actor, made, due_start)
        if delivered:
            named = " / ".join(sorted(outputs & outputs_named(delivered)))
            found.append(Evidence(d.date, "met", d.id, delivered, order=2, note=f"the promised {named} is in the archive"))
            continue
        if not d.is_letter and obj and d.date > made:
            title = set(wd.content_tokens(d.title)) - FOLLOW_GENERIC
            shared = title & obj
            kinds = outputs_named(d.title)  # a promised note is not met by a statement (when both are named)
            # the title is the topic here: any date after the promise, from the actor (or anonymous)
            if (not outputs or not kinds or outputs & kinds) and len(shared) >= 2 and (not own_words or shared & own_words) and len(shared) / max(len(title), 1) >= 0.6 \
                    and len(shared) / len(obj) >= 0.3 and (
                    not (d.senders | d.recipients) or between_parties(d) or in_scope(d)):
                found.append(Evidence(d.date, "met", d.id, f"Published “{d.title}” on {d.date.isoformat()}",
                                      note="the promised document is in the archive", order=2))
                continue
        if not in_scope(d):
            continue
        restated_here = d.id in restated_docs  # then only a "done" sentence adds to what its commitment says
        by_actor = bool(d.senders & actor) or not actor
        same_thread = own is not None and d.thread is not None and d.thread == own.thread
        for sentence, tokens in ix.sentences(c, d, obj, len(obj) if len(obj) <= 2 else 3, key=own_words):
            if not matches(obj, tokens, same_thread) or (own_words and not own_words & tokens):
                continue
            negated = NEGATION_RE.search(sentence)
            granted = kind == "request" and by_actor and GRANTED_RE.search(sentence)
            if (granted or is_done(sentence, obj)) and not negated and not PROGRESS_RE.search(sentence.split(",")[0]):
                when, note = done_on(sentence, d.date, made)
                found.append(Evidence(when, "met", d.id, sentence[:400], note=note, order=2))
                break
            if restated_here or not (by_actor or (c["actor_name"] and pn.names_in(sentence, [c["actor_name"]]))):
                continue  # the other party's "we will support your review" is no promise of the actor's
            if PROGRESS_RE.search(sentence):
                found.append(Evidence(d.date, "in_progress", d.id, sentence[:400]))
                break
            if FUTURE_RE.search(sentence):
                found.append(Evidence(d.date, "restated", d.id, sentence[:400], order=1,
                                      note="promised again (no commitment extracted there)"))
                break
    done_in = {e.doc for e in found if e.status == "met"}  # a document that says it was done says nothing else
    found = [e for e in found if e.status == "met" or e.doc not in done_in]
    return sorted(found, key=lambda e: (e.date, e.order))


def _names_output(d: Doc, outputs: set[str], obj: set[str], own_words: set[str], actor: set[str], made: dt.date,
                  due_start: dt.date | None) -> str | None:
    """A later document from the promiser whose title or opening names the promised output and what it is about
    ("We will publish an update on the linkage programme" -> "Linkage programme: an update"), dated after the promise
    and not before its due window: the title or opening sentence that says so, else None."""
    if not outputs or not obj or not (d.senders & actor) or d.date <= made or (due_start and d.date < due_start):
        return None
    opening = [s for s in d.sentences[:4] if not s.lower().startswith("dear ")][:2]
    opening = [s for s in opening if OPENING_CUE_RE.search(s) and not FUTURE_RE.search(s) and not NEGATION_RE.search(s)]
    for text in [d.title, *opening]:
        if not outputs & outputs_named(text):
            continue
        shared = obj & set(wd.content_tokens(text))
        if len(shared) >= min(2, len(obj)) and (not own_words or shared & own_words):
            return text[:400]
    return None


def _history(c: dict, made: dt.date, as_of: dt.date, evidence: list[Evidence]) -> list[Evidence]:
    """The status changes, in order: made (open), then evidence, with overdue inserted whenever a due date passes."""
    events = [Evidence(made, "open", c["document_id"], c["quote"] or "", c["due_start"], c["due_end"], "made")]
    due_start, due_end = c["due_start"], ct.to_date(c["due_end"])
    if due_end and due_end < made:
        due_start, due_end = None, None  # a date already past when the promise was made is no deadline for it
    overdue_for: dt.date | None = None
    status = "open"

    def check_overdue(upto: dt.date) -> None:
        nonlocal overdue_for, status
        if status != "met" and due_end and due_end < upto and overdue_for != due_end:
            when = due_end + dt.timedelta(days=1)
            events.append(Evidence(when, "overdue", None, "", due_start, due_end.isoformat(),
                                   f"due by {due_end.isoformat()}; no evidence of delivery by then"))
            overdue_for, status = due_end, "overdue"

    for e in evidence:
        check_overdue(e.date)
        if status == "met":
            break
        if e.status == "restated":
            new_end = ct.to_date(e.due_end)
            if status == "restated" and (not new_end or new_end == due_end):
                continue
            if new_end and new_end != due_end:
                e.note = (e.note + "; " if e.note else "") + f"due moved from {due_end or 'no date'} to {new_end}"
                due_start, due_end = e.due_start, new_end
            e.due_start, e.due_end = due_start, due_end.isoformat() if due_end else None
        elif e.status == status:
            continue
        if e.status == "met" and overdue_for:
            late = (e.date - overdue_for).days
            e.note = (e.note + "; " if e.note else "") + f"met {late} days after the due date"
        events.append(e)
        status = e.status
    check_overdue(as_of)
    return events


def follow(commitments: list[dict], docs: dict, parent: dict, replies: dict, as_of: dt.date,
           on_error: Callable[[dict, Exception], None] | None = None,
           index: list | None = None, ix: EvidenceIndex | None = None,
           only: set | None = None) -> dict[Any, list[Evidence]]:
    """Each commitment's history (status changes in order). Commitments are dicts with id, document_id, kind,
    quote, actor_name, due_start, due_end, made_on and `_actor` (the keys of the party bound); sorted by made_on.
    `index`, when given, receives the EvidenceIndex used (its `truncated` and `reads` say how much was read); `ix`
    is one already built over these; `only` (ids) limits which histories are computed (all are indexed)."""
    ix = ix or _Index(docs, parent, replies, commitments)
    if index is not None:
        index.append(ix)
    out: dict[Any, list[Evidence]] = {}
    for c in commitments:
        if only is not None and c["id"] not in only:
            continue
        made = c["_date"]
        if made is None or made > as_of:
            out[c["id"]] = []
            continue
        try:
            out[c["id"]] = _history(c, made, as_of, _evidence_for(c, made, as_of, ix))
        except Exception as exc:  # noqa: BLE001 - recorded against the commitment's document by on_error
            if on_error is None:
                raise
            on_error(c, exc)
            out[c["id"]] = []
    return out


def latest(events: list[Evidence], as_of: dt.date) -> Evidence | None:
    """The event that sets the current status (in progress past the due date counts as overdue)."""
    if not events:
        return None
    last = events[-1]
    if last.status == "in_progress":
        due = next((ct.to_date(e.due_end) for e in reversed(events) if e.due_end), None)
        if due and due < as_of:
            last = next((e for e in reversed(events) if e.status == "overdue"), last)
    return last


def _sentence_before(paragraph: str, quote: str) -> str:
    """The (up to two) sentences just before `quote` in its paragraph ('' when the quote opens it or is not found)."""
    at = paragraph.find(quote[:60]) if quote else -1
    if at <= 0:
        return ""
    before = paragraph[:at].rstrip()
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z“‘\"'(])", before)
    return " ".join(sentences[-2:])  # the thing is usually named in the sentence before, at most two back


def update_followup(db: sqlite_utils.Database, as_of: str, index: list | None = None) -> FollowupSummary:
    """Recompute every commitment's history and latest status as of `as_of` (ISO date); idempotent."""
    as_of_date = ct.to_date(as_of)
    if as_of_date is None:
        raise ValueError(f"as_of must be an ISO date, not {as_of!r}")
    db.execute("delete from commitment_events")
    docs, org_of, parent, replies = _load(db)
    commitments = list(db.query("select * from commitments order by made_on, id"))
    paragraphs = {}
    if db["paragraphs"].exists():
        paragraphs = {(r["document_id"], r["n"]): r["text"] for r in db.query("select document_id, n, text from paragraphs")}
    for c in commitments:
        c["_actor"] = {k for k in (c["actor"], org_of.get(c["actor"])) if k}
        c["_context"] = _sentence_before(paragraphs.get((c["document_id"], c["paragraph"])) or "", c["quote"] or "")
    summary = FollowupSummary(commitments=len(commitments))

    failed: set = set()

    def on_error(c: dict, exc: Exception) -> None:
        dbw.record_error(db, f"followup {c['id']}", c["document_id"], exc)
        summary.errors += 1
        failed.add(c["id"])

    used: list = [] if index is None else index
    histories = follow(commitments, docs, parent, replies, as_of_date, on_error, index=used)
    _record_truncated(db, commitments, used[0].truncated, summary)
    rows, updates = [], []
    for c in commitments:
        events = histories[c["id"]]
        update, last = history_rows(c["id"], events, as_of_date, c["id"] in failed, rows, len(rows) + 1)
        updates.append(update)
        if c["id"] not in failed:
            status = last.status if last else "open"
            summary.by_status[status] = summary.by_status.get(status, 0) + 1
    dbw.bulk_insert(db, "commitment_events", rows)
    with db.conn:
        db.conn.executemany("update commitments set status = ?, status_date = ?, status_evidence_id = ? where id = ?",
                            updates)
    summary.events = len(rows)
    return summary


def history_rows(cid, events: list[Evidence], as_of: dt.date, failed: bool, rows: list[dict],
                 next_id: int) -> tuple[tuple, Evidence | None]:
    """Append one commitment's `commitment_events` rows (ids from `next_id`) to `rows`; return its status update
    (status, status_date, status_evidence_id, id) and the event that sets its status."""
    for n, e in enumerate(events):
        rows.append({"id": next_id + n, "commitment_id": cid, "date": e.date.isoformat(), "status": e.status,
                     "evidence_document_id": e.doc, "evidence_quote": e.quote, "due_start": e.due_start,
                     "due_end": e.due_end, "note": e.note})
    last = latest(events, as_of)
    if failed:
        return (None, None, None, cid), last  # unknown, not "open": the error says why
    if last is None:
        return ("open", None, None, cid), last
    return (last.status, last.date.isoformat(), last.doc if last.status != "open" else None, cid), last


def _record_truncated(db: sqlite_utils.Database, commitments: list[dict], truncated: set,
                      summary: FollowupSummary) -> None:
    """One `errors` row per document some of whose commitments read only the first candidates (hostile input)."""
    by_doc: dict = {}
    for c in commitments:
        if c["id"] in truncated:
            by_doc.setdefault(c["document_id"], []).append(c["id"])
    for doc_id, ids in by_doc.items():
        dbw.record_error(db, "followup", doc_id, RuntimeError(
            f"too_many_candidates: {len(ids)} commitments (first {ids[0]}) matched more later documents or sentences"
            " than follow-up reads; their evidence is from the earliest candidates only"))
    summary.truncated = len(truncated)


def infer_followups(docs: list[dict], commitments: list[dict], as_of: str | None = None) -> list[tuple]:
    """Follow-up matching on plain dicts, for the evaluation scorer.

    docs: dicts with url, date, title, text, sender, recipients, related (as for `infer_reply_links`), optionally
    doc_type. commitments: dicts with doc (the url of the document that made it), index, kind, actor (name or register
    id), quote, due ({start, end} or None). Returns ((doc url, index), evidence url, status, evidence quote) for
    every status change that a later document gives: met, restated or in_progress."""
    from archive.derive.threads import (
        _keys,
        _names,
        find_replies,
        group_threads,
        hub_letters,
        is_letter,
        letters_from_dicts,
    )

    letters = {letter.key: letter for letter in letters_from_dicts(docs)}
    hubs = hub_letters(letters)
    reply_links = find_replies(list(letters.values()), hubs)
    thread_of = group_threads(letters, reply_links, hubs)
    objects: dict[Any, Doc] = {}
    for d in docs:
        senders, recipients = _keys(d.get("sender")), _keys(d.get("recipients"))
        url = d.get("url")
        objects[url] = Doc(url, ct.to_date(d.get("date")), d.get("title") or "", d.get("text") or "",
                           is_letter(d.get("doc_type"), bool(senders), bool(recipients)),
                           f"t{thread_of[url]}" if url in thread_of else None, senders, recipients,
                           pn.name_tokens(_names(d.get("sender")) + _names(d.get("recipients"))))
    replies: dict[Any, list[Any]] = {}
    for a, b, _ in reply_links:
        replies.setdefault(b, []).append(a)
    rows = []
    for c in commitments:
        due = c.get("due") or {}
        doc = objects.get(c.get("doc"))
        actor = c.get("actor")
        rows.append({"id": (c.get("doc"), c.get("index")), "document_id": c.get("doc"), "kind": c.get("kind"),
                     "quote": c.get("quote") or "", "actor": actor, "actor_name": actor if isinstance(actor, str) else "",
                     "due_start": due.get("start", c.get("due_start")), "due_end": due.get("end", c.get("due_end")),
                     "made_on": doc.date.isoformat() if doc and doc.date else None,
                     "_actor": _keys(actor) if actor else set()})
    rows.sort(key=lambda r: (r["made_on"] or "", str(r["id"])))
    dates = [o.date for o in objects.values() if o.date]
    until = ct.to_date(as_of) or (max(dates) if dates else dt.date.today())
    out = []
    for cid, events in follow(rows, objects, {}, replies, until).items():
        for e in events:
            if e.status in ("met", "restated", "in_progress") and e.doc is not None:
                out.append((cid, e.doc, e.status, e.quote))
    return out
