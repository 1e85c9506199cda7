"""Related Links: the labelled links under a "Related Links" heading, with the date each label names.

Labels look like "John Pullinger to Ed Humpherson, January 2019", "<Report title> (September 2018)",
"Letter from X, March 2019". The date becomes an inclusive interval (label_date .. label_date_end), so
a month label spans the month. The HTML reader finds the section; this module turns its anchors into LinkRefs.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urljoin, urldefrag

from extract.records import LinkRef
from extract.readers.text import find_interval, one_line

# A heading that opens the Related Links section: "Related Links", "Related links:", "Related content",
# "See also", "Related correspondence", "Related publications" (Welsh: "Dolenni cysylltiedig").
RELATED_HEADING = re.compile(
    r"^\s*(related\s+(links?|content|correspondence|documents?|publications?|letters?|reading)|see\s+also"
    r"|dolenni\s+cysylltiedig)\s*:?\s*$", re.I)

ATTACHMENT_EXTENSIONS = (".pdf", ".docx", ".doc", ".xlsx", ".xls", ".csv", ".odt", ".ods", ".pptx", ".zip")


def is_related_heading(text: str) -> bool:
    return bool(RELATED_HEADING.match(text or "")) and len(text) < 60


def absolute(href: str, base_url: str | None) -> str | None:
    """Resolve a link against the page URL; drop fragments, javascript: and mailto: links."""
    href = (href or "").strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:", "data:")):
        return None
    if base_url:
        try:
            href = urljoin(base_url, href)
        except ValueError:  # malformed IPv6 host or similar: keep the link as written
            return href
    return urldefrag(href)[0] or None


def is_attachment(url: str) -> bool:
    """A file link: the path ends .pdf/.docx/..., or a file parameter does (ONS: /file?uri=/.../reply.pdf)."""
    path, _, query = url.lower().partition("?")
    return path.endswith(ATTACHMENT_EXTENSIONS) or any(
        value.endswith(ATTACHMENT_EXTENSIONS) for value in re.split(r"[&=]", query))


def parse_related(anchors: Iterable[tuple[str, str]], base_url: str | None = None,
                  *, kind: str = "related") -> list[LinkRef]:
    """(href, label) pairs from a Related Links section -> LinkRefs with label dates, deduplicated by URL.

    A label with no date keeps label_date None. Links to files keep kind='related' here (they are part of the
    thread); the HTML reader reports attachments separately.
    """
    out: list[LinkRef] = []
    seen: set[str] = set()
    for href, label in anchors:
        url = absolute(href, base_url)
        if not url or url in seen:
            continue
        seen.add(url)
        label = one_line(label or "")
        interval = find_interval(label) if label else None
        out.append(LinkRef(url=url, label=label, kind=kind,
                           label_date=interval[0] if interval else None,
                           label_date_end=interval[1] if interval else None))
    return out


def parse_related_text(text: str) -> list[LinkRef]:
    """Related links written as plain text lines (PDF letters, pages that lost their anchors): URL per line."""
    out = []
    for line in text.splitlines():
        found = re.search(r"https?://\S+", line)
        if found:
            url = found.group(0).rstrip(").,;")
            label = one_line(line.replace(found.group(0), "")).strip(" -–:()")
            out.extend(parse_related([(url, label)]))
    return out
