"""Small helpers shared by tests: free ports (bench/datasette.py's, the one copy), waiting for a server."""
from __future__ import annotations

import time
import urllib.error
import urllib.request

from bench.datasette import free_port  # noqa: F401  (re-exported for the tests)


def wait_for_http(url: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, OSError) as exc:
            last = exc
            time.sleep(0.1)
    raise TimeoutError(f"{url} did not answer within {timeout} s: {last}")
