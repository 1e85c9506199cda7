"""Where a real URL lives inside a mirror tree, and the tree's small data files.

Conventions (shared by the server, `sitecopy` and the generators):

* `https://HOST/PATH` is stored at `ROOT/HOST/PATH`. A directory-style path (`/correspondence/x/`) is stored
  as `ROOT/HOST/correspondence/x/index.html` (or `index.json`, `index.xml`, `index.txt`).
* A page requested with a query is stored beside the query-less one as `index@<normalised query><ext>`,
  where the normalised query is the `key=value` pairs sorted and percent-encoded (blank values kept):
  `/correspondence-list/?keyword=&theme=&date=&show=all` → `correspondence-list/index@date=&keyword=&show=all&theme=.html`.
  If no such file exists the query-less `index.html` is served (WordPress ignores unknown parameters too),
  except that a JSON collection (a folder of `index*.json`) asked for a `page=N` it has no file for answers 400, as the
  WordPress REST API does.
* `ROOT/_redirects.tsv`: `from-url <TAB> to-url <TAB> status` (301/302/307/308); `#` starts a comment.
  A from-url ending in `*` is a prefix rule: the rest of the path is appended to the to-url (which then ends in `*`).
  A rule matches with or without the trailing slash and with any query.
* `ROOT/_lastmod.tsv`: `relative/file/path <TAB> ISO date or datetime (UTC)`; the Last-Modified of that file.
  Files not listed get `DEFAULT_LAST_MODIFIED` (never the file mtime: git does not keep it).
* `ROOT/_noslash.txt`: hosts (one a line) whose page URLs have no trailing slash (www.ons.gov.uk): there
  `/x` serves `x/index.html` in place and `/x/` gets a 301 to `/x`.
* `FILE.headers` beside a file: extra response headers, one `Name: value` per line (`Name: -` removes one).
* Files and folders under ROOT whose names start with `_`, `MANIFEST.json` and `*.headers` are never served.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

INDEX_EXTS = (".html", ".json", ".xml", ".txt")
DEFAULT_LAST_MODIFIED = datetime(2024, 1, 1, 9, 0, 0, tzinfo=timezone.utc)
REDIRECTS_FILE = "_redirects.tsv"
LASTMOD_FILE = "_lastmod.tsv"
NOSLASH_FILE = "_noslash.txt"
MANIFEST_FILE = "MANIFEST.json"
SITE_ROOT = Path(__file__).resolve().parent / "site"


def normalise_query(query: str) -> str:
    """`b=2&a=&c` → `a=&b=2&c=`: pairs sorted, blanks kept, percent-encoded so it is a safe file name."""
    pairs = sorted(parse_qsl(query, keep_blank_values=True))
    return urlencode(pairs, quote_via=quote, safe="")


def query_filename(query: str, ext: str = ".html") -> str:
    return f"index@{normalise_query(query)}{ext}" if query else f"index{ext}"


def split_real_url(url: str) -> tuple[str, str, str]:
    """`https://HOST/PATH?Q` → (host, unquoted path, query)."""
    parts = urlsplit(url)
    return parts.hostname or "", unquote(parts.path or "/"), parts.query


@dataclass
class Resolved:
    file: Path | None = None         # the file to serve
    slash_redirect: bool = False     # a directory asked for without its trailing slash
    unslash_redirect: bool = False   # a page of a no-trailing-slash host asked for with one
    forbidden: bool = False


def _inside(root: Path, candidate: Path) -> bool:
    try:
        candidate.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


def _hidden(rel_parts: tuple[str, ...]) -> bool:
    return any(p.startswith("_") for p in rel_parts[:1]) or (
        bool(rel_parts) and (rel_parts[-1].endswith(".headers") or rel_parts[-1] == MANIFEST_FILE))


def page_beyond_range(directory: Path, query: str) -> bool:
    """A JSON collection (the WordPress REST API) asked for a page it has no file for: WordPress answers
    400 `rest_post_invalid_page_number` rather than page 1, so there is no fallback for it."""
    page = dict(parse_qsl(query)).get("page", "1")
    return page != "1" and directory.is_dir() and any(directory.glob("index*.json")) and \
        not (directory / query_filename(query, ".json")).is_file()


def _index_in(directory: Path, query: str) -> Path | None:
    if query:
        for ext in INDEX_EXTS:
            f = directory / query_filename(query, ext)
            if f.is_file():
                return f
        if page_beyond_range(directory, query):
            return None
    for ext in INDEX_EXTS:
        f = directory / f"index{ext}"
        if f.is_file():
            return f
    return None


def resolve(root: Path, host: str, path: str, query: str = "", noslash: bool = False) -> Resolved:
    """Find the file for `https://host/path?query` in the tree at root (path already unquoted).
    `noslash`: the host's pages live at slashless URLs (see `_noslash.txt`)."""
    host = host.lower()
    if not host or "/" in host or host.startswith((".", "_")):
        return Resolved()
    rel = [p for p in path.split("/") if p]
    if any(p in (".", "..") for p in rel) or _hidden(tuple(rel)):
        return Resolved(forbidden=True)
    target = root / host / Path(*rel) if rel else root / host
    if not _inside(root, target):
        return Resolved(forbidden=True)
    if path.endswith("/") or not rel:
        index = _index_in(target, query) if target.is_dir() else None
        return Resolved(file=index, unslash_redirect=bool(noslash and rel and index is not None))
    if target.is_file():
        return Resolved(file=target)
    if target.is_dir():
        index = _index_in(target, query)
        if index is None:
            return Resolved()
        # WordPress answers /x with a 301 to /x/ for pages; the REST API and feeds answer in place.
        return Resolved(file=index, slash_redirect=index.suffix == ".html" and not noslash)
    return Resolved()


