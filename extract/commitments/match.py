"""Reading one sentence: is it a commitment, expectation, request or recommendation, and who is bound?

(Just over 400 lines: the trigger rules and the actor each of them binds are read together, in sentence order; the
word tables are already in rules.py and the impersonal and clause readers have their own modules.)"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from extract.commitments import rules as R
from extract.commitments.impersonal import ACTION_VERBS, impersonal_actor

if TYPE_CHECKING:
    from extract.commitments.finder import CommitmentContext

# Between a named party and its trigger: possessive team words and auxiliaries ("ONS's team is planning to").
_NAMED_GAP = re.compile(r"(?:['’]s)?\s*(?:(?:team|teams|statisticians|analysts|colleagues|staff|officials|"
                        r"statistics\s+team)\s*)?(?:(?:also|now|therefore|then|itself|themselves|jointly|in\s+turn|both|"
                        r"is|are|has|have|had|was|were|still|already|fully|itself)\s*)*", re.I)
_AUX_TAIL = re.compile(r"(?:\s+(?:are|am|is|was|were|have|has|had|do|does|did|['’]re|['’]ve|['’]m|remain|remains|"
                       r"also|now|still|already|therefore|both|all|fully|jointly|each|firmly|very|then|together|"
                       r"currently|actively|certainly|definitely|firmly|shortly|soon|themselves|itself|ourselves))+$", re.I)
_SHOULD_NOT = re.compile(r"^\s*(?:(?:not\s+)?have\s+(?:been\s+)?\w+|be\s+(?:grateful|glad|happy|pleased|interested|commended|congratulated|praised|proud|"
                         r"reassured|thanked|recognised|recognized)|like|note|say|mention|point\s+out|"
                         r"stress|emphasi[sz]e|admit|confess|you|they|it|there|we|i)\b", re.I)
# Triggers that address the recipient even when their object names something else ("we recommend that the
# guidance is updated", "we ask that the tables are revised").
_ADDRESSEE_IMPLIED = {"recommend", "we ask"}
_DEPARTMENT = re.compile(r"^the\s+(?:department|ministry|agency|government)$", re.I)
# The people who make the statistics ("the statistics team", "your statisticians"): the statistics' producer, which
# is the addressee's body unless the letter says the statistics are another body's (CommitmentContext.producer_id).
_OWN_PEOPLE = re.compile(r"(?:the\s+)?(?:officials|colleagues|team|teams|statisticians|analysts|staff|officers)", re.I)
_PRODUCER = re.compile(r"^(?:the|your)\s+(?:statistics\s+team|statistical\s+team|producer|producer\s+team|producers|"
                       r"team|teams|statisticians|analysts)$", re.I)
# Capitalised words that begin a sentence or a phrase without naming anything ("My team", "In March we").
_NOT_A_NAME = re.compile(r"(?:My|Our|Your|Their|His|Her|Its|This|That|These|Those|Each|Every|Any|All|Some|Both|In|On|"
                         r"At|By|For|From|With|As|If|When|Since|Once|After|Before|Following|We|I|You|They|It|There|"
                         r"Next|Last|Then|Also|However|Finally|Going|Overall)\b")
_EMBEDDED_QUESTION = re.compile(r"\b(?:which|what|how|when|whether|why|where)\s+(?:[\w’'-]+\s+){0,4}$", re.I)
_PRONOUN = re.compile(r"(?:it|they|he|she)", re.I)
_REPORTING = re.compile(r"\b(?:(?:has|have|had)\s+)?(?:told|informed|confirmed|said|explained|stated|indicated|"
                        r"announced|advised|assured|reassured|written|wrote)\b", re.I)
_POSSESSIVE = re.compile(r"^(?P<name>.+?)['’]s?$")


@dataclass
class Match:
    kind: str
    actor_id: str | None
    actor_name: str | None
    actor: str  # writer | recipient | named | lead
    verb_at: int  # where the trigger starts in the sentence (the due date is looked for after it)


def classify(sentence: str, ctx: "CommitmentContext", in_list: bool = False) -> Match | None:
    """The sentence's reading, or None when it binds no one to act."""
    text = sentence.strip()
    if len(text) < 8:
        return None
    words = set(R.WORDS.findall(text.lower()))
    if words.isdisjoint(R.ANY_TRIGGER_WORD):
        return None
    conditional = False
    for _name, rule in R.NOT_COMMITMENTS:
        if rule.search(text):
            if _name == "present act" and R.OWN_PLAN.search(text):
                continue  # "I am writing to set out how we intend to ...": the plan is the commitment
            if _name != "conditional":
                return None
            conditional = True  # "Where X is not possible, we encourage DWP to ...": only the writer's own asks
    spans: list | None = None
    best: tuple[int, int, Match] | None = None
    for order, (name, kind, where, pattern) in enumerate(R.TRIGGERS):
        if words.isdisjoint(R.TRIGGER_WORDS[name]) or (conditional and name not in R.UNCONDITIONAL):
            continue
        for match in pattern.finditer(text):
            if best is not None and match.start() >= best[0]:
                break
            if spans is None:
                spans = ctx.get_register().mention_spans(text)
            found = _reading(name, kind, where, match, text, ctx, in_list, spans)
            if found is not None:
                best = (match.start(), order, found)
                break
    if best is None or _is_welsh(text):
        return None
    found = best[2]
    if text.endswith("?") and found.kind != "request":
        return None
    return found


