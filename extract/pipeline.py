"""Run every extractor on one document: read (HTML/PDF/DOCX) → metadata → parties → dates → commitments → links.

Pure: bytes and hints in, an `Extraction` out. A document that cannot be read gets `Extraction.error` (one clear
line) and no facts; nothing here raises for bad input.
"""
from __future__ import annotations

import logging
from typing import Any

from extract.records import Extraction, ParsedDocument, PartyMention

log = logging.getLogger(__name__)

PDF_MAGIC = b"%PDF"
ZIP_MAGIC = b"PK\x03\x04"


def sniff_format(content: bytes, content_type: str | None, url: str | None) -> str:
    """pdf | docx | html | other, from the bytes first, then the declared type, then the URL."""
    head = content[:1024].lstrip()
    ctype = (content_type or "").split(";")[0].strip().lower()
    path = (url or "").split("?")[0].lower()
    if head.startswith(PDF_MAGIC) or ctype == "application/pdf" or path.endswith(".pdf"):
        return "pdf"
    if head.startswith(ZIP_MAGIC) and (path.endswith(".docx") or "wordprocessingml" in ctype):
        return "docx"
    if ctype in ("text/html", "application/xhtml+xml") or head[:1] == b"<" or not ctype:
        return "html"
    return "other"


def read_document(
    content: bytes, *, content_type: str | None = None, url: str | None = None, hints: dict | None = None
) -> ParsedDocument:
    """Turn raw bytes into a ParsedDocument; raises extract.errors.DocumentError with a clear reason."""
    from extract.errors import DocumentError

    hints = hints or {}
    if not content:
        raise DocumentError("empty response body")
    fmt = sniff_format(content, content_type, url)
    if fmt == "pdf":
        from extract.readers.pdf import parse_pdf

        return parse_pdf(content)
    if fmt == "docx":
        from extract.readers.docx import parse_docx

        return parse_docx(content)
    if fmt == "html":
        from extract.readers.html import parse_html, parse_publication
        from extract.readers.text import looks_binary

        if looks_binary(content):
            raise DocumentError("binary content, not a text page (control bytes where text should be)")

        chapters = hints.get("chapters") or []
        if chapters:
            return parse_publication([content, *chapters], url)
        return parse_html(content, url, content_type=content_type)
    raise DocumentError(f"unsupported content type {content_type!r}")


def extract_document(
    content: bytes,
    *,
    content_type: str | None = None,
    url: str | None = None,
    date: str | None = None,
    hints: dict[str, Any] | None = None,
    facts: bool = True,
) -> Extraction:
    """Every extractor on one document. `hints` may carry: title, date_text, fromto (from a listing), chapters
    (list of chapter page bytes, in order), parent_url. `facts=False` stops after text and metadata."""
    import extract
    from extract.errors import DocumentError

    hints = dict(hints or {})
    result = Extraction(extractor_version=extract.EXTRACTOR_VERSION)
    try:
        parsed = read_document(content, content_type=content_type, url=url, hints=hints)
    except DocumentError as exc:
        result.error = str(exc)
        return result
    result.paragraphs = parsed.paragraphs
    result.pages = parsed.pages
    result.ocr = parsed.ocr
    result.language = parsed.language
    result.links = list(parsed.links)
    result.title = _best_title(parsed.title, hints.get("title"))
    result.date = date or parsed.date or _hint_date(hints) or _letter_date(parsed)
    result.doc_type = _doc_type(url, result.title, parsed, hints)
    if parsed.image_only_pages:
        result.warnings.append(f"image-only pages: {parsed.image_only_pages}")
    _parties(result, parsed, url, hints)
    if facts:
        _facts(result, url)
    return result


def _best_title(page_title: str | None, listing_title: str | None) -> str | None:
    """The page's own title, unless the listing gives the same title whole where the page gave only a part of it
    (a <title> cut at a dash inside the real title)."""
    if not page_title or not listing_title:
        return page_title or listing_title

    def squash(text: str) -> str:
        return " ".join("".join(ch if ch.isalnum() else " " for ch in text.lower()).split())

    page, listing = squash(page_title), squash(listing_title)
    if page and page != listing and page in listing:
        return listing_title
    return page_title


def _hint_date(hints: dict) -> str | None:
    text = hints.get("date_text")
    if not text:
        return None
    from extract.dates.finder import parse_date_text

    mention = parse_date_text(text)
    if mention and mention.granularity == "day":
        return mention.start
    return None


def _letter_date(parsed: ParsedDocument) -> str | None:
    from extract.dates import finder as dates
    finder = getattr(dates, "find_letter_date", None)
    return finder(parsed.paragraphs) if finder else None


def _doc_type(url, title, parsed, hints) -> str:
    from extract.doctype import doc_type_for

    return doc_type_for(url, title, parsed, hints)


def _parties(result: Extraction, parsed: ParsedDocument, url: str | None, hints: dict) -> None:
    from extract.parties.letter import letter_parties
    from extract.parties.register import Register

    register = Register.load()
    found = letter_parties(parsed, url, hints)
    on_date = result.date

    def resolve(mentions: list[PartyMention], relation: str) -> list[PartyMention]:
        out = []
        for mention in mentions:
            mention.relation = relation
            out.append(register.resolve(mention, on_date, context=found))
        return out

    result.senders = resolve(found.senders, "sender")
    result.recipients = resolve(found.recipients, "recipient")
    result.copied = resolve(found.copied, "copied")
    result.sender = result.senders[0] if result.senders else None
    named = {(m.party_id or m.name or m.organisation) for m in result.senders + result.recipients + result.copied}
    mentioned = []
    for index, paragraph in enumerate(result.paragraphs):
        if paragraph.section == "related":
            continue
        for mention in register.find_mentions(paragraph.text, on_date):
            key = mention.party_id or mention.name or mention.organisation
            if key in named:
                continue
            named.add(key)
            mention.relation = "mentioned"
            mentioned.append(mention)
    result.parties = result.senders + result.recipients + result.copied + mentioned


def _facts(result: Extraction, url: str | None = None) -> None:
    from extract.commitments.finder import CommitmentContext, extract_commitments
    from extract.dates.finder import extract_dates

    body = [p if p.section != "related" else None for p in result.paragraphs]
    result.dates = [d for d in extract_dates(result.paragraphs, result.date) if body[d.paragraph or 0] is not None]
    context = CommitmentContext.for_letter(
        senders=result.senders,
        recipients=result.recipients,
        date=result.date,
        dates=result.dates,
        url=url,
    )
    result.commitments = extract_commitments(result.paragraphs, context)
