"""The one item pipeline: hands every record the spider yields to `crawler.store.CaptureStore`.

If the evidence cannot be written (disk full, DATA read-only, a WARC path that is not a directory), the run stops
at once with close reason `storage_error` (so `CrawlSummary.finished` is false and `exit_ok` too): crawling on
without keeping what is fetched would only cost the sites requests."""
from __future__ import annotations

import logging
import sqlite3

from scrapy.exceptions import DropItem
from scrapy.utils.defer import deferred_from_coro

log = logging.getLogger(__name__)


class StorePipeline:
    def __init__(self, crawler):
        self.crawler = crawler
        self.failed = False

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    @property
    def store(self):
        return self.crawler.spider.store

    def process_item(self, item, spider=None):
        if self.failed:
            raise DropItem("storage failed earlier in this run")
        try:
            self.store.handle(item)
        except (OSError, sqlite3.OperationalError) as exc:
            self.failed = True
            log.error("cannot store evidence, stopping the crawl: %s: %s", type(exc).__name__, exc)
            try:
                self.store.error(getattr(item, "url", "") or "", "storage_error", f"{type(exc).__name__}: {exc}")
            except (OSError, sqlite3.Error) as again:
                log.error("cannot record the storage error either: %s", again)
            deferred_from_coro(self.crawler.engine.close_spider_async(reason="storage_error"))
            raise DropItem(f"storage error: {exc}") from exc
        return item
