"""The one item pipeline: hands every record the spider yields to `crawler.store.CaptureStore`."""
from __future__ import annotations


class StorePipeline:
    def process_item(self, item, spider=None):
        self.store.handle(item)
        return item

    def open_spider(self, spider=None):
        pass

    @classmethod
    def from_crawler(cls, crawler):
        pipe = cls()
        pipe.crawler = crawler
        return pipe

    @property
    def store(self):
        return self.crawler.spider.store
