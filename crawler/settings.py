"""Scrapy settings, in one place: `build_settings(...)` for the live sites (polite) or a loopback mirror.

Live (`mirror=None`, `throttle=True`): one request at a time per host, at least 1 s apart (1.5 s ± 30 %) (AutoThrottle may
slow down further, never speed up past DOWNLOAD_DELAY), robots.txt obeyed under the RFC 9309 policy in
`crawler.middlewares`, retries with exponential backoff honouring Retry-After, and bodies capped at 50 MiB
(16 MiB for HTML pages, set per request) — checked after gzip/deflate/br decoding too, so a gzip bomb is
stopped at the cap. `throttle=False` is for loopback tests and the bench only.
"""
from __future__ import annotations

from scrapy.settings import Settings

USER_AGENT = ("osr-correspondence-archive/0.1 (+https://github.com/osr-correspondence-archive/"
              "osr-correspondence-archive; archive of public correspondence)")
MiB = 1024 * 1024


def build_settings(mirror: str | None = None, throttle: bool = True, log_level: str = "INFO",
                   overrides: dict | None = None) -> Settings:
    s = Settings()
    s.setdict({
        "BOT_NAME": "osr-correspondence-archive",
        "USER_AGENT": USER_AGENT,
        "ROBOTSTXT_OBEY": True,
        "ROBOTSTXT_USER_AGENT": "osr-correspondence-archive",
        "DOWNLOADER_MIDDLEWARES": {
            "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
            "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
            "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
            "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
            "crawler.middlewares.HostGuardMiddleware": 40,
            "crawler.budget.CrawlBudgetMiddleware": 45,
            "crawler.middlewares.RobotsPolicyMiddleware": 100,
            "crawler.middlewares.BackoffRetryMiddleware": 550,
            "crawler.middlewares.CanonicalRedirectMiddleware": 600,
        },
        "SPIDER_MIDDLEWARES": {"crawler.middlewares.ParseErrorMiddleware": 950},
        "ITEM_PIPELINES": {"crawler.pipelines.StorePipeline": 100},
        "METAREFRESH_ENABLED": False,     # a meta refresh would bypass canonical redirects and loop detection
        "COOKIES_ENABLED": False,
        "TELNETCONSOLE_ENABLED": False,
        "REMOTE_CONTROL_ENABLED": False,  # Scrapy ≥ 2.19 would otherwise listen on a local HTTP port
        "REDIRECT_MAX_TIMES": 10,
        "RETRY_TIMES": 3,
        "RETRY_HTTP_CODES": [500, 502, 503, 504, 522, 524, 408, 429],
        "RETRY_BACKOFF_BASE": 2.0,
        "RETRY_BACKOFF_MAX": 120.0,
        "RETRY_AFTER_MAX": 600.0,
        "DOWNLOAD_TIMEOUT": 60,
        "DOWNLOAD_MAXSIZE": 50 * MiB,
        "DOWNLOAD_WARNSIZE": 10 * MiB,
        "DOWNLOAD_FAIL_ON_DATALOSS": True,
        "CONCURRENT_REQUESTS": 8,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
        "DOWNLOAD_DELAY": 1.5,            # with ±30 % jitter: never less than 1 s between requests to a host
        "DOWNLOAD_DELAY_JITTER": 0.3,
        "AUTOTHROTTLE_ENABLED": True,
        "AUTOTHROTTLE_START_DELAY": 2.0,
        "AUTOTHROTTLE_MAX_DELAY": 60.0,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0,
        "LOG_LEVEL": log_level,
        "LOGSTATS_INTERVAL": 60,
        "TWISTED_REACTOR": "twisted.internet.asyncioreactor.AsyncioSelectorReactor",
    })
    if mirror:
        s.set("MIRROR", mirror.rstrip("/"))
        s.set("DOWNLOAD_HANDLERS", {"https": "crawler.mirror.MirrorDownloadHandler",
                                    "http": "crawler.mirror.MirrorDownloadHandler"})
    if not throttle:
        s.setdict({"DOWNLOAD_DELAY": 0, "DOWNLOAD_DELAY_JITTER": 0, "AUTOTHROTTLE_ENABLED": False,
                   "CONCURRENT_REQUESTS": 16, "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
                   "RETRY_BACKOFF_BASE": 0.2, "RETRY_BACKOFF_MAX": 2.0, "RETRY_AFTER_MAX": 5.0,
                   "DOWNLOAD_TIMEOUT": 10})
    for key, value in (overrides or {}).items():
        s.set(key, value)
    return s
