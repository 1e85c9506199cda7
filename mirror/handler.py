"""The request handler of the mirror server: maps `GET /HOST/PATH?Q` to a file of the tree, applies faults,
writes the answer (see `mirror/serve.py` for the API and `mirror/layout.py` for the conventions)."""
from __future__ import annotations

import email.utils
import gzip
import hashlib
import html as htmllib
import mimetypes
import socket
import time
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

from mirror import layout
from mirror.faults import Fault, gzip_bomb, malform, nest, reencode

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".pdf": "application/pdf",
    ".json": "application/json; charset=UTF-8",
    ".xml": "application/xml; charset=UTF-8",
    ".xsl": "application/xml; charset=UTF-8",
    ".txt": "text/plain; charset=utf-8",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".csv": "text/csv; charset=utf-8",
}
NOT_FOUND = (b"<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>Page not found</title>"
             b"</head><body><h1>Page not found</h1><p>Sorry, we could not find that page.</p></body></html>")

WP_BAD_PAGE = (b'{"code":"rest_post_invalid_page_number","message":"The page number requested is larger than the '
               b'number of pages available.","data":{"status":400}}')


class Headers(dict):
    """Request headers as the client spelled them, looked up case-insensitively (`"if-none-match" in h`)."""

    def _key(self, name):
        if isinstance(name, str):
            for key in dict.keys(self):
                if key.lower() == name.lower():
                    return key
        return name

    def __getitem__(self, name):
        return dict.__getitem__(self, self._key(name))

    def __contains__(self, name):
        return dict.__contains__(self, self._key(name))

    def get(self, name, default=None):
        return dict.get(self, self._key(name), default)


class LoggedRequest(NamedTuple):
    method: str
    path: str          # as requested from the mirror: /HOST/PATH?Q
    headers: Headers   # a dict, looked up case-insensitively
    status: int        # 0 when the connection was dropped without a response

    @property
    def real_url(self) -> str:
        return "https://" + self.path.lstrip("/")


def content_type_for(file: Path) -> str:
    return CONTENT_TYPES.get(file.suffix.lower()) or mimetypes.guess_type(file.name)[0] or "application/octet-stream"


