"""Datasette plugin: the reading room (issue 13). Organisation pages (/organisations, /organisations/<slug>),
person pages (/people/<slug>), the thread page's letters with their commitments' statuses, links from every
party, thread and document id in table pages to their pages, the site's navigation, the "invented sample data"
banner (when archive_info says so) and the stylesheet every page shares. Contexts: web/org_pages.py.
"""
from __future__ import annotations

import re

from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

from web.org_pages import organisation_context, organisations_index, person_context
from web.thread_page import thread_letters
from web.words import commitment_document, day_in_words, is_timestamp, party_url, readable_evidence, status_word, time_in_words

DB_NAME = "archive"
_THREAD_ID = re.compile(r"^t\d{1,18}$")
# table -> columns holding a party id (commitments.actor etc. are foreign keys: Datasette passes {value, label})
PARTY_COLUMNS = {"actor", "party_id", "organisation_id", "parent_id"}
DOCUMENT_COLUMNS = {"status_evidence_id", "evidence_document_id", "to_document_id", "from_document_id",
                    "document_id", "parent_id"}


async def _invented_sample(datasette) -> bool:
    if DB_NAME not in datasette.databases:
        return False
    db = datasette.get_database(DB_NAME)
    if not (await db.execute("select 1 from sqlite_master where type = 'table' and name = 'archive_info'")).rows:
        return False  # not an archive built by this project: no claim either way
    row = (await db.execute("select value from archive_info where key = 'invented_sample'")).first()
    return bool(row and row[0] == "1")


@hookimpl
def extra_template_vars(datasette, request, view_name, table):
    async def inner():
        extra = {"invented_sample": await _invented_sample(datasette), "party_url": party_url,
                 "day_in_words": day_in_words, "status_word": status_word, "time_in_words": time_in_words,
                 "readable_evidence": readable_evidence, "commitment_document": commitment_document}
        thread_id = request.args.get("thread_id") if request is not None else None
        if request is not None and request.path == f"/{DB_NAME}/thread" and thread_id and _THREAD_ID.match(thread_id):
            extra["thread_letters"] = await thread_letters(datasette.get_database(DB_NAME), thread_id)
        pk = request.url_vars.get("pks", "") if request is not None else ""
        if view_name == "row" and table == "documents" and re.fullmatch(r"\d{1,18}", pk):
            extra["organisation_names"] = dict((await datasette.get_database(DB_NAME).execute(
                """select distinct dp.organisation_id, p.name from document_parties dp join parties p
                   on p.id = dp.organisation_id where dp.document_id = ?""", [int(pk)])).rows)
        return extra

    return inner


@hookimpl
def extra_css_urls():
    return ["/static/reading-room.css"]


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    """In table and row pages: parties link to their organisation or person page, thread ids to the thread,
    evidence and document ids to the document."""
    if database != DB_NAME or value is None:
        return None
    if is_timestamp(value) and ("." in value or "T" in value):  # stored UTC times, in every table and query
        return Markup(f'<time datetime="{escape(value)}">{escape(time_in_words(value))}</time>')
    if table is None:
        return None  # canned queries: web/plugins/archive_web.py links their ids
    if table == "links" and column == "evidence" and isinstance(value, str):
        return readable_evidence(value)
    raw, label = (value.get("value"), value.get("label")) if isinstance(value, dict) else (value, None)
    if raw is None:
        return None
    if isinstance(raw, str) and (column in PARTY_COLUMNS or (table == "parties" and column == "id")) \
            and raw.startswith(("org:", "person:", "unresolved:")):
        return Markup(f'<a href="{escape(party_url(raw))}">{escape(label or raw)}</a>')
    if column == "thread_id" or (table == "threads" and column == "id"):
        if isinstance(raw, str) and _THREAD_ID.match(raw):
            return Markup(f'<a href="/archive/thread?thread_id={raw}">{raw}</a>')
    if column in DOCUMENT_COLUMNS and isinstance(raw, int) and not (table == "parties" and column == "parent_id"):
        return Markup(f'<a href="/archive/documents/{raw}">{escape(label or raw)}</a>')
    return None


async def organisations_view(datasette, request):
    rows = await organisations_index(datasette.get_database(DB_NAME))
    return Response.html(await datasette.render_template("organisations.html", {"organisations": rows},
                                                         request=request))


async def organisation_view(datasette, request):
    slug = request.url_vars["slug"]
    context = await organisation_context(datasette.get_database(DB_NAME), slug, request.args)
    if context is None:
        return await _not_found(datasette, request, f"No organisation “{slug}” in this archive.")
    return Response.html(await datasette.render_template("organisation.html", context, request=request))


async def person_view(datasette, request):
    slug = request.url_vars["slug"]
    context = await person_context(datasette.get_database(DB_NAME), slug, request.args)
    if context is None:
        return await _not_found(datasette, request, f"No person “{slug}” in this archive.")
    return Response.html(await datasette.render_template("person.html", context, request=request))


async def _not_found(datasette, request, message: str) -> Response:
    html = await datasette.render_template("organisations.html", {"organisations": None, "message": message},
                                           request=request)
    return Response.html(html, status=404)


@hookimpl
def register_routes():
    return [
        (r"^/organisations/?$", organisations_view),
        (r"^/organisations/(?P<slug>[^/]{1,140})$", organisation_view),
        (r"^/people/(?P<slug>[^/]{1,140})$", person_view),
    ]