def file_for_url(root: Path, url: str, *, ext: str = ".html") -> Path:
    """The path where a page for `url` should be written (it need not exist yet)."""
    host, path, query = split_real_url(url)
    rel = [p for p in path.split("/") if p]
    base = root / host.lower() / Path(*rel) if rel else root / host.lower()
    last = rel[-1] if rel else ""
    if not path.endswith("/") and "." in last and not query:
        return base
    return base / query_filename(query, ext)


# ---- small data files -------------------------------------------------------------------------------

class _CachedTable:
    """A TSV file re-read only when its size or mtime changes (so tests may edit it while serving)."""

    def __init__(self, path: Path, parse):
        self.path, self.parse, self.key, self.value = path, parse, None, None

    def get(self):
        try:
            st = os.stat(self.path)
            key = (st.st_mtime_ns, st.st_size)
        except FileNotFoundError:
            key = None
        if key != self.key or self.value is None:
            text = self.path.read_text(encoding="utf-8") if key else ""
            self.value, self.key = self.parse(text), key
        return self.value


def _rows(text: str):
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            yield line.split("\t")


def parse_redirects(text: str) -> tuple[dict, list]:
    exact, prefix = {}, []
    for cols in _rows(text):
        if len(cols) < 2:
            raise ValueError(f"bad redirect line: {cols!r}")
        src, dst = cols[0].strip(), cols[1].strip()
        status = int(cols[2]) if len(cols) > 2 and cols[2].strip() else 301
        if src.endswith("*"):
            prefix.append((src[:-1], dst, status))
        else:
            exact[_redirect_key(src)] = (dst, status)
    prefix.sort(key=lambda r: -len(r[0]))
    return exact, prefix


def _redirect_key(url: str) -> str:
    host, path, _ = split_real_url(url)
    return f"{host.lower()}{path.rstrip('/') or '/'}"


def find_redirect(table, url: str) -> tuple[str, int] | None:
    exact, prefix = table
    hit = exact.get(_redirect_key(url))
    if hit:
        return hit
    bare = url.split("?", 1)[0]
    for src, dst, status in prefix:
        if bare.startswith(src):
            rest = bare[len(src):]
            return (dst[:-1] + rest if dst.endswith("*") else dst), status
    return None


def parse_hosts(text: str) -> frozenset:
    return frozenset(ln.strip().lower() for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))


def parse_date(value: str) -> datetime:
    value = value.strip().replace("Z", "+00:00")
    dt = datetime.fromisoformat(value)
    return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)


def parse_lastmod(text: str) -> dict[str, datetime]:
    return {cols[0].strip(): parse_date(cols[1]) for cols in _rows(text) if len(cols) >= 2}


def read_sidecar_headers(file: Path) -> list[tuple[str, str]]:
    side = file.with_name(file.name + ".headers")
    if not side.is_file():
        return []
    out = []
    for line in side.read_text(encoding="utf-8").splitlines():
        if ":" in line:
            name, value = line.split(":", 1)
            out.append((name.strip(), value.strip()))
    return out