def etag_for(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


class MirrorHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128  # the default backlog of 5 makes bursts of new connections wait for SYN retries

    def __init__(self, addr, handler, mirror):
        self.mirror = mirror
        super().__init__(addr, handler)

    def verify_request(self, request, client_address):
        # "down" in close mode: accept, then close at once without a byte.
        return not self.mirror.is_down

    def process_request(self, request, client_address):
        self.mirror._track(request, True)
        super().process_request(request, client_address)

    def shutdown_request(self, request):
        self.mirror._track(request, False)
        super().shutdown_request(request)


class MirrorHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "MirrorServer/1.0"
    timeout = 30
    disable_nagle_algorithm = True  # headers and body go out in two writes: without this, 40 ms per request

    def log_message(self, format, *args):  # quiet: the request log is self.server.mirror.requests
        pass

    def do_HEAD(self):
        self._answer(head=True)

    def do_GET(self):
        self._answer(head=False)

    # ---- dispatch ----------------------------------------------------------------------------------
    def _answer(self, head: bool) -> None:
        mirror = self.server.mirror
        self.head = head
        parts = urlsplit(self.path)
        mirror_path = parts.path + (f"?{parts.query}" if parts.query else "")
        segs = parts.path.lstrip("/").split("/", 1)
        host, path = segs[0].lower(), "/" + (segs[1] if len(segs) > 1 else "")
        real_url = f"https://{host}{path}" + (f"?{parts.query}" if parts.query else "")
        self._mirror_path, self._logged = mirror_path, False
        if mirror.is_down:  # a kept-alive connection asking after the server went down
            self._log_once(0)
            self._hang_up()
            return
        try:
            status = self._serve(mirror, host, unquote(path), parts.query, real_url, mirror_path)
        except (BrokenPipeError, ConnectionResetError):  # the client hung up mid-answer: its business
            self.close_connection = True
            status = 0
        self._log_once(status)

    def _hang_up(self) -> None:
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def _log_once(self, status: int) -> None:
        # logged before the first byte goes out, so a client that has its answer finds it in the log
        if not self._logged:
            self._logged = True
            self.server.mirror._log(LoggedRequest(self.command, self._mirror_path, Headers(self.headers.items()), status))
            self.server.mirror._count_request()

    def send_response(self, code, message=None):
        if hasattr(self, "_logged"):
            self._log_once(code)
        super().send_response(code, message)

    def _serve(self, mirror, host, path, query, real_url, mirror_path) -> int:
        if not host:
            return self._send(200, mirror.host_index(), "text/html; charset=utf-8")
        fault = mirror.faults.for_request(real_url, mirror_path)
        if fault is not None:
            if fault.delay:
                time.sleep(fault.delay)
            done = self._apply_fault(mirror, fault, host, path, query, real_url)
            if done is not None:
                return done
        redirect = layout.find_redirect(mirror.redirects.get(), real_url)
        if redirect:
            return self._redirect(*redirect)
        found = layout.resolve(mirror.root, host, path, query, noslash=host in mirror.noslash.get())
        if found.file is None:
            if query and layout.page_beyond_range(mirror.root / host / path.strip("/"), query):
                return self._send(400, WP_BAD_PAGE, "application/json; charset=UTF-8")
            return self._send(404, NOT_FOUND, "text/html; charset=utf-8")
        q = f"?{query}" if query else ""
        if found.slash_redirect and mirror.slash_redirect:
            return self._redirect(f"https://{host}{path}/{q}", 301)
        if found.unslash_redirect and mirror.slash_redirect:
            return self._redirect(f"https://{host}{path.rstrip('/')}{q}", 301)
        body = found.file.read_bytes()
        ctype = content_type_for(found.file)
        if fault is not None:
            body, ctype = self._transform(fault, body, ctype)
        return self._send_file(mirror, found.file, body, ctype, truncate=bool(fault and fault.truncate))

    def _apply_fault(self, mirror, fault: Fault, host, path, query, real_url) -> int | None:
        """Answer for a fault that replaces the page; None when the page is served (maybe transformed)."""
        if fault.drop:
            self._log_once(0)
            self._hang_up()
            return 0
        if fault.redirect_loop:
            bare = real_url.split("?", 1)[0]
            return self._redirect(bare if "loop=1" in query else bare + "?loop=1", 302)
        if fault.oversized:
            return self._stream_padding(fault.oversized, fault.declare_length)
        if fault.gzip_bomb:
            return self._send(200, gzip_bomb(fault.gzip_bomb), "text/html; charset=utf-8",
                              {"Content-Encoding": "gzip"})
        if fault.status is not None:
            extra = dict(fault.headers)
            if fault.retry_after is not None:
                extra["Retry-After"] = str(fault.retry_after)
            body = fault.body if fault.body is not None else (
                f"<!DOCTYPE html><html><body><h1>{fault.status}</h1></body></html>").encode()
            return self._send(fault.status, body, fault.content_type or "text/html; charset=utf-8", extra)
        if fault.body is not None:
            return self._send(200, fault.body, fault.content_type or "text/html; charset=utf-8", dict(fault.headers))
        return None

    @staticmethod
    def _transform(fault: Fault, body: bytes, ctype: str) -> tuple[bytes, str]:
        if not ctype.startswith("text/html"):
            return body, ctype
        text = body.decode("utf-8", errors="replace")
        if fault.nested:
            text = nest(text, fault.nested)
        if fault.malformed:
            text = malform(text)
        if fault.encoding:
            return reencode(text, fault.encoding, fault.declare_charset)
        return text.encode("utf-8"), ctype

    # ---- writing -----------------------------------------------------------------------------------
    def _redirect(self, location: str, status: int) -> int:
        body = f'<a href="{htmllib.escape(location)}">Moved</a>'.encode()
        return self._send(status, body, "text/html; charset=utf-8", {"Location": location})

    def _send(self, status: int, body: bytes, ctype: str, extra: dict | None = None) -> int:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if not self.head:
            self.wfile.write(body)
        return status

    def _send_file(self, mirror, file: Path, body: bytes, ctype: str, truncate: bool) -> int:
        etag = etag_for(body)
        modified = mirror.last_modified(file)
        headers = {"ETag": etag, "Last-Modified": email.utils.format_datetime(modified, usegmt=True)}
        for name, value in layout.read_sidecar_headers(file):
            if value == "-":
                headers = {k: v for k, v in headers.items() if k.lower() != name.lower()}
            else:
                headers[name] = value
        if self._not_modified(headers.get("ETag"), modified if "Last-Modified" in headers else None):
            self.send_response(304)
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            return 304
        if not truncate:
            if mirror.gzip and self._wants_gzip(ctype):
                body = gzip.compress(body, mtime=0)
                headers.update({"Content-Encoding": "gzip", "Vary": "Accept-Encoding"})
                if "ETag" in headers:
                    headers["ETag"] = "W/" + headers["ETag"]
            return self._send(200, body, ctype, headers)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not self.head:
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
        self.close_connection = True
        return 200

    def _wants_gzip(self, ctype: str) -> bool:
        accept = self.headers.get("Accept-Encoding", "")
        textual = ctype.startswith("text/") or "json" in ctype or "xml" in ctype
        return textual and any(t.split(";")[0].strip() == "gzip" for t in accept.split(","))

    def _not_modified(self, etag: str | None, modified: datetime | None) -> bool:
        inm = self.headers.get("If-None-Match")
        if inm is not None:  # RFC 9110: If-None-Match wins over If-Modified-Since
            tags = {t.strip().removeprefix("W/") for t in inm.split(",")}
            return "*" in tags or (etag is not None and etag in tags)
        ims = self.headers.get("If-Modified-Since")
        if ims and modified is not None:
            try:
                since = email.utils.parsedate_to_datetime(ims)
            except (TypeError, ValueError):
                return False
            if since.tzinfo is None:
                since = since.replace(tzinfo=timezone.utc)
            return modified.replace(microsecond=0) <= since
        return False

    def _stream_padding(self, size: int, declare_length: bool) -> int:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        if declare_length:
            self.send_header("Content-Length", str(size))
        else:
            self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        if self.head:
            return 200
        chunk = (b"<p>" + b"padding " * 8191 + b"</p>\n")[: 1 << 16]
        sent = 0
        try:
            while sent < size:
                piece = chunk[: min(len(chunk), size - sent)]
                self.wfile.write(piece)
                sent += len(piece)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up on the big body, as it should
        return 200
