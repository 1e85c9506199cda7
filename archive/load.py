"""Rows for archive.db's loaded tables: a `<table>_rows()` builder and a `load_<table>(db, rows)` per table, each
usable on its own (tests run them on `:memory:` databases shaped by `archive.schema.ensure_db_shape`).

Builders take plain values (a document id, an Extraction's records, a DocumentGroup) and return dicts; loaders
insert a whole build's rows of one table in bulk (one `insert_all`, not a call per document: per-call overhead was
most of a warm rebuild). Which extraction a document gets (a summary page borrowing its PDF letter, an attachment
losing its page's facts) is decided before, in `archive/assemble.py`.
"""
from __future__ import annotations

import json
import re
from typing import Callable

from captures.groups import DocumentGroup
from extract.records import DateMention, Extraction, LinkRef, Paragraph, PartyMention

PartyIds = Callable[[PartyMention], str]


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80] or "unknown"


class UnresolvedParties:
    """Party ids for mentions the register could not resolve (`unresolved:<kind>:<slug>`), with the rows to load."""

    def __init__(self):
        self.rows: dict[str, dict] = {}

    def __call__(self, mention: PartyMention) -> str:
        if mention.party_id:
            return mention.party_id
        kind = "person" if mention.name else "organisation"
        label = mention.name or mention.organisation or "unknown"
        pid = f"unresolved:{kind}:{slug(label)}"
        self.rows.setdefault(pid, {"id": pid, "name": label, "kind": kind, "resolved": 0,
                                   "organisation_id": mention.organisation_id})
        return pid


def display(p: PartyMention) -> str:
    who = p.name or ""
    if p.organisation:
        who = f"{who}, {p.organisation}" if who else p.organisation
    return who


def organisations(result: Extraction) -> str | None:
    names = []
    for party in [*result.senders, *result.recipients, *result.copied]:
        name = party.organisation
        if name and name not in names:
            names.append(name)
    return json.dumps(names) if names else None


def document_row(group: DocumentGroup, result: Extraction, *, title: str | None, doc_type: str | None,
                 source: str, parent_id: int | None) -> dict:
    latest = group.latest
    date = result.date
    return {
        "id": group.id,
        "url": group.url,
        "title": title,
        "doc_type": doc_type,
        "date": date,
        "year": int(date[:4]) if date and date[:4].isdigit() else None,
        "text": result.text or None,
        "sha256": latest.sha256 if latest else None,
        "error": result.error,
        "host": group.url.split("/")[2],
        "source": source,
        "language": result.language,
        "fromto": group.hints.get("fromto"),
        "sender": "; ".join(display(p) for p in result.senders) or None,
        "recipients": "; ".join(display(p) for p in result.recipients) or None,
        "pages": result.pages,
        "ocr": 1 if result.ocr else 0,
        "parent_id": parent_id,
        "capture_id": latest.id if latest else None,
        "version": len(group.versions),
        "first_captured": group.captures[0].fetched_at if group.captures else None,
        "last_captured": group.captures[-1].fetched_at if group.captures else None,
        "withdrawn_at": group.withdrawn_at,
        "extractor_version": result.extractor_version,
        "warnings": json.dumps(result.warnings) if result.warnings else None,
        "organisations": organisations(result),
    }


def paragraph_rows(document_id: int, paragraphs: list[Paragraph]) -> list[dict]:
    return [{"document_id": document_id, "n": n, "page": p.page, "section": p.section, "text": p.text}
            for n, p in enumerate(paragraphs)]


def document_version_rows(group: DocumentGroup, versions: list[Extraction | None]) -> list[dict]:
    """One row per distinct payload of the document, oldest first, with what that version said."""
    return [{"document_id": group.id, "version": number, "capture_id": version.id,
             "fetched_at": version.fetched_at, "sha256": version.sha256,
             "title": old.title if old else None, "text": old.text if old else None}
            for number, (version, old) in enumerate(zip(group.versions, versions), start=1)]


def alias_rows(group: DocumentGroup) -> list[dict]:
    return [{"url": alias, "document_id": group.id, "kind": kind} for alias, kind in group.aliases]


def link_rows(group: DocumentGroup, links: list[LinkRef], resolve: Callable[[str], int | None]) -> list[dict]:
    """The page's own links, each target once per kind (a page never links to itself)."""
    seen, rows = set(), []
    for link in links:
        key = (link.url, link.kind)
        if key in seen or link.url == group.url:
            continue
        seen.add(key)
        rows.append({"from_document_id": group.id, "to_document_id": resolve(link.url),
                     "to_url": link.url, "kind": link.kind, "label": link.label or None,
                     "label_date": link.label_date, "evidence": "link in page"})
    return rows


def attach(rows: list[dict], parent_id: int, group: DocumentGroup) -> None:
    """An attachment fetched from a page: the page's links to it point at it, or one is added (`rows`: the page's
    link rows, changed in place)."""
    to_it = [r for r in rows if r["from_document_id"] == parent_id and r["to_url"] == group.url]
    if any(r["kind"] == "attachment" for r in to_it):
        for row in to_it:
            row["to_document_id"] = group.id
    else:
        rows.append({"from_document_id": parent_id, "to_document_id": group.id, "to_url": group.url,
                     "kind": "attachment", "label": None, "label_date": None,
                     "evidence": "fetched as an attachment of the page"})


