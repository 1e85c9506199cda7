"""archive/load.py: each table's rows built and loaded on its own, on `:memory:` databases shaped by the schema."""
from __future__ import annotations

import sqlite_utils

from archive import load
from archive.schema import ensure_db_shape
from captures.groups import CaptureRef, DocumentGroup
from extract.records import Commitment, DateMention, Extraction, LinkRef, Paragraph, PartyMention

URL = "https://osr.statisticsauthority.gov.uk/correspondence/a-to-b/"
PDF = "https://osr.statisticsauthority.gov.uk/wp-content/uploads/letter.pdf"


def memory_db() -> sqlite_utils.Database:
    db = sqlite_utils.Database(memory=True)
    ensure_db_shape(db)
    return db


def capture(n: int, sha: str) -> CaptureRef:
    return CaptureRef(id=n, url=URL, fetched_at=f"2024-01-0{n}T00:00:00Z", http_status=200, sha256=sha,
                      warc_file="a.warc.gz", warc_offset=0, content_type="text/html", record_type="response")


def group(**kw) -> DocumentGroup:
    versions = [capture(1, "aa"), capture(2, "bb")]
    return DocumentGroup(**{"id": 7, "url": URL, "role": "document", "parent_url": None, "versions": versions,
                            "captures": versions, "aliases": [(URL.rstrip("/"), "slash")],
                            "hints": {"fromto": "From A to B"}, **kw})


def test_documents_row_says_who_wrote_to_whom_and_where_it_came_from():
    db = memory_db()
    result = Extraction(title="A to B", date="2024-03-05", doc_type="letter", language="en",
                        paragraphs=[Paragraph("Dear B,"), Paragraph("Links", section="related")],
                        senders=[PartyMention(name="Ann Able", organisation="Office for Statistics Regulation")],
                        recipients=[PartyMention(organisation="Office for National Statistics")])
    load.load_documents(db, [load.document_row(group(), result, title="A to B", doc_type="letter", source="osr",
                                               parent_id=None)])
    row = db["documents"].get(7)
    assert (row["year"], row["version"], row["capture_id"], row["sha256"]) == (2024, 2, 2, "bb")
    assert row["sender"] == "Ann Able, Office for Statistics Regulation"
    assert row["text"] == "Dear B,"  # the related-links block is not the letter's text
    assert row["organisations"] == '["Office for Statistics Regulation", "Office for National Statistics"]'
    assert (row["first_captured"], row["last_captured"]) == ("2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z")


def test_paragraphs_versions_and_aliases_each_load_alone():
    db = memory_db()
    load.load_paragraphs(db, load.paragraph_rows(7, [Paragraph("One"), Paragraph("Two", page=2)]))
    load.load_document_versions(db, load.document_version_rows(group(), [Extraction(title="old"), None]))
    load.load_aliases(db, load.alias_rows(group()))
    assert [(r["n"], r["text"], r["page"]) for r in db["paragraphs"].rows] == [(0, "One", None), (1, "Two", 2)]
    assert [(r["version"], r["title"]) for r in db["document_versions"].rows] == [(1, "old"), (2, None)]
    assert [(r["url"], r["document_id"]) for r in db["aliases"].rows] == [(URL.rstrip("/"), 7)]


