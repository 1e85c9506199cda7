"""Where a commitment's evidence can be, found through indexes instead of reading every later document.

Follow-up asks, for each commitment, which later documents, sentences and commitments speak of its object. Reading
every later item is quadratic (5,000 commitments took 44 s). Here each candidate list is found through:

* scope lists (documents by thread, by party, by title word; commitments by thread and by actor), in date order,
  so a window of dates is two bisections;
* inverted indexes (content word -> documents, word -> commitments grouped by document, and per document
  word -> sentence numbers), also in date order.

A candidate must share at least m words with the object (m is what the matching rule needs). Any such item holds one
of the object's len(obj) - m + 1 rarest words (pigeonhole), so only those words' lists are read, and of a scope list
and those word lists whichever is shorter is walked. The candidates are therefore exactly those the rules could
accept, found in time that grows with what matches rather than with the archive.

Bounds for hostile input (a page with thousands of near-identical promises): a walk reads at most SCAN items, a
document offers at most PER_DOC sentences or commitments to one commitment, and a commitment reads at most MAX_POOL
documents (the earliest). A commitment that hits a bound is listed in `EvidenceIndex.truncated` (the derive step
records it against its document); in ordinary archives no bound is reached.
"""
from __future__ import annotations

import bisect
import datetime as dt
import heapq
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator

from archive.derive import cited as ct
from archive.derive.followup_rules import effective_kind, object_tokens

SCAN = 400  # items read from one list walk for one commitment
PER_DOC = 100  # candidate sentences (or commitments) of one document read for one commitment
MAX_POOL = 200  # documents read as evidence for one commitment (the earliest)


@dataclass
class Group:
    """One document's commitments in a list (all of them, those of one actor, or those holding one word)."""

    date: dt.date
    key: str
    doc: Any
    items: list


def _doc_key(d) -> tuple:
    return (d.date, str(d.id))


def _group_key(g: Group) -> tuple:
    return (g.date, g.key)


def window(items: list, start: dt.date, end: dt.date, date: Callable = lambda d: d.date) -> list:
    lo = bisect.bisect_left(items, start, key=date)
    hi = bisect.bisect_right(items, end, key=date)
    return items[lo:hi]


TOPIC_MIN = 4
TOPIC_SHARE = 0.5


def _common(bags: list[set], veto: list[set]) -> set[str]:
    """Words in TOPIC_SHARE of the bags (TOPIC_MIN bags or more), unless some bag of `veto` is made of them alone."""
    if len(bags) < TOPIC_MIN:
        return set()
    counts: dict = {}
    for bag in bags:
        for t in bag:
            counts[t] = counts.get(t, 0) + 1
    common = {t for t, k in counts.items() if k >= TOPIC_SHARE * len(bags)}
    if any(bag and bag <= common for bag in veto):
        return set()
    return common


def _rarest(obj: set[str], m: int, size: Callable[[str], int]) -> list[str]:
    """The object's words an item sharing m of them must include one of: the len(obj) - m + 1 rarest."""
    if m <= 0 or not obj:
        return []
    return sorted(obj, key=lambda t: (size(t), t))[: len(obj) - m + 1]


