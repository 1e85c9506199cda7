"""Search never fails (issue 13 item 2): what people type into the box becomes a valid FTS5 query.

`safe_fts` is checked on its own against a real FTS5 table (table-driven, invented phrasings), then through a real
Datasette: every awkward query answers 200, with results where the words exist, on the canned search queries
(HTML, .json, .csv), the table's `?_search=` and the commitments search; filters (organisation, type, dates) apply.
"""
from __future__ import annotations

import csv
import io
import random
import sqlite3

import pytest
import sqlite_utils

from bench.fixture_archive import make_fixture_archive
from archive.schema import rebuild_fts
from web.fts_query import NOTHING, safe_fts
from bench.datasette import running_datasette

# (typed, safe FTS5 query). Shapes seen in search logs of public archives: punctuation inside words, operators
# typed half-way, quotes left open, prefixes.
QUERIES = [
    ("Covid-19", '"Covid-19"'),
    ("data-linkage plans", '"data-linkage" "plans"'),
    ("ONS's plans", '"ONS\'s" "plans"'),
    ("2019/20", '"2019/20"'),
    ("R&D", '"R&D"'),
    ("data AND", '"data"'),
    ("OR data", '"data"'),
    ("NOT data", '"data"'),
    ("data AND OR linkage", '"data" OR "linkage"'),
    ('"data linkage', '"data linkage"'),
    ('"data linkage"', '"data linkage"'),
    ('say "data linkage" again', '"say" "data linkage" "again"'),
    ("data OR linkage", '"data" OR "linkage"'),
    ("data NOT linkage", '"data" NOT "linkage"'),
    ("data and or not", '"data" "and" "or" "not"'),  # lower case: words, as FTS5 reads them
    ("link*", '"link"*'),
    ('"data link"*', '"data link"*'),
    ("(data OR census) linkage", '("data" OR "census") AND "linkage"'),
    ("(data OR census", '("data" OR "census")'),
    ("data)", '"data"'),
    ("title:census", '"title:census"'),
    ("NEAR(data linkage)", '"NEAR" AND ("data" "linkage")'),
    ('it"s', '"it" "s"'),
    ("x*y", '"x*y"'),
    ("  spaced   out  ", '"spaced" "out"'),
    ("", None),
    ("   ", None),
    ('"', None),
    ("&", None),
    ("AND", None),
    ("OR NOT AND", None),
    ("()", None),
    ("***", None),
    ("- / ' &", None),
]


@pytest.mark.parametrize("typed,expected", QUERIES)
def test_safe_fts_reads_what_people_type(typed, expected):
    assert safe_fts(typed) == expected


def _fts5():
    conn = sqlite3.connect(":memory:")
    conn.execute("create virtual table t using fts5(title, text, tokenize='porter')")
    conn.execute("insert into t values ('On data linkage', 'Plans for Covid-19 data in 2019/20, R&D and the ONS''s census')")
    return conn


def test_every_safe_query_is_valid_fts5_even_for_random_typing():
    conn = _fts5()
    rng = random.Random(13)
    alphabet = list('abcdeORANDNOT "\'()*-/&:^+.,;!?\t') + ["OR", "AND", "NOT", "NEAR", "é", "\u0301", "½"]
    for typed, _ in QUERIES:
        conn.execute("select count(*) from t where t match ?", (safe_fts(typed) or NOTHING,))
    for _ in range(3000):
        typed = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24)))
        query = safe_fts(typed) or NOTHING
        conn.execute("select count(*) from t where t match ?", (query,))  # raises on a syntax error


def test_typed_words_find_the_text_they_name():
    conn = _fts5()
    for typed in ["Covid-19", "ONS's census", "2019/20", "R&D", "data-linkage", "data AND", '"data linkage',
                  "link*", "census NOT zebra", "zebra OR census"]:
        assert conn.execute("select count(*) from t where t match ?", (safe_fts(typed),)).fetchone()[0] == 1, typed
    assert conn.execute("select count(*) from t where t match ?", (safe_fts("census NOT data"),)).fetchone()[0] == 0


# Invented documents holding the awkward words, added to a generated archive.
EXTRA = [
    (900001, "letter", "2020-05-01", "Letter on Covid-19 dashboards",
     "We welcome the ONS's plans for the 2019/20 R&D estimates and for data-linkage across departments."),
    (900002, "report", "2021-07-09", "Review of data linkage",
     "A review of data linkage: the statistics on R&D spending and the Covid-19 infection survey."),
]
AWKWARD = ["Covid-19", "ONS's plans", "2019/20", "R&D", "data-linkage", "data AND", '"data linkage',
           '"data linkage"', "Covid-19 OR zebra", "linkage NOT zebra", "link*", "(R&D OR zebra) 2019/20"]
