"""The rule tables of the commitment extractor: what makes a sentence an undertaking, and whom it binds.

Read top to bottom: sentences that are never commitments; the trigger table (pattern → kind, where the actor is);
the subject table (words before / after a trigger → writer, recipient, a named party, or nobody); the words after
"will" that make a prediction or an offer rather than an undertaking.
"""
from __future__ import annotations

import re

I = re.IGNORECASE

# ---------------------------------------------------------------------------------------------------------------
# 1. Sentences that are never commitments, whatever else they contain.
# ---------------------------------------------------------------------------------------------------------------
NOT_COMMITMENTS: list[tuple[str, re.Pattern]] = [
    ("thanks", re.compile(r"^\W*(?:many\s+)?(?:thanks?\b|thank\s+you\b|(?:i|we)\s+(?:am|are|was|were)\s+"
                          r"(?:very\s+|most\s+|extremely\s+)?(?:grateful|thankful)\s+(?:to\s+\w+\s+)?for\b)", I)),
    ("present act", re.compile(r"^\W*(?:i|we)\s+(?:am|are)\s+(?:also\s+)?(?:copying|writing|publishing|placing|"
                               r"sending|enclosing|attaching|responding|replying)\b|^\W*(?:i|we)\s+(?:also\s+)?"
                               r"(?:enclose|attach|copy)\b|^\W*(?:a\s+)?copy\s+of\s+this\s+letter\b|^\W*this\s+letter\s+"
                               r"(?:will\s+be|is\s+being)\s+(?:published|copied)|\b(?:publish(?:ing)?|plac(?:e|ing)|copy(?:ing)?|"
                               r"shar(?:e|ing)|send(?:ing)?)\s+(?:a\s+copy\s+of\s+)?(?:this|my|our)\s+(?:letter|response|reply|"
                               r"correspondence)\b|\b(?:published|placed|shared|sent)\s+(?:alongside|with)\s+this\s+"
                               r"(?:letter|response|reply)\b", I)),
    ("offer", re.compile(r"\b(?:would|will|should|am|are|'d|’d)\s+be\s+(?:very\s+|more\s+than\s+|most\s+)?"
                         r"(?:happy|pleased|glad|delighted|willing)\s+to\b|\bdo\s+not\s+hesitate\b|\bdon['’]t\s+"
                         r"hesitate\b|\bfeel\s+free\s+to\b|\bwelcome\s+(?:the|an|any)\s+opportunity\b|\bplease\s+(?:do\s+)?(?:let\s+(?:me|us)\s+know|get\s+in\s+"
                         r"touch|contact\s+(?:me|us))\s+if\b", I)),
    ("conditional", re.compile(r"^\W*(?:if|unless|should\s+(?:you|the|it|this|there)|were\s+(?:you|the|it)|"
                               r"in\s+the\s+event\s+that|where\s+(?:this|that|it|there))\b(?!\s+you\s+could\b)", I)),
    ("quotation", re.compile(r"^\W*[\"“‘]|\b(?:the\s+)?code(?:\s+of\s+practice(?:\s+for\s+statistics)?)?\s+"
                             r"(?:states|says|requires|sets\s+out|notes|stipulates)\b|^\W*(?:all\s+)?(?:statistics\s+)?"
                             r"producers\s+(?:must|should|need|are\s+required)\b|^\W*(?:principle|practice)\s+[A-Z]?\d", I)),
    ("hope or wish", re.compile(r"^\W*(?:i|we)\s+(?:do\s+)?(?:hope|trust|wish)\b", I)),
]

# ---------------------------------------------------------------------------------------------------------------
# 2. Triggers.  Each: name, kind, where the actor is, pattern.
#    actor: "subject" = the words just before the trigger; "object" = the group named <obj> inside the pattern
#    (falls back to the recipient); "recipient" = the addressee; "welcome" = a reported plan (whose: <obj>).
#    Order matters: the first trigger that yields an actor wins, one commitment per sentence.
# ---------------------------------------------------------------------------------------------------------------
_OBJ_ALTS = r"you|it|they|(?:such|these|those|this)\s+[\w’'-]+|(?:your|my|our)\s+\w+(?:\s+\w+)?|the\s+[\w’'&-]+(?:\s+(?:of|for|and|&|[\w’'&-]+)){0,6}?|(?-i:[A-Z][\w’'&-]*(?:\s+(?:of|for|and|&|[A-Z][\w’'&-]*)){0,7}?)|them|him|her|all\s+\w+"
_OBJ = r"(?P<obj>(?:" + _OBJ_ALTS + r"))"
# ... or the writer's own people, unnamed ("I have asked officials to review ...")
_OBJ_OWN = r"(?P<obj>(?:" + _OBJ_ALTS + r"|officials|colleagues|statisticians|analysts|staff|officers))"

