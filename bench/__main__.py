"""python -m bench: every benchmark row as one table (what, size, figure, unit, machine).

Each stage contributes a function returning rows (what, size, figure, unit). `python -m bench NAME ...` runs only
the named groups (crawl, documents, dates, facts, publishing, build, followup, hostile).
"""
from __future__ import annotations

import importlib
import os
import platform
import sys
import time

GROUPS = {
    "documents": ("bench.documents", "bench_documents"),
    "dates": ("bench.dates", "bench_dates"),
    "facts": ("bench.facts", "bench_facts"),
    "crawl": ("bench.crawl", "bench_crawl"),
    "build": ("bench.build", "bench_build"),
    "followup": ("bench.followup", "bench_followup"),
    "publishing": ("bench.publishing", "bench_publishing"),
    "hostile": ("bench.hostile", "bench_hostile"),
}


def machine() -> str:
    return f"{platform.machine()} {os.cpu_count()} cores py{platform.python_version()}"


def main(argv: list[str]) -> int:
    wanted = argv or list(GROUPS)
    unknown = [name for name in wanted if name not in GROUPS]
    if unknown:
        print(f"unknown benchmark group(s): {', '.join(unknown)}; known: {', '.join(GROUPS)}", file=sys.stderr)
        return 2
    rows = []
    for name in wanted:
        module_name, func_name = GROUPS[name]
        started = time.monotonic()
        module = importlib.import_module(module_name)
        result = getattr(module, func_name)()
        for row in result:
            rows.append((name, *row))
        print(f"# {name}: {time.monotonic() - started:.1f} s", file=sys.stderr, flush=True)
    host = machine()
    header = ("group", "what", "size", "figure", "unit", "machine")
    table = [header] + [(g, str(w), str(s), _fmt(f), str(u), host) for g, w, s, f, u in rows]
    widths = [max(len(r[i]) for r in table) for i in range(len(header))]
    for i, row in enumerate(table):
        print("  ".join(cell.ljust(widths[j]) for j, cell in enumerate(row)).rstrip())
        if i == 0:
            print("  ".join("-" * w for w in widths))
    return 0


def _fmt(figure) -> str:
    if isinstance(figure, float):
        return f"{figure:,.3g}" if figure < 100 else f"{figure:,.0f}"
    return str(figure)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
