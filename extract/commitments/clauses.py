"""One sentence, several actions: "we will publish X, and work with Y", "I ask that you investigate X and would
welcome your view", "Please ensure that X, and that Y", "we will review X, and we expect ONS to Y".

    split_actions(sentence, found, classify) -> [(start, end, Match)]

The sentence's first reading (`found`, from commitments_match.classify) covers the words up to the first
coordinator ("and", "but", "as well as", ";") after its trigger that opens another action: either a clause with a
trigger of its own ("and we expect ONS to ...": read on its own), or a coordinated predicate that shares the first
one's subject ("and work with ...", "and to consider ...", "and would welcome ...", "and that the tables ...",
"as well as speaking with ...", "and your advice on ...": same kind and actor).  A coordinator followed by anything
else ("the data and the methods") joins noun phrases and does not split.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable

from extract.commitments.impersonal import ACTION_VERBS
from extract.commitments.match import Match

_FOLLOWER = (r"(?:the|a|an|our|your|its|their|his|her|this|that|these|those|it|them|us|you|with|to|on|in|into|"
             r"for|about|how|whether|what|which|where|when|why|more|further|any|all|some|each|every|up|out|"
             r"forward|back|across|over|through|at|by|from|as|clear|available|public|regular|early|new|wider|"
             r"better|greater|additional|[A-Z][\w&'’-]*)\b")
# The words after a coordinator that make it a second action of the same subject.
_PREDICATE = re.compile(
    r"(?:(?:also|then|now|further|subsequently|separately|thereafter|in\s+turn)\s+)?(?:"
    r"that\s+(?!is\b|was\b|it\s+is\b|this\b)\S"  # "and that the reasons are explained" (after "ensure that")
    r"|(?:will|would|shall|should|must)\s+(?:also\s+)?(?P<modal>[a-z]+)\b"  # "and would welcome ..."
    r"|(?:your|their|its)\s+(?:advice|view|views|guidance|assessment|comments?|response|confirmation|"
    r"verification|opinion|thoughts|update|explanation)\b"  # "..., and your advice on ..."
    r"|to\s+(?:also\s+)?(?P<inf>[a-z]+)\b"  # "and to consider ..."
    r"|(?P<ger>[a-z]+ing)\s+" + _FOLLOWER +  # "as well as speaking with ..."
    r"|(?P<bare>[a-z]+)\s+(?:" + _FOLLOWER + r"|(?!(?:and|or|of|is|are|was|were|will|have|has)\b)(?<=\s)(?P<any>[a-z]))"  # "and work with ..."
    r")")
# Coordinators that may open another action (the comma before "and" belongs to the first action).
_COORDINATOR = re.compile(r"(?:,\s*|\s+)(?:and|but(?:\s+also)?|as\s+well\s+as|plus|whilst|while)\s+|;\s+", re.I)


def _shares_object(before: str, coordinator: str) -> bool:
    """"to carry out and publish a review", "we will review and revise the tables": the first verb has no object
    of its own before the coordinator (a noun such as "of their release" does not count)."""
    if coordinator.lstrip().startswith((",", ";")):
        return False
    if re.search(r"\bto\s+[a-z]+(?:\s+(?:out|up|on))?\s*$", before):
        return True
    last = re.search(r"\b(?P<prev>[a-z]+)\s+(?P<verb>[a-z]+)(?:\s+(?:out|up|on))?\s*$", before)
    return bool(last and last.group("verb") in ACTION_VERBS and last.group("prev") in _AUXILIARIES)


_NOUN_LIKE = {"release", "review", "report", "update", "test", "use", "record", "work", "support", "check", "issue",
              "document", "link", "present", "increase", "lead", "look", "set", "run", "hold", "help", "share",
              "return", "address", "focus", "cover", "contact", "offer", "change", "plan", "estimate", "request",
              "reply", "respond", "draw", "put", "start", "complete", "alert", "signpost", "record", "collect"}
_CONTEXT = 300  # characters read past the next coordinator ("we expect ONS and HMRC to ..." spans one)
_AUXILIARIES = {"will", "shall", "would", "should", "must", "can", "could", "also", "then", "now", "we", "i", "you",
                "they", "to", "and", "jointly", "both", "please"}


def _is_predicate(rest: str) -> bool:
    match = _PREDICATE.match(rest)
    if match is None:
        return False
    verb = match.group("inf")
    if verb is not None:
        return verb in ACTION_VERBS
    verb = match.group("bare")
    if verb is not None:
        # a verb that is also a noun ("release notes") needs a determiner or preposition after it
        return verb in ACTION_VERBS and not (match.group("any") and verb in _NOUN_LIKE)
    verb = match.group("modal")
    if verb is not None:
        return verb in ACTION_VERBS or verb in ("welcome", "appreciate", "like", "ask", "request", "encourage")
    verb = match.group("ger")
    if verb is not None:
        stem = verb[:-3]
        return stem in ACTION_VERBS or stem + "e" in ACTION_VERBS or stem[:-1] in ACTION_VERBS
    return True


def split_actions(sentence: str, found: Match, classify: Callable[[str], Match | None]) -> list[tuple[int, int, Match]]:
    """The actions of one (stripped) sentence: (start, end, reading), the first from 0, in order."""
    pieces: list[tuple[int, int, Match]] = []
    start, current = 0, found
    boundaries = [m for m in _COORDINATOR.finditer(sentence) if m.start() > found.verb_at + 2]
    for n, coordinator in enumerate(boundaries):
        # bounded slices: a sentence of thousands of coordinated parts is still read in linear time
        next_start = (boundaries[n + 1].start() if n + 1 < len(boundaries) else len(sentence)) - coordinator.end()
        rest = sentence[coordinator.end():coordinator.end() + next_start + _CONTEXT]
        if len(rest[:60].split()) < 3 or _shares_object(sentence[max(0, coordinator.start() - 80):coordinator.start()],
                                                         coordinator.group(0)):
            continue  # "to carry out and publish a review": two verbs, one action on one object
        own = classify(rest)  # the part up to the next coordinator and a little after
        if own is not None and own.verb_at < next_start:
            reading = own
        elif _is_predicate(rest) and not (rest.startswith("that") and current.kind == "commitment"):
            reading = replace(current, verb_at=0, actor="lead" if current.actor == "lead" else current.actor)
        else:
            continue
        end = coordinator.start()
        if sentence[start:end].strip():
            pieces.append((start, end, current))
        start, current = coordinator.end(), reading
    pieces.append((start, len(sentence), current))
    return pieces


__all__ = ["ACTION_VERBS", "split_actions"]
