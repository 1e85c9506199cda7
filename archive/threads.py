"""Threads: which letter answers which, and which letters form one exchange.

`infer_reply_links(docs)` is pure (dicts in, (reply, original, evidence) tuples out) so the evaluation scorer can call
it on its gold set; `build_threads(db)` loads the archive's letters, writes `links.kind='reply_to'` rows, groups the
letters into threads (connected components over reply_to links and Related Links between letters, never through
reports or hub letters) and fills `threads`, `documents.thread_id` and `commitments.thread_id`.

Signals for a reply (each one named in the link's `evidence`): a cited date ("Thank you for your letter of 16 January")
matching a letter from the other party within 3 days; a Related Link between the two letters (and its label's date);
a title such as "Response from X to Y" naming the other party; the same parties reversed; topic overlap within a
plausible window.
"""
from __future__ import annotations

import bisect
import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from archive import linktext as lt

WINDOW_DAYS = 120  # a reply found only through parties and topic must come within this many days
EXPLICIT_WINDOW_DAYS = 730  # a reply named by a cited date or a Related Link may come this late
CITED_DATE_SLACK = 3  # "your letter of 16 January" matches a letter dated 13-19 January
HUB_DEGREE = 5  # a letter linked from this many other letters is a hub: its Related Links do not join threads
MIN_SCORE = 4.0

LETTER_TYPES = {"letter", "correspondence", "response", "submission", "evidence", "email", "summary"}
NOT_DOCUMENT_TYPES = {"archive", "listing", "embed"}  # pages about documents (extract/doctypes.yml): never events
NON_LETTER_TYPES = {
    "report", "review", "assessment", "work_programme", "publication", "guidance", "code", "chapter",
    "attachment", "consultation", "plan", "strategy", "compliance_check", "systemic_review", "annual_report",
} | NOT_DOCUMENT_TYPES


@dataclass
class Letter:
    """One letter as the reply finder sees it."""

    key: Any
    date: dt.date | None
    title: str
    text: str
    senders: set[str] = field(default_factory=set)  # party keys ("p:..." persons, "o:..." organisations)
    recipients: set[str] = field(default_factory=set)
    sender_names: list[str] = field(default_factory=list)
    recipient_names: list[str] = field(default_factory=list)
    related: dict[Any, str | None] = field(default_factory=dict)  # other key -> label date (ISO) when known
    vector: dict[str, float] = field(default_factory=dict)
    title_tokens: set[str] = field(default_factory=set)
    _features: tuple | None = None

    def features(self) -> tuple[list, bool, str | None]:
        """(cited letters, opens as a reply, response-title target), computed once."""
        if self._features is None:
            self._features = (lt.cited_letters(self.text, self.date), lt.has_reply_cue(self.text),
                              lt.response_title_target(self.title))
        return self._features


# ---------------------------------------------------------------- the reply finder (pure)


def _party_match(a: set[str], b: set[str]) -> float:
    """2 when a person is shared, 1 when only an organisation or a first name is, 0 otherwise."""
    common = a & b
    if any(k.startswith("p:") for k in common):
        return 2.0
    return 1.0 if common else 0.0


