"""Commitments: every sentence that commits someone to act, or asks, expects or recommends that someone act.

    extract_commitments(paragraphs, context) -> list[Commitment]

Each body sentence is read once: rules that rule a sentence out (thanks, offers, present acts, conditionals, quoted
Code, hopes); then the first trigger in the sentence (extract/commitments/rules.py, TRIGGERS) that names a party
gives the kind and the actor (we / I → the writer's organisation; you / the department → the recipient's; a named
organisation → that organisation).  A lead-in ending in ":" ("We will:", "we recommend that ONS:") hands its kind
and actor to the list items that follow it; items under a "Recommendations" / "Requirements" heading, and
numbered items, are recommendations.  The due date is the date expression of the same sentence that governs the
action (after the verb, introduced by "by", "before", "in", "during", "within" ... preferred).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from extract.commitments import rules as R
from extract.commitments.impersonal import Antecedents, starts_with_action
from extract.commitments.match import Match, classify
from extract.commitments.sentences import split_sentences
from extract.records import Commitment, DateMention, Paragraph, PartyMention

_BODY_SECTIONS = {"body", "annex"}


@dataclass
class CommitmentContext:
    """What the extractor needs to know about the letter: who writes, to whom, when, and its dates."""

    writer_org_id: str | None = None
    writer_org_name: str | None = None
    recipient_org_ids: list[str] = field(default_factory=list)
    recipient_org_names: list[str] = field(default_factory=list)
    date: str | None = None
    dates: list[DateMention] = field(default_factory=list)
    register: Any = None  # extract.parties.Register; the default register is loaded when None
    last_department: str | None = None  # the government body the text named last ("the department" may mean it)
    date_index: Any = field(default=None, repr=False, compare=False)  # commitments_due.DateIndex of `dates`
    antecedents: Any = field(default=None, repr=False, compare=False)  # commitments_impersonal.Antecedents
    antecedent: str | None = None  # the body "it" / "they" stands for where the sentence part being read starts
    producer_id: str | None = None  # the body whose statistics the letter is about, when it says so (actor.py)

    @classmethod
    def for_letter(cls, senders: Iterable[PartyMention] = (), recipients: Iterable[PartyMention] = (),
                   date: str | None = None, dates: Iterable[DateMention] | None = None,
                   register: Any = None, url: str | None = None) -> "CommitmentContext":
        """Build the context from resolved sender and recipient mentions (organisation_id filled by the register).

        With no sender (an unsigned statement, written evidence), the organisation whose site published `url`
        is the writer."""
        from extract.parties.register import Register

        register = register or Register.load()
        ctx = cls(date=date, dates=list(dates or []), register=register)
        signed: str | None = None  # the first signatory's organisation as written, else their name
        for mention in senders:
            org_id, name = _org_of(mention, register, date)
            signed = signed or name or mention.name
            if org_id or name:
                ctx.writer_org_id, ctx.writer_org_name = org_id, name
                break
        publisher = register.organisation_for_url(url) if url else None
        for mention in recipients:
            org_id, name = _org_of(mention, register, date, prefer=publisher.id if publisher else None)
            if (org_id or name) and org_id not in ctx.recipient_org_ids:
                ctx.recipient_org_ids.append(org_id)
                ctx.recipient_org_names.append(name)
        if publisher is not None and ctx.writer_org_id is None:
            if any(_same_family(register, org_id, publisher.id) for org_id in ctx.recipient_org_ids):
                # written TO the body whose site holds it: "we" is the sender's body, never the publisher
                ctx.writer_org_name = ctx.writer_org_name or signed
            else:
                ctx.writer_org_id, ctx.writer_org_name = publisher.id, publisher.name_on(date)
        if not any(ctx.recipient_org_ids) and not any(ctx.recipient_org_names):
            people = [m.name for m in recipients if m.name]
            if publisher is not None and ctx.writer_org_id and not _same_family(register, ctx.writer_org_id,
                                                                                publisher.id):
                # a letter to the regulator addressed to a person the register does not know: the publisher
                ctx.recipient_org_ids, ctx.recipient_org_names = [publisher.id], [publisher.name_on(date)]
            elif people:  # "you" is the addressee in person (a member of the public, an unknown official)
                ctx.recipient_org_ids, ctx.recipient_org_names = [None], [people[0]]
        return ctx

    def get_register(self):
        if self.register is None:
            from extract.parties.register import Register

            self.register = Register.load()
        return self.register

    def org_name(self, org_id: str) -> str:
        if org_id == self.writer_org_id and self.writer_org_name:
            return self.writer_org_name
        if org_id in self.recipient_org_ids:
            name = self.recipient_org_names[self.recipient_org_ids.index(org_id)]
            if name:
                return name
        org = self.get_register().organisations.get(org_id)
        return org.name_on(self.date) if org else org_id


def _same_family(register, a: str | None, b: str | None) -> bool:
    """The same organisation, or one the other's parent (OSR within the UK Statistics Authority)."""
    if not a or not b:
        return False
    if a == b:
        return True
    org_a, org_b = register.organisations.get(a), register.organisations.get(b)
    return bool((org_a and org_a.parent == b) or (org_b and org_b.parent == a))