TRIGGERS: list[tuple[str, str, str, re.Pattern]] = [
    # -- requests: the addressee is asked to act
    ("please", "request", "recipient", re.compile(r"(?:^|[,;:(]\s*|\band\s+)\W*please\s+(?!note\b|see\b|find\b|accept\b|"
                                                   r"be\s+assured\b|do\s+not\s+hesitate\b)\w+", I)),
    ("grateful if", "request", "recipient", re.compile(r"\b(?:grateful|obliged|appreciate\s+it|helpful)\s+if\s+"
                                                       r"(?:you|your\s+\w+|the\s+\w+)\s+(?:could|would|can|will|were\s+to)\b", I)),
    ("would appreciate", "request", "recipient", re.compile(r"\b(?:i|we)\s+(?:would|should)\s+(?:also\s+|therefore\s+|really\s+|"
                                                            r"particularly\s+|greatly\s+|very\s+much\s+|further\s+)*(?:appreciate|welcome)\s+"
                                                            r"(?:a|an|your|the|some|further|sight|receiving|an?\s+update)\b|"
                                                            r"\b(?:i|we)\s+(?:would|should)\s+be\s+(?:most\s+|very\s+)?grateful\s+"
                                                            r"(?:for|to\s+(?:receive|have|see|hear))\b", I)),
    ("possible for you", "request", "recipient", re.compile(r"\bwould\s+it\s+be\s+possible\s+(?:for\s+(?:you|your\s+\w+)\s+)?"
                                                            r"to\s+\w+", I)),
    ("could you", "request", "recipient", re.compile(r"(?:^|[,;:]\s*)\W*(?:could|can|would|will)\s+you\s+(?:please\s+)?"
                                                     r"(?!be\b|have\b)\w+", I)),
    ("if you could", "request", "recipient", re.compile(r"^\W*if\s+you\s+(?:could|would)\s+(?:please\s+)?\w+", I)),
    ("we ask", "request", "object", re.compile(r"\b(?:i|we)\s+(?:would\s+|therefore\s+|also\s+|now\s+|must\s+|should\s+|am\s+|are\s+)*"
                                               r"(?:ask|asking|request|requesting|invite|inviting)\s+(?:that\s+)?" + _OBJ
                                               + r"\s+(?:to\s+|should\s+)?\w+", I)),
    ("look forward plan", "commitment", "object",
     re.compile(r"\blook\s+forward\s+to\s+(?:receiving|seeing|reading)\b[^.;:]*?\b(?:that|which)\s+" + _OBJ
                + r"\s+(?:plans?|intends?|expects?|aims?|is\s+planning|are\s+planning|will)\s+(?:to\s+)?\w+", I)),
    ("look forward planned", "commitment", "welcome",
     re.compile(r"\blook\s+forward\s+to\s+(?P<obj>your|the|their|its|[A-Z][\w&-]*(?:['’]s)?)\s+(?:[\w’'-]+\s+){0,2}?"
                r"(?:planned|proposed|forthcoming|upcoming|promised|intended)\s+\w+", I)),
    ("look forward to receiving", "request", "recipient",
     re.compile(r"\blook\s+forward\s+to\s+(?:receiving|seeing|reading|hearing\s+(?:about|more\s+about))\s+"
                r"(?:your|the|an?|details|more|progress)\b", I)),
    ("would like you to", "request", "recipient", re.compile(r"\b(?:i|we)\s+(?:would\s+like|should\s+like|need|want)\s+"
                                                             r"(?:you|your\s+team)\s+to\b", I)),
    # (a wish hedged on feasibility, "..., if the data allow", is not a request)
    ("would like X to", "request", "object", re.compile(r"\b(?:i|we)\s+(?:would|should)\s+(?:also\s+|therefore\s+)?like\s+"
                                                        + _OBJ + r"\s+to\s+(?!be\s+(?:a|an|the)\b)\w+"
                                                        r"(?![^.;]*,\s*(?:if|where|when)\s+(?:possible|feasible|practicable|"
                                                        r"(?:the\s+)?(?:data|resources|time)\s+allows?))", I)),
    # -- recommendations
    ("recommend", "recommendation", "object", re.compile(r"\b(?:i|we|osr|the\s+authority)\s+(?:would\s+|also\s+|therefore\s+|strongly\s+)*"
                                                         r"(?:recommend|suggest|encourage|urge|advise)\s+(?:that\s+)?(?:" + _OBJ
                                                         + r"\s+(?:to\s+|should\b|\w+)|(?P<bare>\w+ing\b|the\b|a\b|an\b))", I)),
    ("would help if", "recommendation", "object", re.compile(r"\bit\s+would\s+(?:\w+\s+){0,5}?if\s+" + _OBJ
                                                             + r"\s+(?:were\s+to|was\s+to|could|would)\s+(?!be\s+able\b)\w+", I)),
    ("enhanced by", "recommendation", "object", re.compile(r"\bwould\s+be\s+(?:further\s+|greatly\s+|much\s+|significantly\s+)?"
                                                           r"(?:enhanced|improved|strengthened|helped|increased|better\s+served)\s+"
                                                           r"(?:further\s+)?by\s+" + _OBJ + r"(?:\s+(?:analysts|statisticians|"
                                                           r"teams?|colleagues|staff|officials))?\s+\w+ing\b", I)),
    # -- expectations: the writer expects another party to act
    ("expect X to", "expectation", "object", re.compile(r"\b(?:i|we|osr|the\s+authority|the\s+office\s+for\s+statistics\s+"
                                                        r"regulation)\s+(?:would\s+|will\s+|also\s+|therefore\s+|now\s+|fully\s+)*"
                                                        r"(?:expects?|(?:am|are|is)\s+(?:also\s+|now\s+)?expecting)\s+(?!to\b)" + _OBJ + r"\s+to\b", I)),
    ("expect that X will", "expectation", "object", re.compile(r"\b(?:i|we)\s+(?:would\s+|also\s+|therefore\s+)*expect\s+that\s+"
                                                               + _OBJ + r"\s+(?:will|would|should|(?:are|is)\s+(?:\w+ly\s+)?\w+ed\b)", I)),
    ("expectation is that", "expectation", "object", re.compile(r"\b(?:our|my|the\s+authority['’]s)\s+(?:clear\s+|firm\s+)?"
                                                                r"expectation\s+is\s+that\s+" + _OBJ + r"\s+(?:will|should|would|must)\b", I)),
    ("keen that", "expectation", "object", re.compile(r"\b(?:i|we)\s+(?:am|are)\s+(?:very\s+|particularly\s+)?(?:keen|anxious)\s+"
                                                      r"(?:that|for)\s+" + _OBJ + r"\s+\w+", I)),
    ("expect to see", "expectation", "recipient", re.compile(r"\b(?:would|will|should)?\s*expect\s+to\s+see\b", I)),
    ("want to see", "expectation", "object", re.compile(r"\b(?:i|we)\s+(?:would\s+)?(?:like|want|wish|expect|need)\s+to\s+see\s+"
                                                        + _OBJ + r"\s+\w+", I)),
    ("important that", "expectation", "object", re.compile(r"\bit\s+(?:is|will\s+be|remains)\s+(?:therefore\s+|also\s+)?"
                                                           r"(?:important|essential|vital|crucial|necessary)\s+(?:that|for)\s+"
                                                           + _OBJ + r"\s+(?:to\s+|should\s+|must\s+|\w+)", I)),
    ("should", "expectation", "subject", re.compile(r"\b(?:should|must|needs?\s+to|ought\s+to|is\s+required\s+to|"
                                                    r"are\s+required\s+to|has\s+to|have\s+to)\s+(?:now\s+|also\s+|continue\s+to\s+|"
                                                    r"urgently\s+|therefore\s+|then\s+|be\s+\w+ed\b|be\s+\w+\b|\w+)", I)),
    # -- commitments: a party undertakes to act (its own words, or reported)
    ("will", "commitment", "subject", re.compile(r"\b(?:will|shall|['’]ll)(?:,[^,]{1,30},)?\s+(?:now\s+|also\s+|then\s+|therefore\s+|"
                                                 r"continue\s+to\s+|shortly\s+|soon\s+|again\s+|seek\s+to\s+|aim\s+to\s+|"
                                                 r"jointly\s+|formally\s+)*(?!not\b|never\b)(?P<verb>[a-z]+)", I)),
    ("on track to", "commitment", "subject", re.compile(r"\b(?:remains?|remained|is|are|am|still)\s+(?:still\s+|firmly\s+|very\s+much\s+)?"
                                                        r"on\s+(?:track|course|schedule|target)\s+to\s+(?!be\s+(?:a|an)\b)\w+", I)),
    ("plan -ing", "commitment", "subject", re.compile(r"\b(?:anticipates?|anticipating|envisages?|intends?|propose|"
                                                      r"proposes)\s+(?!being\b|nothing\b|something\b|anything\b)"
                                                      r"[a-z]+ing\b", I)),
    ("plan to", "commitment", "subject", re.compile(r"\b(?:plans?|planning|intends?|intending|aims?|aiming|propose|proposes|"
                                                    r"proposing|undertakes?|commits?|expects?|is\s+going|are\s+going|am\s+going|"
                                                    r"hopes?\s+to\s+be\s+able)(?:,[^,]{1,40},)?\s+to\s+(?!be\s+(?:a|an)\b)\w+", I)),
    ("intend that", "commitment", "subject", re.compile(r"\b(?:intends?|intending|plans?|proposes?)\s+that\s+"
                                                       r"(?:our|my|we|the|this|these)\b", I)),
    ("due to", "commitment", "subject", re.compile(r"\b(?:is|are)\s+(?:also\s+|now\s+)?(?:due|scheduled|set)\s+to\s+"
                                                  r"(?!be\b)\w+", I)),
    ("reported would", "commitment", "object", re.compile(r"\b(?:told\s+(?:us|me)|said|confirmed|explained|indicated|"
                                                          r"stated|informed\s+(?:us|me)|assured\s+(?:us|me)|advised\s+"
                                                          r"(?:us|me)|undertook|promised)\s+(?:that\s+)?" + _OBJ
                                                          + r"\s+would\s+(?!be\s+(?:able|happy|pleased|willing|glad|"
                                                          r"grateful|interested)\b|like\b|prefer\b|welcome\b|need\b)\w+", I)),
    ("passive by", "commitment", "object", re.compile(r"\b(?:will|shall)\s+(?:now\s+|also\s+|then\s+)?be\s+(?!able\b)\w+ed\s+"
                                                      r"(?:\w+\s+){0,3}?by\s+(?!the\s+end\b)" + _OBJ + r"(?=[\s,.;]|$)", I)),
    ("our intention", "commitment", "writer", re.compile(r"\b(?:our|my)\s+(?:next\s+steps?|intention|plan|aim|priority)\s+"
                                                         r"(?:is|are|will\s+be)\s+to\s+\w+", I)),
    ("asked own team", "commitment", "object", re.compile(r"\b(?:i|we)\s+have\s+(?:now\s+|also\s+|therefore\s+)*asked\s+"
                                                          + _OBJ_OWN + r"\s+to\s+\w+", I)),
    ("committed to", "commitment", "subject", re.compile(r"\b(?:am|are|is|remain|remains|remained|were|was|have\s+been|has\s+been)\s+"
                                                         r"(?:fully\s+|firmly\s+|also\s+|now\s+)*committed\s+to\b", I)),
    ("has agreed to", "commitment", "subject", re.compile(r"\b(?:(?:has|have|had)\s+(?:now\s+|also\s+|kindly\s+)*(?:agreed|committed|"
                                                          r"undertaken|offered|pledged|promised|decided)|did\s+(?:commit|agree|"
                                                          r"undertake|promise|pledge))\s+to\b", I)),
    ("decided that", "commitment", "object", re.compile(r"\b(?:has|have|had)\s+(?:now\s+|also\s+)*(?:decided|agreed)\s+that\s+"
                                                        r"(?P<obj>we|i|" + _OBJ[8:] + r"\s+(?:should|will|would|shall)\s+(?!not\b)\w+", I)),
    ("want to", "commitment", "subject", re.compile(r"\b(?:want|wants|wish|wishes)\s+to\s+(?P<verb>[a-z]+)\b", I)),
    ("welcome plan", "commitment", "welcome", re.compile(r"\bwelcome[sd]?\s+(?:the\s+fact\s+that\s+\w+\s+(?:will|plans?|intends?)|"
                                                         r"(?P<obj>your|the|their|its|[A-Z][\w&-]*(?:['’]s)?)\s+(?:[\w’'-]+\s+){0,3}?"
                                                         r"(?:plans?|proposals?|intentions?|commitments?(?!\s+(?:and|of)\b)|decision|undertaking|"
                                                         r"proposed|planned|intended|forthcoming|upcoming|offer)\b)", I)),
]

