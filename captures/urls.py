"""Canonical URLs (docs/DESIGN.md "URLs: real, canonical, mirrored"). Pure: no Scrapy.

`canonical_url(url)`: https scheme, lower-case host, default port dropped, fragment dropped, tracking query
dropped, query pairs sorted, and the host's trailing-slash policy applied to directory-style paths
(WordPress hosts: `/correspondence/x` → `/correspondence/x/`; hosts declared `trailing_slash: false`, such as
www.ons.gov.uk, lose it). The old host www.statisticsauthority.gov.uk is kept as is: where it redirects,
the redirect target is the canonical URL and the old one an alias.
"""
from __future__ import annotations

import posixpath
from functools import lru_cache
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

from captures.sources import Registry, default_registry

TRACKING_PARAMS = {"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "_ga", "_gl", "ref", "share"}
_SAFE_PATH = "/%:@!$&'()*+,;=-._~"


def _clean_query(query: str) -> str:
    pairs = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True)
             if not k.lower().startswith("utm_") and k.lower() not in TRACKING_PARAMS]
    return urlencode(sorted(pairs), quote_via=quote, safe="")


def _is_directory_style(path: str) -> bool:
    last = path.rstrip("/").rsplit("/", 1)[-1]
    return "." not in last


def canonical_url(url: str, registry: Registry | None = None) -> str:
    if registry is None:
        return _canonical_default(url)
    return _canonical(url, registry)


@lru_cache(maxsize=200_000)
def _canonical_default(url: str) -> str:
    return _canonical(url, default_registry())


def _canonical(url: str, registry: Registry) -> str:
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    path = quote(unquote(parts.path or "/"), safe=_SAFE_PATH)
    if path != "/" and "//" in path:
        path = posixpath.normpath(path) + ("/" if path.endswith("/") else "")
    src = registry.by_host.get(host)
    slash = src.slash_for(host) if src else True
    if path != "/" and _is_directory_style(path) and not path.startswith("/wp-json/"):
        path = path.rstrip("/") + "/" if slash else path.rstrip("/")
    return urlunsplit(("https", host, path, _clean_query(parts.query), ""))


def slash_variant(url: str) -> str:
    """The same URL with its trailing slash toggled (what a listing might link to instead)."""
    parts = urlsplit(url)
    path = parts.path[:-1] if parts.path.endswith("/") and parts.path != "/" else parts.path + "/"
    return urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))


def document_url_for(url: str, kind: str) -> str:
    """The canonical URL of the document a page belongs to: a chapter `/publication/x/pages/3/` → `/publication/x/`."""
    if kind == "chapter":
        parts = urlsplit(url)
        head, sep, _ = parts.path.rpartition("/pages/")
        if sep:
            return urlunsplit((parts.scheme, parts.netloc, head + "/", "", ""))
    return url


def chapter_number(url: str) -> int:
    path = urlsplit(url).path.rstrip("/")
    head, sep, tail = path.rpartition("/pages/")
    return int(tail) if sep and tail.isdigit() else 0


def norm_url(url: str) -> str:
    """A loose key for comparing links (no scheme, no "www.", a trailing slash on page paths): not canonical, only
    for matching a link in one document to the address of another."""
    parts = urlsplit((url or "").strip())
    path = parts.path if parts.path.endswith("/") or "." in parts.path.rsplit("/", 1)[-1] else parts.path + "/"
    return f"{parts.netloc.lower().removeprefix('www.')}{path}" + (f"?{parts.query}" if parts.query else "")


def host_of(url: str) -> str:
    return urlsplit(url or "").netloc.lower()
