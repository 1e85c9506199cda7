"""Document type through one lookup table (`extract/doctypes.yml`): letter, report, work_programme, assessment, ...

Rules test the URL, the title, a hint from the crawl, or a named shape of the parsed text (a url/title rule may
also require a shape); the first match wins.
A document that no rule matches is "unknown": logged with its URL and title and counted in UNKNOWN, never
silently given a default type.
"""
from __future__ import annotations

import logging
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import yaml

from extract.records import ParsedDocument

log = logging.getLogger(__name__)
TABLE = Path(__file__).with_name("doctypes.yml")
UNKNOWN: Counter = Counter()  # (host, first path segment) -> how many documents had no type this run


@lru_cache(maxsize=1)
def load_table() -> tuple[dict, list[tuple[str, re.Pattern | str, str, str | None]]]:
    data = yaml.safe_load(TABLE.read_text(encoding="utf-8"))
    rules = []
    for rule in data["rules"]:
        pattern = rule["pattern"] if rule["field"] == "shape" else re.compile(rule["pattern"], re.I)
        if rule["type"] not in data["types"] and rule["type"] != "from_hint":
            raise ValueError(f"doctypes.yml: rule type {rule['type']!r} is not declared under types")
        rules.append((rule["field"], pattern, rule["type"], rule.get("shape")))
    return data["types"], rules


def _shape(name: str, parsed: ParsedDocument | None) -> bool:
    if parsed is None:
        return False
    salutations = parsed.meta.get("salutations")
    if salutations is None:
        from extract.readers.html import SALUTATION

        salutations = sum(1 for p in parsed.paragraphs[:60] if SALUTATION.match(p.text))
    if name == "letter_shape":
        return salutations == 1
    if name == "archive_shape":
        return salutations >= 2 and len(parsed.paragraphs) > 6
    if name == "summary_shape":
        files = [link for link in parsed.links if link.kind == "attachment" and ".pdf" in link.url.lower()]
        return bool(files) and salutations == 0 and len(parsed.text) < 800
    raise ValueError(f"doctypes.yml names an unknown shape {name!r}")


def doc_type_for(url: str | None, title: str | None, parsed: ParsedDocument | None = None,
                 hints: dict | None = None) -> str:
    """The document's type from the lookup table; 'unknown' (logged and counted) when nothing matches."""
    types, rules = load_table()
    hints = hints or {}
    values = {"url": url or "", "title": title or (parsed.title if parsed else "") or "",
              "hint": hints.get("doc_type") or ""}
    if values["hint"] and values["hint"] not in types:
        UNKNOWN[f"hint:{values['hint']}"] += 1  # a source YAML or the crawl used a type the table does not know
        log.warning("unknown document type hint %r for url=%s (not in %s); using the other rules",
                    values["hint"], url, TABLE.name)
    for field, pattern, doc_type, also_shape in rules:
        if field == "shape":
            if _shape(pattern, parsed):
                return doc_type
        elif values[field] and pattern.search(values[field]) and (also_shape is None or _shape(also_shape, parsed)):
            return values["hint"] if doc_type == "from_hint" else doc_type
    key = re.sub(r"^https?://([^/]+)/?([^/]*).*$", r"\1/\2", url or "(no url)")
    UNKNOWN[key] += 1
    log.warning("unknown document type: url=%s title=%r (no rule in %s matched)", url, title, TABLE.name)
    return "unknown"
