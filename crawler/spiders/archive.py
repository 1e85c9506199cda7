"""The one spider: discovers every letter, publication and attachment of the declared sources, exactly once.

Reads like a table of contents: `start` (entry listings, sitemaps, WP REST API, and known URLs due for
revalidation), `parse_page` (one callback; dispatches on the kind of the URL the response came from, after
redirects) → `_parse_listing`, `_parse_sitemap`, `_parse_api`, `_parse_document`; `on_error` records every
failure against its URL. Persisting is the pipeline's job (`crawler.pipelines.StorePipeline`).

Incremental (mode='refresh'): listings, sitemaps and the API are always fetched (conditionally); a known
document is requested again only if a listing now says something different about it, its sitemap lastmod or
WP `modified` moved, it was never captured, or it is in tonight's rolling share (the least recently checked
`ROLLING_SHARE` of known URLs). mode='full' requests everything. Every request for a URL with a stored
capture is conditional (If-None-Match / If-Modified-Since); a 304 re-reads the stored payload from the WARC
file so that discovery goes on from it.

(Over 400 lines: one spider class whose callbacks share its state; the page reading itself is in crawler/parse.py.)
"""
from __future__ import annotations

import hashlib
import math
import re
import zlib
from urllib.parse import parse_qs, urlsplit
from datetime import datetime, timezone

import scrapy
from scrapy import signals

from warcio.exceptions import ArchiveLoadFailed

from captures.warcstore import read_payload
from crawler import parse
from crawler.items import Alias, Capture, FetchError, Gone, ListingSeen, NotModified
from captures.sources import STORED_KINDS, default_registry, role_for
from crawler.store import CaptureStore
from crawler.summary import RunCounter, classify_failure
from captures.urls import canonical_url, chapter_number, document_url_for

HTML_MAXSIZE = 16 * 1024 * 1024
GONE = (404, 410)


