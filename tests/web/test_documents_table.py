"""The documents table's organisation facet (web/plugins/org_facet.py): one count per resolved organisation,
labelled with the register's name, equal to the database's; clicking it filters the table to those documents."""
from __future__ import annotations

import sqlite3
import urllib.parse

import pytest

from bench.fixture_archive import make_fixture_archive
from bench.datasette import running_datasette

COUNTS = """select organisation_id, count(distinct document_id) from document_parties
where organisation_id is not null and role in ('sender', 'recipient', 'copied') group by 1"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    db_path = make_fixture_archive(tmp_path_factory.mktemp("doctable") / "archive.db", n_documents=150, seed=11)
    conn = sqlite3.connect(db_path)
    with running_datasette(db_path) as server:
        yield server, conn
    conn.close()


def facet(server, **params):
    data = server.json("/archive/documents.json", _size="1", **params)
    return data, data["facet_results"]["organisation"]


def test_organisation_facet_counts_resolved_organisations(site):
    server, conn = site
    data, org_facet = facet(server)
    expected = dict(conn.execute(COUNTS))
    names = dict(conn.execute("select id, name from parties"))
    shown = {r["value"]: r for r in org_facet["results"]}
    assert {v: r["count"] for v, r in shown.items()} == expected
    assert all(r["label"] == names[v] for v, r in shown.items())
    assert len({r["label"] for r in org_facet["results"]}) == len(shown)  # one line per organisation
    counts = [r["count"] for r in org_facet["results"]]
    assert counts == sorted(counts, reverse=True)
    assert {"doc_type", "year", "source"} <= set(data["facet_results"])


def test_clicking_an_organisation_filters_the_table(site):
    server, conn = site
    _, org_facet = facet(server)
    pick = org_facet["results"][1]
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(pick["toggle_url"]).query)
    assert query["_organisation"] == [pick["value"]]
    rows = server.json("/archive/documents.json", _organisation=pick["value"], _shape="array", _size="max")
    expected = {r[0] for r in conn.execute(
        "select document_id from document_parties where organisation_id = ? and role in ('sender', 'recipient',"
        " 'copied')", (pick["value"],))}
    assert {r["id"] for r in rows} == expected and len(rows) == pick["count"]
    _, filtered = facet(server, _organisation=pick["value"])
    selected = [r for r in filtered["results"] if r["selected"]]
    assert [r["value"] for r in selected] == [pick["value"]] and selected[0]["count"] == pick["count"]
    letters = facet(server, doc_type="letter")[1]["results"]
    expected_letters = dict(conn.execute(
        "select organisation_id, count(distinct dp.document_id) from document_parties dp join documents d"
        " on d.id = dp.document_id where d.doc_type = 'letter' and organisation_id is not null and role in"
        " ('sender', 'recipient', 'copied') group by 1"))
    assert {r["value"]: r["count"] for r in letters} == expected_letters
    status, _headers, body = server.get("/archive/documents", _organisation=pick["value"])
    assert status == 200 and pick["label"].encode() in body
