"""Word .docx attachments -> ParsedDocument (zipfile + lxml over word/document.xml; no extra dependency).

Paragraphs (w:p) in body order, table rows as "cell | cell" lines, line breaks (w:br) kept, tabs as spaces;
web hyperlinks (w:hyperlink + word/_rels) become links.
Guards: a zip member larger than MAX_XML_BYTES after inflation (a zip bomb) or a file that is not a Word
document raises DocumentError; XML entities are never resolved and the network is never used.
"""
from __future__ import annotations

import io
import zipfile

from lxml import etree

from extract.readers.pdf import DocumentError, _sections
from extract.records import LinkRef, Paragraph, ParsedDocument
from extract.readers.related import is_attachment
from extract.readers.text import clean, detect_language

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
DC = "{http://purl.org/dc/elements/1.1/}"
MAX_XML_BYTES = 200 * 1024 * 1024


def _member(archive: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_XML_BYTES:
        raise DocumentError(f"docx part {name} inflates to {info.file_size} bytes (over the {MAX_XML_BYTES} limit)")
    with archive.open(info) as handle:
        data = handle.read(MAX_XML_BYTES + 1)  # the header's size can lie: read no more than the limit
    if len(data) > MAX_XML_BYTES:
        raise DocumentError(f"docx part {name} inflates past the {MAX_XML_BYTES} byte limit")
    return data


def _parse_xml(data: bytes):
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, recover=True)
    return etree.fromstring(data, parser=parser)


def _para_text(p) -> str:
    parts = []
    for el in p.iter(f"{W}t", f"{W}br", f"{W}tab", f"{W}cr"):
        if el.tag == f"{W}t":
            parts.append(el.text or "")
        elif el.tag == f"{W}tab":
            parts.append(" ")
        else:
            parts.append("\n")
    return clean("".join(parts))


def parse_docx(content: bytes) -> ParsedDocument:
    """Read a .docx; raises DocumentError when the file is not a readable Word document or has no text."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, ValueError) as err:
        raise DocumentError(f"not a .docx (not a zip archive): {err}") from err
    with archive:
        xml = _member(archive, "word/document.xml")
        if xml is None:
            raise DocumentError("not a .docx: the archive has no word/document.xml")
        core = _member(archive, "docProps/core.xml")
        rels = _member(archive, "word/_rels/document.xml.rels")
    root = _parse_xml(xml)
    if root is None:
        raise DocumentError("unreadable .docx: word/document.xml is not XML")
    body = root.find(f"{W}body")
    paragraphs: list[Paragraph] = []
    for block in (body if body is not None else []):
        if block.tag == f"{W}p":
            text = _para_text(block)
            if text:
                paragraphs.append(Paragraph(text))
        elif block.tag == f"{W}tbl":
            for row in block.iter(f"{W}tr"):
                cells = [" ".join(_para_text(p) for p in cell.iter(f"{W}p")).strip() for cell in row.iter(f"{W}tc")]
                line = " | ".join(c for c in cells if c)
                if line:
                    paragraphs.append(Paragraph(line))
        elif block.tag == f"{W}sdt":
            for p in block.iter(f"{W}p"):
                text = _para_text(p)
                if text:
                    paragraphs.append(Paragraph(text))
    if sum(len(p.text) for p in paragraphs) < 20:
        raise DocumentError("no text: the .docx holds no paragraphs of text")
    doc = ParsedDocument(paragraphs=paragraphs)
    if core:
        meta = _parse_xml(core)
        title = meta.find(f"{DC}title") if meta is not None else None
        if title is not None and (title.text or "").strip():
            doc.title = title.text.strip()
    _sections(doc)
    doc.links.extend(_hyperlinks(root, rels))
    doc.language = detect_language(doc.text)
    return doc


def _hyperlinks(root, rels: bytes | None) -> list[LinkRef]:
    """w:hyperlink elements whose relationship targets a web address, labelled with their text."""
    if not rels:
        return []
    tree = _parse_xml(rels)
    targets = {rel.get("Id"): rel.get("Target", "") for rel in (tree if tree is not None else [])
               if rel.tag == f"{RELS}Relationship" and rel.get("TargetMode") == "External"}
    out, seen = [], set()
    for link in root.iter(f"{W}hyperlink"):
        url = targets.get(link.get(R_ID), "")
        if url.lower().startswith(("http://", "https://")) and url not in seen:
            seen.add(url)
            label = "".join(t.text or "" for t in link.iter(f"{W}t")).strip()
            out.append(LinkRef(url=url, label=label, kind="attachment" if is_attachment(url) else "inline"))
    return out
