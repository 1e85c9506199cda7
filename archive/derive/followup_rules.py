"""The words of follow-up: what a commitment promises (its object) and whether a later sentence says it was done,
is under way, or is promised again. Plain regular expressions and token sets, so every match can be explained.
"""
from __future__ import annotations

import re

from archive.derive import cited as ct
from archive.derive import partynames as pn
from archive.derive import words as wd

FOLLOW_GENERIC = {wd.stem(w) for w in (
    "will shall publish published publishing provide produce set out update updated ensure continue aim plan intend "
    "expect make take end early late spring summer autumn winter quarter first second third fourth next new also able "
    "commit committed look forward consider seek want need agree agreed deliver delivered complete completed "
    "ask asked request requested recommend recommended expect expected respond reply confirm let know by during later "
    "soon shortly possible progress work rather told say said half financial alongside clear clearly twelve ten six "
    "five four three two one give run help particular particularly every each direct directly commitment proposal "
    "welcome further latest").split()} - {"work"}
_PAST = (r"published|completed|delivered|launched|released|implemented|introduced|put\s+in\s+place|set\s+out|updated|"
         r"produced|finished|concluded|added|created|established|appointed|carried\s+out|undertaken|achieved|done|"
         r"written|issued|responded|replied|opened|closed|held|revised|corrected|changed|set\s+up|started\s+publishing")
_NOT_DONE = (r"(?:ask|agre|commit|decid|propos|plann|request|suggest|not|receiv|welcom|consider|discuss|explor|intend|"
             r"expect|hop|promis|want|need|offer|invit|urg|recommend|rais|highlight|identifi|recognis|recogniz|"
             r"acknowledg|stat|mention|indicat|signall|continu|focus|engag|work|aim|tri|sought|seek|wish|look|"
             r"mov|delay|postpon|paus|defer|reschedul|extend|review|assess|examin|learn|heard|report|note)ed\b")
# done: "we have now published", "was published on", "ONS published the plan on 28 July", "was made consistent"
MET_RE = re.compile(
    rf"\b(?:have|has|had)\s+(?:now\s+|recently\s+|today\s+|since\s+|already\s+|successfully\s+)*(?:been\s+)?"
    rf"(?:{_PAST}|met|made)\b"
    rf"|\b(?:was|were)\s+(?:now\s+|duly\s+)?(?:{_PAST}|made|well\s+attended)\b|\bpublished\s+(?:on|in)\s+(?:\d|[A-Z])"
    rf"|\b(?:we|it|they|ons|the\s+\w+|[A-Z][A-Za-z]+)\s+(?:{_PAST})\b(?!\s+(?:by|to)\b)"
    rf"|\bis\s+now\s+(?:available|live|published|in\s+place)\b|\btook\s+place\b"
    rf"|\btoday\s+(?:we\s+)?(?:publish|release|launch)"
    # any other regular perfect ("the dashboard has carried", "we have extended"), except verbs of saying, asking,
    # planning and agreeing, which report words about the thing rather than the thing done
    rf"|\b(?:have|has)\s+(?:now\s+|since\s+|already\s+)*(?!{_NOT_DONE})[a-z]{{3,}}ed\b(?!\s+(?:to|that)\b)",
    re.IGNORECASE,
)
_MODAL_BEFORE_RE = re.compile(r"\b(?:will|would|shall|should|could|can|may|might|must|to|be|plan|plans|intend)\s+(?:\w+\s+)?$",
                              re.IGNORECASE)
NEGATION_RE = re.compile(r"\bnot\s+(?:yet\s+)?(?:been\s+)?|\byet\s+to\b|\bno\s+longer\b|\bdelay|\bpostpone|\bunable\b",
                         re.IGNORECASE)
