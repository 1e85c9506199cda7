"""Small HTTP hardening for the public, read-only archive (issue 14 item 10).

* The archive has no writable canned query and no write API: a POST (PUT, DELETE...) to the database, a table or a
  canned query answers `405 Method Not Allowed` with `Allow: GET, HEAD` (Datasette 0.65 answered 500: an assertion
  for tables, a broken response for read-only canned queries).
* `/-/databases.json` lists the databases without their absolute path on the server (name, route, size...).
"""
from __future__ import annotations

from datasette import hookimpl
from datasette.views.special import JsonDataView

DB_PREFIX = "/archive"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def _writable_queries(datasette) -> set[str]:
    queries = (datasette.metadata("queries", database=DB_PREFIX.strip("/")) or {})
    return {name for name, q in queries.items() if isinstance(q, dict) and q.get("write")}


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def guarded(scope, receive, send):
            if scope.get("type") == "http" and scope.get("method", "GET").upper() not in SAFE_METHODS:
                path = scope.get("path", "")
                if path == DB_PREFIX or path.startswith(DB_PREFIX + "/") or path.startswith(DB_PREFIX + "."):
                    name = path[len(DB_PREFIX) + 1:].split(".")[0].split("/")[0]
                    if name not in _writable_queries(datasette):
                        await _method_not_allowed(send)
                        return
            await app(scope, receive, send)

        return guarded

    return wrap


async def _method_not_allowed(send) -> None:
    body = b"405 Method Not Allowed: this archive is read-only (GET or HEAD only).\n"
    await send({"type": "http.response.start", "status": 405,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"allow", b"GET, HEAD"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def _databases(datasette):
    return [{k: v for k, v in row.items() if k != "path"} for row in datasette._connected_databases()]


@hookimpl
def register_routes(datasette):
    # plugin routes are matched before Datasette's own, so this one replaces /-/databases(.json)
    return [(r"^/-/databases(\.(?P<format>json))?$",
             JsonDataView.as_view(datasette, "databases.json", lambda: _databases(datasette)))]
