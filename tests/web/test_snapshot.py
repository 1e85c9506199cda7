"""Bulk data (issue 13 item 8): every publish writes a snapshot beside the served archive (a consistent SQLite
copy, one CSV per public table, a Frictionless datapackage.json), served at /snapshot/; a failed snapshot never
loses the publish, and an incomplete one is never served."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import sqlite3

import frictionless
import pytest

from bench.fixture_archive import make_fixture_archive
from archive.publish import publish
from archive.snapshot import current_snapshot, snapshot_link, write_snapshot
from bench.datasette import running_datasette

REQUIRED_PACKAGE = {"resources", "name", "licenses"}  # Data Package spec: resources required; name/licenses recommended


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    root = tmp_path_factory.mktemp("snapshot")
    staging = make_fixture_archive(root / "staging.db", n_documents=120, seed=8)
    target = root / "archive.db"
    result = publish(staging, target)
    return target, result


def counts(db_path, tables):
    conn = sqlite3.connect(db_path)
    try:
        return {t: conn.execute(f"select count(*) from [{t}]").fetchone()[0] for t in tables}
    finally:
        conn.close()


def test_publish_writes_a_complete_consistent_snapshot(published):
    target, result = published
    assert result.snapshot_error is None and result.snapshot == current_snapshot(target)
    folder = result.snapshot
    package = json.loads((folder / "datapackage.json").read_text())
    assert REQUIRED_PACKAGE <= set(package)
    assert {lic["name"] for lic in package["licenses"]} >= {"OGL-UK-3.0"} and package["sources"]
    tables = [r["name"] for r in package["resources"] if r["path"].endswith(".csv")]
    assert {"documents", "parties", "document_parties", "dates", "commitments", "links", "captures"} <= set(tables)
    assert "paragraphs" not in tables  # hidden supporting tables stay in archive.db only
    expected = counts(target, tables)
    assert counts(folder / "archive.db", tables) == expected
    for resource in package["resources"]:
        data = (folder / resource["path"]).read_bytes()
        assert resource["bytes"] == len(data)
        assert resource["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
        if resource["path"].endswith(".csv"):
            rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
            assert rows[0] == [f["name"] for f in resource["schema"]["fields"]]
            assert len(rows) - 1 == expected[resource["name"]], resource["name"]
    doc_fields = {f["name"]: f for f in next(r for r in package["resources"] if r["name"] == "documents")["schema"]["fields"]}
    assert doc_fields["id"]["type"] == "integer" and doc_fields["title"]["type"] == "string"
    assert doc_fields["url"]["description"]


def test_datapackage_is_valid_for_frictionless(published):
    target, result = published
    report = frictionless.validate(str(result.snapshot / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])[:10]


def test_snapshot_is_served(published):
    target, result = published
    folder = result.snapshot
    with running_datasette(target) as server:
        package = server.json("/snapshot/datapackage.json")
        assert package == json.loads((folder / "datapackage.json").read_text())
        status, headers, body = server.get("/snapshot/archive.db")
        assert status == 200 and body == (folder / "archive.db").read_bytes() and body.startswith(b"SQLite format 3")
        status, headers, body = server.get("/snapshot/commitments.csv")
        assert status == 200 and headers["content-type"].startswith("text/csv")
        assert body == (folder / "commitments.csv").read_bytes()
        page = server.text("/snapshot/")
        assert "datapackage.json" in page and "commitments.csv" in page and "Open Government Licence" in page
        for name in ("paragraphs.csv", "nothing.csv", "..%2Farchive.db", "staging.db"):
            assert server.get(f"/snapshot/{name}")[0] == 404, name


def test_a_failed_snapshot_keeps_the_publish_and_the_previous_snapshot(tmp_path):
    staging_a = make_fixture_archive(tmp_path / "a.db", n_documents=40, seed=1)
    staging_b = make_fixture_archive(tmp_path / "b.db", n_documents=60, seed=2)
    target = tmp_path / "archive.db"
    first = publish(staging_a, target)
    assert first.snapshot_error is None
    # The switch to the new snapshot cannot be made: a folder stands where the new link is prepared (as a
    # full disk or a broken mount would fail it; works the same when the tests run as root).
    blocker = tmp_path / f".archive-snapshot.{os.getpid()}.tmp"
    blocker.mkdir()
    (blocker / "keep").write_text("x")
    second = publish(staging_b, target)
    assert second.snapshot_error and "Error" in second.snapshot_error
    assert counts(target, ["documents"])["documents"] == 60  # the publish stands
    assert current_snapshot(target) == first.snapshot
    assert counts(first.snapshot / "archive.db", ["documents"])["documents"] == 40


def test_an_interrupted_snapshot_is_never_served_and_is_cleaned_up(tmp_path):
    target = tmp_path / "archive.db"
    publish(make_fixture_archive(tmp_path / "a.db", n_documents=30, seed=4), target)
    good = current_snapshot(target)
    # What a run killed half-way leaves: a partial folder with some files and no descriptor.
    partial = tmp_path / ".archive-snapshots" / "20990101T000000Z-1.partial"
    partial.mkdir()
    (partial / "documents.csv").write_text("id,title\n1,half")
    assert current_snapshot(target) == good and snapshot_link(target).resolve() == good
    with running_datasette(target) as server:
        status, _headers, served = server.get("/snapshot/documents.csv")
        assert status == 200 and served == (good / "documents.csv").read_bytes() and b"half" not in served
    newer = write_snapshot(target)
    assert current_snapshot(target) == newer.path and not partial.exists() and not good.exists()