PROGRESS_RE = re.compile(
    r"\bwork\s+(?:is|has)\s+(?:now\s+|well\s+)?(?:under\s*way|ongoing|progressing|continuing|started|begun)"
    r"|\b(?:are|is|am)\s+(?:currently\s+|now\s+|still\s+)?(?:working|developing|reviewing|preparing|drafting|"
    r"making\s+(?:good\s+)?progress|progressing|on\s+track|in\s+the\s+process)\b"
    r"|\b(?:have|has)\s+(?:made\s+(?:good\s+|some\s+)?progress|started|begun|commenced)\b|\bin\s+progress\b"
    r"|\bon\s+track\b|\bunder\s*way\b",
    re.IGNORECASE,
)
FUTURE_RE = re.compile(
    r"\b(?:will|intend\s+to|plan\s+to|expect\s+to|aim\s+to|now\s+expect|are\s+planning|is\s+planned|is\s+scheduled|"
    r"are\s+committed\s+to|now\s+anticipate)\b", re.IGNORECASE)
RESPONSE_LIKE_RE = re.compile(
    r"\b(?:reply|respond|response|write\s+(?:back\s+)?to|let\s+(?:me|us|the\s+\w+|\w+)\s+know|update\s+(?:me|us)|"
    r"confirm|tell\s+(?:me|us)|hear\s+from|explain\s+to\s+(?:me|us)|set\s+out\s+(?:your|the)\s+(?:plans|response)|"
    r"(?:your|a|the)\s+(?:decision|views?|comments|thoughts|agreement|answer))\b(?!\s+rates?\b)",
    re.IGNORECASE)
# a request (not an expectation) to explain something is met by the answer: "set out by 15 May how ..."
EXPLAIN_RE = re.compile(r"\b(?:set\s+out|explain|describe|clarify|outline|tell\s+\w+|understand|know|learn)\b.{0,40}?\b(?:how|what|why|whether|when)\b",
                        re.IGNORECASE)
# a request (not an expectation) for the recipient's own judgement is met by the answer: "I would be grateful for the
# Authority's assessment of the claim", "we would value your advice on whether ..."
ASKED_VIEW_RE = re.compile(
    r"\b(?:your|its|their|the\s+[A-Z][\w-]*['’]s|[A-Z][\w-]*['’]s)\s+(?:\w+\s+)?"
    r"(?:assessment|view|views|opinion|advice|judgement|judgment|comments|thoughts|reaction|guidance)\b")
OUT_OF_THREAD_YEARS = 2  # evidence outside the thread counts for this long after the commitment (or its due date)
REQUEST_KINDS = {"request", "expectation", "recommendation"}


def object_tokens(quote: str, actor_name: str | None = None) -> set[str]:
    """What was promised, as content words: the quote less the actor, verbs of promising and deadlines; the day an
    event or release is set for ("hold the event on 9 October") is part of what was promised."""
    actor = {wd.stem(w) for w in wd.words(actor_name or "")} | pn.acronyms(actor_name or "")
    return (set(wd.content_tokens(quote)) - FOLLOW_GENERIC - actor) | event_days(quote)


# "on 9 October", "on October 9th": the day something happens, as a word ("@10-09") that two sentences can share.
# Deadlines ("by 31 March", "no later than 30 June") are not it: many different promises share a deadline.
_ON_DAY_RE = re.compile(r"\bon\s+(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:the\s+)?" + ct.DATE_RE,
                        re.IGNORECASE)


def event_days(text: str) -> set[str]:
    out = set()
    for m in _ON_DAY_RE.finditer(text or ""):
        day, month = (m.group("d1"), m.group("m1")) if m.group("m1") else (m.group("d2"), m.group("m2"))
        number = ct.MONTHS.get(month.lower().rstrip("."))
        if number and day and 1 <= int(day) <= 31:
            out.add(f"@{number:02d}-{int(day):02d}")
    return out


def matches(obj: set[str], tokens: set[str], same_thread: bool = False, least: int = 3) -> bool:
    """Do two bags of content words speak of the same thing? All of a tiny object; else `least` shared words and
    half of the smaller bag (a third within one exchange, where the topic is already shared)."""
    shared = obj & tokens
    if len(obj) <= 2:
        return bool(obj) and shared == obj
    ratio = 0.3 if same_thread else 0.5
    return len(shared) >= min(least, len(obj)) and len(shared) / min(len(obj), len(tokens)) >= ratio


