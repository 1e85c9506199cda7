"""Whom "you" binds when the register's record of the addressee is out of date.

    recipient_from_subject(paragraphs, ctx) -> None (adjusts ctx in place)

The register knows people by the posts it has seen them in; officials move ("Permanent Secretary, Department A"
in 2018, of Department B by the time of a later letter).  When the addressee's recorded organisation is a
government body that the letter never names, while a subject heading in its opening names exactly one other
government body ("Transparency of Department B statistics"), the letter is about that body's statistics and
"you" / "your department" is that body.  Letters to the publisher's own
family (the Authority, OSR) and to non-government addressees (MPs, committees, the public) are left alone.
"""
from __future__ import annotations

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


__all__ = ["recipient_from_subject"]
