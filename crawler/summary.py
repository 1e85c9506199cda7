"""What a crawl run did: counters kept during the run, failure classes, and the `CrawlSummary` handed back.

Error classes (fetch_errors.error): faults that make `exit_ok` false: `http_<status>` (after retries),
`timeout`, `truncated`, `connection_lost`, `connection_refused`, `dns`, `too_large`, `decompression_bomb`,
`redirect_loop`, `robots_unreachable`, `bad_api_json`, `parse_error`, `stored_copy_unreadable`, `storage_error`
(the run stops), `crawl_budget` (the run's or a host's budget was spent: crawler/budget.py), `unparsable_page`
(captured, but not readable as HTML), and any listing
or entry URL that failed.
Notes that are recorded but leave `exit_ok` alone: `withdrawn_404/410` (a page that disappeared),
`http_404`/`http_410` for a link that never worked, `robots_disallowed`, `not_a_document`, `non_utf8`,
`deep_nesting`, `redirected_to_<kind>`, `offsite_host`, `listing_incomplete` (a show=all page listing fewer
letters than its own count line says), `bad_charset` (a Content-Type charset that is no text encoding: captured,
read as UTF-8), `too_many_links` / `too_many_pages` (a page's links or pagination cut at the per-page caps).
"""
from __future__ import annotations

import json
import logging
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from urllib.parse import urlsplit

from scrapy import exceptions as sx
from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import defer
from twisted.internet import error as twerr
from twisted.web._newclient import ResponseFailed, ResponseNeverReceived

from crawler.budget import CrawlBudgetExceeded
from crawler.middlewares import OffsiteHost, RedirectLoop, RobotsDisallowed

log = logging.getLogger(__name__)

NOTE_CLASSES = ("withdrawn_404", "withdrawn_410", "http_404", "http_410", "robots_disallowed", "not_a_document",
                "non_utf8", "deep_nesting", "offsite_host", "listing_incomplete", "bad_charset", "too_many_links",
                "too_many_pages")


def is_note(error: str) -> bool:
    return error in NOTE_CLASSES or error.startswith("redirected_to_")


def classify_failure(failure) -> tuple[str, str]:
    """A short error class and a detail line for a Scrapy/Twisted failure."""
    exc = failure.value
    text = f"{type(exc).__name__}: {exc}"[:1000]
    if isinstance(exc, HttpError):
        return f"http_{exc.response.status}", text
    if isinstance(exc, RedirectLoop):
        return "redirect_loop", text
    if isinstance(exc, RobotsDisallowed):
        return "robots_disallowed", text
    if isinstance(exc, OffsiteHost):
        return "offsite_host", text
    if isinstance(exc, CrawlBudgetExceeded):
        return "crawl_budget", text
    if isinstance(exc, IgnoreRequest) and "DOWNLOAD_MAXSIZE" in str(exc):
        return ("decompression_bomb" if "decompress" in str(exc) else "too_large"), text
    if isinstance(exc, defer.CancelledError) and "max size" in str(exc).lower():
        return "too_large", text
    if isinstance(exc, _scrapy_exc("DownloadCancelledError")):
        # the only downloads cancelled are those past DOWNLOAD_MAXSIZE (declared, or while streaming)
        return "too_large", text
    if isinstance(exc, (twerr.TimeoutError, twerr.TCPTimedOutError, TimeoutError) + _scrapy_exc("DownloadTimeoutError")):
        return "timeout", text
    if isinstance(exc, _scrapy_exc("ResponseDataLossError")):
        return "truncated", text
    if isinstance(exc, _scrapy_exc("DownloadConnectionRefusedError")):
        return "connection_refused", text
    if isinstance(exc, _scrapy_exc("CannotResolveHostError")):
        return "dns", text
    if isinstance(exc, _scrapy_exc("DownloadFailedError")):
        low = str(exc).lower()
        return ("truncated" if "dataloss" in low.replace(" ", "") or "data loss" in low else "connection_lost"), text
    if isinstance(exc, ResponseFailed):
        reasons = " ".join(type(r.value).__name__ for r in getattr(exc, "reasons", []))
        return ("truncated" if "DataLoss" in reasons or "PotentialDataLoss" in reasons else "connection_lost"), \
            f"{text} {reasons}"
    if isinstance(exc, (ResponseNeverReceived, twerr.ConnectionLost, twerr.ConnectionDone)):
        return "connection_lost", text
    if isinstance(exc, twerr.ConnectionRefusedError):
        return "connection_refused", text
    if isinstance(exc, twerr.DNSLookupError):
        return "dns", text
    if isinstance(exc, IgnoreRequest):
        return "ignored", text
    return type(exc).__name__.lower(), text


def _scrapy_exc(name: str) -> tuple:
    """Scrapy ≥ 2.14 wraps Twisted's download errors in its own classes; older versions do not have them."""
    cls = getattr(sx, name, None)
    return (cls,) if cls is not None else ()


