"""`python -m bench hostile` rows for the crawler: a 15 MB letter page holding 1,000,000 links, crawled end to end
by the real crawler from the real mirror server on 127.0.0.1 (issue 14 item 5; target <= 10 s)."""
from __future__ import annotations

import resource
import sqlite3
import tempfile
import time
from pathlib import Path

N_LINKS = 1_000_000


def link_page(n: int = N_LINKS) -> bytes:
    """A letter whose body is `n` short links (`<a href=/f4240>`, ~15 bytes each: 15 MB, under the 16 MiB cap)."""
    from mirror.hostile import letter

    return letter("A million links", "<p>" + "".join(f"<a href=/{i:x}>" for i in range(n)) + "</p>")


def bench_link_page() -> list[tuple]:
    from crawler import parse
    from crawler.run import crawl
    from mirror.hostile import letter_url, write_site
    from mirror.serve import start

    page = link_page()
    started = time.process_time()
    facts = parse.page_facts(page.decode(), letter_url("a-million-links"))
    parse_cpu = time.process_time() - started
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        write_site(tmp / "site", {"a-million-links": page})
        with start(tmp / "site") as mirror:
            started = time.monotonic()
            cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
            summary = crawl(tmp / "data", mirror=mirror.url, sources=["osr"], throttle=False)
            seconds = time.monotonic() - started
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            crawl_cpu = after.ru_utime + after.ru_stime - cpu.ru_utime - cpu.ru_stime
        conn = sqlite3.connect(tmp / "data" / "captures.db")
        captured = conn.execute("select count(*) from captures where url = ?",
                                [letter_url("a-million-links")]).fetchone()[0]
        capped = conn.execute("select count(*) from fetch_errors where error = 'too_many_links'").fetchone()[0]
        conn.close()
    return [
        (f"crawl of a page with 1,000,000 links (captured {captured}, cap noted {capped}; target <= 10 s)",
         f"{len(page) / 1e6:.1f} MB", seconds, "s"),
        ("  of which the spider's run (Scrapy start to finish)", "", summary.seconds, "s"),
        ("  CPU of the crawl process (the machine's load does not inflate it)", "", crawl_cpu, "s CPU"),
        (f"  page_facts on it alone ({len(facts.links):,} of {facts.links_found:,} links read)", "", parse_cpu,
         "s CPU"),
    ]