class ArchiveSpider(scrapy.Spider):
    name = "archive"

    def __init__(self, data_dir: str, run_id: str, mode: str = "full", sources: list[str] | None = None,
                 rolling_share: float = 0.1, **kwargs):
        super().__init__(**kwargs)
        if mode not in ("full", "refresh"):
            raise ValueError(f"mode must be 'full' or 'refresh', not {mode!r}")
        self.registry = default_registry()
        self.data_dir, self.run_id, self.mode = data_dir, run_id, mode
        self.selected = [self.registry.source(n) for n in sources] if sources else \
            [s for s in self.registry.sources if not s.one_hop]
        self.rolling_share = rolling_share
        self.store = CaptureStore(data_dir, run_id, mode)
        self.store.start_run()
        self.known = self.store.known()
        self.listing_sigs = self.store.listing_signatures()
        self.aliases = self.store.aliases()
        # listing paths that have a declared show=all view: a refresh reads that one page instead of the numbers
        self.show_all_paths = {urlsplit(u).path for s in self.selected for u in s.entry_urls
                               if parse.is_show_all(u)}
        self.counter = RunCounter(self.registry)
        self.requested: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider._on_dropped, signal=signals.request_dropped)
        crawler.signals.connect(spider.counter.on_request, signal=signals.request_reached_downloader)
        crawler.signals.connect(spider.counter.on_response, signal=signals.response_received)
        return spider

    # ---- start ------------------------------------------------------------------------------------------
    async def start(self):
        for src in self.selected:
            for url in src.entry_urls:
                yield self._request(url, force=True, entry=True)
            for url in src.sitemaps:
                yield self._request(url, force=True)
            for url in src.wp_api:
                yield self._request(url, force=True)
        for url in self._due():
            yield self._request(url, force=True, reason="revalidate" if self.mode == "full" else "rolling")

    def _due(self) -> list[str]:
        """Known URLs to revalidate directly: all of them in a full crawl, the rolling share in a refresh."""
        names = {s.name for s in self.selected}
        stored = [k for k in self.known.values() if k.kind in STORED_KINDS and k.sha256 is not None and
                  (self.registry.source_for(k.url) is None or self.registry.source_for(k.url).name in names
                   or self.registry.source_for(k.url).one_hop)]
        if self.mode == "full":
            return [k.url for k in stored]
        live = sorted((k for k in stored if not k.withdrawn_at), key=lambda k: (k.last_checked or "", k.url))
        return [k.url for k in live[: math.ceil(len(live) * self.rolling_share)]]

    # ---- requests ---------------------------------------------------------------------------------------
    def _request(self, url: str, *, parent: str | None = None, force: bool = False, changed: bool = False,
                 entry: bool = False, reason: str = "", **facts):
        canon = canonical_url(url)
        if canon in self.aliases:   # an old URL or changed slug seen before: go straight to its document
            self.counter.aliased.add(canon)
            canon = self.aliases[canon]
            url = canon
        kind = self.registry.classify(canon)
        if kind in ("offhost", "unknown") or kind in ("embed", "feed", "search", "taxonomy", "ignore"):
            self.counter.skipped(kind, canon)
            return None
        src = self.registry.source_for(canon)
        if parent and src.one_hop and self.registry.source_for(parent).one_hop and kind != "attachment":
            self.counter.skipped("beyond_one_hop", canon)
            return None
        if kind in STORED_KINDS:
            self.counter.discovered(src.name, kind, canon)
            if canon != url and canon.rstrip("/") == url.split("#")[0].rstrip("/"):
                self.store.alias(Alias(url.split("#")[0], canon, "slash"))
            if not force and not self._should_fetch(canon, changed):
                self.counter.unchanged.add(canon)
                return None
        if canon in self.requested:
            return None
        self.requested.add(canon)
        known = self.known.get(canon)
        if kind in STORED_KINDS:
            self.counter.why[reason or ("new" if known is None or known.sha256 is None
                                        else "changed" if changed else self.mode)] += 1
        headers = {}
        if known is not None and known.warc_file and known.last_status in (200, 304) and not known.withdrawn_at:
            if known.etag:
                headers["If-None-Match"] = known.etag
            if known.last_modified:
                headers["If-Modified-Since"] = known.last_modified
        meta = {"canon": canon, "kind": kind, "source": src.name, "parent_url": parent, "entry": entry,
                "handle_httpstatus_list": [304, *GONE], "facts": facts, "reason": reason}
        if kind != "attachment":
            meta["download_maxsize"] = HTML_MAXSIZE
        return scrapy.Request(canon, callback=self.parse_page, errback=self.on_error, headers=headers, meta=meta,
                              priority=10 if kind in ("listing", "sitemap", "api") else 0)

    def _should_fetch(self, canon: str, changed: bool) -> bool:
        if self.mode == "full" or changed:
            return True
        known = self.known.get(canon)
        return known is None or known.sha256 is None

    def _follow(self, links, parent: str, kinds=STORED_KINDS):
        for link in links:
            kind = self.registry.classify(canonical_url(link.url))
            if kind in kinds:
                req = self._request(link.url, parent=parent)
                if req is not None:
                    yield req
            elif kind in ("unknown", "offhost", "embed", "feed", "search", "taxonomy"):
                self.counter.skipped(kind, canonical_url(link.url))

    # ---- responses ----------------------------------------------------------------------------------------
    def parse_page(self, response):
        """Every response comes here first (the live smoke check is `python -m crawler smoke`)."""
        meta = response.meta
        chain = [canonical_url(u) for u in meta.get("redirect_urls", [])]
        final = canonical_url(response.url)
        for old in chain:
            if old != final:
                self.counter.aliased.add(old)
                yield Alias(old, final, "redirect")
        kind = self.registry.classify(final)
        src = self.registry.source_for(final)
        requested = chain[0] if chain else None
        if response.status == 304:
            try:
                stored = self._stored(final)
            except (ArchiveLoadFailed, OSError, EOFError, ValueError, zlib.error) as exc:
                # the stored copy cannot be read back (a damaged WARC file): fetch the page whole again
                yield FetchError(final, "stored_copy_unreadable", f"{type(exc).__name__}: {exc}", src.name)
                yield response.request.replace(url=final, headers={k: v for k, v in response.request.headers.items()
                                                                   if k.lower() not in (b"if-none-match", b"if-modified-since")},
                                               dont_filter=True, meta={**meta, "full_record": True})
                return
            facts = meta.get("facts", {})
            yield NotModified(final, kind, src.name, facts.get("wp_modified"), facts.get("sitemap_lastmod"))
            if kind in STORED_KINDS:
                self.counter.seen_document(src.name, kind, final)
            if stored is None:
                return
            meta["from_store"] = True
            headers, body = stored
            cls = _response_class(final, body, headers)
            response = cls(url=response.url, status=200, headers=headers, body=body, request=response.request,
                           protocol=response.protocol)
        elif response.status in GONE:
            if kind in ("sitemap", "api"):
                self.counter.optional_absent += 1
                return
            if meta.get("entry") or kind == "listing":
                self.counter.entry_failures.append((final, f"http_{response.status}"))
            yield Gone(final, response.status, kind, src.name)
            return
        if kind == "listing":
            yield from self._parse_listing(response, final, src, meta)
        elif kind == "sitemap":
            yield from self._parse_sitemap(response, final)
        elif kind == "api":
            yield from self._parse_api(response, final)
        elif kind in STORED_KINDS:
            yield from self._parse_document(response, final, kind, src, meta, requested)
        else:
            yield FetchError(final, f"redirected_to_{kind}", f"requested {requested or meta['canon']}", src.name)

    def _capture(self, response, final, kind, role, src, meta, requested, document_url=None, part=0):
        if response.meta.get("from_store"):
            return None
        facts = meta.get("facts", {})
        return Capture(
            url=final, requested_url=requested if requested != final else None, kind=kind, role=role,
            document_url=document_url, part=part, parent_url=meta.get("parent_url") if kind == "attachment" else None,
            status=response.status, headers=_headers(response.headers), body=response.body,
            request_headers=_headers(response.request.headers) + [("Host", final.split("/")[2])],
            protocol=response.protocol or "HTTP/1.1",
            fetched_at=datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
            ip=str(response.ip_address) if response.ip_address else None, source=src.name,
            wp_modified=facts.get("wp_modified"), sitemap_lastmod=facts.get("sitemap_lastmod"),
            full_record=bool(meta.get("full_record")))

    def _parse_document(self, response, final, kind, src, meta, requested):
        if not isinstance(response, scrapy.http.TextResponse) or kind == "attachment":
            cap = self._capture(response, final, kind, role_for(kind), src, meta, requested,
                                document_url_for(final, kind), chapter_number(final) if kind == "chapter" else 0)
            if cap:
                self.counter.seen_document(src.name, kind, final)
                yield cap
            return
        text, notes = _decode(response)
        try:
            facts = parse.page_facts(text, final, self._max_links())
        except (ValueError, TypeError, RecursionError, MemoryError) as exc:
            # the page cannot be read as HTML: its bytes are still evidence, kept as the document's capture
            cap = self._capture(response, final, kind, role_for(kind), src, meta, requested,
                                document_url_for(final, kind), chapter_number(final) if kind == "chapter" else 0)
            if cap:
                self.counter.seen_document(src.name, kind, final)
                yield cap
            yield FetchError(final, "unparsable_page", f"{type(exc).__name__}: {exc}"[:1000], src.name)
            return
        letter_links = {canonical_url(link.url) for link in facts.links
                        if self.registry.classify(canonical_url(link.url)) == "letter"} - {final}
        reason = parse.archive_reason(facts, len(letter_links)) if kind in ("letter", "publication", "legacy") else None
        if reason:
            # a letter URL whose page is really a listing or an archive of many letters: never a document
            self.counter.not_documents.append((final, reason))
            yield FetchError(final, "not_a_document", reason, src.name)
            cap = self._capture(response, final, kind, "listing", src, meta, requested)
            if cap:
                yield cap
            yield from self._follow(facts.links, final, kinds=("letter",))
            return
        cap = self._capture(response, final, kind, role_for(kind), src, meta, requested,
                            document_url_for(final, kind), chapter_number(final) if kind == "chapter" else 0)
        if cap:
            self.counter.seen_document(src.name, kind, final)
            yield cap
        for error, detail in notes + _caps(facts, self._max_links()) + ([("deep_nesting", f"element depth {facts.depth}")]
                                                     if facts.depth > parse.DEEP_NESTING else []):
            yield FetchError(final, error, detail, src.name)
        changed = self._is_new_content(final, response)
        for link in facts.links:
            # a page whose content changed: its chapters (and attachments) are checked again in a refresh too
            kind_here = self.registry.classify(canonical_url(link.url))
            if kind_here in STORED_KINDS:
                req = self._request(link.url, parent=final, changed=changed and kind_here in ("chapter", "attachment"))
                if req is not None:
                    yield req
            elif kind_here in ("unknown", "offhost", "embed", "feed", "search", "taxonomy"):
                self.counter.skipped(kind_here, canonical_url(link.url))

    def _parse_listing(self, response, final, src, meta):
        cap = self._capture(response, final, "listing", "listing", src, meta, None)
        if cap:  # the bytes first, before anything reads them
            yield cap
        text, notes = _decode(response)
        for error, detail in notes:
            yield FetchError(final, error, detail, src.name)
        facts = parse.page_facts(text, final, self._max_links())
        for error, detail in _caps(facts, self._max_links()):
            yield FetchError(final, error, detail, src.name)

        def is_doc(url):
            canon = canonical_url(url)
            return canon if self.registry.classify(canon) in ("letter", "publication", "legacy") else None

        entries = parse.listing_entries(text, final, is_doc, self._max_links())
        self.counter.listed(final, len(entries), facts.count_text)
        yield ListingSeen(final, [(e.url, e.title, e.date_text, e.fromto) for e in entries])
        for e in entries:
            sig = (e.title, e.date_text, e.fromto)
            req = self._request(e.url, parent=final, changed=sig not in self.listing_sigs.get(e.url, set()))
            if req is not None:
                yield req
        yield from self._follow(facts.links, final, kinds=("letter", "publication", "legacy"))
        on_show_all = parse.is_show_all(final)
        if on_show_all and facts.count_text and len(entries) < facts.count_text:
            yield FetchError(final, "listing_incomplete", f"lists {len(entries)} of the {facts.count_text} it counts",
                             src.name)
        if facts.show_all and not on_show_all:
            for url in facts.show_all:
                yield self._request(url, force=True)
        # a show=all view lists everything: in a refresh the numbered pages are skipped when one exists
        has_all_view = on_show_all or facts.show_all or urlsplit(final).path in self.show_all_paths
        if self.mode == "full" or not has_all_view or meta.get("paginate"):
            for url in facts.next_pages + facts.numbered_pages:
                if self.registry.classify(canonical_url(url)) == "listing":
                    yield self._request(url, force=True)

    def _parse_sitemap(self, response, final):
        for entry in parse.sitemap_entries(response.body):
            canon = canonical_url(entry.url)
            kind = self.registry.classify(canon)
            if entry.is_index:
                name = canon.rstrip("/").rsplit("/", 1)[-1]
                if kind == "sitemap" and not re.search(r"taxonom|users|author", name):  # WordPress's own names
                    req = self._request(canon, force=True)
                    if req is not None:
                        yield req
                continue
            known = self.known.get(canon)
            moved = entry.lastmod is not None and (known is None or known.sitemap_lastmod != entry.lastmod)
            if entry.lastmod and (self.mode == "full" or not moved) and kind in STORED_KINDS:
                self.store.note_discovery(canon, kind, sitemap_lastmod=entry.lastmod)
            req = self._request(canon, parent=None, changed=moved, sitemap_lastmod=entry.lastmod)
            if req is not None:
                yield req

    def _parse_api(self, response, final):
        try:
            items = parse.wp_api_items(response.body)
        except ValueError as exc:
            yield FetchError(final, "bad_api_json", str(exc))
            return
        for item in items:
            canon = canonical_url(item.url)
            known = self.known.get(canon)
            moved = item.modified is not None and (known is None or known.wp_modified != item.modified)
            if item.modified and (self.mode == "full" or not moved) and self.registry.classify(canon) in STORED_KINDS:
                self.store.note_discovery(canon, self.registry.classify(canon), wp_modified=item.modified)
            req = self._request(item.url, changed=moved, wp_modified=item.modified)
            if req is not None:
                yield req
        total = int(response.headers.get("X-WP-TotalPages", b"1") or 1)
        if "page" not in parse_qs(urlsplit(final).query):   # the first page asks for the others
            for n in range(2, min(total, 1000) + 1):
                yield self._request(final + f"&page={n}", force=True)

    def _max_links(self) -> int:
        """Links read from one page: crawler/parse.py's cap, or the CRAWL_MAX_LINKS_PER_PAGE setting."""
        return self.settings.getint("CRAWL_MAX_LINKS_PER_PAGE", parse.MAX_LINKS_PER_PAGE)

    def _is_new_content(self, url: str, response) -> bool:
        if response.meta.get("from_store"):
            return False
        known = self.known.get(url)
        return known is None or known.sha256 != hashlib.sha256(response.body).hexdigest()

    def _stored(self, url: str):
        """(headers, payload) of the URL's latest stored response, to read again after a 304."""
        known = self.known.get(url)
        if known is None or not known.warc_file:
            return None
        return read_payload(self.data_dir, known.warc_file, known.warc_offset)

    # ---- failures -------------------------------------------------------------------------------------------
    def on_error(self, failure):
        request = failure.request
        meta = request.meta
        error, detail = classify_failure(failure)
        mirror = self.settings.get("MIRROR")
        if mirror:  # exception texts name the URL fetched; keep only real URLs in the record
            detail = detail.replace(mirror.rstrip("/") + "/", "https://")
        url = meta.get("canon") or canonical_url(request.url)
        fallback = meta.get("kind") == "listing" and parse.is_show_all(url) and not meta.get("paginate")
        if (meta.get("entry") or meta.get("kind") == "listing") and not (fallback and error == "robots_disallowed"):
            self.counter.entry_failures.append((url, error))
        yield FetchError(url, error, detail, meta.get("source"))
        if fallback and self.mode == "refresh":
            # the one-page view failed: read the numbered pages of that list instead, tonight
            first = url.split("?", 1)[0]
            req = self._request(first, force=True)
            req = req or scrapy.Request(first, callback=self.parse_page, errback=self.on_error, dont_filter=True,
                                        meta={"canon": first, "kind": "listing", "source": meta.get("source"),
                                              "handle_httpstatus_list": [304, *GONE], "facts": {}})
            req.meta["paginate"] = True
            yield req.replace(dont_filter=True)

    def _on_dropped(self, request, spider=None):
        chain = request.meta.get("redirect_urls")
        if chain:  # a redirect to a URL this run already fetched: the old URL is an alias of it
            self.counter.aliased.add(canonical_url(chain[0]))
            self.store.alias(Alias(canonical_url(chain[0]), canonical_url(request.url), "redirect"))


