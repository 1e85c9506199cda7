"""captures/warcstore.py: WARC records written durably, read back by offset, and the index rebuilt from them."""
import sqlite3

from warcio.archiveiterator import ArchiveIterator

from captures import capturedb
from captures.warcstore import WarcWriter, read_payload, rebuild_capture_index, sha256_hex

URL = "https://osr.statisticsauthority.gov.uk/correspondence/a-letter/"
HEADERS = [("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "gzip"), ("Content-Length", "7"),
           ("ETag", '"abc"')]


def write_two_runs(data):
    w1 = WarcWriter(data, "20260101T000000Z-aaaaaa")
    first = w1.write_response(URL, 200, HEADERS, b"<p>version one</p>", request_headers=[("User-Agent", "t")],
                              meta={"role": "document", "document_url": URL})
    w1.close()
    w2 = WarcWriter(data, "20260102T000000Z-bbbbbb")
    revisit = w2.write_revisit(URL, 200, HEADERS, first.sha256, refers_to_uri=URL,
                               refers_to_date="2026-01-01T00:00:00Z", meta={"role": "document", "document_url": URL})
    pdf = w2.write_response(URL + "annex.pdf", 200, [("Content-Type", "application/pdf")], b"%PDF-1.4 fake",
                            meta={"role": "attachment", "document_url": URL + "annex.pdf", "parent_url": URL})
    w2.close()
    return first, revisit, pdf


def test_records_are_valid_and_read_back_by_offset(tmp_path):
    first, revisit, pdf = write_two_runs(tmp_path)
    assert first.warc_file != revisit.warc_file and revisit.warc_file == pdf.warc_file
    assert first.sha256 == sha256_hex(b"<p>version one</p>") and revisit.record_type == "revisit"
    headers, body = read_payload(tmp_path, first.warc_file, first.offset)
    assert body == b"<p>version one</p>"
    names = {k.lower(): v for k, v in headers}
    assert "content-encoding" not in names and names["content-length"] == str(len(body))
    types = []
    with open(tmp_path / revisit.warc_file, "rb") as fh:
        for record in ArchiveIterator(fh, check_digests=True):
            record.content_stream().read()
            types.append(record.rec_type)
            if record.rec_type == "response":
                assert record.rec_headers.get_header("WARC-Payload-Digest").startswith("sha256:")
    assert types == ["warcinfo", "revisit", "request", "response", "request"]


def test_rebuild_index_from_warc_alone_and_revisit_resolves(tmp_path):
    first, revisit, pdf = write_two_runs(tmp_path)
    conn = capturedb.connect(tmp_path)
    with conn:
        doc_id = capturedb.document_id(conn, URL, "2026-01-01")
        conn.execute("INSERT INTO aliases VALUES ('https://x/old', ?, 'redirect', 'now')", (URL,))
    conn.close()
    assert rebuild_capture_index(tmp_path) == 3
    conn = sqlite3.connect(tmp_path / "captures.db")
    rows = conn.execute("SELECT url, document_url, role, parent_url, record_type, sha256, warc_file, warc_offset,"
                        " warc_length, etag, run_id FROM captures ORDER BY id").fetchall()
    assert [(r[2], r[4]) for r in rows] == [("document", "response"), ("document", "revisit"), ("attachment", "response")]
    assert rows[0][5] == rows[1][5] == first.sha256
    assert (rows[0][6], rows[0][7], rows[0][8]) == (first.warc_file, first.offset, first.length)
    assert rows[2][3] == URL and rows[0][9] == '"abc"' and rows[1][10] == "20260102T000000Z-bbbbbb"
    assert conn.execute("SELECT id FROM doc_ids WHERE url = ?", (URL,)).fetchone()[0] == doc_id
    assert conn.execute("SELECT count(*) FROM aliases").fetchone()[0] == 1
    # a revisit record is resolved to the payload it repeats
    assert read_payload(tmp_path, revisit.warc_file, revisit.offset)[1] == b"<p>version one</p>"
    # idempotent
    assert rebuild_capture_index(tmp_path) == 3
    assert conn.execute("SELECT count(*) FROM captures").fetchone()[0] == 3


def test_partial_trailing_record_is_tolerated(tmp_path):
    first, revisit, pdf = write_two_runs(tmp_path)
    w = WarcWriter(tmp_path, "20260103T000000Z-cccccc")
    good = w.write_response(URL, 200, HEADERS, b"<p>version two</p>" * 50, meta={"role": "document"})
    cut = w.write_response(URL + "x/", 200, HEADERS, b"<p>lost</p>" * 500, meta={"role": "document"})
    w.close()
    path = tmp_path / good.warc_file
    path.write_bytes(path.read_bytes()[: cut.offset + cut.length // 2])   # as if killed mid-write
    assert read_payload(tmp_path, good.warc_file, good.offset)[1] == b"<p>version two</p>" * 50
    assert rebuild_capture_index(tmp_path) == 4


def test_a_new_file_per_writer_never_overwrites(tmp_path):
    w = WarcWriter(tmp_path, "20260101T000000Z-same")
    a = w.write_response(URL, 200, HEADERS, b"a")
    w.close()
    before = (tmp_path / a.warc_file).read_bytes()
    w2 = WarcWriter(tmp_path, "20260101T000000Z-same")
    b = w2.write_response(URL, 200, HEADERS, b"b")
    w2.close()
    assert a.warc_file != b.warc_file and (tmp_path / a.warc_file).read_bytes() == before
