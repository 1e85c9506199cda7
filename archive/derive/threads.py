"""Threads: the archive's reply links and the exchanges they form.

`build_threads(db)` loads the archive's letters (attachment text folded into its page), finds replies and follow-ups
with archive/derive/replies.py, writes `links` rows of kind 'reply_to' and 'follows_up' (with `evidence`), groups the letters
into threads (connected components over those links and Related Links between letters, never through reports or hub
letters) with the stable id `t<lowest document id>`, and fills `threads`, `documents.thread_id` and
`commitments.thread_id`. The pure finder and its dict API (`infer_reply_links`) live in archive/derive/replies.py and are
re-exported here.
"""
from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass

import sqlite_utils

from archive.derive import cited as ct
from archive.derive import partynames as pn
from archive.derive import rows as dbw
from archive.derive.memo import Memo, digest
from archive.derive.replies import (  # noqa: F401 - re-exported: eval/ and followup.py import them from here
    CITED_DATE_SLACK,
    HUB_DEGREE,
    LETTER_TYPES,
    NON_LETTER_TYPES,
    NOT_DOCUMENT_TYPES,
    WINDOW_DAYS,
    Letter,
    _keys,
    _names,
    _UnionFind,
    find_follow_ups,
    find_replies,
    group_threads,
    hub_letters,
    id_keys,
    infer_reply_links,
    is_letter,
    letters_from_dicts,
)
from captures import urls as curls


def load_letters(db: sqlite_utils.Database) -> tuple[dict[int, Letter], dict[int, int], dict[int, dict]]:
    """Letters keyed by document id (attachment text folded into its page), a child -> root map, and doc rows."""
    docs = {
        r["id"]: r
        for r in db.query("select id, url, title, doc_type, date, text, sender, recipients, parent_id from documents")
    }
    root: dict[int, int] = {}

    def find_root(i: int) -> int:
        seen = set()
        while docs.get(i, {}).get("parent_id") and i not in seen and docs[i]["parent_id"] in docs:
            seen.add(i)
            i = docs[i]["parent_id"]
        return i

    for i in docs:
        root[i] = find_root(i)
    parties: dict[int, dict[str, tuple[set, list]]] = {}
    if db["document_parties"].exists():
        sql = (
            "select dp.document_id, dp.party_id, dp.role, dp.name_text, dp.organisation_id, dp.organisation_text,"
            " p.name as party_name, p.organisation_id as party_org from document_parties dp"
            " left join parties p on p.id = dp.party_id where dp.role in ('sender', 'recipient')"
        )
        for r in db.query(sql):
            keys, names = parties.setdefault(root[r["document_id"]], {}).setdefault(r["role"], (set(), []))
            for pid in (r["party_id"], r["organisation_id"], r["party_org"]):
                if pid:
                    keys.add(("p:" if pid.startswith(("person:", "unresolved:person")) else "o:") + pid)
            name = ", ".join(x for x in (r["name_text"] or r["party_name"], r["organisation_text"]) if x)
            if name:
                names.append(name)
                keys.update(k for k in pn.party_keys(name) if k.startswith("p:"))
    letters: dict[int, Letter] = {}
    for i, d in docs.items():
        if root[i] != i:
            continue
        p = parties.get(i, {})
        s_keys, s_names = p.get("sender", (set(), []))
        r_keys, r_names = p.get("recipient", (set(), []))
        if not s_names and d["sender"]:
            s_names = _names(d["sender"])
            s_keys = set().union(*(pn.party_keys(n) for n in s_names)) if s_names else set()
        if not r_names and d["recipients"]:
            r_names = _names(d["recipients"])
            r_keys = set().union(*(pn.party_keys(n) for n in r_names)) if r_names else set()
        if not is_letter(d["doc_type"], bool(s_keys), bool(r_keys)):
            continue
        letters[i] = Letter(
            key=i, date=ct.to_date(d["date"]), title=d["title"] or "", text=d["text"] or "",
            senders=set(s_keys), recipients=set(r_keys), sender_names=list(s_names), recipient_names=list(r_names),
        )
    for i, d in docs.items():
        if root[i] != i and root[i] in letters and d["text"]:
            letters[root[i]].text += "\n\n" + d["text"]
    if db["links"].exists():
        for r in db.query(
            "select from_document_id f, to_document_id t, label_date from links"
            " where kind in ('related', 'inline') and to_document_id is not null"
        ):
            f, t = root.get(r["f"], r["f"]), root.get(r["t"], r["t"])
            if f in letters and t in letters and f != t:
                letters[f].related.setdefault(t, r["label_date"])
    return letters, root, docs


