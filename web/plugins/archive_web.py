"""Datasette plugin for the archive: the document page, the /timeline page, highlighted search snippets and the
raw-capture download. Loaded with --plugins-dir web/plugins (frontdoor/serve.py).

Crawled text is never trusted: templates autoescape it, snippets are escaped before the highlight markers become
<mark>, and a raw capture is only ever sent as a download (attachment, nosniff, CSP sandbox), never rendered
on this origin.
"""
from __future__ import annotations

import asyncio
import hashlib
import os
import re
from pathlib import Path

from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup

from web.document_page import document_context
from web.marking import SNIPPET_OPEN, render_snippet
from web.timeline_page import timeline_context

DB_NAME = "archive"
PLUGIN = "archive-web"
EXTENSIONS = {"text/html": "html", "application/pdf": "pdf", "text/plain": "txt", "application/json": "json",
              "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx"}


@hookimpl
def startup(datasette):
    """Serve a single database file under the name `archive` whatever the file is called, so metadata.yml and
    the canned queries apply to it."""
    names = [n for n, db in datasette.databases.items() if not db.is_memory and n != "_internal"]
    if DB_NAME not in datasette.databases and len(names) == 1:
        db = datasette.databases[names[0]]
        datasette.remove_database(names[0])
        datasette.add_database(db, name=DB_NAME)


_COMMITMENT_ID = re.compile(r"^c\d+-\d+$")
_THREAD_ID = re.compile(r"^t\d+$")


@hookimpl
def render_cell(value, column, table, database):
    """Highlighted snippets; in canned-query results, document, commitment and thread ids become links (table
    pages already link their keys)."""
    if isinstance(value, str) and column.endswith("snippet") and SNIPPET_OPEN in value:
        return render_snippet(value)
    if table is not None or database != DB_NAME or value is None:
        return None
    if column in ("document_id", "evidence_document_id", "status_evidence_id") or (
            column == "id" and isinstance(value, int)):
        if isinstance(value, int):
            return Markup(f'<a href="/archive/documents/{value}">{value}</a>')
    if column in ("commitment_id", "id") and isinstance(value, str) and _COMMITMENT_ID.match(value):
        return Markup(f'<a href="/archive/commitments/{value}">{value}</a>')
    if column == "thread_id" and isinstance(value, str) and _THREAD_ID.match(value):
        return Markup(f'<a href="/archive/thread?thread_id={value}">{value}</a>')
    return None


@hookimpl
def extra_template_vars(template, database, table, view_name, request, datasette):
    if view_name != "row" or database != DB_NAME or table != "documents" or request is None:
        return {}

    async def inner():
        pk = request.url_vars.get("pks", "")
        if not re.fullmatch(r"\d{1,18}", pk):
            return {}
        return await document_context(datasette.get_database(DB_NAME), int(pk))

    return inner


async def timeline_view(datasette, request):
    context = await timeline_context(datasette.get_database(DB_NAME), request.args)
    return Response.html(await datasette.render_template("timeline.html", context, request=request))


def _data_dir(datasette) -> Path | None:
    config = datasette.plugin_config(PLUGIN) or {}
    value = config.get("data_dir") or os.environ.get("ARCHIVE_DATA")
    if not value:
        return None
    path = Path(value)
    return path if path.is_dir() else None


def _not_found(message: str) -> Response:
    return Response.text(message + "\n", status=404)


async def raw_capture_view(datasette, request):
    """The payload of one capture, read from its WARC record, as a download."""
    capture_id = int(request.url_vars["capture_id"])
    result = await datasette.get_database(DB_NAME).execute(
        "select warc_file, warc_offset, content_type, sha256, url from captures where id = ?", [capture_id])
    row = result.first()
    if row is None:
        return _not_found(f"No capture {capture_id} in this archive.")
    data_dir = _data_dir(datasette)
    if data_dir is None:
        return _not_found("Raw captures are not available on this server (no DATA directory configured, or it is missing).")
    if not row["warc_file"] or row["warc_offset"] is None:
        return _not_found(f"Capture {capture_id} has no WARC record.")
    warc = (data_dir / row["warc_file"]).resolve()
    if data_dir.resolve() not in warc.parents or not warc.is_file():
        return _not_found(f"The WARC file of capture {capture_id} is not on this server.")
    from captures.warcstore import read_payload  # imported here: the server runs without it when DATA is absent
    from warcio.exceptions import ArchiveLoadFailed

    try:
        _headers, payload = await asyncio.to_thread(read_payload, data_dir, row["warc_file"], row["warc_offset"])
    except (ArchiveLoadFailed, OSError, ValueError) as exc:
        return _not_found(f"The WARC record of capture {capture_id} could not be read: {exc}")
    content_type = (row["content_type"] or "application/octet-stream").split(";")[0].strip().lower()
    ext = EXTENSIONS.get(content_type, "bin")
    return Response(
        payload,
        status=200,
        content_type="application/octet-stream",
        headers={
            "Content-Disposition": f'attachment; filename="capture-{capture_id}.{ext}"',
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "sandbox; default-src 'none'",
            "X-Capture-Content-Type": content_type,
            "X-Payload-Sha256": hashlib.sha256(payload).hexdigest(),
        },
    )


GUIDE = Path(__file__).resolve().parent.parent.parent / "docs" / "RESEARCHERS.md"


async def guide_view(datasette, request):
    """docs/RESEARCHERS.md as the site's about page: HTML whose example addresses are links on this site."""
    if not GUIDE.is_file():
        return _not_found("The researcher's guide is not installed on this server.")
    from web.guide_page import render_guide

    site = f"{request.scheme}://{request.host}"
    return Response.html(await datasette.render_template(
        "guide.html", {"guide_html": render_guide(GUIDE.read_text(), site)}, request=request))


@hookimpl
def register_routes():
    return [
        (r"^/guide$", guide_view),
        (r"^/timeline$", timeline_view),
        (r"^/-/captures/(?P<capture_id>\d{1,18})/raw$", raw_capture_view),
    ]
