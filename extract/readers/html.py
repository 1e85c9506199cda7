"""HTML pages -> ParsedDocument: the document's own text, its metadata, Related Links and attachments.

Main content is found by text density, not by class names (the real markup is unknown): after removing what is
boilerplate by tag, ARIA role or generic class words (nav, cookie, share, breadcrumb ...), every text block is
weighted by its length and how little of it is link text; the document's container is the deepest element holding
at least 90% of that weight. `<main>`/`<article>` are used only as a hint when they hold most of it.

On a page holding one letter the container is anchored on the salutation and the sign-off instead (their lowest
common ancestor, widened only over what reads as the letter's own; see extract/readers/html_blocks.py), because a fixed
share fails where the site's chrome is plain prose in unnamed divs.

Inside the container, blocks before the salutation ("Dear ...") are the letter's header (address block, date
line), short metadata blocks (the page date, "Last updated", the from/to line, the 2017-style lead line) become
fields, a heading starting "Annex" opens the annex section, and the Related Links section is kept apart.

Robust to broken markup, non-UTF-8 bytes (see `extract.text.decode_html`) and absurd nesting (flattened before
lxml's depth limit drops the rest of the document); the structural half is extract/readers/html_blocks.py, titles and
labelled metadata lines are extract/readers/html_meta.py.
Speed, measured on 36-39 KB pages with site chrome on this 2-core machine under load: about 170-185 documents/s
per core (bench/documents.py). trafilatura 2.3 measured about 200/s on the same pages and finds similar text, but
gives no block elements to read metadata lines, Related Links and attachments from, so it would be a second parse.
"""
from __future__ import annotations

import re

from extract.readers.html_blocks import (
    DROP_TAGS, HEADINGS, Block, _words, blocks_of, boilerplate_kind, main_container, parse_tree, prose_words,
)
from extract.readers.html_meta import (  # noqa: F401  (_date_only: extract/readers/pdf.py reads letter date lines with it)
    LABEL, _date_only, _definition_pairs, _head_title, _is_title, _meta, _metadata_line, _metadata_part,
    _tag_lines, _time_dates, _title,
)
from extract.records import LinkRef, Paragraph, ParsedDocument
from extract.readers.related import absolute, is_attachment, is_related_heading, parse_related
from extract.readers.text import decode_html, detect_language, one_line

UI_TEXT = re.compile(r"^(download (the )?(pdf|document|file|version)|share (this|on)|print (this )?page|back to top"
                     r"|skip to|(was|is) this page (useful|helpful)|tweet|email this|view (the )?pdf)\b", re.I)
SALUTATION = re.compile(r"^(dear|annwyl|to whom it may concern)\b", re.I)
SIGNOFF = re.compile(r"^(yours?\s+(sincerely|faithfully|ever|truly)|best wishes|kind regards|regards|yn gywir"
                     r"|with best wishes)\b", re.I)
LEAD = re.compile(r"^[^.]{3,200},[^.]{0,200}\b(writes|wrote)\s+to\b", re.I)
NOTE = re.compile(r"^\s*(this (letter|page|document|publication) (was|has been) )?(update[ds]?|note|editor's note"
                  r"|correction|amended|corrected)\b.{0,60}\b(to|:|on)\b", re.I)
ANNEX = re.compile(r"^\s*(annex|annexe|appendix|atodiad)\b", re.I)
CHAPTER = re.compile(r"/publication/([^/?#]+)/pages/(\d+)/?$")
# A taxonomy archive (an organisation's, a tag's, a type's page of many letters): never one Related Link
TAXONOMY = re.compile(r"/(organisations?|org|tags?|categor(?:y|ies)|correspondence-type|themes?|topics?|author"
                      r"|type)/[^/?#]+/?(page/\d+/?)?(?:[?#]|$)", re.I)

# ------------------------------------------------------------------ links


def _chapter_links(root, url: str | None) -> list[LinkRef]:
    slug = None
    if url:
        found = re.search(r"/publication/([^/?#]+)", url)
        slug = found.group(1) if found else None
    pages: dict[str, tuple[int, str]] = {}
    for a in root.iter("a"):
        if "/pages/" not in a.get("href", ""):
            continue
        href = absolute(a.get("href", ""), url)
        found = CHAPTER.search(href or "")
        if found and (slug is None or found.group(1) == slug) and href not in pages:
            pages[href] = (int(found.group(2)), one_line(a.text_content()))
    return [LinkRef(url=h, label=lab, kind="chapter") for h, (n, lab) in sorted(pages.items(), key=lambda x: x[1][0])]


