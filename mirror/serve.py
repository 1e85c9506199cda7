"""A static HTTP server for a mirror tree laid out `ROOT/HOST/PATH` (see `mirror/layout.py` for the conventions).

`GET /HOST/PATH?Q` answers as `https://HOST/PATH?Q` would: pages keep their real `https://` links, and redirects
send `Location:` with the real `https://` URL (the crawler maps it back to the mirror). A directory page asked
for without its trailing slash gets a 301 to the slash URL, as WordPress does (`slash_redirect=False` serves it
in place instead); hosts listed in `_noslash.txt` (www.ons.gov.uk) do the opposite. Every response carries
Content-Type, Content-Length, a content-hash `ETag` and a stable `Last-Modified` (from `_lastmod.tsv`, else a
fixed date); `If-None-Match` / `If-Modified-Since` get a 304.

    with start() as mirror:              # the shipped sample mirror on a free loopback port
        urlopen(mirror.url + "/osr.statisticsauthority.gov.uk/correspondence-list/")
        mirror.requests                  # [(method, path, headers, status), ...]

CLI: `python -m mirror.serve [--root DIR] [--port N]` prints the URL and serves until Ctrl-C.
"""
from __future__ import annotations

import argparse
import socket
import sys
import threading
import time
from datetime import datetime
from pathlib import Path

from mirror import layout
from mirror.faults import FaultTable
from mirror.handler import Headers, LoggedRequest, MirrorHandler, MirrorHTTPServer  # noqa: F401  (re-exported)
from mirror.sitecopy import SiteCopy, copy_site  # noqa: F401  (re-exported for tests)


class MirrorServer:
    """A running mirror server (background thread). Use `start()` to make one."""

    def __init__(self, root, host="127.0.0.1", port=0, faults=None, slash_redirect=True, gzip=False):
        self.root, self.gzip = Path(root).resolve(), gzip
        if not self.root.is_dir():
            raise FileNotFoundError(f"mirror root {self.root} is not a directory")
        self.host, self.slash_redirect = host, slash_redirect
        self.faults = FaultTable(faults)
        self.redirects = layout._CachedTable(self.root / layout.REDIRECTS_FILE, layout.parse_redirects)
        self._lastmod = layout._CachedTable(self.root / layout.LASTMOD_FILE, layout.parse_lastmod)
        self.noslash = layout._CachedTable(self.root / layout.NOSLASH_FILE, layout.parse_hosts)
        self._lock = threading.Lock()
        self._entries: list[LoggedRequest] = []
        self._conns: set = set()
        self._down, self._refusing, self._down_after, self._served = False, False, None, 0
        self._httpd = MirrorHTTPServer((host, port), MirrorHandler, self)
        self.port = self._httpd.server_address[1]
        self._run()

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def mirror_url(self, real_url: str) -> str:
        """`https://HOST/PATH?Q` → `http://127.0.0.1:PORT/HOST/PATH?Q`."""
        return self.url + "/" + real_url.split("://", 1)[1]

    def _run(self):
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.1},
                                        name=f"mirror-{self.port}", daemon=True)
        self._thread.start()

    # ---- request log -------------------------------------------------------------------------------
    @property
    def requests(self) -> list[LoggedRequest]:
        with self._lock:
            return list(self._entries)

    def clear_log(self) -> None:
        with self._lock:
            self._entries.clear()

    def _log(self, entry: LoggedRequest) -> None:
        with self._lock:
            self._entries.append(entry)

    def _count_request(self):
        with self._lock:
            self._served += 1
            if self._down_after is not None and self._served >= self._down_after:
                self._down, self._down_after = True, None  # this answer still goes out; the next is refused

    # ---- faults and outages ------------------------------------------------------------------------
    def set_fault(self, key, spec) -> None:
        self.faults.set(key, spec)

    @property
    def is_down(self) -> bool:
        return self._down

    def go_down(self, mode: str = "close") -> None:
        """`close`: accept connections and close them at once; `refuse`: stop listening (connection refused)."""
        self._down = True
        self._close_connections()
        if mode == "refuse" and not self._refusing:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._refusing = True

    def go_down_after(self, n_requests: int) -> None:
        """Go down (close mode) once `n_requests` more requests have been answered."""
        with self._lock:
            self._down_after = self._served + n_requests

    def come_up(self) -> None:
        if self._refusing:
            self._httpd = MirrorHTTPServer((self.host, self.port), MirrorHandler, self)
            self._refusing = False
            self._run()
        self._down = False

    def _track(self, sock, add: bool) -> None:
        with self._lock:
            (self._conns.add if add else self._conns.discard)(sock)

    def _close_connections(self) -> None:
        with self._lock:
            conns = list(self._conns)
        for sock in conns:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    # ---- data --------------------------------------------------------------------------------------
    def last_modified(self, file: Path) -> datetime:
        rel = file.relative_to(self.root).as_posix()
        return self._lastmod.get().get(rel, layout.DEFAULT_LAST_MODIFIED)

    def host_index(self) -> bytes:
        hosts = sorted(p.name for p in self.root.iterdir() if p.is_dir() and not p.name.startswith("_"))
        items = "".join(f'<li><a href="/{h}/">{h}</a></li>' for h in hosts)
        return f"<!DOCTYPE html><html><body><h1>Mirror</h1><ul>{items}</ul></body></html>".encode()

    # ---- lifecycle ---------------------------------------------------------------------------------
    def stop(self) -> None:
        if not self._refusing:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._refusing = True
        self._close_connections()

    def __enter__(self) -> "MirrorServer":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def start(root=None, host: str = "127.0.0.1", port: int = 0, faults=None, slash_redirect: bool = True,
          gzip: bool = False) -> MirrorServer:
    """Serve `root` (default: the shipped sample mirror `mirror/site`) in a background thread.
    `gzip=True` compresses text answers for clients that send `Accept-Encoding: gzip` (weak ETag, as nginx does)."""
    return MirrorServer(root if root is not None else layout.SITE_ROOT, host, port, faults, slash_redirect, gzip)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m mirror.serve", description=__doc__.split("\n\n")[0])
    ap.add_argument("--root", default=str(layout.SITE_ROOT), help="mirror tree (default: %(default)s)")
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=0, help="0 picks a free port")
    ap.add_argument("--gzip", action="store_true", help="gzip text answers for clients that accept it")
    args = ap.parse_args(argv)
    server = start(args.root, args.host, args.port, gzip=args.gzip)
    print(server.url, flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        print("stopping", file=sys.stderr)
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
