"""Undertakings whose subject is not a party: passive ("the tables will, from April, be published monthly", "access
will be granted for", "the Board will be kept informed") and impersonal ("work on the third recommendation will
commence in", "the review will consider"), and pronoun objects ("we expect it to ...").

    impersonal_actor(text, at, after_will) -> "writer" | "recipient" | None
    Antecedents(spans, writer_org_id).before(limit) -> the organisation a pronoun stands for, or None

Who acts in a passive undertaking is the body that writes (it tells its reader what it will do), unless the
subject says whose it is ("your release will be ..." → the recipient).  Predictions stay out: only participles of
producing and sharing actions count, and a subject that is a pronoun or a relative ("it", "which") is not read.
"""
from __future__ import annotations

import re

from extract.dates.lexicon import MONTHS_EN
from bisect import bisect_right

# Verbs of action (bare form): what a coordinated predicate, an activity or 'want to' must begin with.
ACTION_VERBS = {
    "publish", "review", "consider", "reply", "respond", "write", "work", "engage", "consult", "share", "update",
    "provide", "develop", "improve", "ensure", "continue", "set", "make", "explain", "introduce", "release",
    "produce", "report", "monitor", "discuss", "meet", "seek", "look", "take", "offer", "give", "send", "confirm",
    "clarify", "present", "investigate", "examine", "assess", "check", "test", "keep", "invite", "add", "extend",
    "expand", "increase", "reduce", "revise", "correct", "remove", "launch", "begin", "start", "commence",
    "complete", "carry", "follow", "speak", "talk", "contact", "inform", "notify", "outline", "describe", "draw",
    "use", "put", "bring", "support", "help", "lead", "prepare", "submit", "deliver", "implement", "adopt", "apply",
    "build", "create", "establish", "evaluate", "identify", "maintain", "prioritise", "prioritize", "raise",
    "highlight", "emphasise", "emphasize", "strengthen", "enhance", "demonstrate", "collaborate", "alert",
    "circulate", "issue", "announce", "tell", "let", "arrange", "hold", "run", "undertake", "conduct",
    "commission", "reflect", "link", "resolve", "address", "return", "revisit", "reconsider", "refresh",
    "replace", "retain", "agree", "invest", "explore", "focus", "cover", "document", "expose", "signpost",
    "allocate", "inform", "record", "compile", "collect", "align", "notify", "reissue", "republish",
}
# Participles after "will be" that make an undertaking by whoever holds the thing.
PARTICIPLES = {
    "published", "released", "granted", "tested", "undertaken", "reviewed", "shared", "updated", "sent", "provided",
    "produced", "added", "issued", "launched", "circulated", "revised", "developed", "introduced", "extended",
    "reported", "carried", "completed", "commissioned", "consulted", "discussed", "presented", "placed",
    "implemented", "delivered", "prepared", "submitted", "reissued", "republished", "corrected", "removed",
    "amended", "expanded", "conducted", "rolled", "piloted", "trialled", "evaluated", "finalised", "finalized",
    "announced", "established", "created", "monitored", "documented", "incorporated", "replaced", "restored",
    "resumed", "reinstated", "made", "set", "kept", "investigated", "examined", "assessed", "explored",
    "delayed", "postponed", "rescheduled", "brought",
}
# "will be made available / set out / kept informed": the participle needs its complement to be an action.
_NEEDS = {"brought": r"forward", "made": r"available|public|clear(?:er)?", "set": r"out|up", "kept": r"informed|up\s+to\s+date|under\s+review|updated",
          "carried": r"out", "rolled": r"out"}
# Activities that act ("the review will consider", "work on X will begin"): their undertaking is the writer's.
_ACTIVITY = re.compile(r"\b(?:work|review|consultation|assessment|evaluation|project|programme|exercise|study|"
                       r"investigation|engagement|audit|research|phase|stage|compliance\s+check|analysis|update|"
                       r"follow-up|inquiry)\b", re.I)
_ACTIVITY_VERBS = {"consider", "cover", "commence", "begin", "start", "focus", "conclude", "examine", "look", "assess",
                   "explore", "report", "review", "include", "seek", "take", "run", "involve", "address", "test",
                   "identify", "evaluate", "investigate"}
_NOT_SUBJECT = re.compile(r"^(?:it|this|that|these|those|which|who|they|there|he|she|what|each|one|such|all)$", re.I)
_BREAK = re.compile(r"[;:()\u2013\u2014]|,\s|\b(?:that|which|because|while|whilst|although|when|once|after|before|"
                    r"until|since|where|whether|if|but|so)\b", re.I)
