"""`make demo`: serve the invented sample mirror, crawl it, build the archive from it and serve that.

The only product module that imports `mirror/` (the dependency rule in docs/DESIGN.md).
"""
from __future__ import annotations

import sys

from archive.build import build
from archive.publish import PublishRefused
from crawler.run import crawl
from frontdoor.progress import Progress
from frontdoor.serve import serve
from mirror.serve import start


def demo(db, data, port: int) -> int:
    with start() as mirror:
        print(f"sample mirror (invented content) serving on {mirror.url}")
        summary = crawl(data, mirror=mirror.url, mode="full", throttle=False)
        print(summary.report())
        try:
            built = build(data, db, progress=Progress())
        except PublishRefused as exc:
            print(f"demo: {db} holds another, larger archive; it was left as it was ({exc}).\n"
                  f"Serve the sample elsewhere: make demo DB=sample.db", file=sys.stderr)
            return 1
        print(f"built {db}: {built.report()}")
    print(f"serving {db} on http://127.0.0.1:{port}/  (Ctrl-C stops)", flush=True)
    return serve(db, port, data_dir=data)
