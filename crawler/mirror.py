"""MIRROR mapping (docs/DESIGN.md): `https://HOST/PATH?Q` ⇄ `MIRROR/HOST/PATH?Q`. Nothing else knows about it.

`to_mirror` / `from_mirror` are the two mapping functions. `MirrorDownloadHandler` applies them around
Scrapy's HTTP/1.1 handler, at the last moment before bytes move: every request, middleware, dupe filter,
robots.txt check, redirect and stored record sees only real URLs, and the per-host download slots (one
request at a time per host) stay per real host. (A downloader middleware that swapped the URL would have to
return a new Request, which Scrapy sends back through the scheduler and its dupe filter.) A `Location`
header that names the mirror itself is mapped back to the real URL; real https Locations pass untouched.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from scrapy.core.downloader.handlers.base import BaseDownloadHandler
from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.exceptions import NotConfigured


def to_mirror(url: str, mirror: str) -> str:
    """`https://HOST/PATH?Q` → `MIRROR/HOST/PATH?Q`."""
    rest = url.split("://", 1)[1]
    return mirror.rstrip("/") + "/" + rest


def from_mirror(url: str, mirror: str) -> str:
    """`MIRROR/HOST/PATH?Q` → `https://HOST/PATH?Q`; any other URL is returned unchanged."""
    base = mirror.rstrip("/") + "/"
    if url.startswith(base):
        return "https://" + url[len(base):]
    m, u = urlsplit(mirror), urlsplit(url)
    if u.hostname == m.hostname and u.port == m.port and u.path.startswith("/"):
        return "https://" + url.split("://", 1)[1].split("/", 1)[1]
    return url


class MirrorDownloadHandler(BaseDownloadHandler):
    """Fetches every http(s) request from the mirror named by the `MIRROR` setting."""

    lazy = False

    def __init__(self, crawler):
        super().__init__(crawler)
        self.mirror = crawler.settings.get("MIRROR")
        if not self.mirror:
            raise NotConfigured("MIRROR is not set")
        self.inner = HTTP11DownloadHandler(crawler)

    async def download_request(self, request):
        real = request.url
        response = await self.inner.download_request(request.replace(url=to_mirror(real, self.mirror)))
        location = response.headers.get("Location")
        if location:
            mapped = from_mirror(location.decode("latin-1"), self.mirror)
            response.headers["Location"] = mapped.encode("latin-1")
        return response.replace(url=real)

    async def close(self):
        await self.inner.close()
