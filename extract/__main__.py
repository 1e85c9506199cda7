"""python -m extract FILE [--url URL] [--date YYYY-MM-DD]: every extractor on one saved HTML, PDF or DOCX file.

Prints one JSON object: title, date, doc_type, sender, recipients, parties, dates, commitments, links
(plus language, copied and error). Exit status 1 when the document could not be read.
"""
from __future__ import annotations

import argparse
import json
import mimetypes
import sys
from pathlib import Path

from extract.pipeline import extract_document


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m extract", description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path, help="a saved HTML, PDF or DOCX file")
    parser.add_argument("--url", help="the document's real URL (helps the slug, doc type and host signals)")
    parser.add_argument("--date", help="the document's date (YYYY-MM-DD) when the file does not say")
    parser.add_argument("--fromto", help="the listing's from/to line, e.g. 'A, OSR to B, ONS'")
    parser.add_argument("--full", action="store_true", help="also print paragraphs with pages and warnings")
    args = parser.parse_args(argv)
    try:
        content = args.file.read_bytes()
    except OSError as exc:
        parser.error(f"cannot read {args.file}: {exc.strerror}")
    content_type = mimetypes.guess_type(args.file.name)[0]
    hints = {"fromto": args.fromto} if args.fromto else None
    result = extract_document(content, content_type=content_type, url=args.url, date=args.date, hints=hints)
    out = result.to_json()
    if args.full:
        out["paragraphs"] = [{"text": p.text, "page": p.page, "section": p.section} for p in result.paragraphs]
        out["warnings"] = result.warnings
        out["commitments_detail"] = [
            {"kind": c.kind, "actor": c.actor, "actor_id": c.actor_id, "paragraph": c.paragraph, "page": c.page}
            for c in result.commitments
        ]
    json.dump(out, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    return 1 if result.error else 0


if __name__ == "__main__":
    sys.exit(main())
