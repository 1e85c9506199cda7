"""The sources, declared as data in `captures/sources/*.yml`, and URL classification by their patterns.

`Registry.load()` reads every YAML; `registry.classify(url)` names the kind of page a canonical URL is
(`letter`, `publication`, `chapter`, `attachment`, `legacy`, `page`, or a never-stored kind such as
`listing`, `taxonomy`, `embed`, `feed`, `search`, `sitemap`, `api`, `ignore`). A URL on a known host that
matches no pattern is `unknown` (the spider logs and counts it; nothing is silently defaulted); a URL on
any other host is `offhost` and is never requested.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import yaml

SOURCES_DIR = Path(__file__).resolve().parent / "sources"

# Kinds of page, and what the crawl does with each.
DOCUMENT_KINDS = ("letter", "publication", "legacy", "page")   # role 'document'
STORED_KINDS = DOCUMENT_KINDS + ("chapter", "attachment")
NEVER_STORE = ("embed", "feed", "search", "taxonomy", "ignore")
DISCOVERY_KINDS = ("listing", "sitemap", "api")
DEFAULT_PORTS = {"https": 443, "http": 80}   # a declared host is only ever fetched on these
# Order in which patterns are tried: the never-store kinds win over document kinds.
KIND_ORDER = ("embed", "feed", "search", "taxonomy", "listing", "sitemap", "api",
              "chapter", "letter", "publication", "legacy", "attachment", "page", "ignore")


def role_for(kind: str) -> str | None:
    """The captures.role of a stored kind (None for kinds that are never a document)."""
    if kind in DOCUMENT_KINDS:
        return "document"
    if kind in ("chapter", "attachment"):
        return kind
    if kind == "listing":
        return "listing"
    return None


@dataclass
class Source:
    name: str
    publisher: str
    hosts: list[str]
    entry_urls: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    wp_api: list[str] = field(default_factory=list)
    patterns: dict[str, list[re.Pattern]] = field(default_factory=dict)
    host_patterns: dict[str, dict[str, list[re.Pattern]]] = field(default_factory=dict)
    trailing_slash: bool = True
    host_options: dict[str, dict] = field(default_factory=dict)
    one_hop: bool = False
    min_expected: dict[str, int] = field(default_factory=dict)
    crawl_budget: dict[str, float] = field(default_factory=dict)   # host_seconds, run_seconds (crawler/budget.py)

    @classmethod
    def from_yaml(cls, path: Path) -> "Source":
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        unknown = set(raw) - {"name", "publisher", "hosts", "entry_urls", "sitemaps", "wp_api", "patterns",
                              "host_patterns", "trailing_slash", "host_options", "one_hop", "min_expected",
                              "crawl_budget"}
        if unknown:
            raise ValueError(f"{path.name}: unknown keys {sorted(unknown)}")

        def compile_kinds(spec: dict) -> dict[str, list[re.Pattern]]:
            bad = set(spec) - set(KIND_ORDER)
            if bad:
                raise ValueError(f"{path.name}: unknown page kinds {sorted(bad)} (known: {KIND_ORDER})")
            return {k: [re.compile(p) for p in v] for k, v in spec.items()}

        return cls(
            name=raw["name"], publisher=raw.get("publisher", raw["name"]),
            hosts=[h.lower() for h in raw["hosts"]],
            entry_urls=list(raw.get("entry_urls") or []), sitemaps=list(raw.get("sitemaps") or []),
            wp_api=list(raw.get("wp_api") or []),
            patterns=compile_kinds(raw.get("patterns") or {}),
            host_patterns={h.lower(): compile_kinds(p) for h, p in (raw.get("host_patterns") or {}).items()},
            trailing_slash=bool(raw.get("trailing_slash", True)),
            host_options={h.lower(): o for h, o in (raw.get("host_options") or {}).items()},
            one_hop=bool(raw.get("one_hop", False)),
            min_expected={k: int(v) for k, v in (raw.get("min_expected") or {}).items()},
            crawl_budget=_budget(path.name, raw.get("crawl_budget") or {}),
        )

    def label_for(self, host: str) -> str:
        """The name a document from `host` is filed under (documents.source): the host's own `source` option
        (the old combined site is `legacy`, ONS pages `ons`), else the source's name."""
        return str(self.host_options.get(host, {}).get("source", self.name))

    def slash_for(self, host: str) -> bool:
        return bool(self.host_options.get(host, {}).get("trailing_slash", self.trailing_slash))

    def classify_path(self, host: str, path_query: str) -> str:
        for table in (self.host_patterns.get(host, {}), self.patterns):
            for kind in KIND_ORDER:
                if any(p.search(path_query) for p in table.get(kind, ())):
                    return kind
        return "unknown"


def _budget(name: str, spec: dict) -> dict[str, float]:
    bad = set(spec) - {"host_seconds", "run_seconds"}
    if bad:
        raise ValueError(f"{name}: unknown crawl_budget keys {sorted(bad)} (known: host_seconds, run_seconds)")
    out = {}
    for key, value in spec.items():
        if not isinstance(value, (int, float)) or isinstance(value, bool) or value <= 0:
            raise ValueError(f"{name}: crawl_budget {key} must be a positive number of seconds, not {value!r}")
        out[key] = float(value)
    return out


class Registry:
    """All declared sources; answers which source owns a host and what kind a URL is."""

    def __init__(self, sources: list[Source]):
        self.sources = sources
        self.by_host: dict[str, Source] = {}
        for s in sources:
            for h in s.hosts:
                if h in self.by_host:
                    raise ValueError(f"host {h} declared by {self.by_host[h].name} and {s.name}")
                self.by_host[h] = s

    @classmethod
    def load(cls, directory: Path | str = SOURCES_DIR) -> "Registry":
        return cls([Source.from_yaml(p) for p in sorted(Path(directory).glob("*.yml"))])

    def source(self, name: str) -> Source:
        for s in self.sources:
            if s.name == name:
                return s
        raise KeyError(f"no source named {name!r} (known: {[s.name for s in self.sources]})")

    def source_for(self, url: str) -> Source | None:
        return self.by_host.get((urlsplit(url).hostname or "").lower())

    def label_for(self, url: str) -> str:
        """documents.source for a URL: its host's label as the sources declare it, else the host itself."""
        host = (urlsplit(url).hostname or "").lower()
        src = self.by_host.get(host)
        return src.label_for(host) if src else host

    def allowed(self, url: str) -> bool:
        """A declared host, over http(s), on the scheme's own port: `https://HOST:8026/` is another server."""
        parts = urlsplit(url)
        try:
            port = parts.port
        except ValueError:  # a port that is no number, or out of range
            return False
        scheme = parts.scheme.lower()
        if scheme not in DEFAULT_PORTS or port not in (None, DEFAULT_PORTS[scheme]):
            return False
        return self.source_for(url) is not None

    def classify(self, url: str) -> str:
        parts = urlsplit(url)
        src = self.by_host.get((parts.hostname or "").lower())
        if src is None or not self.allowed(url):
            return "offhost"
        pq = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        return src.classify_path((parts.hostname or "").lower(), pq)


@lru_cache(maxsize=1)
def default_registry() -> Registry:
    return Registry.load()