def _related_section(root, url: str | None) -> list[LinkRef]:
    """Find the "Related Links" heading, take the links that belong to it, and remove them from the page.

    Shapes handled: the heading and its links in one element ("Related Links<br><a>..</a>"); a heading followed
    by sibling lists or paragraphs of links; a heading wrapped alone in its own element. Only the heading and
    the link blocks are removed, never a container that also holds the document.
    """
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or el.tag in ("a", "html", "body", "ul", "ol"):
            continue
        own = (el.text or "").lower()
        if not ("related" in own or "see also" in own or "dolenni" in own) or not is_related_heading(one_line(own)):
            continue  # the heading's own text, so that no element's whole subtree is read (linear time)
        anchors = [(a.get("href", ""), a.text_content()) for a in el.iter("a")]
        remove = [el]
        if not anchors:
            node = el
            while (node.getparent() is not None and node.getparent().tag not in ("body", "html", "main", "article")
                   and one_line(node.getparent().text_content()) == one_line(node.text_content())):
                node = node.getparent()  # a wrapper around the heading alone
            remove = [node]
            for sib in node.itersiblings():
                if not isinstance(sib.tag, str):
                    continue
                text = one_line(sib.text_content())
                if sib.tag in HEADINGS and not is_related_heading(text):
                    break
                found = [(a.get("href", ""), a.text_content()) for a in sib.iter("a")]
                link_chars = sum(len(one_line(label)) for _, label in found)
                if not found and not text:
                    remove.append(sib)  # <br>, an empty wrapper
                    continue
                if not found or (len(text) > 100 and link_chars < len(text) * 0.5):
                    break  # prose again: the section is over
                if LABEL.match(text) or all(TAXONOMY.search(href) for href, _ in found):
                    break  # "Organisation: <a>..</a>", a tag cloud: the page's metadata after the section
                anchors.extend(found)
                remove.append(sib)
        for gone in remove:
            if gone.getparent() is not None:
                gone.drop_tree()
        return parse_related([(href, label) for href, label in anchors if not TAXONOMY.search(href)], url)
    return []


# ------------------------------------------------------------------ the reader


def parse_html(content: bytes, url: str | None = None, *, content_type: str | None = None) -> ParsedDocument:
    """Read one HTML page. Never raises on bad markup or bytes; an empty page gives an empty ParsedDocument."""
    text, encoding = decode_html(content, content_type)
    root = parse_tree(text)
    doc = ParsedDocument(meta={"encoding": encoding})
    doc.meta["html_lang"] = (root.get("lang") or "").lower()[:5] or None
    canonical = next((el.get("href") for el in root.iter("link") if (el.get("rel") or "").lower() == "canonical"),
                     None)
    if canonical:
        doc.meta["canonical"] = canonical
    og_type = _meta(root, "og:type")
    if og_type:
        doc.meta["og_type"] = og_type
    doc.date, doc.updated = _time_dates(root)
    head_title, site_names = _head_title(root, url)
    chapters = _chapter_links(root, url)

    for el in list(root.iter(*DROP_TAGS)):
        if el.getparent() is not None:
            el.drop_tree()
    body = root.find("body") if root.find("body") is not None else root
    related = _related_section(body, url)
    attachments = _attachments(body, url, {r.url for r in related + chapters})
    _drop_boilerplate(body)

    blocks = blocks_of(body)
    container = main_container(body, blocks, _letter_anchors(blocks))
    doc.title = _title(root, container, head_title, site_names)
    inside = set(container.iter())
    _fill(doc, blocks, inside)
    if related:  # the section's text is kept apart from the document's own text, after it
        doc.paragraphs.append(Paragraph("Related Links", section="related"))
        doc.paragraphs.extend(Paragraph(link.label, section="related") for link in related if link.label)
    seen = {r.url for r in related + chapters + attachments}
    doc.links = related + chapters + attachments + _inline_links(container, url, seen)
    doc.language = detect_language(doc.text) or ("cy" if (doc.meta["html_lang"] or "").startswith("cy") else
                                                 "en" if doc.paragraphs else None)
    return doc


def _letter_anchors(blocks: list[Block]) -> tuple | None:
    """The salutation's and the sign-off's elements of a page holding one letter (an archive page holding several
    letters, or a page without both, gives None)."""
    greetings = [i for i, b in enumerate(blocks) if SALUTATION.match(b.text)]
    if len(greetings) != 1:
        return None
    start = greetings[0]
    end = next((i for i in range(start, len(blocks)) if SIGNOFF.match(blocks[i].text) and len(blocks[i].text) < 200),
               None)
    return (blocks[start].el, blocks[end].el) if end is not None else None


def _drop_boilerplate(body) -> None:
    """Remove page furniture, never descending into what is already removed. An element holding 40% or more of
    the page's words outside links stays whatever its class says: a wrapper with "has-sidebar", an ASP.NET
    page-wide <form>. Semantic furniture (nav, ARIA roles, the site's header and footer) always goes."""
    total = prose_words(body) or 1
    stack = [body]
    while stack:
        for child in list(stack.pop()):
            if not isinstance(child.tag, str):
                continue
            kind = boilerplate_kind(child)
            if kind == "semantic" or (kind == "word" and prose_words(child) < 0.4 * total):
                child.drop_tree()
            else:
                stack.append(child)


def _in_site_chrome(el) -> bool:
    """Inside the site's own header, footer or navigation (not a document's own header/footer)."""
    for anc in el.iterancestors():
        if anc.tag in ("main", "article"):
            return False
        if anc.tag in ("nav", "header", "footer") or (anc.get("role") or "").lower() in (
                "navigation", "banner", "contentinfo"):
            return True
        if _words(anc) & {"cookie", "cookies", "consent", "breadcrumb", "breadcrumbs"}:  # never on page wrappers
            return True
    return False