def test_commitments_keep_their_span_and_a_person_actor():
    """The build writes char_start/char_end; 'you' in a letter to a member of the public is that person's party;
    an actor named but not resolved becomes an unresolved organisation."""
    db = memory_db()
    unresolved = load.UnresolvedParties()
    result = Extraction(date="2024-03-05", parties=[PartyMention(name="Sam Member", relation="recipient")],
                        commitments=[
        Commitment("recommendation", "Sam Member", "We would encourage you to respond.", paragraph=2,
                   char_start=10, char_end=44),
        Commitment("commitment", "Office for Statistics Regulation", "We will review it.", actor_id="org:osr",
                   paragraph=3, char_start=0, char_end=18,
                   due=DateMention("by June 2024", "2024-06-01", "2024-06-30", "month")),
        Commitment("request", "Some Review Board", "The board should publish.", paragraph=4)])
    load.load_commitments(db, load.commitment_rows(7, result, unresolved))
    rows = list(db.query("SELECT * FROM commitments ORDER BY id"))
    assert [r["id"] for r in rows] == ["c7-1", "c7-2", "c7-3"]
    assert [(r["char_start"], r["char_end"]) for r in rows] == [(10, 44), (0, 18), (None, None)]
    assert [r["actor"] for r in rows] == ["unresolved:person:sam-member", "org:osr",
                                          "unresolved:organisation:some-review-board"]
    assert (rows[1]["due_start"], rows[1]["due_end"], rows[1]["made_on"]) == ("2024-06-01", "2024-06-30", "2024-03-05")
    assert set(unresolved.rows) == {"unresolved:person:sam-member", "unresolved:organisation:some-review-board"}


def test_links_each_target_once_and_an_attachment_is_linked_from_its_page():
    db = memory_db()
    page = group()
    rows = load.link_rows(page, [LinkRef(PDF, "Download the letter", kind="attachment"),
                                 LinkRef(PDF, "again", kind="attachment"), LinkRef(URL, "itself")],
                          resolve=lambda url: None)
    pdf = DocumentGroup(id=9, url=PDF, role="attachment", parent_url=URL)
    load.attach(rows, 7, pdf)
    orphan = DocumentGroup(id=10, url=PDF.replace("letter", "annex"), role="attachment", parent_url=URL)
    load.attach(rows, 7, orphan)
    load.load_links(db, rows)
    got = [(r["from_document_id"], r["to_document_id"], r["label"], r["evidence"]) for r in db["links"].rows]
    assert got == [(7, 9, "Download the letter", "link in page"),
                   (7, 10, None, "fetched as an attachment of the page")]


def test_parties_dates_captures_and_errors_load_alone():
    db = memory_db()
    unresolved = load.UnresolvedParties()
    mentions = [PartyMention(organisation="Office for National Statistics", party_id="org:ons", relation="recipient"),
                PartyMention(organisation="Office for National Statistics", party_id="org:ons", relation="recipient"),
                PartyMention(name="Pat Unknown", relation="sender")]
    load.load_document_parties(db, load.document_party_rows(7, mentions, unresolved))
    load.load_dates(db, load.date_rows(7, [DateMention("March 2024", "2024-03-01", "2024-03-31", "month",
                                                       paragraph=1, char_start=4, char_end=14)]))
    captures = [{"id": 1, "url": URL, "fetched_at": "t", "http_status": 200, "sha256": "aa", "warc_file": "w",
                 "warc_offset": 0, "warc_length": 10, "record_type": "response", "content_type": "text/html",
                 "document_url": URL, "part": 0, "role": "document"}]
    load.load_captures(db, load.capture_rows(captures, {URL: 7}))
    fetch_errors = [{"url": PDF, "error": "http_500", "detail": "server error", "at": "t", "run_id": "r"}]
    load.load_errors(db, load.error_rows(fetch_errors, [{"id": 7, "url": URL, "error": "timeout", "detail": "30 s"}],
                                         {URL: 7}, "now"))
    assert [(r["party_id"], r["role"]) for r in db["document_parties"].rows] == [
        ("org:ons", "recipient"), ("unresolved:person:pat-unknown", "sender")]
    assert [(r["start"], r["char_start"]) for r in db["dates"].rows] == [("2024-03-01", 4)]
    assert [(r["id"], r["document_id"]) for r in db["captures"].rows] == [(1, 7)]
    assert [(r["stage"], r["error"], r["document_id"]) for r in db["errors"].rows] == [
        ("crawl", "http_500", None), ("extract", "timeout", 7)]
