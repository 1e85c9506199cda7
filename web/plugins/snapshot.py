"""/snapshot/: the researchers' bulk data written after every publish by archive/snapshot.py (issue 13 item 8).

  /snapshot/                  what is there and how to load it
  /snapshot/datapackage.json  the Frictionless Data Package descriptor
  /snapshot/archive.db        the whole archive as one SQLite file
  /snapshot/<table>.csv       one CSV per public table

The snapshot lives beside the served database (`<stem>-snapshot`, a symlink swapped atomically when a new one is
complete). Each request resolves the link once and reads only from that complete folder; names are matched
against the descriptor's own list, so nothing else on disk can be reached.
"""
from __future__ import annotations

import json
from pathlib import Path

from datasette import hookimpl
from datasette.utils.asgi import AsgiFileDownload, Response

from archive.snapshot import current_snapshot

DB = "archive"
TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8",
         "db": "application/vnd.sqlite3"}


def _folder(datasette) -> Path | None:
    db = datasette.databases.get(DB)
    if db is None or not db.path:
        return None
    return current_snapshot(db.path)


def _package(folder: Path) -> dict:
    return json.loads((folder / "datapackage.json").read_text())


def _missing() -> Response:
    return Response.text("No bulk-data snapshot has been published on this server yet.\n", status=404)


async def snapshot_index(datasette, request):
    folder = _folder(datasette)
    if folder is None:
        return _missing()
    package = _package(folder)
    files = [{"path": r["path"], "bytes": r.get("bytes"), "description": r.get("description", "")}
             for r in package["resources"]]
    files.append({"path": "datapackage.json", "bytes": (folder / "datapackage.json").stat().st_size,
                  "description": "Data Package descriptor: fields, types, licences, sources, sizes and sha256"})
    context = {"package": package, "files": files, "base_url": datasette.absolute_url(request, "/")}
    return Response.html(await datasette.render_template("snapshot.html", context, request=request))


async def snapshot_file(datasette, request):
    folder = _folder(datasette)
    if folder is None:
        return _missing()
    name = request.url_vars["name"]
    allowed = {"datapackage.json"} | {r["path"] for r in _package(folder)["resources"]}
    if name not in allowed:
        return Response.text(f"No file {name} in the snapshot; see /snapshot/datapackage.json.\n", status=404)
    headers = {"X-Content-Type-Options": "nosniff", "Cache-Control": "max-age=60"}
    return AsgiFileDownload(folder / name, filename=name if not name.endswith(".json") else None,
                            content_type=TYPES[name.rsplit(".", 1)[1]], headers=headers)


@hookimpl
def register_routes():
    return [
        (r"^/snapshot/?$", snapshot_index),
        (r"^/snapshot/(?P<name>[a-z0-9_]{1,64}\.(?:csv|json|db))$", snapshot_file),
    ]