# Words one of which a sentence must contain for each trigger to be tried (a cheap test before the regexes).
TRIGGER_WORDS: dict[str, set[str]] = {
    "please": {"please"},
    "grateful if": {"grateful", "obliged", "appreciate", "helpful"},
    "would appreciate": {"appreciate", "welcome", "grateful"},
    "could you": {"you"},
    "if you could": {"if"},
    "we ask": {"ask", "request", "invite", "asking", "requesting", "inviting"},
    "look forward to receiving": {"forward"},
    "look forward plan": {"forward"},
    "on track to": {"track", "course", "schedule", "target"},
    "would like you to": {"like", "need", "want"},
    "would like X to": {"like"},
    "plan -ing": {"anticipate", "anticipates", "anticipating", "envisage", "envisages", "intend", "intends", "propose",
                  "proposes"},
    "possible for you": {"possible"},
    "passive by": {"by"},
    "our intention": {"intention", "plan", "aim", "priority", "step", "steps"},
    "asked own team": {"asked"},
    "recommend": {"recommend", "suggest", "encourage", "urge", "advise"},
    "expect X to": {"expect", "expects", "expecting"},
    "expect that X will": {"expect"},
    "want to see": {"see"},
    "expectation is that": {"expectation"},
    "keen that": {"keen", "anxious"},
    "expect to see": {"expect"},
    "important that": {"important", "essential", "vital", "crucial", "necessary"},
    "should": {"should", "must", "need", "needs", "ought", "required", "has", "have"},
    "will": {"will", "shall", "ll"},
    "plan to": {"plan", "plans", "planning", "intend", "intends", "intending", "aim", "aims", "aiming", "propose",
                "proposes", "proposing", "undertake", "undertakes", "commit", "commits", "expect", "expects", "going",
                "hope", "hopes"},
    "due to": {"due", "scheduled", "set"},
    "intend that": {"intend", "intends", "intending", "plan", "plans", "propose", "proposes"},
    "reported would": {"would"},
    "committed to": {"committed"},
    "has agreed to": {"agreed", "committed", "undertaken", "offered", "pledged", "promised", "decided", "did"},
    "decided that": {"decided", "agreed"},
    "want to": {"want", "wants", "wish", "wishes"},
    "would help if": {"if"},
    "enhanced by": {"enhanced", "improved", "strengthened", "helped", "increased", "served"},
    "look forward planned": {"forward"},
    "welcome plan": {"welcome", "welcomes", "welcomed"},
}
ANY_TRIGGER_WORD = set().union(*TRIGGER_WORDS.values())
WORDS = re.compile(r"[a-z]+")

