"""Page metadata for the HTML reader (extract/readers/html.py): the title without the site's name, the page's dates,
and labelled metadata lines ("From: A, Org", "Sender:", <dt>/<dd> pairs, table rows, "Organisation: X" after the
signature) read into ParsedDocument fields rather than kept as the document's text."""
from __future__ import annotations

import re

from extract.parties.fromto import looks_like_fromto
from extract.readers.html_blocks import HEADINGS, Block
from extract.records import ParsedDocument
from extract.readers.related import absolute
from extract.readers.text import DAY_MONTH_YEAR, find_date, one_line

UPDATED = re.compile(r"^\s*(last\s+)?updated(\s+on)?\s*:?\s*", re.I)
PUBLISHED = re.compile(r"^\s*(published|date|dated|release date|published on)\s*:?\s*", re.I)


def _meta(root, *names: str) -> str | None:
    for name in names:
        for el in root.iter("meta"):
            if (el.get("property") or el.get("name") or el.get("itemprop") or "").lower() == name:
                value = (el.get("content") or "").strip()
                if value:
                    return value
    return None


# The publishers whose sites we read (SITE.md): their names are the site's part of a <title>, never the document's.
SITE_NAMES = ("Office for Statistics Regulation", "UK Statistics Authority", "Office for National Statistics",
              "Government Analysis Function", "Analysis Function", "Government Statistical Service", "GOV.UK",
              "OSR", "UKSA", "ONS", "GSS")
TITLE_SEP = re.compile(r"\s+(\||–|—|-|::|»)\s+")


def _key(text: str) -> str:
    return re.sub(r"\W+", " ", text.casefold()).strip()


def _site_names(root, url: str | None, title: str) -> set[str]:
    """What this page calls its site: the known publishers, og:site_name / application-name, and, when the title
    has a separator to cut at, the text (or logo alt text) of the links to the site's home page."""
    names = {_key(n) for n in SITE_NAMES}
    head = root.find("head")
    names.update(_key(v) for v in (_meta(head if head is not None else root, "og:site_name", "application-name"),) if v)
    if TITLE_SEP.search(title):
        home = absolute("/", url) if url else None
        homes = {"/", "./", "index.html"} | ({home, home[:-1], home.split(":", 1)[-1], home.split(":", 1)[-1][:-1]}
                                            if home else set())
        for a in root.iter("a"):
            if a.get("href") not in homes:
                continue
            label = one_line(a.text_content()) or " ".join(img.get("alt", "") for img in a.iter("img"))
            if label and len(label) <= 80:
                names.add(_key(label))
    names.discard("")
    names.discard("home")
    return names


def _strip_site_name(text: str, names: set[str]) -> str:
    """"Title | Site", "Site - Title", "Title – Section – Site": the site's name goes, and only at the separator
    next to it (a dash inside the title stays). A title naming no known site loses only what follows a " | "."""
    parts = TITLE_SEP.split(text)  # [part, sep, part, sep, part ...]
    stripped = False
    while len(parts) > 2 and _key(parts[0]) in names:
        parts, stripped = parts[2:], True
    while len(parts) > 2 and _key(parts[-1]) in names:
        parts, stripped = parts[:-2], True
    if not stripped and "|" in parts[1::2]:
        parts = parts[:parts.index("|")]
    return "".join(part if i % 2 == 0 else f" {part} " for i, part in enumerate(parts)).strip()


def _head_title(root, url: str | None) -> tuple[str | None, set[str]]:
    """The title the page's head gives (og:title, else <title>) without the site's name, and the names the page
    gives its site; read before <head> goes."""
    og = _meta(root, "og:title", "dc.title", "twitter:title")
    text = one_line(og) if og else next((t for t in (one_line(el.text_content()) for el in root.iter("title")) if t),
                                        None)
    names = _site_names(root, url, text or "")
    if not text:
        return None, names
    return _strip_site_name(text, names) or (None if og else text), names