NOTHING_TO_FIND = ["", "   ", '"', "AND", "&", "OR NOT"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    db_path = make_fixture_archive(tmp_path_factory.mktemp("search") / "archive.db", n_documents=150, seed=3)
    db = sqlite_utils.Database(db_path)
    for doc_id, doc_type, date, title, text in EXTRA:
        db["documents"].insert({"id": doc_id, "url": f"https://example.org/invented/{doc_id}/", "title": title,
                                "doc_type": doc_type, "date": date, "year": int(date[:4]), "text": text,
                                "first_captured": date + "T00:00:00Z"})
    db["document_parties"].insert({"document_id": 900001, "party_id": "org:ons", "role": "recipient",
                                   "organisation_id": "org:ons", "name_text": "ONS"})
    rebuild_fts(db)
    db.close()
    conn = sqlite3.connect(db_path)
    with running_datasette(db_path) as server:
        yield server, conn
    conn.close()


@pytest.mark.parametrize("typed", AWKWARD)
def test_awkward_queries_answer_with_the_documents_holding_the_words(site, typed):
    server, _ = site
    ids = {r["id"] for r in server.rows("search", q=typed)}
    assert ids & {900001, 900002}, typed
    ranked = {r["id"] for r in server.rows("search_ranked", q=typed)}
    assert ranked & {900001, 900002}, typed
    table = {r["id"] for r in server.json("/archive/documents.json", _search=typed, _shape="array", _size="max")}
    assert table & {900001, 900002}, typed
    status, _headers, body = server.get("/archive/search", q=typed)
    assert status == 200 and (b"Letter on Covid-19 dashboards" in body or b"Review of data linkage" in body)


def test_operators_keep_their_meaning(site):
    server, _ = site
    assert {r["id"] for r in server.rows("search", q='"data linkage" NOT dashboards')} >= {900002}
    assert 900001 not in {r["id"] for r in server.rows("search", q='linkage NOT dashboards')}
    both = {r["id"] for r in server.rows("search", q="dashboards OR survey")}
    assert {900001, 900002} <= both
    assert not server.rows("search", q='"Covid-19 dashboards spending"')


@pytest.mark.parametrize("typed", NOTHING_TO_FIND)
def test_an_empty_box_shows_the_form_and_the_newest_documents(site, typed):
    server, conn = site
    rows = server.rows("search", q=typed)
    newest = [r[0] for r in conn.execute("select id from documents where date is not null"
                                         " order by date desc, id desc limit 100")]
    assert [r["id"] for r in rows] == newest
    status, _headers, body = server.get("/archive/search", q=typed)
    assert status == 200 and b'name="q"' in body and b"newest documents" in body
    assert server.rows("search_ranked", q=typed) == [] and server.rows("search_commitments", q=typed) == []


def test_home_page_search_link_answers(site):
    server, _ = site
    status, _headers, body = server.get("/archive/search")
    assert status == 200 and b"fts5" not in body


def test_filters_organisation_type_and_dates(site):
    server, _ = site
    for org in ("org:ons", "ons", "ONS", "Office for National Statistics"):
        assert 900001 in {r["id"] for r in server.rows("search", q="Covid-19", org=org)}, org
    assert 900001 not in {r["id"] for r in server.rows("search", q="Covid-19", org="org:no-such-body")}
    assert {r["doc_type"] for r in server.rows("search", q="Covid-19", type="report")} == {"report"}
    dated = server.rows("search", q="Covid-19", **{"from": "2021-01-01", "to": "2021-12-31"})
    assert {r["id"] for r in dated} >= {900002} and all("2021-01-01" <= r["date"] <= "2021-12-31" for r in dated)
    assert 900001 in {r["id"] for r in server.rows("search_ranked", q="R&D", org="ons")}
    assert 900002 not in {r["id"] for r in server.rows("search_ranked", q="R&D", org="ons")}


def test_csv_and_commitments_search(site):
    server, conn = site
    body = server.text("/archive/search.csv", q="ONS's plans")
    assert "900001" in [row["id"] for row in csv.DictReader(io.StringIO(body))]
    word = conn.execute("select actor_name from commitments where actor_name like '% %' limit 1").fetchone()[0]
    typed = word.split()[0] + "-" + word.split()[1]  # punctuation glued between the words
    assert server.rows("search_commitments", q=typed)


def test_prefix_query_answers_with_a_note(site):
    server, _ = site
    rows = server.rows("search", q="s*")
    assert 0 < len(rows) <= 100 and all(r["snippet"] for r in rows)
    status, _headers, body = server.get("/archive/search", q="s*")
    assert status == 200 and b"prefix" in body and b"more of the word" in body
