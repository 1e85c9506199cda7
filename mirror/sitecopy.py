"""A temporary, editable copy of a mirror tree, for incremental-crawl tests.

    site = copy_site(tmp_path)                       # copies mirror/site (or src=...) to tmp_path/"site"
    with start(site.root) as mirror:
        ... crawl ...
        site.change(url, "old words", "new words")   # bytes change → new ETag, Last-Modified = now
        site.add_letter(url, title=..., date=..., paragraphs=[...], listing=listing_url)
        site.delete(url)                             # → 404
        site.add_redirect(old_url, new_url)

Every edit updates `_lastmod.tsv` (so If-Modified-Since sees it) and, for added or deleted documents, MANIFEST.json.
The running server re-reads those files when they change.
"""
from __future__ import annotations

import json
import re
import shutil
from datetime import datetime, timezone
from pathlib import Path

from mirror import layout


class SiteCopy:
    def __init__(self, root: Path):
        self.root = Path(root)

    # ---- lookup ------------------------------------------------------------------------------------
    def file_of(self, url: str) -> Path:
        """The file served for `url` (raises FileNotFoundError when nothing is served there)."""
        host, path, query = layout.split_real_url(url)
        noslash = layout.parse_hosts((self.root / layout.NOSLASH_FILE).read_text(encoding="utf-8")) \
            if (self.root / layout.NOSLASH_FILE).exists() else frozenset()
        found = layout.resolve(self.root, host, path, query, noslash=host in noslash)
        if found.file is None:
            raise FileNotFoundError(url)
        return found.file

    def read(self, url: str) -> str:
        return self.file_of(url).read_text(encoding="utf-8")

    # ---- edits -------------------------------------------------------------------------------------
    def write(self, url: str, content: str | bytes, *, lastmod: datetime | None = None, ext: str = ".html") -> Path:
        try:
            file = self.file_of(url)
        except FileNotFoundError:
            file = layout.file_for_url(self.root, url, ext=ext)
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        self.touch(file, lastmod)
        return file

    def change(self, url: str, old: str, new: str) -> Path:
        text = self.read(url)
        if old not in text:
            raise ValueError(f"{old!r} not found in {url}")
        return self.write(url, text.replace(old, new, 1))

    def delete(self, url: str) -> None:
        file = self.file_of(url)
        file.unlink()
        self._set_lastmod(file.relative_to(self.root).as_posix(), None)
        self._edit_manifest(remove=url)

    def add_redirect(self, src: str, dst: str, status: int = 301) -> None:
        with open(self.root / layout.REDIRECTS_FILE, "a", encoding="utf-8") as fh:
            fh.write(f"{src}\t{dst}\t{status}\n")

    def add_letter(self, url: str, *, title: str, date: str, paragraphs: list[str], fromto: str = "",
                   listing: str | None = None, doc_type: str = "letter") -> Path:
        """Write a new letter page (shaped like the site's other letters), list it first on `listing`
        (a listing page URL) and record it in MANIFEST.json."""
        from mirror.templates import Letter, render_letter
        template = "uksa" if url.split("/")[2].startswith("uksa.") else "osr2020"
        letter = Letter(url=url, title=title, date=date, fromto=fromto, paragraphs=paragraphs, template=template)
        file = self.write(url, render_letter(letter))
        if listing:
            self._list_first(listing, letter)
        self._edit_manifest(add={"url": url, "doc_type": doc_type, "title": title, "date": date})
        return file

    def touch(self, file: Path, when: datetime | None = None) -> None:
        when = when or datetime.now(timezone.utc).replace(microsecond=0)
        self._set_lastmod(Path(file).relative_to(self.root).as_posix(), when)

    # ---- helpers -----------------------------------------------------------------------------------
    def _set_lastmod(self, rel: str, when: datetime | None) -> None:
        table = self.root / layout.LASTMOD_FILE
        lines = table.read_text(encoding="utf-8").splitlines() if table.exists() else []
        lines = [ln for ln in lines if ln.split("\t", 1)[0] != rel]
        if when is not None:
            lines.append(f"{rel}\t{when.isoformat()}")
        table.write_text("\n".join(lines) + "\n", encoding="utf-8")

    def _list_first(self, listing: str, letter) -> None:
        from mirror.templates import listing_item
        text = self.read(listing)
        marker = "<!-- items -->"
        if marker not in text:
            raise ValueError(f"{listing} has no {marker} marker")
        text = text.replace(marker, marker + "\n" + listing_item(letter), 1)
        text = re.sub(r"(\d+)( item(?:s|\(s\))? of correspondence found)",
                      lambda m: f"{int(m.group(1)) + 1}{m.group(2)}", text, count=1)
        self.write(listing, text)

    def _edit_manifest(self, add: dict | None = None, remove: str | None = None) -> None:
        path = self.root / layout.MANIFEST_FILE
        if not path.exists():
            return
        data = json.loads(path.read_text(encoding="utf-8"))
        docs = data["documents"]
        if remove:
            docs[:] = [d for d in docs if d["url"] != remove]
            data.setdefault("removed", []).append(remove)
        if add:
            docs.append(add)
        path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def copy_site(tmp_path, src=None) -> SiteCopy:
    """Copy a mirror tree (default: the shipped sample) to `tmp_path/site` and return it for editing."""
    src = Path(src) if src is not None else layout.SITE_ROOT
    dest = Path(tmp_path) / "site"
    shutil.copytree(src, dest)
    return SiteCopy(dest)