# Words after "will" that make a prediction, a courtesy or a state, not an undertaking.
NOT_ACTIONS = {
    "be", "have", "know", "recall", "remember", "note", "see", "appreciate", "understand", "want", "wish", "find",
    "agree", "help", "enable", "allow", "mean", "depend", "need", "likely", "probably", "doubtless", "no", "hopefully",
    "undoubtedly", "surely", "certainly", "recognise", "recognize", "realise", "realize", "notice", "welcome",
    "benefit", "improve", "make", "provide", "remain", "require", "become", "result", "lead", "give", "take",
    "come", "look", "seem", "appear", "feel", "think", "hope", "expect", "bring", "support", "ensure", "affect", "reduce",
    "increase", "fall", "rise", "cost", "include",
}
# ... except when the subject is a party: then these verbs are actions ("We will provide", "ONS will ensure").
PARTY_ACTIONS = {"help", "provide", "ensure", "support", "make", "take", "look", "bring", "give", "include", "improve",
                 "review", "reduce", "increase", "lead", "remain", "welcome", "need", "require", "come"}
# "will be" + one of these is an undertaking ("we will be in touch"); other "will be ..." are predictions.
WILL_BE_ACTIONS = re.compile(r"^\s*be\s+(?:in\s+touch|\w+ing\b(?<!\bbeing\b)(?<!\bthing\b))", I)