def _is_welsh(text: str) -> bool:
    words = re.findall(r"[\w'’]+", text)
    return len(words) >= 4 and len(R.WELSH.findall(text)) >= 0.25 * len(words)


def _reading(name: str, kind: str, where: str, match: re.Match, text: str, ctx: "CommitmentContext",
             in_list: bool, spans: list) -> Match | None:
    at = match.start()
    if where == "recipient":
        return _bound(kind, "recipient", None, ctx, at)
    if where == "writer":
        return _bound(kind, "writer", None, ctx, at)
    if where == "object":
        groups = match.groupdict()
        obj = groups.get("obj")
        if obj is None:
            return _bound(kind, "recipient", None, ctx, at)
        if obj.lower() in ("it", "they"):  # "we expect it to": the body named last before the sentence part
            named = [t for _s, e, _w, k, t in spans if e <= match.start("obj") and k == "org" and t != ctx.writer_org_id]
            antecedent = named[-1] if named else getattr(ctx, "antecedent", None)
            if antecedent:
                return _bound(kind, *_named("org", antecedent, ctx), ctx, at)
            return _bound(kind, "recipient", None, ctx, at) if ctx.recipient_org_ids else None
        obj_end = match.end("obj")
        if obj.split()[-1][:1].isupper():  # "the Data" of "the Data Linkage Steering Group publishes"
            obj_end += re.match(r"(?:\s+(?:(?:of|for|and|&)\s+)?[A-Z][\w&'’-]*)*(?:\s+team\b)?", text[obj_end:]).end()
            obj = text[match.start("obj"):obj_end]
        who, org_id = _party(obj, match.start("obj"), obj_end, text, spans, ctx, allow_artifact=True)
        if who is None:
            who, org_id = _role_holder(obj, ctx)
        if who is None:
            found = _capitalised_body(obj, match.start("obj"), spans, ctx)
            if found is not None:
                who, org_id = found
        if name == "asked own team" and _OWN_PEOPLE.fullmatch(obj.strip()):
            who, org_id = "writer", None  # "I have asked officials to": the writer's own people
        if who == "nobody" or (who is None and name not in _ADDRESSEE_IMPLIED):
            return None
        if name == "passive by" and who not in ("writer", "recipient", "named", "department", "producer",
                                                "unregistered"):
            return None
        if name == "asked own team" and not (who == "writer" or (who == "named" and _child_of_writer(org_id, ctx))):
            return None  # asking another body to act is reported, not undertaken
        if who is None:
            who, org_id = "recipient", None
        return _bound(kind, who, org_id, ctx, at)
    if where == "welcome":
        if not re.search(r"\b(?:we|i)\s+(?:\w+\s+){0,2}$", text[:at], re.I) and not text[:at].strip() == "":
            return None
        obj = match.groupdict().get("obj")
        who, org_id = "recipient", None
        if obj and obj.lower() not in ("your", "the", "their", "its"):
            owner = _POSSESSIVE.match(obj)
            who2, org2 = _party(owner.group("name") if owner else obj, match.start("obj"),
                                match.start("obj") + len(owner.group("name") if owner else obj), text, spans, ctx,
                                allow_artifact=False)
            if who2 in ("writer", "recipient", "named", "producer"):
                who, org_id = who2, org2
        return _bound(kind, who, org_id, ctx, at)
    # where == "subject": the words before the trigger
    who, org_id = _subject(text, at, spans, ctx, allow_artifact=(name == "should"))
    if name == "will" and who is None:
        who = impersonal_actor(text, at, text[match.end() - len(match.group("verb")):], ACTION_VERBS,
                               regulator=_regulator(ctx))
        return _bound(kind, *_reporter(text, at, spans, ctx, who), ctx, at) if who else None
    if who == "nobody" and name in R.PRONOUN_ACTS and _PRONOUN.fullmatch(_bare_subject(text, at)):
        who, org_id = _pronoun_subject(text, at, spans, ctx, name)
    if who in (None, "nobody"):
        return None
    if name == "want to" and (match.group("verb").lower() not in ACTION_VERBS
                              or match.group("verb").lower() in R.SAYING):
        return None
    if name == "should":
        if who == "writer" or _SHOULD_NOT.match(_after_trigger(match, text)):
            return None
        # "X should ..." advises (GUIDELINES: "ONS should" is a recommendation); "must", "needs to" require
        kind = "recommendation" if in_list or re.match(r"(?:should|ought)\b", match.group(0), re.I) else "expectation"
        return _bound(kind, who, org_id, ctx, at)
    if name == "has agreed to" and who == "writer" and R.STATUS_DECISION.match(text[match.start():]):
        return None  # "we have decided to suspend ...": a decision taken by this letter
    if name in ("will", "plan to", "due to") and _EMBEDDED_QUESTION.search(text[:at]) \
            and not (who == "writer" and R.SETS_OUT.search(text[:at])):
        return None  # "how ONS will explain ...", "which datasets ONS will prioritise": asked about, not promised
    if name == "will":
        verb = match.group("verb").lower()
        if verb == "be":
            if not R.WILL_BE_ACTIONS.match(text[match.start("verb"):]):
                # "the Board will be kept informed": whoever keeps it informed, i.e. the writer
                who = impersonal_actor(text, at, text[match.start("verb"):], ACTION_VERBS, subject_is_party=True,
                                       regulator=_regulator(ctx))
                return _bound(kind, *_reporter(text, at, spans, ctx, who), ctx, at) if who else None
        elif verb == "need":
            if who == "writer":
                return None
            return _bound("expectation", who, org_id, ctx, at)
        elif verb in R.NOT_ACTIONS and verb not in R.PARTY_ACTIONS:
            return None
    return _bound(kind, who, org_id, ctx, at)


