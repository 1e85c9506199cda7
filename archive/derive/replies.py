"""The reply finder: which letter answers which (pure: no database).

`infer_reply_links(docs)` takes plain dicts and returns (reply, original, evidence) tuples (the evaluation scorer
calls it on its gold set); `find_replies`, `find_follow_ups` and `group_threads` work on `Letter` records and are used
by archive/derive/threads.py on the archive itself.

Signals for a reply (each one named in the link's `evidence`): a cited date ("Thank you for your letter of 16 January")
matching a letter from the other party within 3 days; a Related Link between the two letters (and its label's date);
a title such as "Response from X to Y" naming the other party; the same parties reversed; topic overlap within a
plausible window.
"""
from __future__ import annotations

import bisect
import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from archive.derive import cited as ct
from archive.derive import partynames as pn
from archive.derive import words as wd
from captures import urls as curls

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
    _bag: Counter | None = None  # the words of title and opening text (fill_vectors), before weighting

    def features(self) -> tuple[list, bool, str | None]:
        """(cited letters, opens as a reply, response-title target), computed once."""
        if self._features is None:
            self._features = (ct.cited_letters(self.text, self.date), ct.has_reply_cue(self.text),
                              ct.response_title_target(self.title))
        return self._features


def is_letter(doc_type: str | None, has_sender: bool, has_recipient: bool) -> bool:
    kind = (doc_type or "").lower()
    if kind in LETTER_TYPES:
        return True
    if kind in NON_LETTER_TYPES:
        return False
    return has_sender and has_recipient


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
        named = pn.names_in(to_part, orig.sender_names)
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
    topic = wd.cosine(reply.vector, orig.vector)
    title_overlap = wd.overlap(reply.title_tokens, orig.title_tokens)
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
    fill_vectors(letters)
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
    return [s.strip() for s in pn.split_people(str(value)) if s.strip()]


def _keys(value: Any) -> set[str]:
    """Party keys from a sender/recipients value; register ids (party_id, organisation_id) when the dicts carry them."""
    if value is None:
        return set()
    if isinstance(value, (list, tuple)):
        return set().union(set(), *(_keys(v) for v in value))
    keys = set().union(set(), *(pn.party_keys(n) for n in _names(value)))
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
    urls = {curls.norm_url(d.get("url") or ""): d.get("url") for d in docs}
    for d in docs:
        senders, recipients = _names(d.get("sender")), _names(d.get("recipients"))
        letter = Letter(key=d.get("url"), date=ct.to_date(d.get("date")), title=d.get("title") or "",
                        text=d.get("text") or "", sender_names=senders, recipient_names=recipients)
        letter.senders, letter.recipients = _keys(d.get("sender")), _keys(d.get("recipients"))
        if not is_letter(d.get("doc_type"), bool(letter.senders), bool(letter.recipients)):
            continue
        for link in d.get("related") or []:
            url = link.get("url") if isinstance(link, dict) else link
            target = urls.get(curls.norm_url(url or ""))
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


def fill_vectors(letters: list, text_chars: int = 4000) -> None:
    """tf-idf vectors (title + opening text, party names removed) and title tokens for each letter."""
    bags = []
    for letter in letters:
        if letter._bag is None:  # else kept from an earlier build (archive/derive/threads.py), with its title tokens
            own = pn.name_tokens(letter.sender_names + letter.recipient_names)
            letter._bag = Counter(wd.content_tokens(letter.title + " " + letter.title + " " + letter.text[:text_chars],
                                                    own))
            letter.title_tokens = set(wd.content_tokens(letter.title, own))
        bags.append(letter._bag)
    df = Counter(t for bag in bags for t in bag)
    n = max(len(bags), 1)
    for letter, bag in zip(letters, bags):
        vec = {t: (1 + math.log(c)) * math.log(1 + n / df[t]) for t, c in bag.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        letter.vector = {t: v / norm for t, v in vec.items()}
