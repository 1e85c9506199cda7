"""A real Datasette, started exactly as frontdoor/serve.py starts it, for tests and the bench."""
from __future__ import annotations

import contextlib
import json
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from frontdoor.serve import start


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    base: str
    proc: subprocess.Popen

    def url(self, path: str, **params) -> str:
        return self.base + path + ("?" + urllib.parse.urlencode(params) if params else "")

    def get(self, path: str, **params) -> tuple[int, dict, bytes]:
        """(status, headers with lower-case names, body) of a GET; HTTP errors are returned, not raised."""
        try:
            with urllib.request.urlopen(self.url(path, **params), timeout=30) as response:
                return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, {k.lower(): v for k, v in exc.headers.items()}, exc.read()

    def text(self, path: str, **params) -> str:
        status, _headers, body = self.get(path, **params)
        assert status == 200, f"{path} {params}: HTTP {status}: {body[:500]!r}"
        return body.decode("utf-8")

    def json(self, path: str, **params):
        return json.loads(self.text(path, **params))

    def rows(self, query: str, **params) -> list[dict]:
        """Rows of a canned query (or table) as a list of dicts, via Datasette's own JSON."""
        return self.json(f"/archive/{query}.json", _shape="array", **params)


@contextlib.contextmanager
def running_datasette(db_path, data_dir=None, timeout: float = 30.0):
    port = free_port()
    log = tempfile.TemporaryFile()
    proc = start(db_path, port, data_dir=data_dir, stdout=subprocess.DEVNULL, stderr=log)
    server = Server(f"http://127.0.0.1:{port}", proc)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                log.seek(0)
                raise RuntimeError(f"Datasette exited: {log.read().decode()[-2000:]}")
            try:
                with urllib.request.urlopen(server.base + "/-/versions.json", timeout=2):
                    break
            except (urllib.error.URLError, ConnectionError, OSError):
                if time.monotonic() > deadline:
                    raise TimeoutError("Datasette did not start")
                time.sleep(0.1)
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
