"""Tiny hostile sites for tests and `python -m bench hostile`, written in the mirror's layout and served by the
real mirror server (mirror/serve.py) on 127.0.0.1. Everything is generated; nothing large is stored in git.

`write_site(root, letters, headers=..., robots=...)` writes the OSR correspondence list linking to each letter
and the letters (`{slug: html bytes}`); `headers` adds response headers beside a letter (`index.html.headers`).
`letter(title, body_html)` is a plain letter page; the bombs are in bench/hostile_letters.py and
bench/hostile_crawl.py.
"""
from __future__ import annotations

from pathlib import Path

HOST = "osr.statisticsauthority.gov.uk"


def letter_url(slug: str) -> str:
    return f"https://{HOST}/correspondence/{slug}/"


def letter(title: str, body_html: str, date: str = "12 March 2024") -> bytes:
    return (f"<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>{title}</title></head>"
            f"<body><main><article><h1>{title}</h1><p>{date}</p><p>Dear Director,</p>{body_html}"
            f"<p>Yours sincerely,</p><p>Ed Humpherson</p></article></main></body></html>").encode("utf-8")


def write_site(root: Path, letters: dict[str, bytes], headers: dict[str, str] | None = None,
               robots: str = "User-agent: *\nAllow: /\n", listing_extra: str = "") -> Path:
    root = Path(root)
    host = root / HOST
    items = "".join(f'<li><a href="/correspondence/{slug}/">Letter {slug}</a> <span>1 March 2024</span></li>'
                    for slug in letters)
    _write(host / "correspondence-list" / "index.html",
           f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Correspondence</title></head><body><main>"
           f"<ul>{items}</ul>{listing_extra}</main></body></html>".encode())
    _write(host / "robots.txt", robots.encode())
    for slug, body in letters.items():
        _write(host / "correspondence" / slug / "index.html", body)
        if headers and slug in headers:
            _write(host / "correspondence" / slug / "index.html.headers", headers[slug].encode())
    return root


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