def _bare_subject(text: str, at: int) -> str:
    window = text[max(0, at - 160):at]
    cut = 0
    for brk in R.CLAUSE_BREAK.finditer(window):
        cut = brk.end()
    return _AUX_TAIL.sub("", R.SUBJECT_EDGE.sub("", window[cut:]).strip()).strip()


def _pronoun_subject(text: str, at: int, spans: list, ctx: "CommitmentContext", name: str) -> tuple[str | None, str | None]:
    """"We have spoken to HMRC and it will publish ...", "We asked the department ... and it has agreed to ...": the
    body named earlier in the sentence; for plans and agreements also the one named before it, else the addressee."""
    named = [target for start, end, _w, kind, target in spans if end <= at and kind == "org"
             and target != ctx.writer_org_id]
    if named:
        return _named("org", named[-1], ctx)
    if name == "will":
        return None, None  # "it will take time": a thing, unless a body was just named
    if ctx.antecedent:
        return _named("org", ctx.antecedent, ctx)
    if re.search(r"\b(?:you|your|the\s+(?:department|ministry|agency|team|office))\b", text[:at], re.I):
        return "recipient", None
    return None, None


def _regulator(ctx: "CommitmentContext") -> bool:
    org = ctx.get_register().organisations.get(ctx.writer_org_id) if ctx.writer_org_id else None
    return org is not None and org.kind == "statistics-regulator"


