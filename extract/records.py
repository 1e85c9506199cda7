"""Typed records that cross every stage boundary (crawl hints → extractors → archive.db).

Every extracted fact keeps where it came from: the quote or text span, the paragraph index and, for PDFs, the page.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Paragraph:
    """One paragraph of a document's own text, in reading order."""

    text: str
    page: int | None = None  # 1-based PDF page; None for HTML
    section: str = "body"  # body | header | annex | related | note


@dataclass
class LinkRef:
    """A link found in a document: Related Links, attachments, inline links."""

    url: str
    label: str = ""
    kind: str = "related"  # related | attachment | inline | chapter
    label_date: str | None = None  # ISO start of the date named in the label ("January 2019" -> 2019-01-01)
    label_date_end: str | None = None


@dataclass
class ParsedDocument:
    """What the HTML or PDF reader found, before any fact extraction."""

    title: str | None = None
    date: str | None = None  # ISO date from page metadata (published date), when present
    updated: str | None = None  # ISO "Last updated" date, when present
    fromto: str | None = None  # the page's from/to metadata line, as written
    lead: str | None = None  # 2017-18 style lead line ("X, role, OSR writes to Y, role, Org.")
    paragraphs: list[Paragraph] = field(default_factory=list)
    links: list[LinkRef] = field(default_factory=list)
    language: str | None = None  # "en" | "cy"
    pages: int | None = None  # PDF page count
    ocr: bool = False  # text came from OCR
    image_only_pages: list[int] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)  # anything else the reader saw (og:type, canonical, ...)

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.paragraphs if p.section != "related")


@dataclass
class PartyMention:
    """A person or organisation as a document names them; resolution to the register fills the *_id fields."""

    name: str | None = None  # person's name as written ("Sir David Norgrove"); None for an organisation alone
    role: str | None = None  # role as written ("Director General for Regulation")
    organisation: str | None = None  # organisation as written or inferred ("Office for Statistics Regulation")
    relation: str = "mentioned"  # sender | recipient | copied | mentioned
    party_id: str | None = None  # register id of the person (or the organisation, when no person is named)
    organisation_id: str | None = None  # register id of the organisation
    source: str | None = None  # which signal gave it: fromto | title | slug | lead | salutation | signature | copy | address | text

    def public(self) -> dict[str, Any]:
        return {"name": self.name, "role": self.role, "organisation": self.organisation}


@dataclass
class FromTo:
    senders: list[PartyMention] = field(default_factory=list)
    recipients: list[PartyMention] = field(default_factory=list)


@dataclass
class DateMention:
    """A temporal expression normalised to an interval [start, end] (ISO dates, inclusive)."""

    text: str
    start: str | None
    end: str | None
    granularity: str  # day | month | quarter | half | season | year | financial_year | week | weeks | relative | range
    paragraph: int | None = None
    page: int | None = None
    char_start: int | None = None  # offset within the paragraph
    char_end: int | None = None


@dataclass
class Commitment:
    kind: str  # commitment | expectation | request | recommendation
    actor: str | None  # name of the party bound, as resolved ("Office for National Statistics")
    quote: str  # the exact sentence
    actor_id: str | None = None  # register id of the party bound
    paragraph: int | None = None
    page: int | None = None
    due: DateMention | None = None
    char_start: int | None = None  # where the quoted words start within paragraph `paragraph`
    char_end: int | None = None  # and end (paragraph.text[char_start:char_end] == quote)

    def public(self) -> dict[str, Any]:
        due = None
        if self.due is not None:
            due = {"text": self.due.text, "start": self.due.start, "end": self.due.end}
        return {"kind": self.kind, "actor": self.actor, "quote": self.quote, "due": due}


@dataclass
class Extraction:
    """Everything extracted from one document."""

    title: str | None = None
    date: str | None = None
    doc_type: str | None = None
    language: str | None = None
    sender: PartyMention | None = None  # the (first) signatory; others in `senders`
    senders: list[PartyMention] = field(default_factory=list)
    recipients: list[PartyMention] = field(default_factory=list)
    copied: list[PartyMention] = field(default_factory=list)
    parties: list[PartyMention] = field(default_factory=list)  # every mention, resolved where possible
    dates: list[DateMention] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    links: list[LinkRef] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    pages: int | None = None
    ocr: bool = False
    error: str | None = None  # a clear, one-line reason when the document could not be read
    warnings: list[str] = field(default_factory=list)
    extractor_version: str | None = None

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.paragraphs if p.section != "related")

    def to_json(self) -> dict[str, Any]:
        """The one-file CLI's JSON shape (see issue #2), plus a few extra keys."""
        return {
            "title": self.title,
            "date": self.date,
            "doc_type": self.doc_type,
            "sender": self.sender.public() if self.sender else None,
            "recipients": [p.public() for p in self.recipients],
            "parties": [dict(p.public(), relation=p.relation, id=p.party_id) for p in self.parties],
            "dates": [
                {"text": d.text, "start": d.start, "end": d.end, "granularity": d.granularity}
                for d in self.dates
            ],
            "commitments": [c.public() for c in self.commitments],
            "links": [{"url": link.url, "label": link.label} for link in self.links],
            "language": self.language,
            "copied": [p.public() for p in self.copied],
            "error": self.error,
        }


def asdict(record: Any) -> dict[str, Any]:
    return dataclasses.asdict(record)


def extraction_from_dict(data: dict[str, Any]) -> Extraction:
    """Inverse of `asdict(extraction)`: the build caches extractions as JSON and reads them back."""

    def mention(d):
        return PartyMention(**d) if d is not None else None

    def date_mention(d):
        return DateMention(**d) if d is not None else None

    data = dict(data)
    data["sender"] = mention(data.get("sender"))
    for key in ("senders", "recipients", "copied", "parties"):
        data[key] = [mention(d) for d in data.get(key) or []]
    data["dates"] = [date_mention(d) for d in data.get("dates") or []]
    data["commitments"] = [
        Commitment(**dict(c, due=date_mention(c.get("due")))) for c in data.get("commitments") or []
    ]
    data["links"] = [LinkRef(**d) for d in data.get("links") or []]
    data["paragraphs"] = [Paragraph(**d) for d in data.get("paragraphs") or []]
    return Extraction(**data)
