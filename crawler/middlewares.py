"""Downloader middlewares: the host guard, robots.txt policy, polite retries, canonical redirects.

* `HostGuardMiddleware`: no host outside the declared sources (../shared/SITE.md) is ever requested, including
  redirect targets and robots.txt of such hosts; scheme, host AND port are compared (`https://HOST:8026/` is
  another server, never fetched).
* `RobotsPolicyMiddleware` (replaces Scrapy's `RobotsTxtMiddleware`, whose failures allow everything):
  RFC 9309 §2.3.1: robots.txt 2xx → obeyed; 4xx (404, 410, 403...) → "unavailable": everything allowed;
  5xx after the retries, or unreachable (timeout, refused, dropped) → "unreachable": everything on that host
  is disallowed for the rest of this run (each skipped URL gets a `robots_disallowed` fetch_errors row, and
  the host gets one `robots_unreachable` row). A redirect is followed (up to 5 hops, per the RFC).
* `BackoffRetryMiddleware` (replaces Scrapy's `RetryMiddleware`, which retries at once): 408/429/5xx and
  network failures are retried `RETRY_TIMES` times after `RETRY_BACKOFF_BASE * 2**n` seconds (with jitter),
  or after the server's `Retry-After` (seconds or HTTP date) when it asks for longer, capped at
  `RETRY_AFTER_MAX`. The wait is a Twisted timer awaited by the middleware: the reactor keeps serving other
  requests meanwhile (no time.sleep).
* `CanonicalRedirectMiddleware`: redirect targets are canonicalised before they are scheduled (so the dupe
  filter sees one URL per document) and a redirect back into its own chain fails as `RedirectLoop` at once.
"""
from __future__ import annotations

import email.utils
import logging
import random
from datetime import datetime, timezone
from urllib.parse import urlsplit

from protego import Protego
from scrapy.downloadermiddlewares.redirect import RedirectMiddleware
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.task import deferLater

from captures.sources import default_registry
from captures.urls import canonical_url

log = logging.getLogger(__name__)


class OffsiteHost(IgnoreRequest):
    """A request to a host no source declares."""


class RobotsDisallowed(IgnoreRequest):
    """robots.txt (or the RFC 9309 policy for an unreachable one) forbids this URL."""


class RedirectLoop(IgnoreRequest):
    """A redirect chain came back to a URL already in it, or ran past REDIRECT_MAX_TIMES."""


def _store(crawler):
    spider = getattr(crawler, "spider", None)
    return getattr(spider, "store", None)


class HostGuardMiddleware:
    def __init__(self, crawler):
        self.crawler = crawler
        self.registry = default_registry()

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_request(self, request, spider=None):
        if not self.registry.allowed(request.url):
            parts = urlsplit(request.url)
            raise OffsiteHost(f"{parts.scheme}://{parts.netloc} is not a declared source (scheme, host and port)")
        return None


class _DisallowAll:
    def allowed(self, url, user_agent):
        return False


class _AllowAll:
    def allowed(self, url, user_agent):
        return True


class _Rules:
    """robots.txt rules parsed by Protego (the parser Scrapy itself uses)."""

    def __init__(self, text: str):
        self.parser = Protego.parse(text)

    def allowed(self, url, user_agent):
        return self.parser.can_fetch(url, user_agent)

    def crawl_delay(self, user_agent):
        return self.parser.crawl_delay(user_agent)


class RobotsPolicyMiddleware(RobotsTxtMiddleware):
    DOWNLOAD_PRIORITY = 1000

    async def process_request(self, request, spider=None):
        if request.meta.get("dont_obey_robotstxt") or not request.url.startswith(("http://", "https://")):
            return None
        await self.robot_parser(request)
        # read the settled parser from the table: a Deferred awaited by several requests hands its result
        # to the first awaiter only (the others would get None, i.e. "allow everything")
        rp = self._parsers.get(urlsplit(request.url).netloc)
        ua = self._robotstxt_useragent or request.headers.get(b"User-Agent", self._default_useragent)
        if isinstance(ua, bytes):
            ua = ua.decode("latin-1")
        if rp is not None and not rp.allowed(request.url, ua):
            self._stats.inc_value("robotstxt/forbidden")
            why = "robots.txt unreachable or 5xx: host disallowed for this run (RFC 9309)" \
                if isinstance(rp, _DisallowAll) else "forbidden by robots.txt"
            raise RobotsDisallowed(why)
        if isinstance(rp, _Rules) and self.crawler.settings.getfloat("DOWNLOAD_DELAY") > 0:
            self._honour_crawl_delay(request, rp.crawl_delay(ua))
        return None

    def _honour_crawl_delay(self, request, delay) -> None:
        """A robots.txt Crawl-delay longer than ours wins, as a floor: the slot's jittered delay (±30 %) never
        goes under it, and AutoThrottle does not adjust that host's delay any more."""
        if not delay:
            return
        downloader = self.crawler.engine.downloader
        slot = downloader.slots.get(downloader.get_slot_key(request))
        request.meta["autothrottle_dont_adjust_delay"] = True
        if slot is not None:
            floor_slot_delay(slot, min(float(delay), 120.0))

    async def _parse_robots(self, response, netloc, request):
        self._stats.inc_value("robotstxt/response_count")
        self._stats.inc_value(f"robotstxt/response_status_count/{response.status}")
        if 200 <= response.status < 300:
            rp = _Rules(response.body.decode("utf-8", "replace"))
        elif 400 <= response.status < 500:
            rp = _AllowAll()
        else:
            rp = _DisallowAll()
            self._note_unreachable(netloc, f"robots.txt answered HTTP {response.status}")
        pending = self._parsers[netloc]
        self._parsers[netloc] = rp
        pending.callback(rp)

    def _robots_error(self, exc, netloc):
        self._stats.inc_value(f"robotstxt/exception_count/{type(exc).__name__}")
        if isinstance(exc, OffsiteHost):
            rp = None
        else:
            rp = _DisallowAll()
            self._note_unreachable(netloc, f"robots.txt unreachable: {type(exc).__name__}: {exc}")
        pending = self._parsers[netloc]
        self._parsers[netloc] = rp
        pending.callback(rp)

    def _note_unreachable(self, netloc, detail):
        log.warning("%s: %s; disallowing the whole host for this run (RFC 9309)", netloc, detail)
        store = _store(self.crawler)
        if store is not None:
            store.error(f"https://{netloc}/robots.txt", "robots_unreachable", detail)