def _reporter(text: str, at: int, spans: list, ctx: "CommitmentContext", who: str) -> tuple[str, str | None]:
    """"The department has told us that the tables will be published in May": a passive undertaking reported by a
    named party is that party's; otherwise the writer's (or, for "your ...", the reader's)."""
    reporting = None
    for found in _REPORTING.finditer(text[:at]):
        reporting = found
    if reporting is not None:
        by, org_id = _subject(text, reporting.start(), spans, ctx, allow_artifact=False)
        if by in ("named", "recipient", "department", "producer", "unregistered"):
            return _told_by(by, org_id, ctx)
    return who, None


def _after_trigger(match: re.Match, text: str) -> str:
    """The words after should / must / need to."""
    head = re.match(r"\b(?:should|must|needs?\s+to|ought\s+to|is\s+required\s+to|are\s+required\s+to|has\s+to|have\s+to)",
                    match.group(0), re.I)
    return text[match.start() + (head.end() if head else 0):]


def _bound(kind: str, who: str, org_id: str | None, ctx: "CommitmentContext", at: int) -> Match:
    if who in ("department", "producer"):
        who, org_id = _told_by(who, org_id, ctx)
        if who == "recipient" and _writer_is_the_department(ctx):
            # a department writing to the regulator, a committee or an MP: its "the department", "the team" and
            # "the statistics" are its own
            who = "writer"
    if who == "unregistered":  # a body the register does not hold: named as written, no id
        return Match(kind, None, org_id, "named", at)
    if who == "writer":
        return Match(kind, ctx.writer_org_id, ctx.writer_org_name, "writer", at)
    if who == "recipient":
        if ctx.recipient_org_ids:
            return Match(kind, ctx.recipient_org_ids[0], ctx.recipient_org_names[0], "recipient", at)
        return Match(kind, None, None, "recipient", at)
    return Match(kind, org_id, ctx.org_name(org_id) if org_id else None, "named", at)


def _writer_is_the_department(ctx: "CommitmentContext") -> bool:
    """A government body writes to one that is not (the regulator, a committee, an MP): its "the department", "the
    team" and "the statistics" are its own."""
    from extract.commitments.finder import GOVERNMENT_KINDS

    writer = ctx.get_register().organisations.get(ctx.writer_org_id) if ctx.writer_org_id else None
    return writer is not None and writer.kind in GOVERNMENT_KINDS and not _governmental(ctx)


def _governmental(ctx: "CommitmentContext") -> bool:
    from extract.commitments.finder import GOVERNMENT_KINDS

    if not ctx.recipient_org_ids or ctx.recipient_org_ids[0] is None:
        return False
    org = ctx.get_register().organisations.get(ctx.recipient_org_ids[0])
    return org is not None and org.kind in GOVERNMENT_KINDS


