"""The thread page (/archive/thread?thread_id=t12, the `thread` canned query): the letters in order, each with
the commitments made in it and their current status, for web/templates/query-archive-thread.html."""
from __future__ import annotations

from web.words import day_in_words, due_in_words, party_url, status_word


async def thread_letters(db, thread_id: str) -> list[dict]:
    letters = [dict(r) for r in (await db.execute("""
        select id, date, title, doc_type, sender, recipients from documents
        where thread_id = ? order by date, id""", [thread_id])).rows]
    if not letters:
        return []
    commitments = [dict(r) for r in (await db.execute("""
        select c.id, c.document_id, c.kind, c.actor, c.actor_name, c.quote, c.due_start, c.due_end, c.status,
          c.status_date, c.status_evidence_id, ev.title as evidence_title
        from commitments c left join documents ev on ev.id = c.status_evidence_id
        where c.document_id in (select id from documents where thread_id = ?)
        order by c.document_id, c.paragraph, c.id""", [thread_id])).rows]
    by_doc: dict[int, list[dict]] = {}
    for c in commitments:
        c["status_words"] = status_word(c["status"])
        c["due_words"] = due_in_words(c["due_start"], c["due_end"])
        c["actor_url"] = party_url(c["actor"])
        c["status_date_words"] = day_in_words(c["status_date"])
        by_doc.setdefault(c["document_id"], []).append(c)
    parties: dict[int, dict[str, list[dict]]] = {}
    for r in (await db.execute("""
        select dp.document_id, dp.role, dp.party_id, coalesce(p.name, dp.name_text) as name from document_parties dp
        left join parties p on p.id = dp.party_id
        where dp.document_id in (select id from documents where thread_id = ?) and dp.role in ('sender', 'recipient')
        order by dp.document_id, dp.rowid""", [thread_id])).rows:
        parties.setdefault(r["document_id"], {}).setdefault(r["role"], []).append(
            {"name": r["name"] or r["party_id"], "url": party_url(r["party_id"])})
    for letter in letters:
        letter["date_words"] = day_in_words(letter["date"]) or "undated"
        letter["commitments"] = by_doc.get(letter["id"], [])
        letter["senders"] = parties.get(letter["id"], {}).get("sender", [])
        letter["recipients_linked"] = parties.get(letter["id"], {}).get("recipient", [])
    return letters