# The writer's own decision that takes effect with the letter ("we have decided to suspend the accreditation"):
# a present act, like "I agree to the suspension", not an undertaking.  Others' decisions stay reported plans.
STATUS_DECISION = re.compile(r"^(?:has|have|had)\s+(?:now\s+|also\s+)*(?:decided|agreed)\s+to\s+(?:suspend|remove|withdraw|"
                             r"lift|reinstate|restore|confirm|grant|approve|accept|designate|de-?designate|exempt|close|"
                             r"remove)\b", I)

# Hedges between the subject and the trigger: possibility, not an undertaking.
HEDGES = re.compile(r"\b(?:may|might|could|can|would|perhaps|possibly|hope|hopes|consider(?:ing)?|explore|"
                    r"exploring|probably|likely)\b", I)

# ---------------------------------------------------------------------------------------------------------------
# 3. Subjects: the words before a trigger (or its object) → who is bound.
# ---------------------------------------------------------------------------------------------------------------
WRITER_SUBJECTS = re.compile(
    r"^(?:we|i|us|me|osr|the\s+osr|the\s+office\s+for\s+statistics\s+regulation|(?:my|our)\s+(?:team|office|"
    r"colleagues|regulators|staff|regulatory\s+team|statisticians|analysts|officials)|"
    r"(?:my|our)\s+(?:[\w-]+\s+){1,2}(?:team|teams|colleagues|statisticians|analysts|staff|division|directorate)|the\s+(?:statistics\s+)?regulator|"
    r"we\s+at\s+\w+|we\s+in\s+\w+|the\s+authority|the\s+board|my\s+team\s+and\s+i|i\s+and\s+my\s+team|"
    r"(?:both\s+)?(?:of\s+)?(?:we|us)\s+(?:both|all))$", I)