class EvidenceIndex:
    """Documents and commitments indexed by scope and by word; see the module docstring."""

    def __init__(self, docs: dict, parent: dict, replies: dict, commitments: list[dict]) -> None:
        self.docs, self.parent, self.replies = docs, parent, replies
        self.truncated: set = set()
        # per commitment: the largest scope side a walk compared (its length, its number of lists); an incremental
        # derive (archive/derive/followup_dirty.py) reads it to know whose truncation could depend on other lists
        self.scope_load: dict = {}
        self.reads = 0  # items read by walks and sentences offered: grows with what matches, not with n^2
        self.family_of: dict = {}
        for child, p in parent.items():
            self.family_of.setdefault(p, {p}).add(child)
        self.by_thread: dict = {}
        self.by_party: dict = {}
        self.by_title: dict = {}
        self.by_word: dict = {}  # content word of text or title -> documents
        self.statements: dict = {}  # documents with a sender and no recipient, by sender
        self.thread_from: dict = {}  # (thread, sender key) -> letters
        for d in sorted((d for d in docs.values() if d.date), key=_doc_key):
            if d.thread:
                self.by_thread.setdefault(d.thread, []).append(d)
                if d.is_letter:
                    for k in d.senders:
                        self.thread_from.setdefault((d.thread, k), []).append(d)
            for k in d.senders | d.recipients:
                self.by_party.setdefault(k, []).append(d)
            if not d.recipients:
                for k in d.senders:
                    self.statements.setdefault(k, []).append(d)
            if not d.is_letter:
                for t in d.title_tokens:
                    self.by_title.setdefault(t, []).append(d)
            for t in d.tokens | d.title_tokens:
                self.by_word.setdefault(t, []).append(d)
        self._sentence_words: dict = {}
        self._thread_words: dict = {}
        self._page_words: dict = {}
        self._index_commitments(commitments)

    def _index_commitments(self, commitments: list[dict]) -> None:
        by_doc: dict = {}
        for c in commitments:
            d = self.docs.get(c["document_id"])
            c["_date"] = ct.to_date(c.get("made_on")) or (d.date if d else None)
            if "_obj" not in c:  # else kept from an earlier build with the same quote, actor and context
                c["_obj"] = object_tokens(c["quote"] or "", c["actor_name"])
                c["_kind"] = effective_kind(c["kind"], c["quote"])
                if len(c["_obj"]) <= 1 and c.get("_context"):
                    # "I ask that ONS publish the plan by 30 September": the plan is named in the sentence before
                    c["_obj"] |= object_tokens(c["_context"], c["actor_name"])
            if c["_date"] is not None:
                by_doc.setdefault((c["_date"], str(c["document_id"])), []).append(c)
        self.c_by_thread: dict = {}
        self.c_by_actor: dict = {}
        self.c_by_word: dict = {}
        self.c_of_doc: dict = {}
        for (date, key), items in sorted(by_doc.items()):
            items.sort(key=lambda c: str(c["id"]))
            doc_id = items[0]["document_id"]
            self.c_of_doc.setdefault(doc_id, []).extend(items)
            d = self.docs.get(doc_id)
            if d is not None and d.thread:
                self.c_by_thread.setdefault(d.thread, []).append(Group(date, key, doc_id, items))
            actors: dict = {}
            words: dict = {}
            for c in items:
                for k in c["_actor"]:
                    actors.setdefault(k, []).append(c)
                for t in c["_obj"]:
                    words.setdefault(t, []).append(c)
            for k, cs in actors.items():
                self.c_by_actor.setdefault(k, []).append(Group(date, key, doc_id, cs))
            for t, cs in words.items():
                self.c_by_word.setdefault(t, []).append(Group(date, key, doc_id, cs))

    def topic_words(self, c: dict) -> set[str]:
        """Words that name the exchange rather than one promise: in at least TOPIC_SHARE of the thread's documents
        that make promises, or of the promises of one page (TOPIC_MIN or more), while each promise also has words of
        its own. Sharing only these ("the survey", "the weighting") says two sentences are on the same subject, not the
        same action. Where some promise is made of them alone ("publish the work programme"), they name a promise."""
        d = self.docs.get(c["document_id"])
        thread = d.thread if d is not None else None
        out: set[str] = set()
        if thread is not None and thread not in self._thread_words:
            groups = self.c_by_thread.get(thread, [])
            # a promise made of the candidate words alone, anywhere in the exchange, vetoes them
            veto = [o["_obj"] for g in groups for o in g.items]
            # per document (a promise repeated down an exchange is one promise, not the exchange's subject)
            bags = [set().union(*(o["_obj"] for o in g.items)) for g in groups]
            self._thread_words[thread] = (_common(bags, veto), veto)
        words, veto = self._thread_words.get(thread, (set(), []))
        out |= words
        doc_id = c["document_id"]
        if doc_id not in self._page_words:
            page = [o["_obj"] for o in self.c_of_doc.get(doc_id, [])]
            self._page_words[doc_id] = _common(page, page + veto)
        return out | self._page_words[doc_id]

    # -- walking -----------------------------------------------------------------------------------------------

    def _walk(self, cid, streams: list[list], key: Callable) -> Iterator:
        """The items of several date-ordered lists, merged in date order, each once, at most SCAN of them."""
        streams = [s for s in streams if s]
        if len(streams) <= 1:  # one list: no merging, no repeats
            items = streams[0] if streams else []
            if len(items) > SCAN:
                self.truncated.add(cid)
                items = items[:SCAN]
            self.reads += len(items)
            yield from items
            return
        seen: set = set()
        for n, item in enumerate(heapq.merge(*streams, key=key)):
            if n >= SCAN:
                self.truncated.add(cid)
                return
            self.reads += 1
            if id(item) in seen:
                continue
            seen.add(id(item))
            yield item

    def _scoped(self, obj: set[str], m: int, scope: list[list], index: dict, start, end, date: Callable,
                key: set[str] = frozenset(), cid=None) -> tuple:
        """Of the scope's lists, the word lists of the object's rarest words and those of the `key` words (a
        candidate must hold one), the shortest side (and whether it is a word side)."""
        # rank words by their whole list (cheap); only the chosen words' lists are cut to the window
        size = lambda t: len(index.get(t, ()))  # noqa: E731
        words = _rarest(obj, m, size)
        if key and sum(map(size, key)) < sum(map(size, words)):
            words = sorted(key)
        best = [window(index.get(t, []), start, end, date) for t in words]
        load, lists = self.scope_load.get(cid, (0, 0))
        self.scope_load[cid] = (max(load, sum(map(len, scope))), max(lists, len(scope)))
        if sum(map(len, best)) < sum(map(len, scope)):
            return best, True
        return scope, False

    def documents(self, c: dict, obj: set[str], *, key: set[str], thread, actor: set, counterpart: set,
                  made: dt.date, as_of: dt.date, party_end: dt.date, between_parties: Callable) -> list:
        """Later documents that could hold evidence: in the thread sharing min(2, |obj|) object words; between the
        parties sharing min(3, |obj|); reports whose title shares two. With `key` (the promise's own words, see
        `topic_words`), one of the shared words must be a key word. In date order, at most MAX_POOL."""
        pool: dict = {}
        cid = c["id"]

        def add(streams: list[list], accept: Callable) -> None:
            for d in self._walk(cid, streams, _doc_key):
                if d.id not in pool and accept(d):
                    pool[d.id] = d

        def holds(d, m: int, title_only: bool = False) -> bool:
            # intersections only (each costs the object's size, not the document's)
            shared = (obj & d.title_tokens) if title_only else (obj & d.tokens) | (obj & d.title_tokens)
            return len(shared) >= m and (not key or bool(key & shared))

        if thread is not None and obj:
            m = min(2, len(obj))
            scope = [window(self.by_thread.get(thread, []), made, as_of)]
            streams, _ = self._scoped(obj, m, scope, self.by_word, made, as_of, lambda d: d.date, key, cid)
            add(streams, lambda d: d.thread == thread and holds(d, m))
        if len(obj) > 1:
            need = min(3, len(obj))
            # the shorter side: the actor's documents, or the counterpart's plus the actor's own statements
            scope = [window(self.by_party.get(k, []), made, party_end) for k in actor]
            other = [window(self.by_party.get(k, []), made, party_end) for k in counterpart]
            if counterpart and sum(map(len, other)) < sum(map(len, scope)):
                scope = other + [window(self.statements.get(k, []), made, party_end) for k in actor]
            streams, _ = self._scoped(obj, need, scope, self.by_word, made, party_end, lambda d: d.date, key, cid)
            add(streams, lambda d: between_parties(d) and holds(d, need))
            words = _rarest(obj, 2, lambda t: len(self.by_title.get(t, ())))
            if key and len(key) < len(words):
                words = sorted(key)
            add([window(self.by_title.get(t, []), made, as_of) for t in words], lambda d: holds(d, 2, title_only=True))
        found = sorted(pool.values(), key=_doc_key)
        if len(found) > MAX_POOL:
            self.truncated.add(cid)
            found = found[:MAX_POOL]
        return found

    def answer(self, c: dict, own, actor: set, made: dt.date, as_of: dt.date, family: set) -> Any:
        """The first later letter that answers the commitment's letter: a reply to it, or a letter in its thread from
        the actor to its sender(s)."""
        found = []
        for doc_id in self.replies.get(c["document_id"], ()):
            d = self.docs.get(doc_id)
            if d is not None and d.date and made <= d.date <= as_of:
                found.append(d)
        if own is not None and own.thread is not None:
            for k in actor:
                for d in window(self.thread_from.get((own.thread, k), []), made, as_of)[:SCAN]:
                    if d.recipients & own.senders and d.id not in family and self.parent.get(d.id) not in family:
                        found.append(d)
                        break
        found = [d for d in found if d.id not in family and self.parent.get(d.id) not in family]
        return min(found, key=_doc_key) if found else None

    def commitments(self, c: dict, obj: set[str], *, key: set[str] = frozenset(), thread, actor: set, made: dt.date,
                    as_of: dt.date, party_end: dt.date, family: set) -> list[dict]:
        """Later commitments that could restate this one: in the thread sharing min(2, |obj|) object words, or of
        the same actor sharing min(3, |obj|). In date order; at most PER_DOC from one document."""
        if not obj:
            return []
        out: dict = {}
        cid = c["id"]

        def add(streams: list[list], by_word: bool, m: int, accept: Callable) -> None:
            for g in self._walk(cid, streams, _group_key):
                if g.doc in family or self.parent.get(g.doc) in family:
                    continue
                items = g.items if len(g.items) <= PER_DOC else g.items[:PER_DOC]
                self.reads += len(items)
                if len(items) < len(g.items):
                    self.truncated.add(cid)
                for o in items:
                    shared = obj & o["_obj"]
                    if str(o["id"]) not in out and len(shared) >= m and (not key or key & shared) and accept(o):
                        out[str(o["id"])] = o

        date = lambda g: g.date  # noqa: E731
        if thread is not None:
            m = 2 if len(obj) > 2 else len(obj)
            scope = [window(self.c_by_thread.get(thread, []), made, as_of, date)]
            streams, by_word = self._scoped(obj, m, scope, self.c_by_word, made, as_of, date, key, cid)
            add(streams, by_word, m, lambda o: self._thread_of(o) == thread)
        if not actor:
            return sorted(out.values(), key=lambda o: (o["_date"], str(o["id"])))
        m = 3 if len(obj) > 3 else len(obj)
        scope = [window(self.c_by_actor.get(k, []), made, party_end, date) for k in actor]
        streams, by_word = self._scoped(obj, m, scope, self.c_by_word, made, party_end, date, key, cid)
        add(streams, by_word, m, lambda o: bool(o["_actor"] & actor) if by_word else True)
        return sorted(out.values(), key=lambda o: (o["_date"], str(o["id"])))

    def _thread_of(self, c: dict):
        d = self.docs.get(c["document_id"])
        return d.thread if d is not None else None

    def sentences(self, c: dict, d, obj: set[str], m: int,
                  key: set[str] = frozenset()) -> Iterable[tuple[str, set[str]]]:
        """The document's sentences that share m object words with it (a superset of those `matches` accepts), in
        order, at most PER_DOC."""
        if not obj or m <= 0:
            return []
        index = self._sentence_words.get(id(d))
        if index is None:
            index = {}
            for n, (_, tokens) in enumerate(d.sentence_tokens):
                for t in tokens:
                    index.setdefault(t, []).append(n)
            self._sentence_words[id(d)] = index
        words = _rarest(obj, m, lambda t: len(index.get(t, ())))
        if key and sum(len(index.get(t, ())) for t in key) < sum(len(index.get(t, ())) for t in words):
            words = sorted(key)
        numbers = sorted(set().union(*(index.get(t, ()) for t in words)))
        if len(numbers) > PER_DOC:
            self.truncated.add(c["id"])
            numbers = numbers[:PER_DOC]
        self.reads += len(numbers)
        rows = d.sentence_tokens
        return [rows[n] for n in numbers if len(obj & rows[n][1]) >= m and (not key or key & rows[n][1])]