def _title(root, container, head_title: str | None, names: set[str]) -> str | None:
    """The page's <h1> (not a logo heading naming the site), else an <h2>/<h3> the head's title starts with
    (old templates title the page with a smaller heading), else the head's title."""
    for scope in (container, root):
        for h1 in scope.iter("h1"):
            text = one_line(h1.text_content())
            first = next(iter(h1), None)
            label = one_line(first.text_content()) if first is not None and not (h1.text or "").strip() else ""
            if label.endswith(":") and len(label) <= 30 and len(text) > len(label) + 3:
                text = text[len(label):].strip()  # a type label inside the heading ("Statement:", "Organisation:")
            if text and not (head_title and _key(text) in names):
                return text
    if head_title:
        for heading in root.iter("h2", "h3"):
            text = one_line(heading.text_content())
            if text and (_key(head_title) == _key(text) or head_title.startswith(text)
                         and TITLE_SEP.match(head_title[len(text):])):
                return text  # "Tide tables" under <title>Tide tables - Harbour Office</title>
    return head_title


def _time_dates(root) -> tuple[str | None, str | None]:
    published = _meta(root, "article:published_time", "dc.date", "dcterms.created", "date", "datepublished")
    updated = _meta(root, "article:modified_time", "dcterms.modified", "datemodified")
    times = [(el, el.get("datetime") or el.text_content()) for el in root.iter("time")]
    for el, value in times:
        iso = find_date(value or "")
        if not iso:
            continue
        context = one_line(" ".join(filter(None, [el.getparent().text_content() if el.getparent() is not None
                                                   else "", el.get("class", "")]))).lower()
        if "updated" in context or "modified" in context:
            updated = updated or value
        else:
            published = published or value
    return (find_date(published) if published else None), (find_date(updated) if updated else None)


def _date_only(text: str) -> str | None:
    """A block that is just a date, optionally labelled ("Published: 13 July 2023", "16 January 2019")."""
    if len(text) > 60 or not any(c.isdigit() for c in text):
        return None
    iso = find_date(text)
    if not iso:
        return None
    rest = re.sub(r"\d{1,2}(st|nd|rd|th)?|\b[A-Za-z]+\b\s*(?=\d{4})|\d{4}|[-/,.:()]", " ", PUBLISHED.sub("", text))
    return iso if len(rest.strip()) <= 12 else None


LABEL = re.compile(r"^\s*(?P<label>from|to|from/to|from and to|correspondence|organisations?|organisation\(s\)|type"
                   r"|correspondence type|themes?|topics?|categor(?:y|ies)|senders?|recipients?|addressees?"
                   r"|filed under|posted in|tags?|tagged|subjects?)\s*:\s*(?P<value>.*)$", re.I | re.S)
# label synonyms: a party label is a from/to half; a tag line is a tag line whatever the theme calls it
LABEL_AS = {"sender": "from", "senders": "from", "recipient": "to", "recipients": "to", "addressee": "to",
            "addressees": "to", "filed under": "tags", "posted in": "tags", "tag": "tags", "tagged": "tags",
            "subject": "topic", "subjects": "topic"}


def _metadata_line(doc: ParsedDocument, line: str, labelled_ok: bool, title: str) -> bool:
    """Consume one metadata line into doc fields; True when it was metadata.
    Parts joined by a separator ("10 September 2019 | A, Org to B, Org") are read one by one."""
    parts = [p for p in re.split(r"\s+[|·•]\s+|\s+[–—]\s+(?=\S)", line) if p.strip()]
    if len(parts) == 2 and (re.fullmatch(r"(?i)\s*(date|dated|sent|published|last updated|updated)\s*:?\s*",
                                         parts[0]) or LABEL.fullmatch(parts[0].strip().rstrip(":") + ":")):
        return _metadata_part(doc, f"{parts[0].strip().rstrip(':')}: {parts[1]}", True, title)  # a table row
    leading = DAY_MONTH_YEAR.match(line.strip())
    if len(parts) == 1 and leading and looks_like_fromto(line.strip()[leading.end():]):
        parts = [leading.group(0), line.strip()[leading.end():]]  # "3 October 2019 Mark Pont, OSR to ..."
    if len(parts) > 1:
        # a date beside a from/to line is page metadata even without a label
        with_fromto = labelled_ok or any(looks_like_fromto(p) for p in parts)
        return all(_metadata_part(doc, part, with_fromto, title) for part in parts)
    return _metadata_part(doc, line, labelled_ok, title)


