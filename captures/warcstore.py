"""DATA/warc/*.warc.gz: the raw evidence (docs/DESIGN.md), written with warcio, read back by offset.

* `WarcWriter(data_dir, run_id)` opens a NEW file `warc/<run_id>-<seq>.warc.gz` (exclusive create: a file is
  never reopened or overwritten) and appends gzip-per-record WARC/1.1 records. `write_response` writes the
  response record then its request record, flushes and fsyncs, and only then returns a `WarcRef` (file,
  offset, length): the caller writes its captures row after that, so a row always points at durable bytes.
  `write_revisit` writes a small `revisit` record (profile identical-payload-digest) for an unchanged payload.
* The payload stored is the body after content-encoding was removed (what Scrapy hands the spider);
  `Content-Encoding`/`Transfer-Encoding` are dropped from the stored headers and `Content-Length` set to the
  payload's length (the original value is kept as `X-Archive-Orig-Content-Length`).
  `WARC-Payload-Digest` is `sha256:<base32>` of that payload; captures.sha256 is the same digest in hex.
* Each response/revisit record carries `X-Archive-*` fields (role, document URL, part, parent URL, requested
  URL, run id) so that `rebuild_capture_index(data_dir)` can rebuild every captures row from the WARC files alone.
* A trailing record cut short by a crash (SIGKILL mid-write) is tolerated: readers go by offset, and the
  rebuild stops at the damaged tail of that file and reports it.
"""
from __future__ import annotations

import base64
import hashlib
import http
import io
import logging
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.utils import Digester
from warcio.warcwriter import WARCWriter

from captures import capturedb
log = logging.getLogger(__name__)
WARC_DIR = "warc"
MAX_FILE_BYTES = 1 << 30
_DROP_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}
_X = "X-Archive-"


@dataclass(frozen=True)
class WarcRef:
    warc_file: str     # relative to DATA
    offset: int
    length: int
    sha256: str        # hex digest of the payload
    record_type: str   # response | revisit
    record_id: str


class _Sha256WARCWriter(WARCWriter):
    @staticmethod
    def _create_digester():
        return Digester("sha256")


def sha256_hex(payload: bytes) -> str:
    return hashlib.sha256(payload).hexdigest()


def _b32_to_hex(digest: str) -> str | None:
    algo, _, value = (digest or "").partition(":")
    if algo.lower() != "sha256" or not value:
        return None
    return base64.b32decode(value).hex()


