"""The gold set on disk: load the annotations, read each document's own text, check an annotation's shape.

The text reader here is deliberately independent of `extract/` (stdlib HTML parser, pdfplumber for PDFs): it is
what the schema tests use to prove that every annotated quote and date really occurs in the document.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

GOLD_DIR = Path(__file__).resolve().parent / "gold"

DOC_TYPES = {"letter", "statement", "evidence", "summary"}
KINDS = {"commitment", "expectation", "request", "recommendation"}
GRANULARITIES = {  # records.DateMention's list plus the finer ones docs/DATES.md adds
    "day", "month", "quarter", "half", "season", "year", "financial_year", "week", "weeks", "relative", "range",
    "month_part", "year_part", "tax_year", "academic_year", "decade", "decade_part", "century",
}
STATUSES = {"met", "restated", "in_progress"}
REQUIRED = ("id", "file", "url", "content_type", "date", "doc_type", "language", "sender", "senders",
            "recipients", "copied", "dates", "commitments", "thread")


@dataclass
class GoldDoc:
    id: str
    path: Path
    gold: dict[str, Any]

    @property
    def content(self) -> bytes:
        return self.path.read_bytes()

    @property
    def content_type(self) -> str:
        return self.gold.get("content_type") or ("application/pdf" if self.path.suffix == ".pdf" else "text/html")


def load_gold(gold_dir: Path | str = GOLD_DIR) -> list[GoldDoc]:
    """Every `NN-slug.gold.json` with its document, in file order."""
    gold_dir = Path(gold_dir)
    docs = []
    for path in sorted(gold_dir.glob("*.gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        docs.append(GoldDoc(id=gold.get("id") or path.name[: -len(".gold.json")], path=gold_dir / gold["file"], gold=gold))
    return docs


# ---------------------------------------------------------------- text

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-",
                         "\u00a0": " ", "\u2009": " ", "\u202f": " "})


def norm_text(text: str) -> str:
    """Straight quotes, hyphens for dashes, one space for any run of whitespace."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return re.sub(r"\s+", " ", text).strip()


class _TextParser(HTMLParser):
    BLOCK = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "section", "article", "header",
             "footer", "ul", "ol", "blockquote", "address", "td", "dd", "dt", "time", "span"}
    SKIP = {"script", "style", "head", "noscript"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1
        elif tag in self.BLOCK and tag != "span":
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCK and tag != "span":
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_paragraphs(content: bytes) -> list[str]:
    parser = _TextParser()
    parser.feed(content.decode("utf-8", errors="replace"))
    blocks = "".join(parser.parts).split("\n")
    return [t for t in (norm_text(b) for b in blocks) if t]


def pdf_paragraphs(content: bytes) -> list[str]:
    import io

    import pdfplumber

    out = []
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        for page in pdf.pages:
            out.extend(t for t in (norm_text(line) for line in (page.extract_text() or "").split("\n")) if t)
    return out


def document_text(doc: GoldDoc) -> str:
    """The whole document as one normalised string (blocks joined by single spaces)."""
    content = doc.content
    paras = pdf_paragraphs(content) if content[:4] == b"%PDF" else html_paragraphs(content)
    return " ".join(paras)


# ---------------------------------------------------------------- schema


def _iso(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def _party_problems(party: Any, where: str) -> list[str]:
    if not isinstance(party, dict):
        return [f"{where}: not an object"]
    problems = [f"{where}: missing {k}" for k in ("name", "role", "organisation") if k not in party]
    if not (party.get("name") or party.get("organisation")):
        problems.append(f"{where}: neither name nor organisation")
    return problems


def validate(doc: GoldDoc, ids: set[str] | None = None, text: str | None = None) -> list[str]:
    """Problems with one annotation (empty when it is sound). `text` is the document's normalised text."""
    g = doc.gold
    problems = [f"missing key {k}" for k in REQUIRED if k not in g]
    if problems:
        return problems
    if not doc.path.exists():
        problems.append(f"document file {g['file']} missing")
    if not re.match(r"https://[a-z.]+\.(gov\.uk|org\.uk)/", g["url"]):
        problems.append(f"url {g['url']!r} is not a real-site URL")
    if _iso(g["date"]) is None:
        problems.append(f"date {g['date']!r} is not ISO")
    if g.get("split", "dev") not in ("dev", "holdout"):
        problems.append(f"split {g.get('split')!r} is neither dev nor holdout")
    if g["doc_type"] not in DOC_TYPES:
        problems.append(f"doc_type {g['doc_type']!r} unknown")
    if g["sender"] is not None:
        problems += _party_problems(g["sender"], "sender")
        if not g["senders"] or g["senders"][0] != g["sender"]:
            problems.append("senders[0] must equal sender")
    for key in ("senders", "recipients", "copied"):
        for i, party in enumerate(g[key]):
            problems += _party_problems(party, f"{key}[{i}]")
    search_from = 0
    for i, d in enumerate(g["dates"]):
        start, end = _iso(d.get("start")), _iso(d.get("end"))
        if start is None or end is None:
            problems.append(f"dates[{i}] {d.get('text')!r}: start/end not ISO")
        elif start > end:
            problems.append(f"dates[{i}] {d.get('text')!r}: start after end")
        if d.get("granularity") not in GRANULARITIES:
            problems.append(f"dates[{i}] {d.get('text')!r}: granularity {d.get('granularity')!r} unknown")
        if text is not None:
            at = text.find(norm_text(d.get("text") or "\0"), search_from)
            if at < 0:
                problems.append(f"dates[{i}] {d.get('text')!r} not found in order in the document text")
            else:
                search_from = at + 1
    date_keys = {(d.get("text"), d.get("start"), d.get("end")) for d in g["dates"]}
    for i, c in enumerate(g["commitments"]):
        if c.get("kind") not in KINDS:
            problems.append(f"commitments[{i}]: kind {c.get('kind')!r} unknown")
        if not c.get("actor"):
            problems.append(f"commitments[{i}]: no actor")
        if text is not None and norm_text(c.get("quote") or "\0") not in text:
            problems.append(f"commitments[{i}]: quote not in the document text: {c.get('quote')!r}")
        due = c.get("due")
        if due is not None and (due.get("text"), due.get("start"), due.get("end")) not in date_keys:
            problems.append(f"commitments[{i}]: due {due!r} is not one of the document's dates")
    thread = g["thread"]
    if "replies_to" not in thread or "followups" not in thread:
        problems.append("thread needs replies_to and followups")
    elif ids is not None:
        if thread["replies_to"] is not None and thread["replies_to"] not in ids:
            problems.append(f"replies_to {thread['replies_to']!r} is not a gold id")
        for j, f in enumerate(thread["followups"]):
            ref = f.get("commitment") or {}
            if ref.get("doc") not in ids:
                problems.append(f"followups[{j}]: doc {ref.get('doc')!r} is not a gold id")
            if f.get("status") not in STATUSES:
                problems.append(f"followups[{j}]: status {f.get('status')!r} unknown")
            if text is not None and norm_text(f.get("evidence") or "\0") not in text:
                problems.append(f"followups[{j}]: evidence not in the document text")
    return problems