def _metadata_part(doc: ParsedDocument, line: str, labelled_ok: bool, title: str) -> bool:
    labelled = LABEL.match(line)
    if labelled:
        label, value = labelled.group("label").lower(), one_line(labelled.group("value"))
        label = LABEL_AS.get(label, label)
        value = re.sub(r"\s+to\s*:\s*", " to ", value, flags=re.I)  # "From: A, Org To: B, Org"
        if label == "to" and not value:
            return True  # a bare "To:" label
        if label == "to" or (label == "from" and value and not re.search(r"(^|\s)to(\s|$)", value)):
            doc.meta[label] = value  # "From: X" and "To: Y" on separate lines make the from/to line together
            if "from" in doc.meta and "to" in doc.meta and doc.fromto is None:
                doc.fromto = f"{doc.meta['from']} to {doc.meta['to']}"
            return True
        if label.startswith(("from", "correspondence")) and label != "correspondence type":
            if doc.fromto is None and (value.lower() in ("", "to") or looks_like_fromto(value)
                                       or " to " in f" {value} "):
                doc.fromto = value
                return True
            return False
        if value:  # a bare label ("Organisation:") whose value is elsewhere sets nothing
            doc.meta.setdefault(label.split("(")[0].rstrip("s") if label.startswith("organisation") else label, value)
        return True
    if re.match(r"(?i)\s*(sent|dated)\s*:", line) and _date_only(line.split(":", 1)[1]):
        doc.date = doc.date or _date_only(line.split(":", 1)[1])
        return True
    if UPDATED.match(line) and _date_only(UPDATED.sub("", line)):
        doc.updated = doc.updated or _date_only(UPDATED.sub("", line))
        return True
    iso = _date_only(line)
    if iso and (PUBLISHED.match(line) or labelled_ok):
        doc.date = doc.date or iso
        return True
    if doc.fromto is None and one_line(line) != title and looks_like_fromto(line):
        # a label we have no name for ("Correspondents: A, Org to B, Org") is the line's label, not a party
        unknown = re.match(r"\s*[A-Za-z][A-Za-z /()'’-]{0,30}:\s*(?=\S)", line)
        value = line[unknown.end():] if unknown and looks_like_fromto(line[unknown.end():]) else line
        doc.fromto = one_line(value)
        return True
    return False


def _definition_pairs(blocks: list[Block]) -> dict[int, str]:
    """A label with its value in the next element: <dt>From</dt><dd>A, Org</dd>, or any short block ending in a
    colon followed by its sibling (<div>Date:</div><div>12 March 2020</div>, as field templates write them), as
    "Label: value" lines by the index of the label's block."""
    out = {}
    for i, (label, value) in enumerate(zip(blocks, blocks[1:])):
        if len(label.text) > 40 or len(value.text) > 300 or value.el.getprevious() is not label.el:
            continue
        if (label.tag == "dt" and value.tag == "dd") or label.text.rstrip().endswith(":"):
            out[i] = f"{one_line(label.text).rstrip(':').strip()}: {one_line(value.text)}"
    return out


def _is_title(block: Block, title: str, before_letter: bool) -> bool:
    """The page's title block: an <h1> ending with the title anywhere ("Statement: <title>"), or before the letter
    any heading or line that is the title (themes title a page with an <h2> or a styled <div>)."""
    if not title:
        return False
    line = one_line(block.text)
    if block.tag == "h1" and line.endswith(title):
        return True
    return before_letter and (line == title or block.tag in HEADINGS and line.endswith(title)
                              and len(line) <= len(title) + 30)


def _tag_lines(doc: ParsedDocument, text: str, title: str) -> bool:
    """A block of nothing but labelled metadata lines ("Organisation: X", "Tags: X"), read into doc.meta."""
    lines = [line for line in text.split("\n") if line.strip()]
    if not lines or any(not LABEL.match(line) or len(line) > 200 for line in lines):
        return False
    return all(_metadata_part(doc, line, True, title) for line in lines)