def warc_date(when: datetime | None = None) -> str:
    when = when or datetime.now(timezone.utc)
    return when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class WarcWriter:
    def __init__(self, data_dir: str | Path, run_id: str, max_bytes: int = MAX_FILE_BYTES):
        self.data_dir = Path(data_dir)
        self.run_id = run_id
        self.max_bytes = max_bytes
        self._seq = 0
        self._fh = None
        self._writer = None
        self.rel_path: str | None = None

    # ---- files ---------------------------------------------------------------------------------------
    def _open(self) -> None:
        (self.data_dir / WARC_DIR).mkdir(parents=True, exist_ok=True)
        while True:
            rel = f"{WARC_DIR}/{self.run_id}-{self._seq:05d}.warc.gz"
            try:
                self._fh = open(self.data_dir / rel, "xb")
                break
            except FileExistsError:
                self._seq += 1
        self.rel_path = rel
        self._writer = _Sha256WARCWriter(self._fh, gzip=True, warc_version="1.1")
        info = self._writer.create_warcinfo_record(rel.rsplit("/", 1)[-1], {
            "software": "osr-correspondence-archive crawler (Scrapy, warcio)",
            "format": "WARC File Format 1.1",
            "isPartOf": self.run_id,
        })
        self._writer.write_record(info)
        self._sync()

    def _ensure_open(self) -> None:
        if self._fh is None or self._fh.tell() >= self.max_bytes:
            self.close()
            if self._fh is None and self.rel_path is not None:
                self._seq += 1
            self._open()

    def _sync(self) -> None:
        self._fh.flush()
        os.fsync(self._fh.fileno())

    def close(self) -> None:
        if self._fh is not None:
            self._sync()
            self._fh.close()
            self._fh = None

    # ---- records -------------------------------------------------------------------------------------
    @staticmethod
    def _http_headers(status: int, headers: list[tuple[str, str]], payload_len: int, protocol: str):
        reason = http.HTTPStatus(status).phrase if status in http.HTTPStatus._value2member_map_ else "Unknown"
        kept = [(k, v) for k, v in headers if k.lower() not in _DROP_HEADERS]
        orig_len = [v for k, v in headers if k.lower() == "content-length"]
        if orig_len:
            kept.append((_X + "Orig-Content-Length", orig_len[0]))
        kept.append(("Content-Length", str(payload_len)))
        return StatusAndHeaders(f"{status} {reason}", kept, protocol=protocol or "HTTP/1.1")

    @staticmethod
    def _meta_headers(meta: dict) -> list[tuple[str, str]]:
        out = []
        for key in ("role", "document_url", "part", "parent_url", "requested_url", "run_id"):
            value = meta.get(key)
            if value not in (None, ""):
                out.append((_X + key.replace("_", "-").title(), str(value)))
        return out

    def _write_pair(self, record, request_line: str, request_headers: list[tuple[str, str]], url: str) -> int:
        offset = self._fh.tell()
        self._writer.write_record(record)
        length = self._fh.tell() - offset
        req = self._writer.create_warc_record(
            url, "request", http_headers=StatusAndHeaders(request_line, request_headers, is_http_request=True),
            warc_headers_dict={"WARC-Date": record.rec_headers.get_header("WARC-Date"),
                               "WARC-Concurrent-To": record.rec_headers.get_header("WARC-Record-ID")})
        self._writer.write_record(req)
        self._sync()
        return offset, length

    def write_response(self, url: str, status: int, headers: list[tuple[str, str]], payload: bytes, *,
                       request_line: str = "", request_headers: list[tuple[str, str]] | None = None,
                       fetched_at: str | None = None, protocol: str = "HTTP/1.1", meta: dict | None = None,
                       ip: str | None = None) -> WarcRef:
        self._ensure_open()
        meta = dict(meta or {}, run_id=self.run_id)
        warc_headers = {"WARC-Date": fetched_at or warc_date()}
        if ip:
            warc_headers["WARC-IP-Address"] = ip
        rec = self._writer.create_warc_record(
            url, "response", payload=io.BytesIO(payload), length=len(payload),
            http_headers=self._http_headers(status, headers, len(payload), protocol),
            warc_headers_dict=warc_headers)
        for k, v in self._meta_headers(meta):
            rec.rec_headers.add_header(k, v)
        offset, length = self._write_pair(rec, request_line or _request_line(url), request_headers or [], url)
        return WarcRef(self.rel_path, offset, length, sha256_hex(payload), "response",
                       rec.rec_headers.get_header("WARC-Record-ID"))

    def write_revisit(self, url: str, status: int, headers: list[tuple[str, str]], sha256: str, *,
                      refers_to_uri: str, refers_to_date: str, request_line: str = "",
                      request_headers: list[tuple[str, str]] | None = None, fetched_at: str | None = None,
                      protocol: str = "HTTP/1.1", meta: dict | None = None) -> WarcRef:
        self._ensure_open()
        meta = dict(meta or {}, run_id=self.run_id)
        digest = "sha256:" + base64.b32encode(bytes.fromhex(sha256)).decode()
        rec = self._writer.create_revisit_record(
            url, digest, refers_to_uri, refers_to_date,
            http_headers=self._http_headers(status, headers, 0, protocol),
            warc_headers_dict={"WARC-Date": fetched_at or warc_date()})
        for k, v in self._meta_headers(meta):
            rec.rec_headers.add_header(k, v)
        offset, length = self._write_pair(rec, request_line or _request_line(url), request_headers or [], url)
        return WarcRef(self.rel_path, offset, length, sha256, "revisit",
                       rec.rec_headers.get_header("WARC-Record-ID"))


def _request_line(url: str) -> str:
    from urllib.parse import urlsplit
    p = urlsplit(url)
    return f"GET {p.path or '/'}{'?' + p.query if p.query else ''} HTTP/1.1"


# ---- reading -------------------------------------------------------------------------------------------
def _read_record(path: Path, offset: int):
    with open(path, "rb") as fh:
        fh.seek(offset)
        for record in ArchiveIterator(fh):
            return record.rec_headers, record.http_headers, record.content_stream().read()
    raise ArchiveLoadFailed(f"no record at {path}:{offset}")


def read_payload(data_dir: str | Path, warc_file: str, offset: int) -> tuple[list[tuple[str, str]], bytes]:
    """The HTTP headers and payload of the record at `offset`. A revisit record is resolved to the earlier
    response record with the same payload digest (looked up in captures.db)."""
    data_dir = Path(data_dir)
    rec_headers, http_headers, body = _read_record(data_dir / warc_file, offset)
    if rec_headers.get_header("WARC-Type") == "revisit":
        sha = _b32_to_hex(rec_headers.get_header("WARC-Payload-Digest"))
        conn = sqlite3.connect(data_dir / "captures.db") if capturedb.writable(data_dir) else \
            capturedb.connect_readonly(data_dir)
        try:
            row = conn.execute("SELECT warc_file, warc_offset FROM captures WHERE sha256 = ? AND "
                               "record_type = 'response' ORDER BY id LIMIT 1", (sha,)).fetchone()
        finally:
            conn.close()
        if row is None:
            raise ArchiveLoadFailed(f"revisit at {warc_file}:{offset} refers to a payload not in captures.db")
        _, http_headers, body = _read_record(data_dir / row[0], row[1])
    return (list(http_headers.headers) if http_headers else []), body