RECIPIENT_SUBJECTS = re.compile(
    r"^(?:you|your\s+(?:[\w-]+\s+){1,2}(?:team|teams|colleagues|statisticians|analysts|staff|division|directorate)|"
    r"your\s+(?:team|teams|department|organisation|organization|office|colleagues|statisticians|analysts|"
    r"statistics\s+team|head\s+of\s+profession|staff|officials|agency|ministry|board|service|division|directorate)|"
    r"the\s+(?:department|ministry|agency|team|statistics\s+team|producer|producer\s+team|statistical\s+team|"
    r"organisation|organization|service|division|directorate|government|council|board|analysts|statisticians)|"
    r"you\s+and\s+your\s+team|(?:colleagues|statisticians|analysts)\s+(?:in|at)\s+your\s+\w+)$", I)
# Things a producer publishes: "the statistics should ...", "the release must ..." bind the producer (expectations
# and recommendations only: "the new pages will help" is a prediction).
ARTIFACT_SUBJECTS = re.compile(
    r"^(?:(?:the|these|those|this|your|future|any|all|each|every|such)\s+)?(?:\w+\s+){0,3}?(?:statistics|release|releases|"
    r"bulletin|bulletins|publication|publications|data|dataset|datasets|figures|methodology|methods|estimates|"
    r"commentary|report|reports|explanation|explanations|tables|documentation|guidance|metadata|information|"
    r"outputs?|series|analysis|narrative|presentation|quality\s+information|caveats|charts|web\s*pages?|"
    r"statement|statements|dashboard|notes?|revisions?\s+policy|plan|plans|review|summary|summaries|overview|"
    r"glossary|timetable|user\s+guide|technical\s+report)"
    # "figures used publicly by ministers ...", "statistics published by the department": the thing, then who used it
    r"(?:\s+(?:used|published|produced|released|quoted|cited|presented|shared|provided|given|referred\s+to)\b"
    r"[^.;:]{0,100})?$", I)