def _org_of(mention: PartyMention, register, date: str | None,
            prefer: str | None = None) -> tuple[str | None, str | None]:
    org_id = mention.organisation_id
    if org_id is None and mention.party_id and mention.party_id.startswith("org:"):
        org_id = mention.party_id
    if org_id is None and (mention.organisation or mention.name):
        resolved = register.resolve(mention, date)
        org_id = resolved.organisation_id
    if org_id is None and not mention.organisation and mention.name:
        org_id = _by_salutation(register, mention.name, date, prefer)
    org = register.organisations.get(org_id) if org_id else None
    if org is not None:
        return org.id, org.name_on(date)
    return None, mention.organisation


def _by_salutation(register, name: str, date: str | None, prefer: str | None = None) -> str | None:
    """"Sir Robert", "Dame Jil": an honorific and a first name that one person in the register answers to (of
    several, the one who has served the organisation whose site holds the letter)."""
    words = name.split()
    if len(words) != 2 or words[0].lower() not in ("sir", "dame", "lord", "lady", "baroness", "professor"):
        return None
    first = words[1].lower()
    found = [p for p in register.people.values()
             if first in p.first_names and any(h.lower() == words[0].lower() for h in p.honorifics)]
    if len(found) > 1 and prefer:
        found = [p for p in found if any(_same_family(register, r.organisation, prefer) for r in p.roles)]
    if len(found) != 1:
        return None
    if prefer:
        for role in reversed(found[0].roles):
            if _same_family(register, role.organisation, prefer) and (not date or role.covers(date) is not False):
                return role.organisation
    return found[0].organisation_on(date)


@dataclass
class _Lead:
    """A lead-in or heading whose kind and actor pass to the list items after it."""

    match: Match | None  # the lead-in's own reading (None for a heading)
    kind: str
    actor_id: str | None
    actor_name: str | None
    paragraph: int
    span: tuple[int, int] | None
    items: int = 0
    heading: bool = False