def _score(reply: Letter, orig: Letter, hubs: set) -> tuple[float, list[str], bool]:
    """How strongly `reply` answers `orig`; the evidence phrases; whether an explicit signal was found."""
    reasons: list[str] = []
    score = 0.0
    explicit = False
    same_sender = _party_match(reply.senders, orig.senders) >= 2 or (
        reply.senders and reply.senders == orig.senders
    )
    cited_letters, reply_cue, to_part = reply.features()
    for cited in cited_letters:
        if cited.poss != "your" and not (cited.poss == "the" and cited.cue):
            continue
        if orig.date and abs((orig.date - cited.date).days) <= CITED_DATE_SLACK and not same_sender:
            # "Thank you for your letter of 16 January" answers it; "your reply of 24 April" alone only mentions it
            score += 4.0 if cited.cue else 2.0
            explicit = explicit or cited.cue
            verb = "answers" if cited.cue else "mentions"
            reasons.append(f"{verb} the letter of {cited.date.isoformat()}: “{cited.quote}”")
            break
    label_date = reply.related.get(orig.key, orig.related.get(reply.key, "absent"))
    back = _party_match(reply.senders, orig.recipients)
    forth = _party_match(reply.recipients, orig.senders)
    if label_date != "absent" and orig.key not in hubs:
        score += 3.0
        # a Related Link joins letters of one exchange; it names a reply when the parties are reversed (or the
        # text or title says so), not when a third party writes about the same matter
        explicit = explicit or bool(back and forth) or reply_cue or to_part not in (None, "")
        side = "the reply's" if orig.key in reply.related else "the original's"
        reasons.append(f"Related Link on {side} page")
        other = orig if orig.key in reply.related else reply
        if label_date and other.date and label_date[:7] == other.date.isoformat()[:7]:
            score += 0.5
            reasons.append(f"link label dated {label_date[:7]}")
    if to_part is not None:
        named = lt.names_in(to_part, orig.sender_names)
        if named:
            score += 2.0
            reasons.append(f"title “{reply.title}” answers {named}")
        else:
            score += 0.5
    if reply_cue:
        score += 1.0
        reasons.append("opens as a reply")
    if back and forth:
        score += 2.0 + (0.5 if back + forth >= 4 else 0.0)
        reasons.append("same parties reversed")
    elif back or forth:
        score += 1.0
        reasons.append("one party reversed")
    else:
        score -= 2.0
    if same_sender:
        score -= 3.0
    topic = lt.cosine(reply.vector, orig.vector)
    title_overlap = lt.overlap(reply.title_tokens, orig.title_tokens)
    score += min(2.0, 3.0 * topic) + (1.0 if title_overlap >= 0.5 else 0.0)
    if topic >= 0.15 or title_overlap >= 0.5:
        reasons.append(f"topic overlap {topic:.2f}")
    gap = (reply.date - orig.date).days if reply.date and orig.date else None
    if gap is not None:
        if explicit and gap > EXPLICIT_WINDOW_DAYS and label_date == "absent":
            explicit = False  # "your letter of 3 May" two years on is more likely another letter of that day
        # closer is likelier; an explicit answer may come late (the penalty stops growing)
        score -= min(gap / WINDOW_DAYS, 1.5) if explicit else gap / WINDOW_DAYS
    weak_ok = bool(back and forth) and (
        to_part is not None or reply_cue or title_overlap >= 0.5 or topic >= 0.4
    )
    if not explicit and (not weak_ok or gap is None or gap > WINDOW_DAYS):
        return 0.0, reasons, False
    return score, reasons, explicit


def _same_day_reply(reply: Letter, orig: Letter) -> bool:
    """Two letters of one day: the one that says it is a reply answers the other (or a Related Link says so)."""
    if orig.key in reply.related:
        return True
    says = reply.features()[2] is not None or reply.features()[1]
    orig_says = orig.features()[2] is not None or orig.features()[1]
    return says and not orig_says


def find_replies(letters: list[Letter], hubs: set | None = None) -> list[tuple[Any, Any, str]]:
    """(reply key, original key, evidence) for every letter that answers an earlier one."""
    hubs = hubs or set()
    lt.fill_vectors(letters)
    by_key = {letter.key: letter for letter in letters}
    dated = sorted((letter for letter in letters if letter.date), key=lambda x: x.date)
    incoming: dict[Any, list[Letter]] = {}
    for letter in letters:
        for k in letter.related:
            incoming.setdefault(k, []).append(letter)
    dates = [letter.date for letter in dated]
    out = []
    for reply in letters:
        candidates: dict[Any, Letter] = {}
        for k in reply.related:
            if k in by_key and k != reply.key:
                candidates[k] = by_key[k]
        for other in incoming.get(reply.key, ()):
            candidates[other.key] = other
        if reply.date:
            # letters from the other party within the window (a weak match needs no more), and any letter of a
            # cited date (an explicit one may come late)
            lo = bisect.bisect_left(dates, reply.date - dt.timedelta(days=WINDOW_DAYS))
            hi = bisect.bisect_right(dates, reply.date)
            for orig in dated[lo:hi]:  # the same parties reversed: from the reply's addressee to its writer
                if orig.senders & reply.recipients and orig.recipients & reply.senders:
                    candidates[orig.key] = orig
            for cited in reply.features()[0]:
                lo = bisect.bisect_left(dates, cited.date - dt.timedelta(days=CITED_DATE_SLACK))
                hi = bisect.bisect_right(dates, cited.date + dt.timedelta(days=CITED_DATE_SLACK))
                for orig in dated[lo:hi]:
                    candidates[orig.key] = orig
        best: tuple[float, Any, list[str]] | None = None
        for orig in candidates.values():
            if orig.key == reply.key:
                continue
            if reply.date and orig.date and orig.date > reply.date:
                continue
            if reply.date and orig.date == reply.date and not _same_day_reply(reply, orig):
                continue
            score, reasons, _ = _score(reply, orig, hubs)
            if score >= MIN_SCORE and (best is None or score > best[0]):
                best = (score, orig.key, reasons)
        if best is not None:
            out.append((reply.key, best[1], "; ".join(best[2]) + f" (score {best[0]:.1f})"))
    return out


