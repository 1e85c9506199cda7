"""Read DATA/captures.db into one `DocumentGroup` per archived document: its versions, chapters, aliases, hints."""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from captures import capturedb
GOOD_STATUS = (200, 203)
GONE_STATUS = (404, 410)


@dataclass
class CaptureRef:
    id: int
    url: str
    fetched_at: str
    http_status: int | None
    sha256: str | None
    warc_file: str | None
    warc_offset: int | None
    content_type: str | None
    record_type: str | None
    part: int = 0


@dataclass
class DocumentGroup:
    """Everything the build needs to extract and load one document."""

    id: int
    url: str
    role: str  # document | attachment
    parent_url: str | None
    versions: list[CaptureRef] = field(default_factory=list)  # one per distinct good payload, oldest first
    chapters: list[CaptureRef] = field(default_factory=list)  # latest good capture of each chapter page, in order
    captures: list[CaptureRef] = field(default_factory=list)  # every capture, for the capture history
    aliases: list[tuple[str, str]] = field(default_factory=list)  # (url, kind)
    hints: dict = field(default_factory=dict)
    withdrawn_at: str | None = None

    @property
    def latest(self) -> CaptureRef | None:
        return self.versions[-1] if self.versions else None

    def cache_key(self, version: CaptureRef, extractor_version: str) -> str:
        import hashlib

        parts = [version.sha256 or "", *[c.sha256 or "" for c in self.chapters], extractor_version, self.url]
        parts.append(json.dumps({k: v for k, v in self.hints.items() if k != "chapters"}, sort_keys=True))
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _payload_source(conn: sqlite3.Connection, ref: CaptureRef) -> CaptureRef:
    """A revisit record has no payload of its own: point at the response record with the same digest."""
    if ref.record_type != "revisit":
        return ref
    row = conn.execute(
        "SELECT warc_file, warc_offset FROM captures WHERE sha256 = ? AND record_type = 'response' "
        "AND warc_file IS NOT NULL ORDER BY id LIMIT 1",
        (ref.sha256,),
    ).fetchone()
    if row:
        ref = CaptureRef(**{**ref.__dict__, "warc_file": row[0], "warc_offset": row[1], "record_type": "response"})
    return ref


def load_groups(data_dir: str | Path) -> list[DocumentGroup]:
    conn = capturedb.connect(data_dir)
    try:
        return _load_groups(conn)
    finally:
        conn.close()


def _load_groups(conn: sqlite3.Connection) -> list[DocumentGroup]:
    rows = conn.execute(
        "SELECT * FROM captures WHERE document_url IS NOT NULL ORDER BY document_url, fetched_at, id"
    ).fetchall()
    by_doc: dict[str, list[sqlite3.Row]] = {}
    for row in rows:
        by_doc.setdefault(row["document_url"], []).append(row)
    state = {r["url"]: r for r in conn.execute("SELECT url, withdrawn_at FROM url_state")}
    alias_rows = conn.execute("SELECT alias_url, canonical_url, kind FROM aliases").fetchall()
    aliases: dict[str, list[tuple[str, str]]] = {}
    target = {row["alias_url"]: row["canonical_url"] for row in alias_rows}
    for row in alias_rows:
        # follow chains (an old slashless URL → its slash variant → the redirect's target) to the document
        canonical, hops = row["canonical_url"], 0
        while canonical in target and target[canonical] != canonical and hops < 10:
            canonical, hops = target[canonical], hops + 1
        aliases.setdefault(canonical, []).append((row["alias_url"], row["kind"] or "alias"))
    listings: dict[str, dict] = {}
    for row in conn.execute("SELECT url, title, date_text, fromto FROM listing_entries ORDER BY seen_at"):
        listings[row["url"]] = {k: row[k] for k in ("title", "date_text", "fromto") if row[k]}

    groups = []
    for url, captures in by_doc.items():
        main = [c for c in captures if (c["part"] or 0) == 0]
        role = next((c["role"] for c in main if c["role"]), "document")
        parent = next((c["parent_url"] for c in main if c["parent_url"]), None)
        group = DocumentGroup(
            id=capturedb.document_id(conn, url, captures[0]["fetched_at"]),
            url=url,
            role="attachment" if role == "attachment" else "document",
            parent_url=parent,
        )
        group.captures = [_ref(c) for c in captures]
        seen_sha = None
        for c in main:
            if c["http_status"] in GOOD_STATUS and c["sha256"] and c["sha256"] != seen_sha:
                group.versions.append(_payload_source(conn, _ref(c)))
                seen_sha = c["sha256"]
        latest_chapter: dict[int, sqlite3.Row] = {}
        for c in captures:
            if (c["part"] or 0) > 0 and c["http_status"] in GOOD_STATUS:
                latest_chapter[c["part"]] = c
        group.chapters = [_payload_source(conn, _ref(latest_chapter[n])) for n in sorted(latest_chapter)]
        group.aliases = sorted(set(aliases.get(url, [])))
        for alias, _kind in group.aliases:
            if alias in listings:
                group.hints.update(listings[alias])
        group.hints.update(listings.get(url, {}))
        if parent:
            group.hints["parent_url"] = parent
        st = state.get(url)
        if st is not None and st["withdrawn_at"]:
            group.withdrawn_at = st["withdrawn_at"]
        elif main and main[-1]["http_status"] in GONE_STATUS and group.versions:
            group.withdrawn_at = main[-1]["fetched_at"]
        groups.append(group)
    conn.commit()  # document ids assigned for the first time are kept
    return groups


def _ref(row: sqlite3.Row) -> CaptureRef:
    return CaptureRef(
        id=row["id"],
        url=row["url"],
        fetched_at=row["fetched_at"],
        http_status=row["http_status"],
        sha256=row["sha256"],
        warc_file=row["warc_file"],
        warc_offset=row["warc_offset"],
        content_type=row["content_type"],
        record_type=row["record_type"],
        part=row["part"] or 0,
    )