def extract_commitments(paragraphs: list[Paragraph], context: CommitmentContext | None = None) -> list[Commitment]:
    """Commitments, expectations, requests and recommendations in the body of a document, in reading order."""
    ctx = context or CommitmentContext()
    ctx.last_department = None  # per document
    from extract.commitments.due import DateIndex

    ctx.date_index = DateIndex(ctx.dates)  # once per document: due dates are looked up by paragraph and offset
    from extract.commitments.actor import recipient_from_subject, statistics_producer

    recipient_from_subject(paragraphs, ctx, GOVERNMENT_KINDS)
    ctx.producer_id = statistics_producer(paragraphs, ctx, GOVERNMENT_KINDS)
    out: list[tuple[int, int, Commitment]] = []
    lead: _Lead | None = None
    for index, para in enumerate(paragraphs):
        if para is None or para.section not in _BODY_SECTIONS or not para.text.strip():
            continue
        text = para.text
        _note_department(text, ctx)
        if (R.LIST_HEADINGS.match(text.strip()) or R.REQUIREMENT_LEADS.match(text.strip())) and len(text) < 120:
            _close(lead, paragraphs, ctx, out)
            lead = _Lead(None, "recommendation", *_recipient(ctx), index, None, heading=True)
            continue
        if lead is not None and not _continues(lead, text):
            _close(lead, paragraphs, ctx, out)
            lead = None
        numbered = bool(R.NUMBERED.match(text))
        if R.LABELLED_ITEM.match(text) and (lead is None or not lead.heading):
            _close(lead, paragraphs, ctx, out)
            lead = _Lead(None, "recommendation", *_recipient(ctx), index, None, heading=True)
        for start, end in split_sentences(text):
            sentence = text[start:end]
            if sentence.rstrip().endswith(":") and len(sentence) < 400:
                _close(lead, paragraphs, ctx, out)
                lead = _lead_in(sentence, ctx, index, (start, end), heading_kind=lead.kind if lead and lead.heading else None)
                continue
            in_list = numbered or (lead is not None and lead.kind == "recommendation")
            ctx.antecedent = ctx.antecedents.before(start) or ctx.last_department
            found = classify(sentence, ctx, in_list=in_list)
            if lead is not None and (lead.paragraph != index or (lead.span and start >= lead.span[1])):
                found = _as_item(found, sentence, lead, ctx)
                if found is not None:
                    lead.items += 1
            if found is not None:
                _emit(found, sentence, index, para, start, ctx, out)
    _close(lead, paragraphs, ctx, out)
    return [c for _, _, c in sorted(out, key=lambda t: (t[0], t[1]))]


GOVERNMENT_KINDS = {"ministerial-department", "non-ministerial-department", "devolved-department",
                    "devolved-government", "executive-agency", "statistics-producer", "government-office"}


def _note_department(text: str, ctx: CommitmentContext) -> None:
    """Remember the last government body the text names: "the department" in a letter to an MP or a charity."""
    register = ctx.get_register()
    spans = register.mention_spans(text)
    ctx.antecedents = Antecedents(spans, ctx.writer_org_id)
    for _start, _end, _written, kind, target in spans:
        org = register.organisations.get(target) if kind == "org" else None
        if org is not None and org.kind in GOVERNMENT_KINDS and org.id != ctx.writer_org_id:
            ctx.last_department = org.id


def _recipient(ctx: CommitmentContext) -> tuple[str | None, str | None]:
    if ctx.recipient_org_ids:
        return ctx.recipient_org_ids[0], ctx.recipient_org_names[0]
    return None, None


def _lead_in(sentence: str, ctx: CommitmentContext, index: int, span: tuple[int, int],
             heading_kind: str | None) -> _Lead | None:
    """'We will:' → items are the writer's commitments; 'we recommend that ONS:' → recommendations for ONS."""
    own = classify(sentence.rstrip()[:-1] + ".", ctx, in_list=heading_kind is not None)
    probe = own or classify(sentence.rstrip()[:-1] + " act.", ctx, in_list=heading_kind is not None) \
        or classify(sentence.rstrip()[:-1] + " to act.", ctx, in_list=heading_kind is not None)
    if probe is None:
        if heading_kind:
            return _Lead(None, heading_kind, *_recipient(ctx), index, span, heading=True)
        return None
    kind = "recommendation" if heading_kind and probe.kind in ("expectation", "recommendation") else probe.kind
    return _Lead(own, kind, probe.actor_id, probe.actor_name, index, span)


def _continues(lead: _Lead, text: str) -> bool:
    """Is this paragraph still part of the list opened by `lead`?"""
    stripped = text.strip()
    if R.BULLET.match(stripped) or R.NUMBERED.match(stripped):
        return True
    if R.PROSE_AFTER_OPENER.match(stripped):
        return False
    if stripped[:1].islower():
        return True
    if lead.heading:
        return not (len(stripped) < 80 and stripped[-1:] not in ".;:!?")  # the next heading ends it
    return len(stripped) < 500 and not R.PROSE_STARTS.match(stripped) and not R.PROSE_AFTER_OPENER.match(stripped)