# "<subject> was/has ... and" before "will": the coordinated predicate's subject is the first verb's.
_SHARED_SUBJECT = re.compile(r"^(?P<subject>.*?)\s+(?:was|were|is|are|has|have|had|will|would|can|could)\b.*\s(?:and|or)$",
                             re.I | re.S)
# A producer's output: what a regulator's passive sentence is about ("the statistics will be published").
_OUTPUT = re.compile(r"\b(?:statistics|data|dataset|datasets|figures|results|release|releases|bulletin|estimates|"
                     r"tables|series|publication|measures?|outputs?|indices|index|methodology|methods)\b", re.I)
_PASSIVE = re.compile(r"^(?:,[^,]{1,40},\s*)?be\s+(?:\w+ly\s+)?(?P<p>[a-z]+)\b\s*(?P<rest>.*)$", re.I | re.S)
# "will be published by ONS": the passive-by rule names the actor; a date after "by" is not an agent.
_AGENT = re.compile(r"^(?:\w+\s+){0,3}?by\s+(?!the\s+(?:end|start|beginning|middle|time)\b|(?:early|mid|late|end|"
                    r"next|this|then|no|[0-9])|(?:" + "|".join(MONTHS_EN) + r"|spring|summer|autumn|winter)\b)", re.I)


def impersonal_actor(text: str, at: int, after_will: str, action_verbs: set[str],
                     subject_is_party: bool = False, regulator: bool = False) -> str | None:
    """The actor of "<thing> will <after_will>" when <thing> (the words before position `at`) names no party, or
    names the party a passive acts upon ("the Board will be kept informed": `subject_is_party`)."""
    window = text[max(0, at - 160):at]
    cut = 0
    for brk in _BREAK.finditer(window):
        cut = brk.end()
    subject = window[cut:].strip(" ,")
    joined = _SHARED_SUBJECT.match(subject)
    if joined:  # "This was published in May and will be updated": the subject of the first verb
        subject = joined.group("subject")
    words = subject.split()
    if not words or len(words) > 14 or _NOT_SUBJECT.match(subject):
        return None
    owner = "recipient" if re.search(r"\byour\b", subject, re.I) and not subject_is_party else "writer"
    if owner == "writer" and regulator and not subject_is_party and _OUTPUT.search(subject) \
            and not re.search(r"\b(?:our|my)\b", subject, re.I):
        owner = "recipient"  # the regulator writing "the statistics will be published in May": the producer's plan
    passive = _PASSIVE.match(after_will)
    if passive is not None:
        participle = passive.group("p").lower()
        if participle not in PARTICIPLES:
            return None
        need = _NEEDS.get(participle)
        if need and not re.match(need, passive.group("rest"), re.I):
            return None
        if _AGENT.match(passive.group("rest")):
            return None
        return owner
    if subject_is_party:
        return None
    verb = re.match(r"\s*([a-z]+)", after_will)
    if verb and _ACTIVITY.search(subject) and verb.group(1) in _ACTIVITY_VERBS:
        return owner
    return None


def starts_with_action(item: str) -> bool:
    """Does a list item begin with a verb of action ("Enhance the ...", "to publish ...", "reviewing ...")?"""
    words = re.findall(r"[A-Za-z]+", item[:40].lower())
    if words[:1] == ["to"]:
        words = words[1:]
    if not words:
        return False
    word = words[0]
    if word.endswith("es") and (word[:-2] in ACTION_VERBS or word[:-1] in ACTION_VERBS):
        return True  # "publishes", "compares" (after "we recommend that the Ministry:")
    if word.endswith("s") and word[:-1] in ACTION_VERBS:
        return True
    if word.endswith("ing"):
        stem = word[:-3]
        return stem in ACTION_VERBS or stem + "e" in ACTION_VERBS or stem[:-1] in ACTION_VERBS
    return word in ACTION_VERBS


class Antecedents:
    """The organisations a paragraph names (other than the writer's), by where they end: the last one named before
    a position is a binary search, so a paragraph of thousands of sentences is read in n log n."""

    def __init__(self, spans: list, writer_org_id: str | None):
        rows = sorted((end, target) for _start, end, _written, kind, target in spans
                      if kind == "org" and target != writer_org_id)
        self.ends = [end for end, _target in rows]
        self.targets = [target for _end, target in rows]

    def before(self, limit: int) -> str | None:
        at = bisect_right(self.ends, limit)
        return self.targets[at - 1] if at else None


__all__ = ["ACTION_VERBS", "Antecedents", "PARTICIPLES", "impersonal_actor", "starts_with_action"]