def payload_problem(rec_headers, http_headers, payload: bytes) -> str | None:
    """Why a response record's payload is not what was written (None when it is): fewer bytes than its
    Content-Length, or a digest other than its WARC-Payload-Digest (a record cut short, or damaged)."""
    declared = http_headers.get_header("Content-Length") if http_headers else None
    if declared is not None and declared.strip().isdigit() and int(declared) != len(payload):
        return f"payload is {len(payload):,} bytes, its Content-Length says {int(declared):,} (truncated record)"
    digest = rec_headers.get_header("WARC-Payload-Digest")
    if digest and ":" in digest:
        algorithm, _, value = digest.partition(":")
        try:
            expected = base64.b32decode(value.strip().upper())
            actual = hashlib.new(algorithm.strip().lower(), payload).digest()
        except (ValueError, TypeError) as exc:  # binascii.Error is a ValueError
            return f"unreadable WARC-Payload-Digest {digest!r} ({exc})"
        if actual != expected:
            return f"payload digest differs from its WARC-Payload-Digest ({algorithm}) (truncated or damaged record)"
    return None


def iter_capture_records(data_dir: str | Path, skipped: list | None = None):
    """Yield (warc_file, offset, length, rec_type, rec_headers, http_headers, sha256) for every response/revisit
    record, file by file in name order (run ids start with a UTC timestamp, so this is chronological).
    A response record whose payload does not match its declared length and digest is not yielded: it is added
    to `skipped` as (warc_file, offset, url, reason)."""
    data_dir = Path(data_dir)
    for path in sorted((data_dir / WARC_DIR).glob("*.warc.gz")):
        rel = f"{WARC_DIR}/{path.name}"
        with open(path, "rb") as fh:
            it = ArchiveIterator(fh)
            try:
                for record in it:
                    if record.rec_type not in ("response", "revisit"):
                        continue
                    rh = record.rec_headers
                    if record.rec_type == "response":
                        payload = record.raw_stream.read()
                        problem = payload_problem(rh, record.http_headers, payload)
                        if problem:
                            it.read_to_end()
                            log.warning("%s:%s %s: %s", rel, it.get_record_offset(),
                                        rh.get_header("WARC-Target-URI"), problem)
                            if skipped is not None:
                                skipped.append((rel, it.get_record_offset(), rh.get_header("WARC-Target-URI"),
                                                problem))
                            continue
                        sha = sha256_hex(payload)
                    else:
                        sha = _b32_to_hex(rh.get_header("WARC-Payload-Digest"))
                    it.read_to_end()
                    yield (rel, it.get_record_offset(), it.get_record_length(), record.rec_type, rh,
                           record.http_headers, sha)
            except (ArchiveLoadFailed, EOFError, OSError, ValueError) as exc:
                log.warning("%s: stopped at a damaged or partial record (%s)", rel, exc)


def rebuild_capture_index(data_dir: str | Path, skipped: list | None = None) -> int:
    """Rebuild every `captures` row (and missing `doc_ids` / `url_state` rows) from the WARC files alone.

    The other tables (aliases, listing entries, errors, runs) are not in the WARC files and are left as they
    are; the `captures` table is replaced in one transaction. Returns the number of rows written; records whose
    payload fails its length or digest check are left out and listed in `skipped` (the caller holds the run
    lock: `python -m frontdoor rebuild-index` takes it)."""
    data_dir = Path(data_dir)
    records = list(iter_capture_records(data_dir, skipped))
    conn = capturedb.connect(data_dir)
    try:
        with conn:
            conn.execute("DELETE FROM captures")
            for rel, offset, length, rec_type, rh, hh, sha in records:
                get = rh.get_header
                status = int(hh.get_statuscode()) if hh else None
                hget = (lambda n: hh.get_header(n)) if hh else (lambda n: None)
                url = get("WARC-Target-URI")
                fetched = get("WARC-Date")
                doc_url = get(_X + "Document-Url")
                role = get(_X + "Role")
                conn.execute(
                    "INSERT INTO captures (url, requested_url, document_url, part, role, parent_url, fetched_at,"
                    " http_status, content_type, sha256, warc_file, warc_offset, warc_length, record_type, etag,"
                    " last_modified, run_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (url, get(_X + "Requested-Url"), doc_url, int(get(_X + "Part") or 0), role,
                     get(_X + "Parent-Url"), fetched, status, hget("Content-Type"), sha, rel, offset,
                     length, rec_type,
                     hget("ETag"), hget("Last-Modified"), get(_X + "Run-Id")))
                if doc_url and role in ("document", "chapter", "attachment"):
                    capturedb.document_id(conn, doc_url, fetched)
                conn.execute(
                    "INSERT INTO url_state (url, kind, document_url, first_seen, last_seen, last_status, etag,"
                    " last_modified, sha256, last_checked) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT(url) DO UPDATE"
                    " SET last_seen=excluded.last_seen, last_status=excluded.last_status, sha256=excluded.sha256,"
                    " etag=excluded.etag, last_modified=excluded.last_modified",
                    (url, role, doc_url, fetched, fetched, status, hget("ETag"), hget("Last-Modified"), sha, fetched))
        return len(records)
    finally:
        conn.close()
