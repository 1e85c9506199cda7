"""The shape of archive.db, declared once and applied idempotently (`ensure_db_shape`).

Public names (documents, parties, document_parties, dates, commitments, links, captures and their columns listed in
issue #2) are a contract with researchers: add columns freely, never rename or drop them.
(Just over 400 lines: every table's declaration, its indexes and its full-text index with the code that keeps that
index in step sit in one file, so the public shape is read in one place.)
"""
from __future__ import annotations

import sqlite_utils

SCHEMA_VERSION = 1

# table -> (columns in order with SQLite types, primary key, foreign keys)
TABLES: dict[str, dict] = {
    "documents": {
        "columns": {
            "id": int,
            "url": str,  # canonical URL, unique
            "title": str,
            "doc_type": str,  # letter | report | work_programme | assessment | statement | ... (extract/doctype.py)
            "date": str,  # ISO date of the document (letter date or publication date)
            "text": str,  # the document's own text, paragraphs separated by blank lines
            "sha256": str,  # sha256 of the raw payload this text came from
            "error": str,  # why the document could not be read, when it could not
            "host": str,
            "source": str,  # osr | uksa | legacy | ons | analysisfunction | ...
            "language": str,
            "year": int,
            "fromto": str,  # from/to line as published
            "sender": str,  # display name of the sender(s)
            "recipients": str,  # display names of the recipients
            "updated": str,
            "pages": int,
            "ocr": int,
            "parent_id": int,  # for an attachment: the page that links it
            "thread_id": str,
            "capture_id": int,  # the capture this version was extracted from
            "version": int,  # number of distinct payloads seen
            "first_captured": str,
            "last_captured": str,
            "withdrawn_at": str,  # set when the page went 404/410 after having existed
            "extractor_version": str,
            "warnings": str,  # JSON list of what the extractors noticed but read past
            "organisations": str,  # JSON list of the sender's, recipients' and copied parties' organisations
        },
        "pk": "id",
        "not_null": {"url"},
    },
    "document_versions": {
        "columns": {
            "document_id": int,
            "version": int,
            "capture_id": int,
            "fetched_at": str,
            "sha256": str,
            "title": str,
            "text": str,
        },
        "pk": ("document_id", "version"),
        "foreign_keys": [("document_id", "documents", "id")],
    },
    "paragraphs": {
        "columns": {"document_id": int, "n": int, "page": int, "section": str, "text": str},
        "pk": ("document_id", "n"),
        "foreign_keys": [("document_id", "documents", "id")],
    },
    "aliases": {
        "columns": {"url": str, "document_id": int, "kind": str},
        "pk": "url",
        "foreign_keys": [("document_id", "documents", "id")],
    },
    "parties": {
        "columns": {
            "id": str,
            "name": str,
            "kind": str,  # person | organisation
            "abbreviation": str,
            "organisation_id": str,  # a person's organisation (latest role)
            "parent_id": str,  # an organisation's parent
            "aliases": str,  # JSON list
            "resolved": int,  # 1 = in the register, 0 = an unresolved mention kept as found
            "created": str,
            "dissolved": str,
        },
        "pk": "id",
    },
    "roles": {
        "columns": {"party_id": str, "role": str, "organisation_id": str, "start": str, "end": str},
        "pk": ("party_id", "role", "start"),
        "foreign_keys": [("party_id", "parties", "id")],
    },
    "document_parties": {
        "columns": {
            "document_id": int,
            "party_id": str,
            "role": str,  # sender | recipient | copied | mentioned
            "name_text": str,  # the name as written
            "role_text": str,  # the job title as written
            "organisation_text": str,
            "organisation_id": str,
            "source": str,  # the signal: fromto | title | salutation | signature | copy | ...
        },
        "pk": ("document_id", "party_id", "role"),
        "foreign_keys": [("document_id", "documents", "id"), ("party_id", "parties", "id")],
    },
    "dates": {
        "columns": {
            "id": int,
            "document_id": int,
            "text": str,
            "start": str,
            "end": str,
            "granularity": str,
            "paragraph": int,
            "page": int,
            "char_start": int,
            "char_end": int,
        },
        "pk": "id",
        "foreign_keys": [("document_id", "documents", "id")],
    },
    "commitments": {
        "columns": {
            "id": str,
            "document_id": int,
            "kind": str,  # commitment | expectation | request | recommendation
            "actor": str,  # party id of the party bound
            "actor_name": str,
            "quote": str,
            "paragraph": int,
            "page": int,
            "due_text": str,
            "due_start": str,
            "due_end": str,
            "status": str,  # open | in_progress | met | restated | overdue (archive/derive/followup.py)
            "status_date": str,
            "status_evidence_id": int,
            "made_on": str,  # the document's date
            "thread_id": str,
            "char_start": int,  # the quote's offsets within the paragraph (null for rows built before spans);
            "char_end": int,  # last in the table, as columns added later are (positional fixture inserts)
        },
        "pk": "id",
        "foreign_keys": [("document_id", "documents", "id"), ("actor", "parties", "id")],
    },
    "commitment_events": {
        "columns": {
            "id": int,
            "commitment_id": str,
            "date": str,
            "status": str,
            "evidence_document_id": int,
            "evidence_quote": str,
            "due_start": str,
            "due_end": str,
            "note": str,
        },
        "pk": "id",
        "foreign_keys": [("commitment_id", "commitments", "id")],
    },
    "links": {
        "columns": {
            "id": int,
            "from_document_id": int,
            "to_document_id": int,  # null when the target is not archived
            "to_url": str,
            "kind": str,  # related | attachment | reply_to | follows_up | cites | chapter | inline
            "label": str,
            "label_date": str,
            "evidence": str,  # why the link exists (a quote, a Related Links label, a rule name)
        },
        "pk": "id",
        "foreign_keys": [("from_document_id", "documents", "id"), ("to_document_id", "documents", "id")],
    },
    "threads": {
        "columns": {
            "id": str,
            "title": str,
            "first_date": str,
            "last_date": str,
            "document_count": int,
            "letter_count": int,  # letters in the thread (document_count adds their attachments)
            "parties": str,  # JSON list of the senders' and recipients' names (archive/derive/threads.py)
            "hosts": str,  # JSON list of the hosts the thread's documents live on
        },
        "pk": "id",
    },
    # One row per event, for the publishing layer's timeline (archive/derive/timeline.py). kind: letter_sent |
    # report_published | commitment_made | commitment_due | in_progress | restated | met | overdue
    "timeline": {
        "columns": {
            "id": str,  # stable: <kind>:<document or commitment id>[:<n>]
            "date": str,
            "kind": str,
            "document_id": int,  # the letter or report; for a status change, the evidence document
            "thread_id": str,
            "commitment_id": str,
            "status": str,  # the commitment's latest status (for filters); null for letters and reports
            "title": str,
            "summary": str,
            "url": str,
            "doc_type": str,
            "sender_ids": str,  # JSON lists of party ids and names
            "sender_names": str,
            "recipient_ids": str,
            "recipient_names": str,
            "actor": str,  # the party bound by the commitment
            "actor_name": str,
            "due_start": str,
            "due_end": str,
            "year": int,
            "month": str,  # YYYY-MM
        },
        "pk": "id",
        "foreign_keys": [("document_id", "documents", "id"), ("commitment_id", "commitments", "id")],
    },
    "timeline_parties": {  # who each timeline event involves (persons and their organisations), for filters
        "columns": {"timeline_id": str, "party_id": str, "role": str},  # role: sender | recipient | actor
        "pk": ("timeline_id", "party_id", "role"),
        "foreign_keys": [("timeline_id", "timeline", "id")],
    },
    # The reading room's organisation pages (archive/derive/reading_room.py): counts precomputed at build time.
    "organisation_summary": {
        "columns": {
            "id": str,  # org:<slug> (or unresolved:organisation:<slug>)
            "slug": str,  # /organisations/<slug>: the id without "org:" (unresolved-<x> for unresolved ones)
            "name": str,
            "abbreviation": str,
            "resolved": int,
            "letters": int,  # documents it sent, received or was copied into
            "commitments": int,  # commitments binding it or its people
            "open": int,
            "in_progress": int,
            "met": int,
            "restated": int,
            "overdue": int,
            "first_date": str,
            "last_date": str,
        },
        "pk": "id",
    },
    "organisation_years": {
        "columns": {"organisation_id": str, "year": int, "letters": int, "commitments_made": int,
                    "commitments_due": int},
        "pk": ("organisation_id", "year"),
    },
    "organisation_commitments": {  # one page of an organisation's commitment cards is an index range scan
        "columns": {"organisation_id": str, "commitment_id": str, "rank": int, "sort_due": str, "status": str,
                    "kind": str, "year": int},
        "pk": ("organisation_id", "commitment_id"),
    },
    "captures": {
        "columns": {
            "id": int,
            "url": str,
            "fetched_at": str,
            "http_status": int,
            "sha256": str,
            "warc_file": str,
            "warc_offset": int,
            "warc_length": int,
            "record_type": str,  # response | revisit
            "content_type": str,
            "document_id": int,
            "part": int,
            "role": str,
        },
        "pk": "id",
        "foreign_keys": [("document_id", "documents", "id")],
    },
    "errors": {
        "columns": {
            "id": int,
            "url": str,
            "document_id": int,
            "stage": str,  # crawl | extract | build
            "error": str,
            "detail": str,
            "at": str,
            "run_id": str,
        },
        "pk": "id",
    },
    "runs": {
        "columns": {
            "id": str,
            "started": str,
            "finished": str,
            "status": str,  # running | ok | failed
            "mode": str,  # archive | refresh | full | extract
            "documents": int,
            "new_documents": int,
            "changed_documents": int,
            "withdrawn_documents": int,
            "new_commitments": int,
            "status_changes": int,
            "errors": int,
            "requests": int,
            "report": str,
            "per_source": str,  # JSON: documents seen per source, for the shrink guard
        },
        "pk": "id",
    },
    "archive_info": {
        "columns": {"key": str, "value": str},
        "pk": "key",
    },
}