def _names(value: Any) -> list[str]:
    """Display strings from a sender/recipients value: a string, a dict (name, organisation), or a list of them."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [n for v in value for n in _names(v)]
    if isinstance(value, dict):
        parts = [value.get(k) for k in ("name", "organisation", "org") if value.get(k)]
        return [", ".join(str(p) for p in parts)] if parts else []
    return [s.strip() for s in lt.split_people(str(value)) if s.strip()]


def _keys(value: Any) -> set[str]:
    """Party keys from a sender/recipients value; register ids (party_id, organisation_id) when the dicts carry them."""
    if value is None:
        return set()
    if isinstance(value, (list, tuple)):
        return set().union(set(), *(_keys(v) for v in value))
    keys = set().union(set(), *(lt.party_keys(n) for n in _names(value)))
    if isinstance(value, dict):
        for field_name in ("party_id", "id", "organisation_id"):
            pid = value.get(field_name)
            if pid:
                keys.update(id_keys(str(pid)))
    return keys


def id_keys(pid: str) -> set[str]:
    """Keys for a register id: "org:ons" also meets the name keys of "ONS"; "org:home-affairs-committee" those of
    "Home Affairs Committee"."""
    if pid.startswith(("person:", "unresolved:person")):
        return {"p:" + pid}
    keys = {"o:" + pid}
    if pid.startswith("org:"):
        keys.add("o:" + pid[4:].replace("-", " "))
    return keys


def letters_from_dicts(docs: list[dict]) -> list[Letter]:
    """Letters (by doc_type when given, else anything with a sender and a recipient) from plain dicts."""
    letters = []
    urls = {lt.norm_url(d.get("url") or ""): d.get("url") for d in docs}
    for d in docs:
        senders, recipients = _names(d.get("sender")), _names(d.get("recipients"))
        letter = Letter(key=d.get("url"), date=lt.to_date(d.get("date")), title=d.get("title") or "",
                        text=d.get("text") or "", sender_names=senders, recipient_names=recipients)
        letter.senders, letter.recipients = _keys(d.get("sender")), _keys(d.get("recipients"))
        if not is_letter(d.get("doc_type"), bool(letter.senders), bool(letter.recipients)):
            continue
        for link in d.get("related") or []:
            url = link.get("url") if isinstance(link, dict) else link
            target = urls.get(lt.norm_url(url or ""))
            if target is not None and target != letter.key:
                letter.related[target] = link.get("label_date") if isinstance(link, dict) else None
        letters.append(letter)
    keys = {letter.key for letter in letters}
    for letter in letters:  # Related Links to reports do not make threads
        letter.related = {k: v for k, v in letter.related.items() if k in keys}
    return letters


def infer_reply_links(docs: list[dict]) -> list[tuple[Any, Any, str]]:
    """The reply finder on plain dicts (keys url, date, title, text, sender, recipients, related; doc_type optional).

    Returns (reply url, original url, evidence) tuples; the scorer in eval/ compares them with its gold links."""
    letters = letters_from_dicts(docs)
    return find_replies(letters, hub_letters({letter.key: letter for letter in letters}))


def find_follow_ups(letters: dict[Any, Letter], replies: list[tuple]) -> list[tuple[Any, Any, str]]:
    """A writer's return to their own earlier letter ("Further to my letter of 10 May 2018"): not a reply, but the
    same exchange. (later key, earlier key, evidence)."""
    answered = {(f, t) for f, t, _ in replies}
    by_date: dict[dt.date, list[Letter]] = {}
    for letter in letters.values():
        if letter.date:
            by_date.setdefault(letter.date, []).append(letter)
    out = []
    for letter in letters.values():
        for cited in letter.features()[0]:
            if cited.poss not in ("my", "our"):
                continue
            best = None
            for delta in range(-CITED_DATE_SLACK, CITED_DATE_SLACK + 1):
                for earlier in by_date.get(cited.date + dt.timedelta(days=delta), ()):
                    if earlier.key == letter.key or (letter.date and earlier.date and earlier.date > letter.date):
                        continue
                    strength = _party_match(letter.senders, earlier.senders)
                    if strength and (best is None or (strength, -abs(delta)) > best[0]):
                        best = ((strength, -abs(delta)), earlier)
            if best is not None and (letter.key, best[1].key) not in answered:
                out.append((letter.key, best[1].key, f"refers back to the writer's letter of "
                                                     f"{cited.date.isoformat()}: “{cited.quote}”"))
                break
    return out


def group_threads(letters: dict[Any, Letter], replies: list[tuple], hubs: set) -> dict[Any, Any]:
    """letter key -> the smallest key of its thread: connected components over replies and Related Links between
    letters, never through a hub letter."""
    uf = _UnionFind()
    for key in letters:
        uf.find(key)
    for f, t, _ in replies:
        uf.union(f, t)
    for letter in letters.values():
        for t in letter.related:
            if t in letters and t not in hubs and letter.key not in hubs:
                uf.union(letter.key, t)
    return {key: uf.find(key) for key in letters}


# ---------------------------------------------------------------- the archive side


def is_letter(doc_type: str | None, has_sender: bool, has_recipient: bool) -> bool:
    kind = (doc_type or "").lower()
    if kind in LETTER_TYPES:
        return True
    if kind in NON_LETTER_TYPES:
        return False
    return has_sender and has_recipient


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
                keys.update(k for k in lt.party_keys(name) if k.startswith("p:"))
    letters: dict[int, Letter] = {}
    for i, d in docs.items():
        if root[i] != i:
            continue
        p = parties.get(i, {})
        s_keys, s_names = p.get("sender", (set(), []))
        r_keys, r_names = p.get("recipient", (set(), []))
        if not s_names and d["sender"]:
            s_names = _names(d["sender"])
            s_keys = set().union(*(lt.party_keys(n) for n in s_names)) if s_names else set()
        if not r_names and d["recipients"]:
            r_names = _names(d["recipients"])
            r_keys = set().union(*(lt.party_keys(n) for n in r_names)) if r_names else set()
        if not is_letter(d["doc_type"], bool(s_keys), bool(r_keys)):
            continue
        letters[i] = Letter(
            key=i, date=lt.to_date(d["date"]), title=d["title"] or "", text=d["text"] or "",
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


def hub_letters(letters: dict[int, Letter]) -> set[int]:
    incoming: dict[int, set] = {}
    for letter in letters.values():
        for t in letter.related:
            incoming.setdefault(t, set()).add(letter.key)
    return {t for t, s in incoming.items() if len(s) >= HUB_DEGREE}


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[Any, Any] = {}

    def find(self, x: Any) -> Any:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: Any, b: Any) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


@dataclass
class ThreadSummary:
    reply_links: int = 0
    follow_up_links: int = 0
    threads: int = 0
    exchanges: int = 0  # threads of two or more letters
    largest: int = 0


def build_threads(db: sqlite_utils.Database) -> ThreadSummary:
    """Recompute reply_to links and threads from the archive's documents and links (idempotent)."""
    db.execute("delete from links where kind in ('reply_to', 'follows_up')")
    letters, root, docs = load_letters(db)
    hubs = hub_letters(letters)
    replies = find_replies(list(letters.values()), hubs)
    follow_ups = find_follow_ups(letters, replies)
    lt.bulk_insert(db, "links", [
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
        hosts = sorted({lt.host_of(docs[i]["url"]) for i in group})
        rows.append({
            "id": tid, "title": heads[0].title, "first_date": min(dates) if dates else None,
            "last_date": max(dates) if dates else None, "document_count": len(group),
            "letter_count": len(heads), "parties": json.dumps(names[:20]), "hosts": json.dumps(hosts),
        })
        for i in group:
            doc_thread[i] = tid
        summary.exchanges += len(heads) > 1
        summary.largest = max(summary.largest, len(heads))
    lt.bulk_insert(db, "threads", rows)
    with db.conn:
        db.conn.executemany("update documents set thread_id = ? where id = ?", [(t, i) for i, t in doc_thread.items()])
    if db["commitments"].exists():
        db.execute(
            "update commitments set thread_id = (select thread_id from documents d where d.id = commitments.document_id)"
        )
    summary.threads = len(rows)
    return summary
