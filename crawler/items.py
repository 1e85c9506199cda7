"""What the spider hands the pipeline: typed records, one per thing to persist (docs/DESIGN.md DATA/)."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Capture:
    """A response to keep in the WARC files with a captures row."""
    url: str                       # canonical real URL of the response (after redirects)
    requested_url: str | None      # canonical URL first requested, when different
    kind: str                      # letter | publication | chapter | attachment | listing | legacy | page
    role: str                      # document | chapter | attachment | listing
    document_url: str | None       # None for listings (never a document)
    part: int
    parent_url: str | None
    status: int
    headers: list[tuple[str, str]] = field(repr=False)
    body: bytes = field(repr=False)
    request_headers: list[tuple[str, str]] = field(default_factory=list, repr=False)
    protocol: str = "HTTP/1.1"
    fetched_at: str = ""
    ip: str | None = None
    source: str | None = None
    wp_modified: str | None = None         # discovery facts kept for the next refresh
    sitemap_lastmod: str | None = None
    full_record: bool = False              # never a revisit (the earlier record could not be read back)


@dataclass
class NotModified:
    """A 304 to a conditional request: the stored capture still holds; only url_state is touched."""
    url: str
    kind: str
    source: str | None = None
    wp_modified: str | None = None
    sitemap_lastmod: str | None = None


@dataclass
class Gone:
    """A 404/410 for a URL: withdrawn if it was captured before, else just a fetch error."""
    url: str
    status: int
    kind: str
    source: str | None = None


@dataclass
class FetchError:
    url: str
    error: str
    detail: str = ""
    source: str | None = None


@dataclass
class Alias:
    alias_url: str
    canonical_url: str
    kind: str                      # redirect | slash | listing


@dataclass
class ListingSeen:
    """What one listing page said about each document it lists: [(url, title, date_text, fromto)]."""
    listing_url: str
    entries: list[tuple[str, str | None, str | None, str | None]]
