"""Which extraction each document is loaded with, when documents depend on each other.

* A pre-2016 page that only summarises its PDF letter takes its text and facts from the PDF (the page keeps its
  title, URL and links).
* An attachment that repeats its page ("Download PDF version") keeps only what the page does not already say: a
  commitment quoted on the page is the page's, counted once.
* A report published as HTML (landing page and chapters) and a PDF keeps the HTML's text and adds the PDF's
  (`archive/publication_text.py`).
* An untitled attachment takes the label its page gave the link, else its file name.

`relatives(groups)` says which documents' rows depend on which, so an incremental build reloads them together.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

from archive import publication_text as pt
from captures.groups import DocumentGroup
from extract.records import Extraction

LEGACY_SUMMARY_MAX_WORDS = 80  # a pre-2016 page that only summarises its PDF letter


@dataclass
class Assembled:
    result: Extraction  # what the document's rows are made of
    own: Extraction | None  # its own extraction (links come from here)
    facts: bool  # False: its facts are loaded on the page it belongs to
    title: str | None
    doc_type: str | None


def relatives(groups: list[DocumentGroup]) -> dict[str, set[str]]:
    """url -> the urls whose extraction its rows read (its page, its attachments), both ways."""
    by_url = {g.url for g in groups}
    out: dict[str, set[str]] = {g.url: set() for g in groups}
    for g in groups:
        if g.parent_url and g.parent_url in by_url:
            out[g.url].add(g.parent_url)
            out[g.parent_url].add(g.url)
    return out


def assemble(groups: list[DocumentGroup], latest, wanted: set[str] | None = None) -> dict[str, Assembled]:
    """`latest(group) -> Extraction | None`; returns what to load for each group (only `wanted` urls if given)."""
    by_url = {g.url: g for g in groups}
    # a legacy summary page takes its letter (text and facts) from its PDF; a report's page (landing page and
    # chapters) adds its PDF version's text after its own
    borrowed: dict[str, Extraction] = {}
    pdf_versions: dict[str, list[Extraction]] = {}
    for group in groups:
        if group.role == "attachment" and group.parent_url in by_url:
            if wanted is not None and group.url not in wanted and group.parent_url not in wanted:
                continue
            parent = latest(by_url[group.parent_url])
            child = latest(group)
            if not (parent and child and not child.error):
                continue
            if pt.is_report(bool(by_url[group.parent_url].chapters), parent, group.parent_url):
                if pt.is_pdf_version(parent, child, group.url):
                    pdf_versions.setdefault(group.parent_url, []).append(child)
            elif is_summary(parent):
                borrowed[group.parent_url] = child
    out = {}
    for group in groups:
        if wanted is not None and group.url not in wanted:
            continue
        own = latest(group)
        result = own
        if group.url in borrowed:
            result = merge_summary(result, borrowed[group.url])
        elif group.url in pdf_versions:
            result = pt.with_pdf_text(result, pdf_versions[group.url])
        facts_elsewhere = group.role == "attachment" and group.parent_url in borrowed
        parent = by_url.get(group.parent_url) if group.parent_url else None
        if group.role == "attachment" and not facts_elsewhere and parent is not None and result:
            result = without_parents_facts(result, latest(parent))
        result = result or Extraction(error="no successful capture")
        facts = not facts_elsewhere
        out[group.url] = Assembled(
            result=result, own=own, facts=facts,
            title=result.title or group.hints.get("title") or attachment_title(group, parent, latest),
            doc_type="attachment" if group.role == "attachment" and not facts else result.doc_type,
        )
    return out


def attachment_title(group: DocumentGroup, parent: DocumentGroup | None, latest) -> str | None:
    """An untitled attachment takes the label its page gave the link, else its file name."""
    if group.role != "attachment":
        return None
    found = latest(parent) if parent else None
    for link in (found.links if found else []):
        if link.url == group.url and link.label:
            return link.label
    return unquote(group.url.rstrip("/").rsplit("/", 1)[-1]) or None


def _squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def without_parents_facts(child: Extraction, parent: Extraction | None) -> Extraction:
    """A "Download PDF version" repeats its page: a commitment already quoted in the parent page is the parent's
    (counted once, on the page); what only the attachment says stays on the attachment."""
    if parent is None or not parent.text:
        return child
    parent_text = _squash(parent.text)
    kept = [c for c in child.commitments if _squash(c.quote) not in parent_text]
    if len(kept) == len(child.commitments):
        return child
    trimmed = Extraction(**{**child.__dict__})
    trimmed.commitments = kept
    trimmed.warnings = [*child.warnings, f"{len(child.commitments) - len(kept)} commitments also on the parent page"]
    return trimmed


def is_summary(result: Extraction) -> bool:
    words = len(result.text.split())
    return result.doc_type == "summary" or (0 < words <= LEGACY_SUMMARY_MAX_WORDS and not result.commitments)


def merge_summary(page: Extraction | None, letter: Extraction) -> Extraction:
    """The summary page keeps its title, URL and links; text and facts come from the PDF letter."""
    merged = Extraction(**{**letter.__dict__})
    if page is not None:
        merged.title = page.title or letter.title
        merged.date = page.date or letter.date
        merged.links = page.links
        merged.doc_type = "letter" if page.doc_type in (None, "summary", "unknown") else page.doc_type
    return merged
