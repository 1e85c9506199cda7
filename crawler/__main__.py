"""`python -m crawler run --data DIR [--mirror URL] [--mode full|refresh] ...`: one crawl in this process.

`crawler.run.crawl()` starts this in a subprocess (Twisted's reactor cannot be restarted in a process, and a
crawl killed with SIGKILL must not take its caller with it). `python -m crawler smoke` is the live smoke check
(`crawler/smoke.py`).
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path


def run(args) -> int:
    from scrapy.crawler import CrawlerProcess

    from crawler.settings import build_settings
    from crawler.spiders.archive import ArchiveSpider
    from crawler.summary import CrawlSummary

    settings = build_settings(args.mirror, throttle=not args.no_throttle, log_level=args.log_level,
                              overrides=dict(kv.split("=", 1) for kv in args.set or []))
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(ArchiveSpider)
    started = time.monotonic()
    process.crawl(crawler, data_dir=args.data, run_id=args.run_id, mode=args.mode,
                  sources=args.sources.split(",") if args.sources else None, rolling_share=args.rolling_share)
    process.start()
    spider = crawler.spider
    stats = crawler.stats.get_stats()
    counter, store = spider.counter, spider.store
    per_source = {}
    not_docs = counter.aliased | {u for u, _ in counter.not_documents}   # discovered URLs that are no document
    for name in sorted(set(counter.requests) | set(counter.found) | set(counter.documents)):
        per_source[name] = {"requests": counter.requests.get(name, 0), "responses": counter.responses.get(name, 0),
                            "documents": sum(len(v) for v in counter.documents.get(name, {}).values()),
                            "by_kind": {k: len(set(v) - not_docs) for k, v in counter.found.get(name, {}).items()}}
    enforce = args.enforce_minimums if args.enforce_minimums is not None else not args.mirror
    shortfalls = []
    for src in spider.selected:
        for kind, minimum in src.min_expected.items():
            found = len(set(counter.found.get(src.name, {}).get(kind, ())) - counter.aliased)
            if found < minimum:
                shortfalls.append((src.name, kind, found, minimum))
    finished = stats.get("finish_reason") == "finished"
    documents = counter.document_urls()
    summary = CrawlSummary(
        run_id=args.run_id, mode=args.mode,
        requests=stats.get("downloader/request_count", 0), responses=stats.get("downloader/response_count", 0),
        new_captures=store.counts["new_captures"], revisits=store.counts["revisits"],
        not_modified=store.counts["not_modified"], errors=list(store.errors), documents_seen=len(documents),
        withdrawn=store.counts["withdrawn"], per_source=per_source, skipped=dict(counter.skips),
        unknown_samples=counter.unknown_samples, unchanged_skipped=len(counter.unchanged),
        requested_because=dict(counter.why),
        entry_failures=counter.entry_failures, shortfalls=shortfalls if enforce else [],
        seconds=round(time.monotonic() - started, 3), finished=finished, log_file=args.log_file)
    summary.exit_ok = finished and not summary.entry_failures and not summary.faults and not summary.shortfalls
    if shortfalls and not enforce:
        print(f"note: below declared minimum counts (not enforced against a mirror): {shortfalls}", file=sys.stderr)
    store.finish_run({**summary.__dict__, "errors": summary.errors})
    store.close()
    if args.summary:   # written whole or not at all: the caller never reads half a summary
        tmp = Path(args.summary).with_suffix(".tmp")
        tmp.write_text(summary.to_json(), encoding="utf-8")
        os.replace(tmp, args.summary)
    else:
        print(summary.report())
    return 0 if summary.exit_ok else 1


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["smoke"]:
        from crawler.smoke import main as smoke_main
        return smoke_main(argv[1:])
    ap = argparse.ArgumentParser(prog="python -m crawler")
    sub = ap.add_subparsers(dest="command", required=True)
    r = sub.add_parser("run", help="crawl the sources into DATA (WARC files + captures.db)")
    r.add_argument("--data", required=True)
    r.add_argument("--mirror", default=None, help="http://127.0.0.1:PORT (default: the live sites)")
    r.add_argument("--mode", choices=["full", "refresh"], default="full")
    r.add_argument("--sources", default=None, help="comma-separated source names (default: all with entry URLs)")
    r.add_argument("--no-throttle", action="store_true", help="loopback tests and the bench only")
    r.add_argument("--run-id", required=True)
    r.add_argument("--log-level", default="INFO")
    r.add_argument("--log-file", default=None)
    r.add_argument("--rolling-share", type=float, default=0.1)
    r.add_argument("--enforce-minimums", action=argparse.BooleanOptionalAction, default=None)
    r.add_argument("--summary", default=None, help="write the CrawlSummary JSON here")
    r.add_argument("--set", action="append", help="a Scrapy setting override NAME=VALUE (tests)")
    sub.add_parser("smoke", help="the live smoke check (needs the internet; never run in CI); see crawler/smoke.py")
    args = ap.parse_args(argv)
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
