"""Live smoke check: `python -m crawler smoke [--data DIR] [--pages N]`. Needs the internet; never run in CI.

For each source with entry URLs it runs the real crawler against the live site, politely (robots.txt,
1 s+ between requests, one at a time), stopping after N responses (default 30), and then checks that the site
still looks the way the crawler expects:
  * robots.txt answered (2xx or 4xx) and allows the entry pages;
  * every entry listing answered 200 and listed letters, most with a date (and a from/to line on osr/uksa);
  * at least one letter was captured as a document, and it did not look like a listing or archive;
  * nothing the pages link to on the sources' hosts fell into an unknown page kind more than a few times.
Prints what it saw and exits 0 when all checks pass, 1 otherwise (a redesign shows up here first).
"""
from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
from pathlib import Path

from crawler.run import crawl
from captures.sources import default_registry


def check_source(name: str, data: Path, pages: int, mirror: str | None = None, min_entries: int = 10) -> list[str]:
    problems = []
    summary = crawl(data, mirror=mirror, mode="full", sources=[name], throttle=mirror is None,
                    enforce_minimums=False, settings={"CLOSESPIDER_PAGECOUNT": pages})
    print(summary.report())
    errors = {e for _, e in summary.errors}
    if "robots_unreachable" in errors:
        problems.append(f"{name}: robots.txt unreachable or 5xx")
    if summary.entry_failures:
        problems.append(f"{name}: entry pages failed: {summary.entry_failures}")
    conn = sqlite3.connect(data / "captures.db")
    try:
        hosts = default_registry().source(name).hosts
        like = [f"https://{h}/%" for h in hosts]
        where = " OR ".join("listing_url LIKE ?" for _ in like)
        entries = conn.execute(f"SELECT url, max(title), max(date_text), max(fromto) FROM listing_entries"
                               f" WHERE {where} GROUP BY url", like).fetchall()
        letters = conn.execute("SELECT count(*) FROM captures WHERE role = 'document' AND url LIKE ?",
                               (f"https://{hosts[0]}/%",)).fetchone()[0]
        not_docs = conn.execute("SELECT count(*) FROM fetch_errors WHERE error = 'not_a_document'").fetchone()[0]
    finally:
        conn.close()
    dated = sum(1 for _, _, d, _ in entries if d)
    with_fromto = sum(1 for *_, f in entries if f)
    print(f"{name}: {len(entries)} listing entries, {dated} dated, {with_fromto} with a from/to line; "
          f"{letters} documents captured; {not_docs} pages at document URLs that were listings/archives")
    if len(entries) < min_entries:
        problems.append(f"{name}: only {len(entries)} letters found on the listing pages")
    elif dated < 0.8 * len(entries):
        problems.append(f"{name}: only {dated} of {len(entries)} listing entries have a date")
    elif with_fromto < 0.5 * len(entries):
        problems.append(f"{name}: only {with_fromto} of {len(entries)} listing entries have a from/to line")
    if letters == 0:
        problems.append(f"{name}: no letter captured")
    if summary.skipped.get("unknown", 0) > 40:
        problems.append(f"{name}: {summary.skipped['unknown']} links of unknown kind (patterns out of date?)")
    return problems


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m crawler smoke", description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=None, help="keep the captures here (default: a temporary directory)")
    ap.add_argument("--pages", type=int, default=30, help="responses per source before stopping")
    ap.add_argument("--mirror", default=None, help="check a mirror instead of the live sites (tests)")
    ap.add_argument("--min-entries", type=int, default=10, help="letters each source's listings must show")
    args = ap.parse_args(argv)
    problems = []
    with tempfile.TemporaryDirectory(prefix="crawler-smoke-") as tmp:
        base = Path(args.data) if args.data else Path(tmp)
        for src in default_registry().sources:
            if src.entry_urls:
                problems += check_source(src.name, base / src.name, args.pages, args.mirror, args.min_entries)
    for p in problems:
        print("PROBLEM:", p)
    print("smoke check:", "OK" if not problems else f"{len(problems)} problem(s)")
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