def _subject(text: str, at: int, spans: list, ctx: "CommitmentContext", allow_artifact: bool) -> tuple[str | None, str | None]:
    """Who the words just before position `at` name."""
    window_start = max(0, at - 160)
    chain: list[tuple[str, str]] = []
    limit = at
    for start, end, _written, kind, target in reversed(spans):
        if end > limit or start < window_start:
            continue
        gap = text[end:limit]
        if (not chain and _NAMED_GAP.fullmatch(gap)) or (chain and re.fullmatch(r"\s*(?:,|and|&|,\s*and)\s*", gap)):
            chain.append((kind, target))
            limit = start
            continue
        break
    if chain and R.GOVERNED.search(text[window_start:limit]) and not R.MEMBERS.search(text[window_start:limit]):
        chain = []
    if chain:
        named = [_named(kind, target, ctx) for kind, target in reversed(chain)]
        return next((n for n in named if n[0] in ("recipient", "writer")), named[0])
    window = text[window_start:at]
    run = R.CAPITALISED_RUN.search(window)
    if run is not None:
        found = _capitalised_body(run.group(1), window_start + run.start(1), spans, ctx)
        if found is not None:
            return found
    aside = re.search(r",[^,]{1,60},\s*$", window)  # "we, as the regulator, will"
    if aside is not None and aside.start() > 0:
        before = _subject(text, window_start + aside.start(), spans, ctx, allow_artifact)
        if before[0] not in (None, "nobody"):
            return before
    cut = 0
    for brk in R.CLAUSE_BREAK.finditer(window):
        cut = brk.end()
    bare_ok = allow_artifact and bool(R.BARE_SUBJECT_OPENS.search(window[:cut]))
    who, org_id = _classify_words(window[cut:], allow_artifact)
    if who == "producer" and allow_artifact and not bare_ok and R.BARE.match(window[cut:].strip()) \
            and R.ARTIFACT_SUBJECTS.match(R.SUBJECT_EDGE.sub("", window[cut:]).strip()):
        who, org_id = None, None  # "the standards that official statistics must meet": a relative clause
    if who is None:
        who, org_id = _role_holder(window[cut:], ctx)
    if who is None:
        who, org_id = _classify_tail(window[cut:], allow_artifact)
    if who == "nobody" and _PRONOUN.fullmatch(_AUX_TAIL.sub("", R.SUBJECT_EDGE.sub("", window[cut:]).strip()).strip()):
        # "Your team confirmed that it plans to ...": the pronoun stands for the subject of the reporting verb
        reporting = None
        for found in _REPORTING.finditer(window[:cut]):
            reporting = found
        if reporting is not None:
            return _told_by(*_subject(text, window_start + reporting.start(), spans, ctx, allow_artifact), ctx)
    return who, org_id


def _told_by(who: str | None, org_id: str | None, ctx: "CommitmentContext") -> tuple[str | None, str | None]:
    """"The team" / "the department" as someone other than the writer: the statistics' producer the letter names,
    the department it named last (in a letter to a non-government addressee), else the addressee. The party that
    told the writer of a plan ("the team told us that ...") is read so; `_bound` also lets a department writing to
    a non-government body be its own "the department"."""
    if who == "producer":
        producer = ctx.producer_id
        if producer and (not ctx.recipient_org_ids or producer != ctx.recipient_org_ids[0]):
            return "named", producer
        return "recipient", None
    if who == "department":
        if ctx.last_department and not _governmental(ctx):
            return "named", ctx.last_department
        return "recipient", None
    return who, org_id


def _capitalised_body(phrase: str, start: int, spans: list, ctx: "CommitmentContext") -> tuple[str, str | None] | None:
    """'Home Office Analysis and Insight Directorate' → the Home Office; 'the Data Linkage Steering Group' → as named."""
    body = re.sub(r"^[Tt]he\s+", "", phrase)
    if _NOT_A_NAME.match(body):
        return None
    offset = start + (len(phrase) - len(body))
    for s, _e, _written, kind, target in spans:
        if s == offset and len(body.split()) > len(_written.split()):
            return _named(kind, target, ctx)
    if R.UNREGISTERED_BODY.match(phrase):
        return "unregistered", body
    return None


