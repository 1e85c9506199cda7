"""A report published as HTML (a landing page, maybe chapter pages) and as a PDF is one document to read.

The build extracts the landing page with its chapters (`extract.html.parse_publication`) and the PDF as an attachment
of the page. Here the page's text is completed with the PDF's: the landing page, the chapters in order, then the
PDF's paragraphs that the HTML does not already hold (a paragraph is dropped when its letters and digits occur, in
order, in the HTML text), so every word of every part is in the document and searchable, and what both carry is read
once. Facts stay where they are: the page keeps those extracted from its HTML, the attachment those only the PDF
states (`archive.build._without_parents_facts`), so nothing is counted twice.

A page is such a report when it has chapter pages or its URL is a publication's (../shared/SITE.md); a PDF attached to it is its PDF
version when the page's link to it says so ("Download PDF version") or when most of the page's own text is in it.
A letter's page and a pre-2016 summary page keep their own rules.
"""
from __future__ import annotations

import re

from extract.records import Extraction, Paragraph

PUBLICATION_URL_RE = re.compile(r"^https?://[^/]+/publication/[^/?#]+/?(?:[?#]|$)")
VERSION_LABEL_RE = re.compile(r"\b(?:pdf\s+version|download\s+(?:the\s+)?(?:full\s+)?(?:report|pdf|document))\b", re.I)
SUBSTRING_LIMIT = 2_000_000  # above this many characters of HTML, only whole paragraphs are compared (linear)
MIN_SHARED = 0.5  # share of the page's longer paragraphs found in the PDF that makes it a version of the page


def squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", (text or "").lower())


def is_report(has_chapters: bool, page: Extraction | None, url: str) -> bool:
    """A report's page: it has chapter pages, or it sits where reports are published (`/publication/<slug>/`). Not
    its type: a pre-2016 summary page is often titled "Review of ..." and must keep taking its letter from its PDF."""
    return page is not None and not page.error and (has_chapters or bool(PUBLICATION_URL_RE.search(url)))


def is_pdf_version(page: Extraction, pdf: Extraction, pdf_url: str) -> bool:
    if pdf.error or not pdf.paragraphs:
        return False
    if any(link.url == pdf_url and VERSION_LABEL_RE.search(link.label or "") for link in page.links):
        return True
    own = [squash(p.text) for p in page.paragraphs if p.section != "related" and len(p.text) >= 40]
    if not own:
        return False
    body = squash(pdf.text)
    return sum(1 for p in own if p in body) >= MIN_SHARED * len(own)


def with_pdf_text(page: Extraction, pdfs: list[Extraction]) -> Extraction:
    """The page's extraction with the PDF paragraphs the HTML lacks appended, in the PDF's order."""
    seen = squash(page.text)
    exact = {squash(p.text) for p in page.paragraphs}
    substring = len(seen) <= SUBSTRING_LIMIT
    extra: list[Paragraph] = []
    for pdf in pdfs:
        for p in pdf.paragraphs:
            if p.section == "related":
                continue
            key = squash(p.text)
            if not key or key in exact or (substring and key in seen):
                continue
            extra.append(Paragraph(p.text, page=p.page, section=p.section))
            exact.add(key)  # a paragraph repeated later in the PDF (running heads) is read once
    if not extra:
        return page
    merged = Extraction(**{**page.__dict__})
    merged.paragraphs = [*page.paragraphs, *extra]
    merged.warnings = [*page.warnings, f"{len(extra)} paragraphs from the PDF version added after the HTML text"]
    return merged
