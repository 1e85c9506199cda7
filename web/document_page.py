"""What the document page (/archive/documents/<id>) shows beyond the row: the marked text, its parties,
commitments with their history, dates, thread in order, links in and out, and the capture history.

Work that grows with the document (events grouped by commitment, marking the text) is linear in its size and runs
in a worker thread, so one huge document never holds up the server's other requests (issue 14 item 2)."""
from __future__ import annotations

import asyncio

from datasette.utils import tilde_encode

from web.marking import locate_marks, render_marked, safe_href
from web.words import party_url


def row_url(table: str, pk) -> str:
    return f"/archive/{table}/{tilde_encode(str(pk))}"


COMMITMENTS_LISTED = 1000  # commitments listed with their history; every one is still marked in the text


async def _rows(db, sql: str, params=None) -> list[dict]:
    """Rows as dicts, fetched and converted in Datasette's SQL thread (web/plugins/limits.py bounds the statement)."""
    return await db.execute_fn(lambda conn: [dict(r) for r in conn.execute(sql, params or [])])


async def document_context(db, doc_id: int) -> dict:
    """Everything the row-archive-documents.html template needs; {} when there is no such document."""
    docs = await _rows(db, "select * from documents where id = ?", [doc_id])
    if not docs:
        return {}
    doc = docs[0]
    paragraphs = [r["text"] or "" for r in await _rows(
        db, "select text from paragraphs where document_id = ? order by n", [doc_id])]
    parties = await _rows(db, """
        select dp.*, p.name as party_name, p.kind as party_kind, p.resolved as party_resolved
        from document_parties dp left join parties p on p.id = dp.party_id
        where dp.document_id = ?
        order by case dp.role when 'sender' then 0 when 'recipient' then 1 when 'copied' then 2 else 3 end,
                 dp.party_id""", [doc_id])
    commitments = await _rows(db, "select * from commitments where document_id = ? order by paragraph, id", [doc_id])
    events = await _rows(db, """
        select e.*, d.title as evidence_title from commitment_events e
        left join documents d on d.id = e.evidence_document_id
        where e.commitment_id in (select id from commitments where document_id = ? order by paragraph, id limit ?)
        order by e.date, e.id""", [doc_id, COMMITMENTS_LISTED])
    by_commitment: dict[str, list] = {}
    for e in events:
        by_commitment.setdefault(e["commitment_id"], []).append(e)
    listed = commitments[:COMMITMENTS_LISTED]
    for c in listed:
        c["events"] = by_commitment.get(c["id"], [])
    dates = await _rows(db, "select * from dates where document_id = ? order by paragraph, char_start, id", [doc_id])
    thread = []
    if doc.get("thread_id"):
        thread = await _rows(db, """
            select id, date, title, doc_type, sender, recipients from documents
            where thread_id = ? order by date, id""", [doc["thread_id"]])
    links_out = await _rows(db, """
        select l.*, d.title as to_title, d.date as to_date from links l
        left join documents d on d.id = l.to_document_id
        where l.from_document_id = ? order by l.kind, l.id""", [doc_id])
    links_in = await _rows(db, """
        select l.*, d.title as from_title, d.date as from_date from links l
        join documents d on d.id = l.from_document_id
        where l.to_document_id = ? order by d.date, l.id""", [doc_id])
    for link in links_out:
        link["href"] = row_url("documents", link["to_document_id"]) if link["to_document_id"] else \
            safe_href(link["to_url"])
    captures = await _rows(db, "select * from captures where document_id = ? order by fetched_at, id", [doc_id])
    marked_text, marks_placed = await asyncio.to_thread(
        _marked, doc.get("text") or "", paragraphs, commitments, dates, [p for p in parties if p["role"] != "mentioned"])
    return {
        "doc": doc,
        "doc_href": safe_href(doc.get("url")),
        "marked_text": marked_text,
        "marks_placed": marks_placed,
        "doc_parties": parties,
        "commitments": listed,
        "commitments_total": len(commitments),
        "dates": dates,
        "thread": thread,
        "links_out": links_out,
        "links_in": links_in,
        "captures": captures,
        "row_url": row_url,
        "safe_href": safe_href,
    }


def _marked(text: str, paragraphs: list[str], commitments, dates, parties):
    """The marked-up text and how many marks of each kind were placed (runs in a worker thread)."""
    marks = locate_marks(text, paragraphs, commitments, dates, parties, party_url)
    placed = {"commitment": 0, "date": 0, "party": 0}
    for m in marks:
        placed[m.kind] = placed.get(m.kind, 0) + 1
    return render_marked(text, marks), placed