def document_party_rows(document_id: int, mentions: list[PartyMention], party_id: PartyIds) -> list[dict]:
    """One row per party and relation, from its first mention."""
    rows: dict[tuple, dict] = {}
    for mention in mentions:
        pid = party_id(mention)
        rows.setdefault((pid, mention.relation), {
            "document_id": document_id, "party_id": pid, "role": mention.relation, "name_text": mention.name,
            "role_text": mention.role, "organisation_text": mention.organisation,
            "organisation_id": mention.organisation_id, "source": mention.source})
    return list(rows.values())


def date_rows(document_id: int, dates: list[DateMention]) -> list[dict]:
    return [{"document_id": document_id, "text": d.text, "start": d.start, "end": d.end, "granularity": d.granularity,
             "paragraph": d.paragraph, "page": d.page, "char_start": d.char_start, "char_end": d.char_end}
            for d in dates]


def commitment_rows(document_id: int, result: Extraction, party_id: PartyIds) -> list[dict]:
    """Commitments keep their order in the document in their id (`c<document>-<n>`). An actor the extractor named
    but did not resolve becomes an unresolved organisation (only when the document names any party at all)."""
    rows = []
    for n, c in enumerate(result.commitments, start=1):
        actor = c.actor_id
        person = next((m for m in result.parties if c.actor and m.name == c.actor), None) if actor is None else None
        if person is not None:  # "you" in a letter to a member of the public: the addressee in person
            actor = party_id(person)
        elif actor is None and c.actor and result.parties:
            actor = party_id(PartyMention(organisation=c.actor))
        rows.append(
            {"id": f"c{document_id}-{n}", "document_id": document_id, "kind": c.kind, "actor": actor,
             "actor_name": c.actor, "quote": c.quote, "paragraph": c.paragraph, "page": c.page,
             "char_start": c.char_start, "char_end": c.char_end,
             "due_text": c.due.text if c.due else None, "due_start": c.due.start if c.due else None,
             "due_end": c.due.end if c.due else None, "status": None, "made_on": result.date}
        )
    return rows


def party_rows(register, unresolved: dict[str, dict]) -> list[dict]:
    """Every organisation and person of the register, then the unresolved parties the documents named."""
    parties = []
    for org in register.organisations.values():
        parties.append({"id": org.id, "name": org.name, "kind": "organisation",
                        "abbreviation": org.abbreviations[0] if org.abbreviations else None,
                        "parent_id": org.parent, "resolved": 1, "created": org.created, "dissolved": org.dissolved,
                        "aliases": json.dumps([*org.abbreviations, *org.aliases, *(f[0] for f in org.former_names)])})
    for person in register.people.values():
        latest = person.role_on(None)
        parties.append({"id": person.id, "name": person.name, "kind": "person", "resolved": 1,
                        "organisation_id": latest.organisation if latest else None,
                        "aliases": json.dumps(list(person.aliases))})
    known = {p["id"] for p in parties}
    return parties + [row for pid, row in unresolved.items() if pid not in known]


def role_rows(register) -> list[dict]:
    return [{"party_id": person.id, "role": role.title or "", "organisation_id": role.organisation,
             "start": role.start or "", "end": role.end}
            for person in register.people.values() for role in person.roles]


def capture_rows(captures, ids: dict[str, int]) -> list[dict]:
    """The capture history from captures.db rows, each linked to its document."""
    return [{"id": c["id"], "url": c["url"], "fetched_at": c["fetched_at"], "http_status": c["http_status"],
             "sha256": c["sha256"], "warc_file": c["warc_file"], "warc_offset": c["warc_offset"],
             "warc_length": c["warc_length"], "record_type": c["record_type"], "content_type": c["content_type"],
             "document_id": ids.get(c["document_url"]), "part": c["part"], "role": c["role"]}
            for c in captures]


def error_rows(fetch_errors, documents: list[dict], ids: dict[str, int], at: str) -> list[dict]:
    """Crawl errors from captures.db, then every document the build could not read."""
    rows = [{"url": e["url"], "document_id": ids.get(e["url"]), "stage": "crawl", "error": e["error"],
             "detail": e["detail"], "at": e["at"], "run_id": e["run_id"]} for e in fetch_errors]
    rows += [{"url": d["url"], "document_id": d["id"], "stage": "extract", "error": d["error"],
              "detail": d.get("detail"), "at": at}
             for d in sorted(documents, key=lambda d: d["id"]) if d["error"] is not None]
    return rows


# ------------------------------------------------------------------ loaders: one table each, in bulk

def load_documents(db, rows) -> None:
    db["documents"].insert_all(rows)


def load_paragraphs(db, rows) -> None:
    db["paragraphs"].insert_all(rows)


def load_document_versions(db, rows) -> None:
    db["document_versions"].insert_all(rows)


def load_aliases(db, rows) -> None:
    db["aliases"].insert_all(rows, replace=True)


def load_links(db, rows) -> None:
    db["links"].insert_all(rows)


def load_document_parties(db, rows) -> None:
    db["document_parties"].insert_all(rows, replace=True)


def load_dates(db, rows) -> None:
    db["dates"].insert_all(rows)


def load_commitments(db, rows) -> None:
    db["commitments"].insert_all(rows)


def load_parties(db, rows) -> None:
    db["parties"].insert_all(rows, replace=True)


def load_unresolved_parties(db, rows) -> None:
    """Parties documents named that the register does not know; one already in the table is kept as it is."""
    db["parties"].insert_all(rows, ignore=True)


def load_roles(db, rows) -> None:
    db["roles"].insert_all(rows, replace=True)


def load_captures(db, rows) -> None:
    db["captures"].insert_all(rows, replace=True)


def load_errors(db, rows) -> None:
    db["errors"].insert_all(rows)