def _attachments(body, url, seen: set[str]) -> list[LinkRef]:
    """File links (PDF, Word, spreadsheets) anywhere but the site chrome: sidebars hold "Download PDF version"."""
    out = []
    for a in body.iter("a"):
        if not is_attachment(a.get("href", "")):  # cheap test on the raw link first
            continue
        href = absolute(a.get("href", ""), url)
        if href and href not in seen and is_attachment(href) and not _in_site_chrome(a):
            seen.add(href)
            out.append(LinkRef(url=href, label=one_line(a.text_content()), kind="attachment"))
    return out


def _inline_links(container, url, seen: set[str]) -> list[LinkRef]:
    """Links inside the document's own text (references to reports and earlier letters)."""
    out = []
    for a in container.iter("a"):
        href = absolute(a.get("href", ""), url)
        if href and href not in seen and href != url:
            seen.add(href)
            out.append(LinkRef(url=href, label=one_line(a.text_content()), kind="inline"))
    return out


def _fill(doc: ParsedDocument, blocks: list[Block], inside: set) -> None:
    """Sort blocks into metadata fields and paragraphs with sections."""
    title = doc.title or ""
    greetings = [i for i, b in enumerate(blocks) if b.el in inside and SALUTATION.match(b.text)]
    salutation = greetings[0] if greetings else None
    doc.meta["salutations"] = len(greetings)
    first_body = salutation if salutation is not None else next(
        (i for i, b in enumerate(blocks) if b.el in inside and len(b.text) > 200 and b.tag not in HEADINGS),
        len(blocks))
    signed = next((i for i in range(salutation, len(blocks)) if blocks[i].el in inside
                   and SIGNOFF.match(blocks[i].text)), None) if salutation is not None else None
    letter_date = None
    section = "body"
    labelled = _definition_pairs(blocks)
    skip = -1
    for i, block in enumerate(blocks):
        text = block.text
        own = block.el in inside
        if i == skip or _is_title(block, title, i < first_body):
            continue
        if signed is not None and i > signed and section != "annex" and _tag_lines(doc, labelled.get(i, text), title):
            skip = i + 1 if i in labelled else skip
            continue  # "Organisation: X", "Filed under: X" after the signature: page metadata, not the letter
        if (i < first_body and i < 60) or (not own and i < first_body + 40):
            # page metadata: a <time> element, a labelled date, "Last updated", the from/to line
            has_time = next(block.el.iter("time"), None) is not None
            if i in labelled and _metadata_part(doc, labelled[i], True, title):
                skip = i + 1  # <dt>From</dt><dd>A, Org</dd>: the label and its value are one metadata line
                continue
            lines = [line for line in text.split("\n") if line.strip()]
            if all(_metadata_line(doc, line, has_time or not own, title) for line in lines):
                continue
            if doc.lead is None and LEAD.search(text) and len(text) < 500:
                doc.lead = one_line(text)
                doc.paragraphs.append(Paragraph(one_line(text), section="header"))
                continue
            iso = _date_only(text)
            if iso and letter_date is None:
                letter_date = iso  # the letter's own date line: kept in the text, used when no page date
        if not own:
            continue
        if UI_TEXT.match(text) and (block.link_density > 0.5 or len(text) < 80):
            continue
        is_note = bool(NOTE.match(text)) and len(text) < 300 and (salutation is None or i < salutation)
        if salutation is not None and i < salutation:
            part = "note" if is_note else "header"
        else:
            if block.tag in HEADINGS | {"p", "strong", "div"} and ANNEX.match(text) and len(text) < 200:
                section = "annex"
            part = "note" if is_note and i <= first_body else section
        doc.paragraphs.append(Paragraph(text, section=part))
    if doc.date is None and letter_date:
        doc.date = letter_date
        doc.meta["date_source"] = "letter"


def parse_publication(pages: list[bytes], url: str | None = None) -> ParsedDocument:
    """A report's main page and its chapter pages (in order) joined into one document.

    Title, date and metadata come from the first page; every page's paragraphs follow in order, each chapter's
    heading kept; links are merged without duplicates. `meta['parts']` counts the pages joined.
    """
    if not pages:
        return ParsedDocument()
    first = parse_html(pages[0], url)
    seen = {link.url for link in first.links}
    for number, content in enumerate(pages[1:], start=2):
        part_url = None
        if url:
            part_url = url.rstrip("/") + f"/pages/{number}/"
        part = parse_html(content, part_url)
        if part.title and part.title != first.title:
            first.paragraphs.append(Paragraph(part.title, section="body"))
        first.paragraphs.extend(p for p in part.paragraphs if p.section != "related")
        for link in part.links:
            if link.url not in seen:
                seen.add(link.url)
                first.links.append(link)
        first.updated = max(filter(None, [first.updated, part.updated]), default=None)
    first.meta["parts"] = len(pages)
    first.language = detect_language(first.text) or first.language
    return first