# Subjects that state a general duty or name nobody in particular: never an actor.
NOBODY_SUBJECTS = re.compile(
    r"^(?:(?:all\s+|other\s+|statistics\s+|official\s+statistics\s+)?producers|organisations|departments|users|"
    r"everyone|anyone|people|they|it|this|that|there|these|those|which|who|he|she|one|each|both|"
    r"government\s+departments|public\s+bodies|all\s+\w+)$", I)
# A body the register does not hold, named with capitals and a head noun ("the Data Linkage Steering Group").
UNREGISTERED_BODY = re.compile(
    r"^(?:[Tt]he\s+)?(?:(?:[A-Z][\w&'’-]*|and|of|for|&)\s+){0,7}(?!The\b)[A-Z][\w&'’-]*\s+(?:Group|Board|Committee|Department|"
    r"Office|Service|Agency|Authority|Council|Team|Unit|Commission|Panel|Forum|Executive|Government|Ministry|Trust|"
    r"Partnership|Division|Directorate|Institute|Network|Society|Association|Centre|Programme|Foundation|Minister|"
    r"Secretary|Chancellor|team|unit|"
    r"branch|division|directorate)$")
# The run of capitalised words (with "and", "of", "for") just before a trigger: a body's full name.
CAPITALISED_RUN = re.compile(r"(?:(?<=\s)|^)((?:[Tt]he\s+)?[A-Z][\w&'’-]*(?:\s+(?:[A-Z][\w&'’-]*|and|of|for|&)){0,8}?"
                             r"(?:\s+(?:team|unit|branch|division|directorate))?)\s*$")
# Words stripped from the edges of a subject before it is looked up.
SUBJECT_EDGE = re.compile(r"^(?:\W|and|but|so|then|also|now|therefore|however|in\s+turn|that|which|as|both|all|"
                          r"jointly|together|accordingly|indeed|further|furthermore|moreover|additionally|in\s+addition|"
                          r"finally|first(?:ly)?|second(?:ly)?|next|going\s+forward|in\s+future|as\s+a\s+result)+\s*|"
                          r"[\s,]+(?:also|now|therefore|then|both|all|jointly|together|themselves|itself|ourselves|"
                          r"myself|yourselves|yourself|in\s+turn|shortly|soon)?\s*$", I)
# Clause boundaries: the subject of a trigger lies after the last of these.
CLAUSE_BREAK = re.compile(r"[,;:()\u2013\u2014]|\b(?:that|and|but|so|which|because|while|whilst|although|when|once|"
                          r"after|before|until|since|where|whether|as|if|told\s+us|confirmed|said|explained|noted|"
                          r"understand|note|agree|welcome)\b", I)

# Lead-ins of a list whose items inherit the lead-in's actor and kind ("We will:", "we recommend that ONS:").
LIST_HEADINGS = re.compile(r"^\W*(?:our\s+|key\s+|main\s+)?(?:recommendations?|requirements?|actions?|next\s+steps|"
                           r"areas?\s+for\s+improvement|improvements?\s+needed|what\s+we\s+expect)\b"
                           r"(?:\s+(?:for|to|of)\s+[\w\s,&']{1,60})?\s*(?:\d+|[ivx]+)?\s*:?$", I)
# "Our requirements are:", "The Authority's recommendations are as follows:": the same, phrased as a sentence.
REQUIREMENT_LEADS = re.compile(r"^\W*(?:our|my|the|its|these|key|main|the\s+authority['’]s|osr['’]s)\s+(?:\w+\s+)?"
                               r"(?:recommendations?|requirements?)\s+(?:are|is|include)(?:\s+as\s+follows)?\s*:$", I)