@dataclass
class ThreadSummary:
    reply_links: int = 0
    follow_up_links: int = 0
    threads: int = 0
    exchanges: int = 0  # threads of two or more letters
    largest: int = 0


def build_threads(db: sqlite_utils.Database, loaded: tuple | None = None) -> ThreadSummary:
    """Recompute reply_to links and threads from the archive's documents and links (idempotent). `loaded`: what
    `load_letters(db)` returns, when the caller has it (citations reads the same)."""
    db.execute("delete from links where kind in ('reply_to', 'follows_up')")
    letters, root, docs = loaded or load_letters(db)
    memo = Memo(db, "letters")
    restored = {key for key, letter in letters.items() if _restore(letter, memo)}
    hubs = hub_letters(letters)
    replies = find_replies(list(letters.values()), hubs)
    for key, letter in letters.items():
        if key not in restored:
            memo.put(key, _inputs(letter), _stored(letter))
    memo.save()
    follow_ups = find_follow_ups(letters, replies)
    dbw.bulk_insert(db, "links", [
        {"from_document_id": f, "to_document_id": t, "to_url": docs[t]["url"], "kind": kind,
         "label": docs[t]["title"], "label_date": docs[t]["date"], "evidence": ev}
        for kind, links in (("reply_to", replies), ("follows_up", follow_ups)) for f, t, ev in sorted(links)
    ])
    group = group_threads(letters, replies + follow_ups, hubs)
    members: dict[int, list[int]] = {}
    for i, r in root.items():
        if r in letters:
            members.setdefault(group[r], []).append(i)
    summary = ThreadSummary(reply_links=len(replies), follow_up_links=len(follow_ups))
    db.execute("update documents set thread_id = null where thread_id is not null")
    db.execute("delete from threads")
    rows, doc_thread = [], {}
    for group in members.values():
        tid = f"t{min(group)}"
        heads = sorted((letters[i] for i in group if i in letters), key=lambda x: (x.date or dt.date.max, x.key))
        dates = [x.date.isoformat() for x in heads if x.date]
        names = sorted({n for x in heads for n in x.sender_names + x.recipient_names})
        hosts = sorted({curls.host_of(docs[i]["url"]) for i in group})
        rows.append({
            "id": tid, "title": heads[0].title, "first_date": min(dates) if dates else None,
            "last_date": max(dates) if dates else None, "document_count": len(group),
            "letter_count": len(heads), "parties": json.dumps(names[:20]), "hosts": json.dumps(hosts),
        })
        for i in group:
            doc_thread[i] = tid
        summary.exchanges += len(heads) > 1
        summary.largest = max(summary.largest, len(heads))
    dbw.bulk_insert(db, "threads", rows)
    with db.conn:
        db.conn.executemany("update documents set thread_id = ? where id = ?", [(t, i) for i, t in doc_thread.items()])
    if db["commitments"].exists():
        db.execute(
            "update commitments set thread_id = (select thread_id from documents d where d.id = commitments.document_id)"
        )
    summary.threads = len(rows)
    return summary


# A letter's reply features and word bag are functions of its title, text, date and party names: kept between
# builds (archive/derive/memo.py) so that only changed letters are read again.
def _inputs(letter: Letter) -> str:
    return digest(letter.title, letter.text, letter.date, letter.sender_names, letter.recipient_names)


def _stored(letter: Letter) -> dict:
    value = {"bag": dict(letter._bag or {}), "title": sorted(letter.title_tokens)}
    if letter._features is not None:
        cited, cue, target = letter._features
        value["features"] = [[[c.poss, c.date.isoformat(), c.start, c.end, c.quote, c.phrase, c.cue] for c in cited],
                             cue, target]
    return value


def _restore(letter: Letter, memo: Memo) -> bool:
    """Fill the letter's bag, title tokens and features from the memo; True when all of them were there."""
    value = memo.get(letter.key, _inputs(letter))
    if value is None or "features" not in value:
        return False
    letter._bag, letter.title_tokens = Counter(value["bag"]), set(value["title"])
    cited, cue, target = value["features"]
    letter._features = ([ct.CitedLetter(p, dt.date.fromisoformat(d), a, b, q, ph, c) for p, d, a, b, q, ph, c in cited],
                        cue, target)
    return True
