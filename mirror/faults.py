"""Fault injection for the mirror server: what a misbehaving live site can do to a crawler.

A fault is matched against each request by key (see `match_key`) and applied by the server:

    Fault(status=503, retry_after="2", times=2)   # two 503s with Retry-After, then the real page
    Fault(delay=5)                                  # answer after 5 s (a client timeout)
    Fault(truncate=True)                            # Content-Length of the whole page, half of it sent, then close
    Fault(redirect_loop=True)                       # URL → URL?loop=1 → URL → ... (302s, real https Locations)
    Fault(oversized=50_000_000)                     # a 50 MB HTML body (declare_length=False: no Content-Length)
    Fault(gzip_bomb=1 << 30)                        # ~1 MB gzip body (Content-Encoding: gzip) inflating to 1 GiB
    Fault(encoding="windows-1252")                  # the page re-encoded; declare_charset header|meta|both|none
    Fault(nested=5000)                              # the page's body wrapped in 5000 nested <div>s
    Fault(malformed=True)                           # closing tags dropped, stray junk
    Fault(drop=True)                                # connection closed with no response at all
    Fault(status=410) / Fault(body=b"...", content_type="text/plain", headers={...})

`start(faults={...})` also accepts a plain dict (`{"status": 500}`) or an int (a status) per key.
"""
from __future__ import annotations

import re
import threading
import zlib
from dataclasses import dataclass, field
from functools import lru_cache


@dataclass
class Fault:
    status: int | None = None
    retry_after: str | int | None = None
    times: int | None = None            # fault the first N matching requests, then behave; None = always
    delay: float = 0.0
    truncate: bool = False
    redirect_loop: bool = False
    oversized: int = 0
    declare_length: bool = True
    gzip_bomb: int = 0
    encoding: str | None = None
    declare_charset: str = "both"
    nested: int = 0
    malformed: bool = False
    drop: bool = False
    body: bytes | None = None
    content_type: str | None = None
    headers: dict = field(default_factory=dict)

    @classmethod
    def of(cls, spec) -> "Fault":
        if isinstance(spec, Fault):
            return spec
        if isinstance(spec, int):
            return cls(status=spec)
        if isinstance(spec, dict):
            return cls(**spec)
        raise TypeError(f"cannot make a Fault from {spec!r}")


def match_key(key, real_url: str, mirror_path: str) -> bool:
    """A key matches a request when it is
    * a compiled regex that `search`es the real URL (`https://HOST/PATH?Q`);
    * the real URL itself, with or without its query;
    * the mirror path `/HOST/PATH` (with or without query), or the real path `/PATH` on any host.
    Trailing slashes are ignored in string keys."""
    if isinstance(key, re.Pattern):
        return key.search(real_url) is not None
    bare_url = real_url.split("?", 1)[0]
    bare_mirror = mirror_path.split("?", 1)[0]
    real_path = "/" + bare_mirror.lstrip("/").partition("/")[2]
    k = key.rstrip("/") or "/"
    if "?" in key:
        return key in (real_url, mirror_path)
    return k in (bare_url.rstrip("/") or bare_url, bare_mirror.rstrip("/") or "/", real_path.rstrip("/") or "/")


class FaultTable:
    """The live set of faults, with per-key counters for `times`. Safe to change while serving."""

    def __init__(self, faults=None):
        self._lock = threading.Lock()
        self._faults: dict = {}
        self._counts: dict = {}
        for key, spec in (faults or {}).items():
            self.set(key, spec)

    def set(self, key, spec) -> None:
        if isinstance(key, str) and key.startswith("re:"):
            key = re.compile(key[3:])
        with self._lock:
            self._faults[key] = Fault.of(spec)
            self._counts[key] = 0

    def remove(self, key) -> None:
        with self._lock:
            self._faults.pop(key, None)
            self._counts.pop(key, None)

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()
            self._counts.clear()

    def for_request(self, real_url: str, mirror_path: str) -> Fault | None:
        with self._lock:
            for key, fault in self._faults.items():
                if not match_key(key, real_url, mirror_path):
                    continue
                self._counts[key] += 1
                if fault.times is not None and self._counts[key] > fault.times:
                    return None
                return fault
        return None


@lru_cache(maxsize=4)
def gzip_bomb(inflated_size: int) -> bytes:
    """A gzip stream of an HTML page padded with spaces to `inflated_size` bytes."""
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)
    out = [comp.compress(b"<!DOCTYPE html><html><head><title>bomb</title></head><body>")]
    chunk = b" " * (1 << 20)
    left = inflated_size
    while left > 0:
        out.append(comp.compress(chunk[: min(left, len(chunk))]))
        left -= len(chunk)
    out.append(comp.flush())
    return b"".join(out)


def nest(html: str, depth: int) -> str:
    opening, closing = "<div>" * depth, "</div>" * depth
    m = re.search(r"<body[^>]*>", html, re.I)
    if not m:
        return f"<!DOCTYPE html><html><body>{opening}{html}{closing}</body></html>"
    end = html.lower().rfind("</body>")
    end = end if end > m.end() else len(html)
    return html[: m.end()] + opening + html[m.end():end] + closing + html[end:]


def malform(html: str) -> str:
    html = re.sub(r"</(p|li|div|span|td|tr)>", "", html, flags=re.I)
    html = re.sub(r"<(h1|h2)([ >])", lambda m: "<" + m.group(1).upper() + m.group(2), html)
    return html.replace("<body", "</table><p <b>stray</i><body", 1) + "<div><p>unclosed"


def reencode(html: str, encoding: str, declare: str) -> tuple[bytes, str]:
    """Re-encode a UTF-8 page; returns (bytes, Content-Type)."""
    meta_re = re.compile(r"""<meta[^>]*charset=["']?[\w-]+["']?[^>]*>""", re.I)
    if declare in ("meta", "both"):
        html = meta_re.sub(f'<meta charset="{encoding}">', html)
    else:
        html = meta_re.sub("", html)
    ctype = f"text/html; charset={encoding}" if declare in ("header", "both") else "text/html"
    return html.encode(encoding, errors="xmlcharrefreplace"), ctype