def _as_item(found: Match | None, sentence: str, lead: _Lead, ctx: CommitmentContext) -> Match | None:
    """A list item: its own reading when it has one (kind adjusted under a recommendations heading), else the lead's."""
    if found is not None:
        if lead.kind == "recommendation" and found.kind in ("expectation", "commitment") and found.actor != "writer":
            found.kind = "recommendation"
        elif lead.kind == "expectation" and found.kind == "recommendation" and found.actor != "writer":
            found.kind = "expectation"  # "We would expect the department to:" ... "HMRC should publish ..."
        return found
    if any(rule.search(sentence) for name, rule in R.NOT_COMMITMENTS if name != "quotation"):
        return None
    if lead.heading and R.PROSE_STARTS.match(sentence) and not R.BULLET.match(sentence):
        return None
    if len(sentence.split()) < 2:
        return None
    if lead.match is not None and lead.match.kind == "commitment" and not lead.heading \
            and not starts_with_action(sentence):
        # "... a review, which we expect to cover the three areas:" lists topics of an undertaking already
        # made, not further actions: the items are not commitments (the lead-in stays one)
        return None
    return Match(lead.kind, lead.actor_id, lead.actor_name, actor="lead", verb_at=0)


def _close(lead: _Lead | None, paragraphs, ctx: CommitmentContext, out: list[tuple[int, int, Commitment]]) -> None:
    """A lead-in with no items after it is a sentence like any other: keep its own reading."""
    if lead is None or lead.items or lead.match is None or lead.span is None:
        return
    para = paragraphs[lead.paragraph]
    start, end = lead.span
    _emit(lead.match, para.text[start:end], lead.paragraph, para, start, ctx, out)


def _emit(found: Match, sentence: str, index: int, para: Paragraph, start: int, ctx: CommitmentContext,
          out: list[tuple[int, int, Commitment]]) -> None:
    """One commitment per action of the sentence ("we will publish X, and work with Y" gives two); an action
    without a date of its own takes the date of a later action it is coordinated with ("publish X and reply to Y
    in September")."""
    from extract.commitments.clauses import split_actions

    lead = len(sentence) - len(sentence.lstrip())
    text = sentence.strip()
    def read(rest: str) -> Match | None:
        ctx.antecedent = ctx.antecedents.before(start + lead + len(text) - len(rest)) \
            or ctx.antecedent
        return classify(rest, ctx)

    pieces = split_actions(text, found, read)
    made = []
    for n, (p_start, p_end, reading) in enumerate(pieces):
        piece = text[p_start:p_end]
        trimmed = piece.rstrip(" ,;–—-") if n + 1 < len(pieces) else piece.rstrip()
        p_lead = len(trimmed) - len(trimmed.lstrip())
        s = start + lead + p_start + p_lead
        made.append(_commitment(reading, trimmed.strip(), index, para, s, s + len(trimmed.strip()), ctx))
    for n in range(len(made) - 2, -1, -1):
        if made[n].due is None and made[n + 1].due is not None:
            made[n].due = made[n + 1].due
    for c in made:
        out.append((index, c.char_start, c))


def _commitment(found: Match, sentence: str, index: int, para: Paragraph, start: int, end: int,
                ctx: CommitmentContext) -> Commitment:
    from extract.commitments.due import due_date

    quote = sentence.strip()
    char_start = start + (len(sentence) - len(sentence.lstrip()))
    return Commitment(
        kind=found.kind,
        actor=found.actor_name,
        quote=quote,
        actor_id=found.actor_id,
        paragraph=index,
        page=para.page,
        due=due_date(ctx.date_index if ctx.date_index is not None else ctx.dates, index, para.text, start, end,
                     start + found.verb_at, ctx.date),
        char_start=char_start,
        char_end=char_start + len(quote),
    )


__all__ = ["CommitmentContext", "extract_commitments"]