INDEXES = [
    ("documents", ["date"]),
    ("documents", ["doc_type"]),
    ("documents", ["year"]),
    ("documents", ["thread_id"]),
    ("documents", ["first_captured"]),  # web: the Atom feed of new documents reads the newest first
    ("documents", ["source"]),  # web: the documents table's source facet (a full scan of 100,000 rows otherwise)
    ("document_parties", ["party_id"]),
    ("document_parties", ["organisation_id"]),  # web: everything between two organisations, feeds
    ("document_parties", ["organisation_id", "role", "document_id"]),  # web: the documents table's organisation facet and filter (covering)
    ("dates", ["document_id"]),
    ("commitments", ["document_id"]),
    ("commitments", ["actor"]),
    ("commitments", ["status"]),
    ("commitments", ["due_start"]),
    ("commitments", ["made_on"]),  # web: the Atom feed of new commitments reads the newest first
    ("links", ["from_document_id"]),
    ("links", ["to_document_id"]),
    ("captures", ["document_id"]),
    ("captures", ["url"]),
    ("commitment_events", ["commitment_id"]),
    ("commitment_events", ["date"]),  # web: the Atom feed of changed commitments reads the newest first
    ("timeline", ["date"]),
    ("timeline", ["kind", "date"]),
    ("timeline", ["thread_id", "date"]),
    ("timeline", ["commitment_id"]),
    ("timeline", ["document_id"]),
    ("timeline", ["status", "date"]),
    ("timeline", ["year"]),
    ("timeline_parties", ["party_id", "timeline_id"]),
    ("paragraphs", ["document_id"]),
    ("parties", ["organisation_id"]),  # web: an organisation's people, for its commitments
    ("organisation_summary", ["slug"]),
    ("organisation_commitments", ["organisation_id", "rank", "sort_due", "commitment_id"]),
    ("organisation_commitments", ["organisation_id", "kind", "year", "rank"]),
    ("document_parties", ["party_id", "role", "document_id"]),  # web: a person's letters, counted from the index
    ("commitments", ["actor", "made_on"]),  # web: an organisation's commitments, newest first
]