def is_done(sentence: str, obj: set[str] | None = None) -> bool:
    """Does the sentence say something was done (not that it will be, or should be)?

    With `obj`: when a promise follows the past tense ("I have written to X, who agreed that the department will
    correct the release") and the object is named after the promise, the thing itself is only promised."""
    for m in MET_RE.finditer(sentence):
        if _MODAL_BEFORE_RE.search(sentence[max(0, m.start() - 30): m.start()]):
            continue
        future = FUTURE_RE.search(sentence, m.end())
        if obj and future:
            after = obj & set(wd.content_tokens(sentence[future.end():]))
            before = obj & set(wd.content_tokens(sentence[: future.start()]))
            if len(after) > len(before):
                return False
        return True
    return False


GRANTED_RE = re.compile(r"\b(?:I|we)\s+(?:am\s+content\s+to\s+|are\s+content\s+to\s+)?(?:agree|consent)\s+to\s+the\b"
                        r"|\b(?:I|we)\s+(?:approve|accept|grant)\b", re.IGNORECASE)


# The writer's own wish or request, whatever the sentence then says the other party intends: "We would like to
# understand how ONS intends to ...", "I would welcome an explanation of how the department will ...". It asks the
# recipient; it is no undertaking of theirs, even where an extractor reads one.
WRITER_REQUEST_RE = re.compile(
    r"^\W*(?:(?:and|but|so|also|finally|however|in\s+particular),?\s+)?(?:I|we)\s+(?:would\s+|should\s+|do\s+|also\s+)*"
    r"(?:like|welcome|appreciate|be\s+(?:grateful|glad|pleased)|want|wish|ask|invite|request|urge|encourage|"
    r"hope|look\s+forward|need)\b",
    re.IGNORECASE)


def effective_kind(kind: str | None, quote: str | None) -> str | None:
    """The kind follow-up treats a commitment as: a promise whose sentence opens with the writer's own request is a
    request (of the party it names), not that party's promise."""
    if kind == "commitment" and WRITER_REQUEST_RE.search(quote or ""):
        return "request"
    return kind


# What a promise may be to deliver, named in a later document's title or opening ("Data linkage: an update",
# "Our work programme for 2024", "... follow-up report").
OUTPUT_RE = re.compile(
    r"\b(follow[-\s]?up|update|progress\s+report|work\s*programme|(?:action|development|improvement|work)\s+plan|"
    r"report|review|statement|guidance|guide|note|article|bulletin|strategy|road\s*map|framework|timetable|"
    r"evaluation|consultation|summary|plan)s?\b",
    re.IGNORECASE)


# kinds that name the same thing: an update is a progress report; a plan, a work programme, a road map
_SAME_OUTPUT = {"progressreport": "update", "workprogramme": "plan", "actionplan": "plan", "developmentplan": "plan",
                "improvementplan": "plan", "workplan": "plan", "roadmap": "plan", "guide": "guidance"}


def outputs_named(text: str) -> set[str]:
    """The kinds of output a text names, normalised ("follow up" / "follow-up" -> "followup"; a work programme is
    a plan)."""
    found = {re.sub(r"[-\s]+", "", m.group(1).lower()) for m in OUTPUT_RE.finditer(text or "")}
    return {_SAME_OUTPUT.get(k, k) for k in found}


# An opening sentence that presents the document itself as the thing: "This report follows up ...", "I am writing to
# update you on ...", "Please find attached our work programme".
OPENING_CUE_RE = re.compile(
    r"\b(?:this|the\s+attached|the\s+enclosed|attached|enclosed|our)\s+(?:letter|report|note|update|document|paper|"
    r"publication|review|statement|follow[-\s]?up|work\s*programme|plan)\b(?!\s+(?:will|would|should|to\s+be)\b)"
    r"|\b(?:I|we)\s+(?:am|are)\s+(?:writing|pleased|delighted|glad)\s+to\s+(?:update|set\s+out|share|send|provide|"
    r"enclose|report|publish|let\s+you\s+know)"
    r"|\b(?:please\s+find|I\s+enclose|we\s+enclose|here\s+is)\b",
    re.IGNORECASE)