def floor_slot_delay(slot, floor: float) -> None:
    """Make `floor` seconds the least time between two requests of a download slot: its delay is set so that the
    jitter (delay × (1 ± jitter)) never goes under the floor. (AutoThrottle is kept from lowering it again by
    `autothrottle_dont_adjust_delay` on the host's requests.)"""
    jitter = min(max(float(getattr(slot, "jitter", 0) or 0), 0.0), 0.9)
    needed = floor / (1 - jitter)
    if slot.delay < needed:
        slot.delay = needed


def retry_after_seconds(value: bytes | str | None) -> float | None:
    """`Retry-After: 120` or `Retry-After: Wed, 21 Oct 2015 07:28:00 GMT` → seconds from now."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


class BackoffRetryMiddleware(RetryMiddleware):
    def __init__(self, settings):
        super().__init__(settings)
        self.base = settings.getfloat("RETRY_BACKOFF_BASE", 2.0)
        self.cap = settings.getfloat("RETRY_BACKOFF_MAX", 120.0)
        self.retry_after_max = settings.getfloat("RETRY_AFTER_MAX", 600.0)

    def _delay(self, request, response=None) -> float:
        n = request.meta.get("retry_times", 0)
        delay = min(self.cap, self.base * (2 ** n)) * random.uniform(0.8, 1.2)
        if response is not None:
            asked = retry_after_seconds(response.headers.get("Retry-After"))
            if asked is not None:
                delay = max(delay, min(asked, self.retry_after_max))
        return delay

    async def _sleep(self, seconds: float) -> None:
        from twisted.internet import reactor
        if seconds > 0:
            await maybe_deferred_to_future(deferLater(reactor, seconds, lambda: None))

    def _will_retry(self, request) -> bool:
        limit = request.meta.get("max_retry_times", self.max_retry_times)
        return not request.meta.get("dont_retry", False) and request.meta.get("retry_times", 0) < limit

    async def process_response(self, request, response, spider=None):
        if response.status in self.retry_http_codes and self._will_retry(request):
            delay = self._delay(request, response)
            if response.status in (429, 503):
                self._pause_host(request, delay)
            await self._sleep(delay)
            return self._retry(request, f"HTTP {response.status}") or response
        return response

    def _pause_host(self, request, seconds: float) -> None:
        """A host that says it is overloaded (429/503) gets no request at all for `seconds`, not just this URL.
        Works through the download slot's delay, so only where a delay is set (the live sites)."""
        from time import monotonic
        downloader = self.crawler.engine.downloader
        slot = downloader.slots.get(downloader.get_slot_key(request))
        if slot is not None and slot.delay > 0:
            slot.lastseen = max(slot.lastseen, monotonic() + seconds)

    async def process_exception(self, request, exception, spider=None):
        if isinstance(exception, self.exceptions_to_retry) and self._will_retry(request):
            await self._sleep(self._delay(request))
            return self._retry(request, exception)
        return None


class CanonicalRedirectMiddleware(RedirectMiddleware):
    def _build_redirect_request(self, source_request, response, *, url, **kwargs):
        canon = canonical_url(url)
        chosen = canon if canon != source_request.url else url
        return super()._build_redirect_request(source_request, response, url=chosen, **kwargs)

    def _redirect(self, redirected, request, reason):
        chain = [*request.meta.get("redirect_urls", []), request.url]
        if redirected.url in chain:
            raise RedirectLoop(f"redirect loop: {' -> '.join(chain + [redirected.url])}")
        try:
            return super()._redirect(redirected, request, reason)
        except IgnoreRequest as exc:
            raise RedirectLoop(f"{exc}: {' -> '.join(chain + [redirected.url])}") from exc


class ParseErrorMiddleware:
    """Spider middleware: a callback that raises is recorded against its URL (`parse_error`), and the crawl goes on.
    Whatever the callback yielded before (the capture itself) has already been kept."""

    def process_spider_exception(self, response, exception, spider=None):
        from crawler.items import FetchError
        from captures.urls import canonical_url
        log.error("parse error on %s: %s: %s", response.url, type(exception).__name__, exception)
        return [FetchError(canonical_url(response.url), "parse_error", f"{type(exception).__name__}: {exception}"[:1000],
                           response.meta.get("source"))]
