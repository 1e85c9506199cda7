"""Timeline: one row per event, ready for the publishing layer.

Kinds: letter_sent, report_published (every dated document that is not an attachment or a chapter),
commitment_made, commitment_due (one per deadline the commitment ever had, so moved deadlines show), and the
commitment's status changes from `commitment_events`: in_progress, restated, met, overdue.
`timeline_parties` lists the persons and organisations each event involves, for filters by organisation or person.
Recomputed whole from documents, document_parties, commitments and commitment_events (idempotent, stable ids).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

import sqlite_utils

from archive.derive import cited as ct
from archive.derive import rows as dbw
from archive.derive.threads import NOT_DOCUMENT_TYPES, is_letter

STATUS_KINDS = {"in_progress", "restated", "met", "overdue"}


@dataclass
class TimelineSummary:
    events: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)


def _doc_parties(db: sqlite_utils.Database, only: str = "") -> dict[int, dict[str, list[tuple[str, str]]]]:
    """document id -> role -> [(party id, name)], persons followed by their organisations (`only`: an SQL list of
    the documents wanted, else all)."""
    out: dict[int, dict[str, list[tuple[str, str]]]] = {}
    sql = (
        "select dp.document_id, dp.party_id, dp.role, coalesce(p.name, dp.name_text) as name,"
        " coalesce(dp.organisation_id, p.organisation_id) as org, o.name as org_name"
        " from document_parties dp left join parties p on p.id = dp.party_id"
        " left join parties o on o.id = coalesce(dp.organisation_id, p.organisation_id)"
        " where dp.role in ('sender', 'recipient')" + (f" and dp.document_id in ({only})" if only else "") +
        " order by dp.document_id, dp.role, dp.rowid"
    )
    for r in db.query(sql):
        entries = out.setdefault(r["document_id"], {}).setdefault(r["role"], [])
        if (r["party_id"], r["name"]) not in entries:
            entries.append((r["party_id"], r["name"] or r["party_id"]))
        if r["org"] and r["org"] != r["party_id"] and all(pid != r["org"] for pid, _ in entries):
            entries.append((r["org"], r["org_name"] or r["org"]))
    return out


def _names(entries: list[tuple[str, str]], fallback: str | None) -> str:
    people = [name for pid, name in entries if not pid.startswith("org:")] or [name for _, name in entries]
    return "; ".join(people) if people else (fallback or "")


def build_timeline(db: sqlite_utils.Database, documents: set | None = None,
                   commitments: set | None = None) -> TimelineSummary:
    """Recompute the timeline; with `documents` and `commitments` (ids), only the rows of those documents (letter
    sent, report published) and of those commitments (made, due, status changes), keeping every other row: a
    document's row reads its row and parties, a commitment's its row, events, documents and their parties."""
    partial = documents is not None and commitments is not None
    if partial:
        _forget(db, documents, commitments)
    else:
        db.execute("delete from timeline_parties")
        db.execute("delete from timeline")
    # a partial run reads only the documents its rows name: its documents, and its commitments' own and evidence
    only = ""
    if partial:
        db.execute("CREATE TEMP TABLE IF NOT EXISTS _timeline_reads (id INTEGER PRIMARY KEY)")
        db.execute("DELETE FROM _timeline_reads")
        db.execute("INSERT OR IGNORE INTO _timeline_reads SELECT id FROM _timeline_docs")
        db.execute("INSERT OR IGNORE INTO _timeline_reads SELECT document_id FROM commitments WHERE id IN "
                   "(SELECT id FROM _timeline_commitments)")
        db.execute("INSERT OR IGNORE INTO _timeline_reads SELECT evidence_document_id FROM commitment_events WHERE "
                   "evidence_document_id IS NOT NULL AND commitment_id IN (SELECT id FROM _timeline_commitments)")
        only = "select id from _timeline_reads"
    parties = _doc_parties(db, only)
    org_of = {r["id"]: r["organisation_id"] for r in db.query("select id, organisation_id from parties")}
    docs = {r["id"]: r for r in db.query(
        "select id, url, title, doc_type, date, sender, recipients, thread_id, parent_id from documents"
        + (f" where id in ({only})" if only else ""))}
    rows: list[dict] = []
    links: list[dict] = []

    def add(row: dict, doc_id: int | None, actor: str | None = None) -> None:
        d = docs.get(doc_id) if doc_id is not None else None
        p = parties.get(doc_id, {}) if doc_id is not None else {}
        senders, recipients = p.get("sender", []), p.get("recipient", [])
        date = row["date"]
        row.update({
            "sender_ids": json.dumps([pid for pid, _ in senders]),
            "sender_names": _names(senders, d["sender"] if d else None),
            "recipient_ids": json.dumps([pid for pid, _ in recipients]),
            "recipient_names": _names(recipients, d["recipients"] if d else None),
            "year": int(date[:4]) if date else None, "month": date[:7] if date else None,
        })
        row.setdefault("url", d["url"] if d else None)
        row.setdefault("doc_type", d["doc_type"] if d else None)
        row.setdefault("thread_id", d["thread_id"] if d else None)
        rows.append(row)
        seen = set()
        for role, entries in (("sender", senders), ("recipient", recipients)):
            for pid, _ in entries:
                if (pid, role) not in seen:
                    seen.add((pid, role))
                    links.append({"timeline_id": row["id"], "party_id": pid, "role": role})
        for pid in (actor, org_of.get(actor) if actor else None):
            if pid and (pid, "actor") not in seen:
                seen.add((pid, "actor"))
                links.append({"timeline_id": row["id"], "party_id": pid, "role": "actor"})

    for d in docs.values():
        if partial and d["id"] not in documents:
            continue
        if d["parent_id"] is not None or not d["date"] or (d["doc_type"] or "") in NOT_DOCUMENT_TYPES:
            continue
        p = parties.get(d["id"], {})
        letter = is_letter(d["doc_type"], bool(p.get("sender")), bool(p.get("recipient")))
        kind = "letter_sent" if letter else "report_published"
        add({"id": f"{kind}:{d['id']}", "date": d["date"], "kind": kind, "document_id": d["id"],
             "title": d["title"], "summary": d["title"]}, d["id"])
    events: dict[str, list[dict]] = {}
    only = " where commitment_id in (select id from _timeline_commitments)" if partial else ""
    for e in db.query(f"select * from commitment_events{only} order by commitment_id, id"):
        events.setdefault(e["commitment_id"], []).append(e)
    for c in db.query("select * from commitments" + (" where id in (select id from _timeline_commitments)"
                                                      if partial else "")):
        base = {"commitment_id": c["id"], "status": c["status"], "actor": c["actor"], "actor_name": c["actor_name"]}
        doc = docs.get(c["document_id"])
        made = c["made_on"] or (doc["date"] if doc else None)
        quote = " ".join((c["quote"] or "").split())
        if made:
            add(dict(base, id=f"commitment_made:{c['id']}", date=made, kind="commitment_made",
                     document_id=c["document_id"], title=doc["title"] if doc else None, summary=quote,
                     due_start=c["due_start"], due_end=c["due_end"]), c["document_id"], c["actor"])
        dues = []
        for e in events.get(c["id"], []):
            if e["due_end"] and e["due_end"] not in dues:
                dues.append(e["due_end"])
        if not dues and c["due_end"]:
            dues = [c["due_end"]]
        for n, due in enumerate(dues):
            moved = f" (moved to {dues[n + 1]})" if n + 1 < len(dues) else ""
            add(dict(base, id=f"commitment_due:{c['id']}:{n}", date=due, kind="commitment_due",
                     document_id=c["document_id"], title=doc["title"] if doc else None,
                     summary=f"Due: {c['due_text'] or due}{moved} — {quote}", due_end=due), c["document_id"],
                c["actor"])
        for n, e in enumerate(events.get(c["id"], [])):
            if e["status"] not in STATUS_KINDS:
                continue
            evidence = docs.get(e["evidence_document_id"]) if e["evidence_document_id"] else None
            summary = " — ".join(x for x in (e["note"], ct.sentence_around(e["evidence_quote"] or "", 0, 0, 400)) if x)
            add(dict(base, id=f"{e['status']}:{c['id']}:{n}", date=e["date"], kind=e["status"],
                     document_id=e["evidence_document_id"], title=(evidence or doc or {}).get("title"),
                     summary=summary or quote, due_start=e["due_start"], due_end=e["due_end"],
                     thread_id=c["thread_id"] or (evidence or {}).get("thread_id"),
                     url=(evidence or doc or {}).get("url")),
                e["evidence_document_id"] or c["document_id"], c["actor"])
    dbw.bulk_insert(db, "timeline", rows)
    dbw.bulk_insert(db, "timeline_parties", links, or_ignore=True)
    summary = TimelineSummary(events=db["timeline"].count if partial else len(rows))
    for r in rows:
        summary.by_kind[r["kind"]] = summary.by_kind.get(r["kind"], 0) + 1
    return summary


def _forget(db: sqlite_utils.Database, documents: set, commitments: set) -> None:
    db.execute("CREATE TEMP TABLE IF NOT EXISTS _timeline_docs (id INTEGER PRIMARY KEY)")
    db.execute("CREATE TEMP TABLE IF NOT EXISTS _timeline_commitments (id TEXT PRIMARY KEY)")
    db.execute("DELETE FROM _timeline_docs")
    db.execute("DELETE FROM _timeline_commitments")
    db.conn.executemany("INSERT INTO _timeline_docs VALUES (?)", [(i,) for i in documents])
    db.conn.executemany("INSERT INTO _timeline_commitments VALUES (?)", [(i,) for i in commitments])
    gone = ("SELECT id FROM timeline WHERE commitment_id IN (SELECT id FROM _timeline_commitments) OR "
            "(commitment_id IS NULL AND document_id IN (SELECT id FROM _timeline_docs))")
    db.execute(f"DELETE FROM timeline_parties WHERE timeline_id IN ({gone})")
    db.execute(f"DELETE FROM timeline WHERE id IN ({gone})")