def _headers(headers) -> list[tuple[str, str]]:
    out = []
    for name, values in headers.items():
        for value in values:
            out.append((name.decode("latin-1"), value.decode("latin-1")))
    return out


def _caps(facts, max_links: int) -> list[tuple[str, str]]:
    """Notes for a page whose links or pagination were cut at the per-page caps (crawler/parse.py)."""
    notes = []
    if facts.links_found > len(facts.links):
        notes.append(("too_many_links", f"the first {len(facts.links):,} of {facts.links_found:,} links were read "
                                        f"(cap {max_links:,} per page)"))
    if facts.pagination_found > len(facts.next_pages) + len(facts.numbered_pages):
        notes.append(("too_many_pages", f"the first {parse.MAX_PAGINATION:,} of {facts.pagination_found:,} "
                                        "next / numbered page links were followed"))
    return notes


def _decode(response) -> tuple[str, list[tuple[str, str]]]:
    """The page's text, and a note when it was not UTF-8 (the page is kept and read in its own encoding). A
    charset that is no text encoding (`charset=rot13`, or an unknown name) never stops the page: it is read as
    UTF-8 with replacement characters, and noted (`bad_charset`)."""
    notes = []
    try:
        response.body.decode("utf-8")
    except UnicodeDecodeError:
        notes.append(("non_utf8", f"decoded as {response.encoding}"))
    try:
        return response.text, notes
    except (LookupError, UnicodeError, TypeError, ValueError) as exc:
        declared = response.headers.get("Content-Type", b"").decode("latin-1")
        notes = [("bad_charset", f"Content-Type {declared!r} names no usable text encoding ({type(exc).__name__}); "
                                 "read as UTF-8 with replacement characters")]
        return response.body.decode("utf-8", "replace"), notes


def _response_class(url: str, body: bytes, headers):
    from scrapy.http import Headers
    from scrapy.responsetypes import responsetypes
    return responsetypes.from_args(headers=Headers(headers), url=url, body=body)