# Full-text search (FTS5). Ranked search of a very common word is costly; see web/ and metadata.yml.
FTS = {
    "documents": ["title", "text"],
    "commitments": ["quote", "actor_name", "due_text"],
}


def ensure_db_shape(db: sqlite_utils.Database) -> None:
    """Create every table, index and FTS table that is missing; add missing columns. Safe to run at any time."""
    for name, spec in TABLES.items():
        table = db[name]
        if not table.exists():
            table.create(
                spec["columns"],
                pk=spec["pk"],
                not_null=spec.get("not_null"),
                foreign_keys=spec.get("foreign_keys"),
            )
        else:
            existing = set(table.columns_dict)
            for column, column_type in spec["columns"].items():
                if column not in existing:
                    table.add_column(column, column_type)
    for table_name, columns in INDEXES:
        db[table_name].create_index(columns, if_not_exists=True)
    db["documents"].create_index(["url"], unique=True, if_not_exists=True)
    for table_name, columns in FTS.items():
        if not db[f"{table_name}_fts"].exists():
            db[table_name].enable_fts(columns, tokenize="porter", create_triggers=False)
    db["archive_info"].upsert({"key": "schema_version", "value": str(SCHEMA_VERSION)}, pk="key")


def rebuild_fts(db: sqlite_utils.Database) -> None:
    for table_name in FTS:
        db[table_name].rebuild_fts()


# Which rows of an FTS table belong to some documents (an incremental build reindexes those only).
FTS_ROWS_OF = {"documents": "id", "commitments": "document_id"}


def fts_rows(db: sqlite_utils.Database, ids) -> dict[str, list[tuple]]:
    """The indexed values (rowid, columns...) of these documents' rows, per FTS table, as the index holds them."""
    listed = ", ".join(str(int(i)) for i in ids) or "NULL"
    return {table: db.execute(f"SELECT rowid, {', '.join(f'[{c}]' for c in columns)} FROM [{table}] "
                              f"WHERE [{FTS_ROWS_OF[table]}] IN ({listed})").fetchall()
            for table, columns in FTS.items()}


def update_fts(db: sqlite_utils.Database, before: dict[str, list[tuple]], ids) -> None:
    """Reindex these documents' rows only: remove the entries `fts_rows` gave before they were rewritten (an
    external-content index forgets a row by its old values), then index their rows as they are now."""
    listed = ", ".join(str(int(i)) for i in ids) or "NULL"
    for table, columns in FTS.items():
        fts, names = f"{table}_fts", ", ".join(f"[{c}]" for c in columns)
        marks = ", ".join("?" for _ in columns)
        db.conn.executemany(f"INSERT INTO [{fts}] ([{fts}], rowid, {names}) VALUES ('delete', ?, {marks})",
                            before.get(table, []))
        db.execute(f"INSERT INTO [{fts}] (rowid, {names}) SELECT rowid, {names} FROM [{table}] "
                   f"WHERE [{FTS_ROWS_OF[table]}] IN ({listed})")