BULLET = re.compile(r"^\s*(?:[•·▪◦●○■□\-–—*]|\(?\d{1,2}[.)]|\(?[a-z][.)]|\(?[ivx]{1,4}[.)]|\d{1,2}\.\d{1,2}\.?)\s+", I)
# "Requirement 3: ...", "Recommendation 2 – ...": a recommendation to the addressee, whatever its wording.
LABELLED_ITEM = re.compile(r"^\W*(?:recommendation|requirement|action)\s+\d+[a-z]?\s*[:.\-–—]\s*", I)
NUMBERED = re.compile(r"^\s*(?:\(?\d{1,2}[.)]|\d{1,2}\s+\|\s|\d{1,2}\.\d{1,2}\.?|(?:recommendation|requirement|action)\s+\d+\s*[:.\-–])\s*", I)
# First words of a paragraph that show it is prose, not a list item continuing a lead-in.
PROSE_STARTS = re.compile(r"^\W*(?:the|this|these|that|those|we|i|our|my|in|it|there|as|however|yours|kind|best|"
                          r"thank|thanks|please|if|when|since|although|following|finally|overall|annex|dear|"
                          r"regards|sincerely)\b", I)

# A short opening phrase and then the writer speaking ("Beyond these requirements, we ...", "On timing, I ..."):
# prose after a list, not another item.
PROSE_AFTER_OPENER = re.compile(r"^\W*[A-Z][^,.;:]{0,60},\s+(?:we|i)\s", I)

# A sentence written in Welsh: skipped (no English rule applies to it).
WELSH = re.compile(r"\b(?:yr|y|ein|eich|yn|mae|rydym|ydym|byddwn|bydd|gyda|hefyd|ystadegau|gan|i'r|o'r|a'r|"
                   r"sydd|dylai|hyn|wedi|cyhoeddi|fod|chi|gennych|ddiolchgar|hyd|ôl|drwy|rhai)\b", I)

# ---------------------------------------------------------------------------------------------------------------
# 4. Tables of the sentence-structure readings (issue 12): who a pronoun, a bare subject or a condition leaves bound.
# ---------------------------------------------------------------------------------------------------------------
# Triggers a leading condition does not undo: the writer recommends, asks or expects in the main clause.
UNCONDITIONAL = {"recommend", "we ask", "expect X to"}
# A subject without a determiner ("official statistics", "public statements") counts as a producer's output only
# where a sentence, a clause after a comma, or a coordination at the sentence's start opens with it.
BARE = re.compile(r"^(?!(?:the|these|those|this|your|future|any|all|each|every|such|our|their|its)\b)", I)
BARE_SUBJECT_OPENS = re.compile(r"(?:^\s*|[,;:]\s*|^\s*[\w’'-]+(?:\s+[\w’'-]+){0,2}\s+(?:and|or)\s*)$", I)
# Triggers whose pronoun subject ("it has agreed to", "they plan to") stands for a body named before it.
PRONOUN_ACTS = {"will", "plan to", "has agreed to", "committed to"}
MINISTERS = re.compile(r"^(?:government\s+|uk\s+government\s+)?ministers$", I)
# A preposition just before a named body: the body is not the subject ("the results before Parliament will ..."),
# unless people of that body are ("colleagues at NHS England have agreed").
GOVERNED = re.compile(r"\b(?:before|to|of|for|with|by|from|in|on|at|into|under|about|than|between|among|across|"
                      r"through|within|without)\s*$", I)
MEMBERS = re.compile(r"\b(?:colleagues|team|teams|statisticians|analysts|staff|officials|officers|those|people|"
                     r"head|heads|chief|director|directors)\s+(?:of|at|in|from|within)\s*$", I)
# "I am writing to set out how I intend to ...": the writer's own plan, not a question about someone else's.
SETS_OUT = re.compile(r"\b(?:set(?:ting)?\s+out|explain(?:ing)?|describ(?:e|ing)|outlin(?:e|ing))\s+(?:\w+\s+){0,4}?"
                      r"(?:how|when|what)\s+(?:i|we)\s+(?:\w+\s+)?$", I)
OWN_PLAN = re.compile(r"\b(?:set\s+out|explain|outline|describe)\s+(?:\w+\s+){0,4}?(?:how|when|what)\s+(?:i|we)\s+"
                      r"(?:intend|plan|propose|aim)\b", I)
# "we want to raise ...": saying something now, not undertaking to act.
SAYING = {"raise", "highlight", "draw", "emphasise", "emphasize", "outline", "explain", "confirm", "share", "set",
          "clarify", "make", "bring", "thank", "reiterate", "tell", "let", "offer", "express", "assure", "update",
          "inform", "record", "note", "acknowledge", "apologise", "reassure", "stress", "respond", "reply", "write"}