class RunCounter:
    """Counts kept by the spider while it runs (requests, responses, what was discovered and skipped)."""

    def __init__(self, registry):
        self.registry = registry
        self.requests: Counter = Counter()
        self.responses: Counter = Counter()
        self.documents: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
        self.found: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
        self.skips: Counter = Counter()
        self._skipped_urls: set[tuple[str, str]] = set()
        self.unknown_samples: list[str] = []
        self.unchanged: set[str] = set()   # known documents a refresh left alone
        self.why: Counter = Counter()        # why each document was requested: new | changed | rolling | full
        self.optional_absent = 0
        self.entry_failures: list[tuple[str, str]] = []
        self.not_documents: list[tuple[str, str]] = []
        self.listings: list[tuple[str, int, int | None]] = []
        self.aliased: set[str] = set()

    def document_urls(self) -> set[str]:
        """Distinct documents (not attachments or chapters) this run saw listed, linked or fetched."""
        found = {u for by_kind in self.found.values() for kind, urls in by_kind.items()
                 if kind in ("letter", "publication", "legacy", "page") for u in urls}
        return found - self.aliased - {u for u, _ in self.not_documents}

    def _source(self, url: str) -> str:
        src = self.registry.source_for(url)
        return src.name if src else (urlsplit(url).hostname or "?")

    def on_request(self, request, spider=None):
        self.requests[self._source(request.url)] += 1

    def on_response(self, response, request, spider=None):
        self.responses[self._source(request.url)] += 1

    def discovered(self, source: str, kind: str, url: str) -> None:
        self.found[source][kind].add(url)

    def seen_document(self, source: str, kind: str, url: str) -> None:
        self.documents[source][kind].add(url)

    def skipped(self, kind: str, url: str) -> None:
        """Count a link not followed, once per distinct URL."""
        if (kind, url) in self._skipped_urls:
            return
        self._skipped_urls.add((kind, url))
        self.skips[kind] += 1
        if kind == "unknown" and self.skips[kind] <= 20:
            self.unknown_samples.append(url)
            log.info("unknown page kind (not fetched): %s", url)

    def listed(self, url: str, entries: int, count_text: int | None) -> None:
        self.listings.append((url, entries, count_text))


@dataclass
class CrawlSummary:
    run_id: str
    mode: str
    requests: int = 0
    responses: int = 0
    new_captures: int = 0
    revisits: int = 0
    not_modified: int = 0
    errors: list = field(default_factory=list)          # [(url, error)] every fetch_errors row of the run
    documents_seen: int = 0
    withdrawn: int = 0
    per_source: dict = field(default_factory=dict)      # source → {requests, responses, documents, by_kind}
    skipped: dict = field(default_factory=dict)         # kind → links not followed (unknown, taxonomy, ...)
    unknown_samples: list = field(default_factory=list)
    unchanged_skipped: int = 0
    requested_because: dict = field(default_factory=dict)
    entry_failures: list = field(default_factory=list)
    shortfalls: list = field(default_factory=list)      # [(source, kind, found, minimum)]
    seconds: float = 0.0
    finished: bool = False
    exit_ok: bool = False
    log_file: str | None = None

    @property
    def faults(self) -> list:
        return [(u, e) for u, e in self.errors if not is_note(e)]

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=1, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> "CrawlSummary":
        data = json.loads(text)
        data["errors"] = [tuple(e) for e in data.get("errors", [])]
        return cls(**data)

    def report(self) -> str:
        lines = [
            f"crawl {self.run_id} ({self.mode}): {'OK' if self.exit_ok else 'NOT OK'}"
            f"{'' if self.finished else ' (did not finish)'} in {self.seconds:.1f} s",
            f"  requests {self.requests}, responses {self.responses}; new captures {self.new_captures}, "
            f"revisits {self.revisits}, not modified {self.not_modified}; documents seen {self.documents_seen}, "
            f"withdrawn {self.withdrawn}; known documents not re-requested {self.unchanged_skipped}",
        ]
        for name, s in sorted(self.per_source.items()):
            kinds = ", ".join(f"{k} {v}" for k, v in sorted(s.get("by_kind", {}).items()))
            lines.append(f"  {name}: requests {s.get('requests', 0)}, responses {s.get('responses', 0)}; {kinds}")
        if self.requested_because:
            lines.append("  documents requested because: " + ", ".join(
                f"{k} {v}" for k, v in sorted(self.requested_because.items())))
        if self.skipped:
            lines.append("  links not followed: " + ", ".join(f"{k} {v}" for k, v in sorted(self.skipped.items())))
        for url in self.unknown_samples[:5]:
            lines.append(f"    unknown kind: {url}")
        counts = Counter(e for _, e in self.errors)
        if counts:
            lines.append("  fetch errors: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
        for url, err in self.faults[:10]:
            lines.append(f"    {err}: {url}")
        for url, err in self.entry_failures:
            lines.append(f"  ENTRY FAILED {err}: {url}")
        for src, kind, found, minimum in self.shortfalls:
            lines.append(f"  SHORTFALL {src} {kind}: {found} found, at least {minimum} expected")
        if self.log_file:
            lines.append(f"  log: {self.log_file}")
        return "\n".join(lines)
