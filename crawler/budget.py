"""The crawl's overall budget, per run and per host (issue 14 item 6): a server sending one byte a second, or a
site without end, cannot keep the nightly run going.

Declared per source in `captures/sources/*.yml` (`crawl_budget: {host_seconds: N, run_seconds: M}`), overridable
with the Scrapy settings CRAWL_BUDGET_HOST_SECONDS / CRAWL_BUDGET_RUN_SECONDS (tests, an operator's one-off run):
* a host's budget runs from its first request: past it, no further request goes to that host this run (each one
  not sent gets a `crawl_budget` fetch_errors row; the host gets one saying why);
* the run's budget (the largest of the selected sources') runs from the first request: past it the spider is
  closed (reason `crawl_budget`, recorded), and the run publishes what it has.
Every request's download timeout is cut to what is left of both budgets, so a slow answer ends with them.
"""
from __future__ import annotations

import logging
import time
from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest

from captures.sources import default_registry

log = logging.getLogger(__name__)
CLOSE_REASON = "crawl_budget"


class CrawlBudgetExceeded(IgnoreRequest):
    """The run's or the host's crawl budget is spent: this request is not sent."""


def run_budget_seconds(sources=None, settings=None) -> float | None:
    """The run's budget: the setting if given, else the largest `run_seconds` the (selected) sources declare."""
    if settings is not None and settings.getfloat("CRAWL_BUDGET_RUN_SECONDS", 0) > 0:
        return settings.getfloat("CRAWL_BUDGET_RUN_SECONDS")
    sources = default_registry().sources if sources is None else sources
    values = [s.crawl_budget.get("run_seconds") for s in sources if s.crawl_budget.get("run_seconds")]
    return float(max(values)) if values else None


class CrawlBudgetMiddleware:
    def __init__(self, crawler):
        self.crawler = crawler
        self.settings = crawler.settings
        self.registry = default_registry()
        self.host_override = self.settings.getfloat("CRAWL_BUDGET_HOST_SECONDS", 0) or None
        self.started: float | None = None
        self.host_started: dict[str, float] = {}
        self.noted: set[str] = set()
        self.closing = False
        self.run_limit: float | None = None

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def _run_limit(self, spider) -> float | None:
        selected = getattr(spider, "selected", None)
        return run_budget_seconds(selected, self.settings)

    def _host_limit(self, url: str) -> float | None:
        if self.host_override:
            return self.host_override
        src = self.registry.source_for(url)
        value = src.crawl_budget.get("host_seconds") if src is not None else None
        return float(value) if value else None

    def process_request(self, request, spider=None):
        now = time.monotonic()
        if self.started is None:
            self.started = now
            self.run_limit = self._run_limit(spider or getattr(self.crawler, "spider", None))
        host = (urlsplit(request.url).hostname or "").lower()
        host_start = self.host_started.setdefault(host, now)
        left = []
        if self.run_limit is not None:
            run_left = self.run_limit - (now - self.started)
            if run_left <= 0:
                self._spent("run", request.url, f"the run's crawl budget of {self.run_limit:g} s is spent: "
                                                f"the crawl stops and publishes what it has")
                self._close()
                raise CrawlBudgetExceeded(f"run budget of {self.run_limit:g} s spent")
            left.append(run_left)
        host_limit = self._host_limit(request.url)
        if host_limit is not None:
            host_left = host_limit - (now - host_start)
            if host_left <= 0:
                self._spent(host, f"https://{host}/", f"the crawl budget of {host_limit:g} s for {host} is spent: "
                                                      "no more requests to it this run")
                raise CrawlBudgetExceeded(f"host budget of {host_limit:g} s for {host} spent")
            left.append(host_left)
        if left:
            timeout = request.meta.get("download_timeout") or self.settings.getfloat("DOWNLOAD_TIMEOUT", 180)
            request.meta["download_timeout"] = max(1.0, min(timeout, min(left)))
        return None

    def _spent(self, key: str, url: str, detail: str) -> None:
        if key in self.noted:
            return
        self.noted.add(key)
        log.warning("%s", detail)
        spider = getattr(self.crawler, "spider", None)
        store = getattr(spider, "store", None)
        if store is not None:
            store.error(url, "crawl_budget", detail)

    def _close(self) -> None:
        if self.closing:
            return
        self.closing = True
        from scrapy.utils.defer import deferred_from_coro
        from twisted.internet import reactor

        engine = self.crawler.engine
        reactor.callLater(0, lambda: deferred_from_coro(engine.close_spider_async(reason=CLOSE_REASON)))
