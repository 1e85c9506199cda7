"""Whom "you" and "the statistics team" bind when the addressee's body is not the whole story.

    recipient_from_subject(paragraphs, ctx) -> None (adjusts ctx in place)
    statistics_producer(paragraphs, ctx) -> org id | None

The register knows people by the posts it has seen them in; officials move ("Permanent Secretary, Department A"
in 2018, of Department B by the time of a later letter).  When the addressee's recorded organisation is a
government body that the letter never names, while a subject heading in its opening names exactly one other
government body ("Transparency of Department B statistics"), the letter is about that body's statistics and
"you" / "your department" is that body.  Letters to the publisher's own
family (the Authority, OSR) and to non-government addressees (MPs, committees, the public) are left alone.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from extract.records import Paragraph

if TYPE_CHECKING:
    from extract.commitments.finder import CommitmentContext

_OPENING = 4  # body paragraphs read for the letter's subject


def _heading(text: str) -> bool:
    """A subject line: short, no sentence punctuation at its end."""
    text = text.strip()
    return len(text) <= 120 and "\n" not in text and text[-1:] not in ".:;!?,"


def recipient_from_subject(paragraphs: list[Paragraph | None], ctx: "CommitmentContext",
                           government_kinds: set[str]) -> None:
    if not ctx.recipient_org_ids or ctx.recipient_org_ids[0] is None:
        return
    register = ctx.get_register()
    current = register.organisations.get(ctx.recipient_org_ids[0])
    if current is None or current.kind not in government_kinds:
        return
    family = {ctx.writer_org_id, current.id}
    writer = register.organisations.get(ctx.writer_org_id) if ctx.writer_org_id else None
    if writer is not None and writer.parent:
        family.add(writer.parent)
    named_anywhere: set[str] = set()
    opening: list[str] = []
    body = [p for p in paragraphs if p is not None and p.section in ("body", "annex") and p.text.strip()]
    for n, para in enumerate(body):
        for _s, _e, _written, kind, target in register.mention_spans(para.text):
            if kind != "org":
                continue
            named_anywhere.add(target)
            org = register.organisations.get(target)
            if n < _OPENING and _heading(para.text) and org is not None and org.kind in government_kinds \
                    and target not in family \
                    and org.parent not in family and target not in opening:
                opening.append(target)
    if current.id in named_anywhere or any(register.organisations.get(t) and
                                            register.organisations[t].parent == current.id for t in named_anywhere):
        return
    if len(opening) == 1:
        ctx.recipient_org_ids[0] = opening[0]
        ctx.recipient_org_names[0] = register.organisations[opening[0]].name_on(ctx.date)


# "<Body>'s <up to six words> statistics" / "statistics produced by <Body>": the body whose statistics these are
_OWNS_AFTER = re.compile(r"(?:['’]s|(?<=s)['’])\s+(?:[\w,&()-]+\s+){0,6}?statistics\b", re.I)
_OWNED_BEFORE = re.compile(r"\bstatistics\s+(?:(?:are|is|were|was)\s+)?(?:produced|published|compiled|collected)\s+"
                           r"by\s+(?:the\s+)?$", re.I)


def statistics_producer(paragraphs: list[Paragraph | None], ctx: "CommitmentContext",
                        government_kinds: set[str]) -> str | None:
    """The government body whose statistics the letter is about, when its opening says so ("assess the Department
    for X's planning statistics", "the statistics produced by Y"): the team that makes them is that body's, even
    where the letter is addressed to someone else (the head of a statistics agency whose statisticians work in a
    department).  None when the opening names no owner, or more than one."""
    register = ctx.get_register()
    family = {ctx.writer_org_id}
    writer = register.organisations.get(ctx.writer_org_id) if ctx.writer_org_id else None
    if writer is not None and writer.parent:
        family.add(writer.parent)
    owners: list[str] = []
    body = [p for p in paragraphs if p is not None and p.section in ("body", "annex") and p.text.strip()]
    for para in body[:_OPENING]:
        text = para.text
        for start, end, _written, kind, target in register.mention_spans(text):
            org = register.organisations.get(target) if kind == "org" else None
            if org is None or org.kind not in government_kinds or target in family:
                continue
            if _OWNS_AFTER.match(text, end) or _OWNED_BEFORE.search(text[max(0, start - 80):start]):
                if target not in owners:
                    owners.append(target)
    return owners[0] if len(owners) == 1 else None


__all__ = ["recipient_from_subject", "statistics_producer"]