def _party(words: str, start: int, end: int, text: str, spans: list, ctx: "CommitmentContext",
           allow_artifact: bool) -> tuple[str | None, str | None]:
    """Who a short phrase (an object: "you", "ONS", "the department") names."""
    for s, e, _written, kind, target in spans:
        if s >= start and e <= end:
            return _named(kind, target, ctx)
    return _classify_words(words, allow_artifact)


def _classify_words(words: str, allow_artifact: bool) -> tuple[str | None, str | None]:
    subject = words.strip()
    for _ in range(3):
        subject = R.SUBJECT_EDGE.sub("", subject).strip()
        subject = _AUX_TAIL.sub("", subject).strip()
    if not subject:
        return None, None
    if R.WRITER_SUBJECTS.match(subject):
        return "writer", None
    if R.RECIPIENT_SUBJECTS.match(subject):
        return ("department" if _DEPARTMENT.match(subject) else "producer" if _PRODUCER.match(subject)
                else "recipient"), None
    if R.MINISTERS.match(subject):
        return "unregistered", "Ministers"
    if R.NOBODY_SUBJECTS.match(subject):
        return "nobody", None
    if allow_artifact and R.ARTIFACT_SUBJECTS.match(subject):
        return "producer", None
    if R.UNREGISTERED_BODY.match(subject):
        return "unregistered", re.sub(r"^the\s+", "", subject, flags=re.I)
    return None, None


_PREPOSITION = re.compile(r"(?:of|in|for|with|by|from|about|to|on|at|under|within|between|among|across|than)", re.I)


def _role_holder(words: str, ctx: "CommitmentContext") -> tuple[str | None, str | None]:
    """"The National Statistician will ...": the organisation of whoever held the role on the letter's date."""
    subject = R.SUBJECT_EDGE.sub("", words.strip()).strip()
    if not subject or len(subject) > 80:
        return None, None
    register = ctx.get_register()
    known = register.role_title(re.sub(r"^(?:your|the)\s+", "", subject, flags=re.I))
    if known is None:
        return None, None
    if known[1] is None:  # a post every body has ("your Head of Profession", "the Permanent Secretary")
        return "recipient", None
    return _named("org", known[1], ctx)


def _classify_tail(words: str, allow_artifact: bool) -> tuple[str | None, str | None]:
    """The subject after a leading adverbial ("In the coming months we", "Next year the department"): the shortest
    run of final words that names a party, unless a preposition governs it ("users of the statistics")."""
    tokens = words.split()
    for size in range(1, min(len(tokens), 6) + 1):
        if size < len(tokens) and _PREPOSITION.fullmatch(tokens[-size - 1]):
            return None, None
        tail = " ".join(tokens[-size:])
        who, org_id = _classify_words(tail, allow_artifact and not R.BARE.match(tail))
        if who is not None:
            return who, org_id
    return None, None


def _named(kind: str, target: str, ctx: "CommitmentContext") -> tuple[str, str | None]:
    register = ctx.get_register()
    org_id = target
    if kind == "person":
        person = register.people.get(target)
        org_id = person.organisation_on(ctx.date) if person else None
    if org_id is None:
        return "nobody", None
    if org_id == ctx.writer_org_id:
        return "writer", None
    if org_id in ctx.recipient_org_ids:
        return "recipient" if org_id == ctx.recipient_org_ids[0] else "named", org_id
    return "named", org_id


def _child_of_writer(org_id: str | None, ctx: "CommitmentContext") -> bool:
    """The Chair of the Authority asking OSR to act: OSR belongs to the writer's organisation."""
    org = ctx.get_register().organisations.get(org_id) if org_id else None
    return bool(org and ctx.writer_org_id and org.parent == ctx.writer_org_id)
