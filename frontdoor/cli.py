"""python -m frontdoor COMMAND: the pipeline's commands (the Makefile wraps them).

  crawl          fetch the sources (live, or --mirror) into DATA (WARC + captures.db)
  build          extract + build + publish DB from the captures in DATA, no network (`make extract`)
  archive        crawl, then build (`make archive`)
  refresh        the nightly run: lock, incremental crawl, build, checks, atomic publish, run report
  serve          serve DB with Datasette
  demo           serve the sample mirror, crawl it, build DB, serve it; Ctrl-C stops everything
  rebuild-index  rebuild DATA/captures.db from the WARC files alone
"""
from __future__ import annotations

import argparse
import contextlib
import logging
import sys
from pathlib import Path


def _common(parser: argparse.ArgumentParser, mirror: bool = True) -> None:
    parser.add_argument("--db", default="archive.db", help="the archive database (default archive.db)")
    parser.add_argument("--data", default="data", help="raw captures folder (default data/)")
    if mirror:
        parser.add_argument("--mirror", help="fetch https://HOST/PATH from MIRROR/HOST/PATH (e.g. http://127.0.0.1:8000)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m frontdoor", description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("crawl", help="fetch every source page into DATA (a full crawl)")
    _common(p)
    p = sub.add_parser("build", help="extract and build DB from DATA (no network)")
    _common(p, mirror=False)
    p.add_argument("--as-of", help="the date follow-up statuses are computed against (default today)")
    p = sub.add_parser("archive", help="crawl then build")
    _common(p)
    p = sub.add_parser("refresh", help="the nightly incremental run")
    _common(p)
    p.add_argument("--full", action="store_true", help="revalidate every known document (FULL=1)")
    p.add_argument("--as-of", help="the date follow-up statuses are computed against (default today)")
    p = sub.add_parser("serve", help="serve DB with Datasette")
    p.add_argument("--db", default="archive.db")
    p.add_argument("--data", default="data", help="where raw captures are, for download links")
    p.add_argument("--port", type=int, default=8001)
    p = sub.add_parser("demo", help="build and serve the archive of the sample mirror")
    _common(p, mirror=False)
    p.add_argument("--port", type=int, default=8001)
    p = sub.add_parser("rebuild-index", help="rebuild DATA/captures.db from the WARC files alone")
    p.add_argument("--data", default="data")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    return COMMANDS[args.command](args)


def cmd_crawl(args) -> int:
    from crawler.run import crawl

    from captures.capturedb import writable
    from frontdoor.lock import LockHeld, RunLock
    from frontdoor.refresh import is_loopback

    if Path(args.data).is_dir() and not writable(args.data):
        print(f"crawl: {args.data} is read-only: a crawl writes its captures there (use a writable DATA)",
              file=sys.stderr)
        return 3
    try:
        with RunLock(Path(args.data) / "refresh.lock"):
            summary = crawl(args.data, mirror=args.mirror, mode="full", throttle=not is_loopback(args.mirror),
                            progress=lambda line: print(line, flush=True))
    except LockHeld as exc:
        print(f"crawl: {exc}", file=sys.stderr)
        return 75
    print(summary.report())
    return 0 if summary.exit_ok else 1


def cmd_build(args) -> int:
    from archive.build import build
    from frontdoor.progress import Progress

    from captures.capturedb import ReadOnlyData, writable
    from frontdoor.lock import LockHeld, RunLock
    from archive.publish import PublishRefused

    # a read-only DATA (a copy of the evidence) is rebuilt from without the run lock: nothing can write it
    lock = RunLock(Path(args.data) / "refresh.lock") if writable(args.data) else contextlib.nullcontext()
    try:
        with lock:
            summary = build(args.data, args.db, as_of=getattr(args, "as_of", None), progress=Progress())
    except (LockHeld, FileNotFoundError, PublishRefused, ReadOnlyData) as exc:
        print(f"build: {exc}", file=sys.stderr)
        return 1
    print(f"built {args.db}: {summary.report()}")
    return 0


def cmd_archive(args) -> int:
    status = cmd_crawl(args)
    build_status = cmd_build(args)
    return status or build_status


def cmd_refresh(args) -> int:
    from frontdoor.refresh import refresh

    return refresh(db=args.db, data=args.data, mirror=args.mirror, full=args.full, as_of=args.as_of)


def cmd_serve(args) -> int:
    from frontdoor.serve import serve

    if not Path(args.db).exists():
        print(f"{args.db} does not exist: run `make demo` or `make archive` first", file=sys.stderr)
        return 2
    return serve(args.db, args.port, data_dir=args.data)


def cmd_demo(args) -> int:
    from frontdoor.demo import demo

    return demo(args.db, args.data, args.port)


def cmd_rebuild_index(args) -> int:
    from frontdoor.lock import LockHeld, RunLock
    from captures.warcstore import rebuild_capture_index

    skipped: list = []
    try:
        with RunLock(Path(args.data) / "refresh.lock"):
            result = rebuild_capture_index(args.data, skipped)
    except LockHeld as exc:
        print(f"rebuild-index: not started: {exc}", file=sys.stderr)
        return 75
    print(f"rebuild-index: {result} capture rows written from the WARC files; {len(skipped)} records skipped")
    for warc_file, offset, url, reason in skipped:
        print(f"  skipped {warc_file}:{offset} {url}: {reason}")
    return 1 if skipped else 0


COMMANDS = {
    "crawl": cmd_crawl,
    "build": cmd_build,
    "archive": cmd_archive,
    "refresh": cmd_refresh,
    "serve": cmd_serve,
    "demo": cmd_demo,
    "rebuild-index": cmd_rebuild_index,
}
